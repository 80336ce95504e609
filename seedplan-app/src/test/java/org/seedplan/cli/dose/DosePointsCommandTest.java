package org.seedplan.cli.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;

/** The point-dose check against the TG-43 reference values of reference/tg43 (§8, §9). */
class DosePointsCommandTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void printsExactDoseRateAndTotalDoseForOneUnitSeed() throws IOException {
        Path seeds = file("seeds.csv", "x_mm,y_mm,z_mm,dx,dy,dz,sk_U\n0,0,0,0,0,1,1.0\n");
        Path points = file("points.csv", "x_mm,y_mm,z_mm\n10,0,0\n0,0,10\n0,20,0\n");
        CliRun r = CliRun.of("dose-points", "--seeds", seeds.toString(), "--points", points.toString(), "--days", "30");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines[0]).isEqualTo("x_mm,y_mm,z_mm,dose_rate_cGy_per_h,total_dose_Gy,dose_Gy_first_30_days");
        String[] transverse = lines[1].split(",");
        // (1 cm, 90°): exactly Λ = 0.965 cGy/h per U; total Λ·τ = 1984.7 cGy (README §8, given to 0.1 cGy)
        assertThat(Double.parseDouble(transverse[3])).isEqualTo(0.965);
        assertThat(Double.parseDouble(transverse[4])).isCloseTo(19.847, within(0.0005));
        double tau = 59.40 * 24 / Math.log(2);
        assertThat(Double.parseDouble(transverse[5])).isCloseTo(0.965 * tau * (1 - Math.exp(-30 * 24 / tau)) / 100, withinPercentage(1e-7));
        // on the axis at 1 cm: 0.3680 cGy/h; 2 cm transverse: 0.1975 (README §9, 4 figures → 0.1 %)
        assertThat(Double.parseDouble(lines[2].split(",")[3])).isCloseTo(0.3680, withinPercentage(0.1));
        assertThat(Double.parseDouble(lines[3].split(",")[3])).isCloseTo(0.1975, withinPercentage(0.1));
    }

    @Test
    void pointSourceModelAndOtherSourceAreHonoured() throws IOException {
        Path seeds = file("seeds.csv", "x_mm,y_mm,z_mm,dx,dy,dz,sk_U\n0,0,0,0,0,1,2.0\n");
        Path points = file("points.csv", "x_mm,y_mm,z_mm\n10,0,0\n");
        CliRun r = CliRun.of("dose-points", "--seeds", seeds.toString(), "--points", points.toString(), "--model", "point",
                "--source", "amersham6702");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 6702 point source at 1 cm: S_K Λ φan(1) = 2 × 1.036 × 0.960
        assertThat(Double.parseDouble(r.out().strip().split("\n")[1].split(",")[3])).isCloseTo(2 * 1.036 * 0.960, within(1e-9));
    }

    @Test
    void warnsWhenPointsLieBeyondTheTables() throws IOException {
        Path seeds = file("seeds.csv", "x_mm,y_mm,z_mm,dx,dy,dz,sk_U\n0,0,0,0,0,1,1.0\n");
        Path points = file("points.csv", "x_mm,y_mm,z_mm\n120,0,0\n");
        CliRun r = CliRun.of("dose-points", "--seeds", seeds.toString(), "--points", points.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("warning").contains("outside the amersham6711 tables");
    }

    @Test
    void refusesBadInputWithOneLineNamingTheProblem() throws IOException {
        Path points = file("points.csv", "x_mm,y_mm,z_mm\n10,0,0\n");
        Path missing = file("missing.csv", "x_mm,y_mm,z_mm,dx,dy,dz\n0,0,0,0,0,1\n");
        CliRun r = CliRun.of("dose-points", "--seeds", missing.toString(), "--points", points.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("missing.csv").contains("missing column sk_U");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();

        Path negative = file("negative.csv", "x_mm,y_mm,z_mm,dx,dy,dz,sk_U\n0,0,0,0,0,1,-0.5\n");
        r = CliRun.of("dose-points", "--seeds", negative.toString(), "--points", points.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("row 2, column sk_U").contains("positive");

        Path ok = file("ok.csv", "x_mm,y_mm,z_mm,dx,dy,dz,sk_U\n0,0,0,0,0,1,0.5\n");
        r = CliRun.of("dose-points", "--seeds", ok.toString(), "--points", points.toString(), "--source", "nosuchseed");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown source model 'nosuchseed'");

        r = CliRun.of("dose-points", "--seeds", ok.toString(), "--points", dir.resolve("nope.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.csv").contains("not found");
    }

    @Test
    void userSourceDirectoryAddsAModel() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("mysource"));
        Files.writeString(lib.resolve("seeds.csv"), "seed_key,nuclide,manufacturer_model,dose_rate_constant_cGy_per_h_per_U,"
                + "effective_length_L_cm,half_life_d,gL_file,F_file,phian_file\n"
                + "myseed,I-125,Test seed,1.000,0.30,59.6,g.csv,f.csv,phi.csv\n");
        Files.writeString(lib.resolve("g.csv"), "r_cm,gL,gP\n0.5,1.0,1.0\n1,1,1\n5,0.5,0.5\n");
        Files.writeString(lib.resolve("f.csv"), "r_cm,theta_deg,F\n1,0,0.5\n1,90,1\n");
        Files.writeString(lib.resolve("phi.csv"), "r_cm,phi_an\n1,0.95\n");
        Path seeds = file("seeds.csv", "x_mm,y_mm,z_mm,dx,dy,dz,sk_U\n0,0,0,0,0,1,1\n");
        Path points = file("points.csv", "x_mm,y_mm,z_mm\n10,0,0\n");
        CliRun r = CliRun.of("dose-points", "--seeds", seeds.toString(), "--points", points.toString(), "--source", "myseed",
                "--source-dir", lib.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] row = r.out().strip().split("\n")[1].split(",");
        assertThat(Double.parseDouble(row[3])).isEqualTo(1.0);
        // the model's own half-life (59.6 d) is used: total = 1 cGy/h × 59.6·24/ln2 h / 100
        assertThat(Double.parseDouble(row[4])).isCloseTo(59.6 * 24 / Math.log(2) / 100, withinPercentage(1e-7));
    }
}

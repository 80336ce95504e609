package org.seedplan.dose.tissue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuDensityCurveTest {

    @TempDir
    Path dir;

    @Test
    void defaultCurveGivesTheIcru46DensitiesAtTheirCtNumbers() {
        HuDensityCurve c = HuDensityCurve.standard();
        // ICRU 46 / ICRP 110 nominal densities (g/cm³), exact at the curve's points
        assertThat(c.densityGPerCm3(-1000)).isEqualTo(0.00121);
        assertThat(c.densityGPerCm3(-741)).isEqualTo(0.26);
        assertThat(c.densityGPerCm3(-98)).isEqualTo(0.95);
        assertThat(c.densityGPerCm3(0)).isEqualTo(1.00);
        assertThat(c.densityGPerCm3(60)).isEqualTo(1.06);
        assertThat(c.densityGPerCm3(1300)).isEqualTo(1.92);
    }

    @Test
    void interpolatesLinearlyAndHoldsTheEndValuesBeyondTheCurve() {
        HuDensityCurve c = HuDensityCurve.standard();
        assertThat(c.densityGPerCm3(30)).isCloseTo(1.03, within(1e-12));
        assertThat(c.densityGPerCm3(-49)).isCloseTo(0.975, within(1e-12));
        assertThat(c.densityGPerCm3(-3024)).isEqualTo(0.00121);
        assertThat(c.densityGPerCm3(30000)).isEqualTo(3.15);
    }

    @Test
    void readsTheUsersCurve() throws IOException {
        Path csv = write("hu,density_g_per_cm3\n-1000,0.001\n0,1.0\n1000,1.6\n");
        HuDensityCurve c = HuDensityCurve.read(csv);
        assertThat(c.densityGPerCm3(500)).isCloseTo(1.3, within(1e-12));
        assertThat(c.source()).isEqualTo(csv.toString());
    }

    @Test
    void refusesCtNumbersThatDoNotIncreaseNamingFileAndRow() throws IOException {
        Path csv = write("hu,density_g_per_cm3\n-1000,0.001\n100,1.1\n0,1.0\n");
        assertThatThrownBy(() -> HuDensityCurve.read(csv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(csv + " row 4: hu 0 does not increase")
                .hasMessageContaining("sort the rows by increasing HU");
    }

    @Test
    void refusesANonPositiveDensity() throws IOException {
        Path csv = write("hu,density_g_per_cm3\n-1000,0\n0,1.0\n");
        assertThatThrownBy(() -> HuDensityCurve.read(csv)).hasMessageStartingWith(csv + " row 2: density_g_per_cm3 0 is not positive");
    }

    @Test
    void refusesDensitiesInKilogramsPerCubicMetre() throws IOException {
        Path csv = write("hu,density_g_per_cm3\n-1000,1.2\n0,1000\n");
        assertThatThrownBy(() -> HuDensityCurve.read(csv)).hasMessageStartingWith(csv + " row 3:")
                .hasMessageContaining("give g/cm³, not kg/m³");
    }

    @Test
    void refusesADecreasingDensity() throws IOException {
        Path csv = write("hu,density_g_per_cm3\n-1000,0.001\n0,1.0\n100,0.9\n");
        assertThatThrownBy(() -> HuDensityCurve.read(csv)).hasMessageStartingWith(csv + " row 4:")
                .hasMessageContaining("never decreases");
    }

    @Test
    void refusesRawStoredValuesBelowAir() throws IOException {
        Path csv = write("hu,density_g_per_cm3\n-2048,0.001\n0,1.0\n");
        assertThatThrownBy(() -> HuDensityCurve.read(csv)).hasMessageContaining("rescale slope and intercept");
    }

    @Test
    void refusesAFileWithoutTheColumnsOrWithOnePoint() throws IOException {
        Path wrong = write("ct,rho\n0,1\n100,1.1\n");
        assertThatThrownBy(() -> HuDensityCurve.read(wrong)).hasMessageContaining("missing column").hasMessageContaining("hu");
        Path one = write("hu,density_g_per_cm3\n0,1.0\n");
        assertThatThrownBy(() -> HuDensityCurve.read(one)).hasMessageContaining("at least two rows");
    }

    private Path write(String text) throws IOException {
        Path p = Files.createTempFile(dir, "curve", ".csv");
        Files.writeString(p, text);
        return p;
    }
}

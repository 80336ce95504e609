package org.seedplan.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;

/** The demo and the evaluate command end to end, in the documented JSON shape. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoJsonHasTheDocumentedMetricsShape() throws Exception {
        CliRun r = CliRun.of("demo", "--json", "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(r.out()).get("plan");
        assertThat(plan.get("prescription_gy").asDouble()).isEqualTo(120.0);
        JsonNode gtv = plan.get("structures").get(0);
        assertThat(gtv.get("name").asText()).isEqualTo("GTV");
        for (String key : new String[] {"type", "volume_cc", "dmin_gy", "dmean_gy", "dmax_gy", "d_pct_gy", "d_cc_gy", "v_pct", "hi",
                "ci_paddick", "coin", "ei"}) {
            assertThat(gtv.has(key)).as(key).isTrue();
        }
        for (String p : new String[] {"2", "5", "10", "50", "90", "95", "98", "100"}) {
            assertThat(gtv.get("d_pct_gy").has(p)).as("d_pct_gy " + p).isTrue();
        }
        assertThat(gtv.get("d_cc_gy").has("0.1")).isTrue();
        assertThat(gtv.get("v_pct").has("150")).isTrue();
        // the analytic GTV volume is 4/3·π·16·14·12 mm³ = 11.26 cc; contours on 2.5 mm slices: within 2 %
        assertThat(gtv.get("volume_cc").asDouble()).isBetween(11.26 * 0.98, 11.26 * 1.02);
        JsonNode ctv = plan.get("structures").get(4);
        assertThat(ctv.get("name").asText()).isEqualTo("CTV");
        assertThat(ctv.get("volume_cc").asDouble()).isGreaterThan(2 * gtv.get("volume_cc").asDouble());
        assertThat(Files.readString(dir.resolve("out/dvh.csv"))).startsWith("structure,dose_gy,volume_cc,volume_pct\nGTV,0.00,");
        assertThat(dir.resolve("out/case.json")).exists();

        // the written case evaluates to the same metrics
        CliRun again = CliRun.of("evaluate", "--case", dir.resolve("out/case.json").toString(), "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode gtv2 = new ObjectMapper().readTree(again.out()).get("plan").get("structures").get(0);
        assertThat(gtv2.get("d_pct_gy").get("90").asDouble()).isCloseTo(gtv.get("d_pct_gy").get("90").asDouble(),
                org.assertj.core.api.Assertions.withinPercentage(0.01));
    }

    @Test
    void demoTableNamesTheStrengthAsGiven() {
        CliRun r = CliRun.of("demo");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("0.6 mCi given = 0.762 U").contains("GTV").contains("HI");
    }

    @Test
    void evaluateRefusesAnOpenContourAndAStructureOutsideTheGrid() throws Exception {
        String grid = "\"dose_grid\": {\"origin_mm\": [-20, -20, -5], \"spacing_mm\": [1, 1, 2.5], \"size\": [41, 41, 5]},"
                + " \"prescription_gy\": 120, \"seed_strength\": \"0.5 mCi\", \"seeds\": [{\"x_mm\": 0, \"y_mm\": 0, \"z_mm\": 0}],";
        Path open = dir.resolve("open.json");
        Files.writeString(open, "{" + grid + " \"structures\": [{\"name\": \"GTV\", \"type\": \"GTV\", \"contours\": [{\"z_mm\": 0,"
                + " \"geometric_type\": \"OPEN_PLANAR\", \"points_mm\": [[0,0],[5,0],[5,5]]}]}]}");
        CliRun r = CliRun.of("evaluate", "--case", open.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("open.json").contains("structures[0].contours[0]").contains("does not close");

        Path outside = dir.resolve("outside.json");
        Files.writeString(outside, "{" + grid + " \"structures\": [{\"name\": \"GTV\", \"type\": \"GTV\", \"contours\": [{\"z_mm\": 0,"
                + " \"points_mm\": [[0,0],[50,0],[50,5]]}]}]}");
        r = CliRun.of("evaluate", "--case", outside.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("GTV").contains("grid");

        Path noRx = dir.resolve("norx.json");
        Files.writeString(noRx, "{" + grid.replace("\"prescription_gy\": 120", "\"prescription_gy\": -3")
                + " \"structures\": [{\"name\": \"GTV\", \"contours\": [{\"z_mm\": 0, \"points_mm\": [[0,0],[5,0],[5,5]]}]}]}");
        r = CliRun.of("evaluate", "--case", noRx.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("prescription_gy must be a positive dose");
    }
}

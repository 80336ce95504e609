package org.seedplan.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.cli.dicom.SharedData;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;

/**
 * {@code demo --dicom-out}: the RT Structure Set holds the demo's GTV (the lesion the CTV is grown from by 5 mm) beside the CTV the
 * plan was made on and the organs of the plan's goals, read back from RS.dcm: the GTV's contours are the demo's own, point for
 * point, its volume by {@code dvh} on the export is the ellipsoid's, and the file passes dciodvfy.
 */
class DemoDicomTest {

    @TempDir
    Path dir;

    @Test
    void theExportedStructureSetHoldsTheGtvTheCtvIsGrownFrom() throws Exception {
        Path dcm = dir.resolve("dcm");
        CliRun r = CliRun.of("demo", "--dicom-out", dcm.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<Structure> read = RtStructReader.read(dcm.resolve("RS.dcm")).structures();
        assertThat(read).extracting(s -> s.name() + ":" + s.type()).containsExactlyInAnyOrder("GTV:GTV", "CTV:CTV", "Stomach:ORGAN",
                "SpinalCord:ORGAN");

        Structure gtv = read.stream().filter(s -> s.name().equals("GTV")).findFirst().orElseThrow();
        Structure drawn = new DemoPatient().structures().stream().filter(s -> s.name().equals("GTV")).findFirst().orElseThrow();
        assertThat(gtv.contours()).hasSameSizeAs(drawn.contours());
        for (int i = 0; i < drawn.contours().size(); i++) {
            Contour a = drawn.contours().get(i);
            Contour b = gtv.contours().get(i);
            // the writer rounds Contour Data to 0.001 mm (RtStructWriter): equal to half of that
            assertThat(b.zMm()).isCloseTo(a.zMm(), within(0.0005));
            assertThat(b.size()).isEqualTo(a.size());
            for (int k = 0; k < a.size(); k++) {
                assertThat(b.xMm()[k]).isCloseTo(a.xMm()[k], within(0.0005));
                assertThat(b.yMm()[k]).isCloseTo(a.yMm()[k], within(0.0005));
            }
        }

        CliRun dvh = CliRun.of("dvh", "--ct", dcm.toString(), "--rtstruct", dcm.resolve("RS.dcm").toString(), "--rtdose",
                dcm.resolve("RD.dcm").toString(), "--rx-gy", "120", "--roi", "GTV", "--json");
        assertThat(dvh.exitCode()).as(dvh.err()).isZero();
        JsonNode g = new ObjectMapper().readTree(dvh.out()).get("structures").get(0);
        assertThat(g.get("name").asText()).isEqualTo("GTV");
        // the lesion: an ellipsoid of semi-axes 16, 14, 12 mm, 4/3·π·16·14·12 mm³ = 11.26 cc; outlined on 2.5 mm CT slices and
        // rasterised on the plan's dose grid: within 5 %
        assertThat(g.get("volume_cc").asDouble()).isCloseTo(4.0 / 3 * Math.PI * 16 * 14 * 12 / 1000, within(0.05 * 11.26));

        assertThat(SharedData.dciodvfyErrors(dcm.resolve("RS.dcm"))).isEmpty();
    }
}

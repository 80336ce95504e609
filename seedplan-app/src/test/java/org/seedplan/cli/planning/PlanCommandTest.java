package org.seedplan.cli.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.demo.DemoPatient;
import org.seedplan.io.CaseJson;

/** {@code seedplan plan} end to end on the demo case file, and its refusals of bad intents. */
class PlanCommandTest {

    private static final String INTENT = """
            {"format": "seedplan-intent/1",
             "targets": [{"structure": "CTV", "prescription_gy": 120}],
             "organs": [{"structure": "Stomach", "limit": "d2cc", "dose_gy": 60, "needle_margin_mm": 5}],
             "seed": {"source": "amersham6711", "strength": "0.6 mCi", "stock": 10},
             "approach": {"type": "coplanar_template", "needle_direction": [0, 1, 0]}}
            """;

    @TempDir
    Path dir;
    Path caseFile;

    @BeforeEach
    void writeCase() throws Exception {
        caseFile = dir.resolve("case.json");
        Files.writeString(caseFile, CaseJson.write(new DemoPatient().asCase()));
    }

    @Test
    void plansTheCaseAndWritesReportImagesAndPlanJson() throws Exception {
        Path intent = dir.resolve("intent.json");
        Files.writeString(intent, INTENT);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("plan", "--case", caseFile.toString(), "--intent", intent.toString(), "--out", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode plan = doc.get("plan");
        assertThat(plan.get("goals_met").asBoolean()).as(plan.get("statements").toString()).isTrue();
        int seeds = plan.get("seeds").asInt();
        int listed = 0;
        for (JsonNode n : doc.get("needles")) {
            listed += n.get("seeds").size();
            assertThat(n.get("hole").asText()).matches("[A-Z]+[0-9]+");
            assertThat(n.get("loading").asText()).matches("[01]+");
        }
        assertThat(listed).isEqualTo(seeds);
        // 10 % spares rounded up, minus the 10 seeds in stock.
        assertThat(doc.get("order").get("seeds_to_order").asInt()).isEqualTo(Math.max(0, (int) Math.ceil(seeds * 1.1 - 1e-9) - 10));
        assertThat(doc.get("baseline_uniform_loading").get("seeds").asInt()).isGreaterThan(seeds);
        assertThat(Files.readString(out.resolve("report.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
        for (String png : new String[] {"axial.png", "coronal.png", "sagittal.png", "dvh.png"}) {
            assertThat(ImageIO.read(out.resolve(png).toFile())).as(png).isNotNull();
        }
        assertThat(Files.readString(out.resolve("dvh.csv"))).startsWith("structure,dose_gy,volume_cc,volume_pct\nCTV,");
        assertThat(new ObjectMapper().readTree(out.resolve("plan.json").toFile()).get("format").asText()).isEqualTo("seedplan-plan/1");
    }

    @Test
    void plansFromDicomCtAndStructureSetAvoidingTheVertebra() throws Exception {
        DemoPatient demo = new DemoPatient();
        org.seedplan.geometry.Grid g = new org.seedplan.geometry.Grid(new org.seedplan.geometry.Vec3(-10, -10, -10), 2, 2, 2, 2, 2, 2);
        org.seedplan.dicom.DicomExport.Written w = org.seedplan.dicom.DicomExport.writePlanSet(dir.resolve("dicom"),
                new org.seedplan.dicom.PlanSet(org.seedplan.dicom.PatientInfo.anonymous("PLAN-1"), demo.ct(), demo.structures(),
                        List.of(demo.implant()), new org.seedplan.dicom.rtplan.SeedSourceInfo("I-125", "Amersham", "6711", 59.4, 3.0, 0.8,
                        java.time.LocalDate.of(2026, 1, 1)), 120, "GTV", new org.seedplan.dose.DoseGrid(g, new float[g.voxelCount()])),
                org.seedplan.dicom.rtdose.RtDoseWriter.Bits.THIRTY_TWO);
        Path intent = dir.resolve("intent.json");
        // Needles from the back (posterior → anterior) would have to pass the vertebra or the cord; from the right side they do not.
        Files.writeString(intent, INTENT.replace("\"CTV\"", "\"GTV\"").replace("[0, 1, 0]", "[1, 0, 0]")
                .replace("\"organs\": [", "\"organs\": [{\"structure\": \"SpinalCord\", \"limit\": \"dmax\", \"dose_gy\": 45},"));
        Path dicomOut = dir.resolve("plan-dicom");
        CliRun r = CliRun.of("plan", "--ct", w.dir().toString(), "--rtstruct", w.rtStruct().toString(), "--intent", intent.toString(),
                "--json", "--dicom-out", dicomOut.toString(), "--implant-date", "2026-01-15", "--robustness", "--samples", "20");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        // The RT Plan written holds every planned seed.
        try (var files = Files.list(dicomOut)) {
            Path rtplan = files.filter(f -> f.getFileName().toString().startsWith("RP")).findFirst().orElseThrow();
            assertThat(org.seedplan.dicom.rtplan.RtPlanReader.read(rtplan).seeds()).hasSize(doc.get("plan").get("seeds").asInt());
        }
        JsonNode spread = doc.get("robustness").get("targets").get(0);
        assertThat(spread.get("d90_gy").get("p5").asDouble()).isLessThanOrEqualTo(spread.get("d90_gy").get("p95").asDouble());
        assertThat(doc.get("patient").get("id").asText()).isEqualTo("PLAN-1");
        assertThat(doc.get("plan").get("goals_met").asBoolean()).as(doc.get("plan").get("statements").toString()).isTrue();
        org.seedplan.geometry.Volume ct = demo.ct();
        for (JsonNode n : doc.get("needles")) {
            org.seedplan.geometry.Vec3 a = vec(n.get("entry_mm"));
            org.seedplan.geometry.Vec3 b = vec(n.get("tip_mm"));
            for (double t = 0; t <= 1; t += 0.002) {
                org.seedplan.geometry.Vec3 p = a.plus(b.minus(a).times(t));
                int i = (int) Math.round((p.x() - ct.grid().originMm().x()) / ct.grid().dxMm());
                int j = (int) Math.round((p.y() - ct.grid().originMm().y()) / ct.grid().dyMm());
                int k = (int) Math.round((p.z() - ct.grid().originMm().z()) / ct.grid().dzMm());
                if (i >= 0 && j >= 0 && k >= 0 && i < ct.grid().nx() && j < ct.grid().ny() && k < ct.grid().nz()) {
                    // Bone in the demo CT is 650 HU; the intent's bone threshold is 300 HU.
                    assertThat(ct.at(i, j, k)).as("needle %s at %s", n.get("number"), p).isLessThan(300f);
                }
            }
        }
    }

    private static org.seedplan.geometry.Vec3 vec(JsonNode a) {
        return new org.seedplan.geometry.Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }

    @Test
    void refusesANegativePrescriptionNamingFileAndField() throws Exception {
        Path intent = dir.resolve("bad.json");
        Files.writeString(intent, INTENT.replace("\"prescription_gy\": 120", "\"prescription_gy\": -5"));
        CliRun r = CliRun.of("plan", "--case", caseFile.toString(), "--intent", intent.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json").contains("prescription_gy");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownFieldAndAnUnknownStructure() throws Exception {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, INTENT.replace("\"needle_margin_mm\"", "\"needle_margn_mm\""));
        CliRun r = CliRun.of("plan", "--case", caseFile.toString(), "--intent", typo.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("organs[0].needle_margn_mm").contains("unknown field");

        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, INTENT.replace("\"structure\": \"CTV\"", "\"structure\": \"PTV\""));
        r = CliRun.of("plan", "--case", caseFile.toString(), "--intent", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'PTV'").contains("GTV");
    }

    @Test
    void refusesATemplateThatCannotReachTheTarget() throws Exception {
        Path intent = dir.resolve("short.json");
        Files.writeString(intent, INTENT.replace("\"needle_direction\": [0, 1, 0]", "\"needle_direction\": [0, 1, 0], \"max_length_mm\": 5"));
        CliRun r = CliRun.of("plan", "--case", caseFile.toString(), "--intent", intent.toString(), "--out", dir.resolve("no").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot reach the target");
        assertThat(dir.resolve("no")).doesNotExist();
    }
}

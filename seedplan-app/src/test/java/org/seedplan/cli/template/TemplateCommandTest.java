package org.seedplan.cli.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.cli.demo.DemoCertificate;
import org.seedplan.cli.planning.DemoPlan;
import org.seedplan.cli.planning.PlanJson;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.PlanSet;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.MetricsJson;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.ProgressListener;

/**
 * {@code seedplan template} on the demo plan (coplanar template from the front), from its plan.json
 * and from its RT Plan; admesh (Debian) checks the STL; bad input gives one line, exit 2 and no file.
 */
class TemplateCommandTest {

    @TempDir
    static Path shared;

    static Path ctDir;
    static Path planJson;
    static Path rtPlan;
    static Plan plan;

    @BeforeAll
    static void demo() throws Exception {
        DemoPatient demo = new DemoPatient();
        DemoPlan dp = DemoPlan.plan(demo, ProgressListener.NONE);
        plan = dp.plan();
        planJson = shared.resolve("plan.json");
        Files.writeString(planJson, MetricsJson.write(PlanJson.document(plan, null, null)));
        List<List<Seed>> needles = new ArrayList<>();
        List<Vec3> tips = new ArrayList<>();
        for (PlannedNeedle n : plan.needles()) {
            if (n.seedCount() > 0) {
                needles.add(n.seeds(plan.intent().seed().skU()));
                tips.add(n.needle().tipMm());
            }
        }
        ctDir = shared.resolve("dicom");
        DicomExport.Written w = DicomExport.writePlanSet(ctDir, new PlanSet(PatientInfo.anonymous(plan.patientId()), demo.ct(),
                demo.structures(), needles, tips, DemoCertificate.sourceInfo(plan.source(), plan.intent().halfLifeDays()),
                DemoPatient.PRESCRIPTION_GY, "GTV", plan.dose()), RtDoseWriter.Bits.THIRTY_TWO);
        rtPlan = shared.resolve("RP.dcm");
        Files.move(w.rtPlan(), rtPlan);
        Files.delete(w.rtDose());
        rtStruct = shared.resolve("RS.dcm");
        Files.move(w.rtStruct(), rtStruct);
    }

    static Path rtStruct;

    @Test
    void theBodyContourCanGiveTheSkin(@TempDir Path out) throws Exception {
        Path stl = out.resolve("t.stl");
        CliRun r = CliRun.of("template", "--plan", planJson.toString(), "--ct", ctDir.toString(), "--out", stl.toString(),
                "--body-rtstruct", rtStruct.toString(), "--body", "Body");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertClean(stl);
        JsonNode doc = MetricsJson.MAPPER.readTree(out.resolve("template-channels.json").toFile());
        for (JsonNode c : doc.path("channels")) {
            // the demo's Body contour is drawn 0.5 mm inside the CT's body edge (an ellipse 95 × 72 mm): the skin entries lie on it
            Vec3 skin = vec(c.path("skin_mm"));
            double r2 = Math.pow(skin.x() / 94.5, 2) + Math.pow(skin.y() / 71.5, 2);
            assertThat(Math.sqrt(r2)).as(c.path("needle").asText()).isCloseTo(1, Offset.offset(0.01));
        }
    }

    @Test
    void demoPlanGivesAnStlAdmeshFindsCleanAndTheSheets(@TempDir Path out) throws Exception {
        Path stl = out.resolve("demo-template.stl");
        CliRun r = CliRun.of("template", "--plan", planJson.toString(), "--ct", ctDir.toString(), "--out", stl.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("template: " + plan.needleCount() + " channels");
        assertClean(stl);
        // the files carry the user's umask, as a file made with an ordinary call in the same folder does
        Path reference = Files.writeString(out.resolve("reference.txt"), "x");
        var umaskPermissions = Files.getPosixFilePermissions(reference);
        Files.delete(reference);
        for (String name : List.of("demo-template.stl", "template-channels.csv", "template-channels.json")) {
            assertThat(Files.getPosixFilePermissions(out.resolve(name))).as(name).isEqualTo(umaskPermissions);
        }
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no staging left").noneMatch(n -> n.startsWith("."));
        }

        JsonNode doc = MetricsJson.MAPPER.readTree(out.resolve("template-channels.json").toFile());
        assertThat(doc.path("format").asText()).isEqualTo("seedplan-template/1");
        assertThat(doc.path("channels")).hasSize(plan.needleCount());
        assertThat(doc.path("registration_holes")).hasSize(3);
        assertThat(doc.path("warnings")).isEmpty();
        int k = 0;
        for (PlannedNeedle n : plan.needles()) {
            if (n.seedCount() == 0) {
                continue;
            }
            JsonNode c = doc.path("channels").get(k++);
            assertThat(c.path("needle").asText()).isEqualTo("needle " + n.number() + " (hole " + n.needle().hole() + ")");
            Vec3 entry = vec(c.path("entry_mm"));
            Vec3 deepest = n.needle().pointFromTip(n.seedDistancesFromTipMm().get(0));
            // the channel lies on the planned needle: its entry on the needle's line to 1 µm (files round to 1 µm)
            Vec3 w = entry.minus(n.needle().tipMm());
            assertThat(w.minus(n.needle().direction().times(w.dot(n.needle().direction()))).norm()).isLessThan(2e-3);
            assertThat(c.path("depth_to_deepest_seed_mm").asDouble()).isCloseTo(entry.distanceTo(deepest), Offset.offset(2e-3));
            assertThat(c.path("depth_to_tip_mm").asDouble()).isCloseTo(entry.distanceTo(n.needle().tipMm()), Offset.offset(2e-3));
        }
        List<String> holes = Files.readAllLines(out.resolve("template-holes.csv"));
        assertThat(holes).hasSize(plan.needleCount() + 1);
        assertThat(holes.get(0)).isEqualTo("hole,needle,hole_x_mm,hole_y_mm,hole_z_mm,depth_to_deepest_seed_mm,depth_to_tip_mm,seeds,loading");
        assertThat(Files.readAllLines(out.resolve("template-channels.csv"))).hasSize(plan.needleCount() + 1);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("demo-template.stl",
                    "template-channels.csv", "template-channels.json", "template-holes.csv");
        }
    }

    @Test
    void theRtPlanGivesTheChannelsOfThePlanJson(@TempDir Path out) throws Exception {
        Path stl = out.resolve("t.stl");
        CliRun r = CliRun.of("template", "--plan", rtPlan.toString(), "--ct", ctDir.toString(), "--out", stl.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertClean(stl);
        JsonNode doc = MetricsJson.MAPPER.readTree(out.resolve("template-channels.json").toFile());
        assertThat(doc.path("channels")).hasSize(plan.needleCount());
        assertThat(Files.exists(out.resolve("template-holes.csv"))).isFalse();
        assertThat(doc.path("warnings")).isEmpty();
        int k = 0;
        for (PlannedNeedle n : plan.needles()) {
            if (n.seedCount() == 0) {
                continue;
            }
            JsonNode c = doc.path("channels").get(k++);
            // the RT Plan keeps the seeds to 0.01 mm: the axis through them is the planned one to well under 0.5°
            // (a one-seed needle's axis is its seed's orientation)
            double angle = Math.toDegrees(Math.acos(Math.min(1, vec(c.path("direction")).dot(n.needle().direction()))));
            assertThat(angle).as(c.path("needle").asText()).isLessThan(0.5);
            Vec3 deepest = n.needle().pointFromTip(n.seedDistancesFromTipMm().get(0));
            assertThat(vec(c.path("deepest_seed_mm")).distanceTo(deepest)).isLessThan(0.05);
            // the tip from the deepest seed's Control Point Relative Position (its distance from the tip)
            assertThat(vec(c.path("tip_mm")).distanceTo(n.needle().tipMm())).isLessThan(0.05);
        }
    }

    @Test
    void aNeedleThroughTheVertebraIsRefusedByNameAndNothingIsWritten(@TempDir Path out) throws Exception {
        ObjectNode doc = (ObjectNode) MetricsJson.MAPPER.readTree(planJson.toFile());
        JsonNode first = null;
        for (JsonNode n : doc.path("needles")) {
            if (n.path("seeds").size() > 0) {
                first = n;
                break;
            }
        }
        ObjectNode bad = (ObjectNode) first;
        // straight back through the vertebral body (centre x 0, y 30, radius 16 mm in the demo CT)
        ((ArrayNode) bad.putArray("entry_mm")).add(0).add(-90).add(0);
        ((ArrayNode) bad.putArray("tip_mm")).add(0).add(40).add(0);
        Path edited = out.resolve("edited-plan.json");
        Files.writeString(edited, MetricsJson.write(doc));
        Path stlDir = Files.createDirectory(out.resolve("stl"));
        CliRun r = CliRun.of("template", "--plan", edited.toString(), "--ct", ctDir.toString(), "--out", stlDir.resolve("t.stl").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .contains("needle " + bad.path("number").asInt() + " (hole " + bad.path("hole").asText() + ") passes through bone");
        try (Stream<Path> files = Files.list(stlDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void badInputGivesOneLineAndExitTwo(@TempDir Path out) throws Exception {
        Path notAPlan = out.resolve("x.json");
        Files.writeString(notAPlan, "{\"format\": \"something-else\"}");
        Path dir = Files.createDirectory(out.resolve("o"));
        String stl = dir.resolve("t.stl").toString();
        String[][] cases = {
            {"template", "--plan", out.resolve("missing.json").toString(), "--ct", ctDir.toString(), "--out", stl},
            {"template", "--plan", notAPlan.toString(), "--ct", ctDir.toString(), "--out", stl},
            {"template", "--plan", planJson.toString(), "--ct", ctDir.toString(), "--out", dir.resolve("t.obj").toString()},
            {"template", "--plan", planJson.toString(), "--ct", ctDir.toString(), "--out", stl, "--gauge", "30"},
            {"template", "--plan", planJson.toString(), "--ct", ctDir.toString(), "--out", stl, "--thickness-mm", "0"},
            {"template", "--plan", planJson.toString(), "--ct", ctDir.toString(), "--out", planJson.toString()},
            {"template", "--plan", planJson.toString(), "--ct", ctDir.toString(), "--out", stl, "--body", "Body"},
            {"template", "--plan", planJson.toString(), "--ct", ctDir.toString(), "--out", stl, "--body-rtstruct", rtStruct.toString(),
                "--body", "Skin"},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static Vec3 vec(JsonNode a) {
        return new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }

    /** admesh (Debian's ADMesh 0.98) reports no disconnected, degenerate or flipped facets, one part, nothing fixed. */
    private static void assertClean(Path stl) throws Exception {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= !d.isEmpty() && Files.isExecutable(Path.of(d, "admesh"));
        }
        if (!found) {
            if ("true".equals(System.getenv("CI"))) {
                fail("missing admesh (CI installs: apt-get install -y admesh)");
            }
            Assumptions.assumeTrue(false, "missing admesh; skipped outside CI");
        }
        Process p = new ProcessBuilder("admesh", stl.toString()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        for (String zero : List.of("Total disconnected facets", "Degenerate facets", "Edges fixed", "Facets removed", "Facets added",
                "Facets reversed", "Backwards edges")) {
            assertThat(count(report, zero)).as(zero + "\n" + report).isZero();
        }
        assertThat(count(report, "Number of parts")).as(report).isEqualTo(1);
    }

    private static int count(String report, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*:\\s*(\\d+)").matcher(report);
        if (!m.find()) {
            fail("admesh report lacks " + label + ":\n" + report);
        }
        return Integer.parseInt(m.group(1));
    }
}

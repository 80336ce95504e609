package org.seedplan.cli.needles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cases.PatientCase;
import org.seedplan.cli.CliRun;
import org.seedplan.cli.planning.IntentJson;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.io.CaseJson;
import org.seedplan.io.MetricsJson;
import org.seedplan.planning.Phantom;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.source.SeedStrength;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.needles.FoundNeedle;
import org.seedplan.verify.needles.IntraOpCtGenerator;
import org.seedplan.verify.needles.IntraOpScanner;
import org.seedplan.verify.needles.SimulatedNeedle;

/**
 * {@code seedplan needles} end to end: a plan made by {@code seedplan plan}, its needles placed
 * with known tip and angle errors on a simulated intra-operative CT written as DICOM, then found,
 * paired, reported and re-planned around.
 */
class NeedlesCommandTest {

    /** The finder's accuracy on the acceptance CTs (NeedleFinderAcceptanceTest): worst tip 1.25 mm, worst axis 2°; a little margin. */
    static final double TIP_TOLERANCE_MM = 1.5;
    static final double ANGLE_TOLERANCE_DEG = 2.0;
    /** needles.csv's column used (0-based); tip_axis_uncertainty_mm, axis_uncertainty_deg and tip_in_plane_uncertainty_mm follow it. */
    private static final int USED = 16;

    @TempDir
    Path tmp;

    @Test
    void reportsEachNeedlesTipAndAngleErrorAndReplansAroundThem() throws Exception {
        Path caseFile = tmp.resolve("case.json");
        Path intentFile = tmp.resolve("intent.json");
        SeedStrength strength = SeedStrength.parse("0.6 mCi");
        var gtv = Phantom.ellipsoid("GTV", StructureType.GTV, new Vec3(0, -60, 0), new Vec3(13, 13, 13), 2.5);
        PatientCase c = new PatientCase("NEEDLES^TEST", Grid.covering(new Vec3(-40, -100, -40), new Vec3(40, -20, 40), 2, 2, 2),
                List.of(gtv), List.of(), 120, "amersham6711", 59.4, strength, List.of());
        PlanIntent intent = PlanIntent.of(List.of(new TargetGoal("GTV", 120)), List.of(), new SeedSpec("amersham6711", strength, 0),
                new Approach.CoplanarTemplate(new Vec3(0, 1, 0), null, 10, 10, 250));
        Files.writeString(caseFile, CaseJson.write(c));
        Files.writeString(intentFile, IntentJson.write(intent));
        Path planDir = tmp.resolve("plan");
        CliRun plan = CliRun.of("plan", "--case", caseFile.toString(), "--intent", intentFile.toString(), "--out", planDir.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        JsonNode needles = MetricsJson.MAPPER.readTree(planDir.resolve("plan.json").toFile()).get("needles");

        // Each needle placed with a tip error of 1.2-2.2 mm and its axis tilted by 1.5° about z or x.
        Grid grid = new Grid(new Vec3(-191.6, -191.6, -48.75), 0.75, 0.75, 2.5, 512, 512, 40);
        List<SimulatedNeedle> placed = new ArrayList<>();
        List<Double> tipErrors = new ArrayList<>();
        for (int n = 0; n < needles.size(); n++) {
            Vec3 tip = vec(needles.get(n).get("tip_mm"));
            Vec3 dir = vec(needles.get(n).get("direction"));
            Vec3 error = new Vec3(1.2 * Math.cos(n), 1.0 * Math.sin(n), n % 2 == 0 ? 0.8 : -1.2);
            double tilt = Math.toRadians(1.5);
            Vec3 placedDir = (n % 2 == 0 ? new Vec3(Math.sin(tilt), Math.cos(tilt), 0) : new Vec3(0, Math.cos(tilt), Math.sin(tilt)));
            Vec3 placedTip = tip.plus(error);
            double depth = 0;
            while (Math.pow(placedTip.x() / 169, 2) + Math.pow((placedTip.y() - depth * placedDir.y()) / 130.5, 2) <= 1) {
                depth += 0.5;
            }
            placed.add(new SimulatedNeedle(placedTip.minus(placedDir.times(depth + 30)), placedTip, new Vec3(1, 0, 0), 0));
            tipErrors.add(error.norm());
            assertThat(dir.y()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        Path ctDir = writeCt(new IntraOpCtGenerator(IntraOpScanner.clinical12Bit()).render(grid, placed, List.of(), 7), "intraop", "NEEDLES");

        Path out = tmp.resolve("replan");
        CliRun r = CliRun.of("needles", "--ct", ctDir.toString(), "--plan", planDir.resolve("plan.json").toString(), "--case",
                caseFile.toString(), "--intent", intentFile.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("needles found: " + needles.size() + " (planned " + needles.size() + ")").doesNotContain("NOT FOUND");
        List<String> rows = Files.readAllLines(out.resolve("needles.csv"));
        assertThat(rows.get(0)).isEqualTo(NeedlesCsv.HEADER);
        assertThat(rows).hasSize(needles.size() + 1);
        for (int n = 0; n < needles.size(); n++) {
            String[] f = rows.get(n + 1).split(",", -1);
            assertThat(Integer.parseInt(f[0])).isEqualTo(needles.get(n).get("number").asInt());
            // The reported error is the placement error as drawn, up to the finder's own error.
            assertThat(Double.parseDouble(f[9])).as("needle %d tip error", n + 1).isCloseTo(tipErrors.get(n),
                    org.assertj.core.data.Offset.offset(TIP_TOLERANCE_MM));
            assertThat(Double.parseDouble(f[12])).as("needle %d angle error", n + 1).isCloseTo(1.5,
                    org.assertj.core.data.Offset.offset(ANGLE_TOLERANCE_DEG));
        }
        JsonNode replanned = MetricsJson.MAPPER.readTree(out.resolve("plan.json").toFile());
        // Every needle in the patient is kept (those left without seeds by the re-plan are listed too), each row saying so.
        assertThat(fixedTips(replanned)).hasSize(needles.size());
        assertThat(IntentJson.read(out.resolve("intent.json")).fixedNeedles()).hasSize(needles.size());
        assertThat(out.resolve("report.pdf")).exists();
        rows.subList(1, rows.size()).forEach(row -> assertThat(row.split(",", -1)[USED]).isEqualTo("true"));
        // The tip's place along the axis: every needle here lies alone in tissue with its steel ending at its tip, so the end fit's
        // window bounds each tip and the statement is the fit's own 2σ, well under the 1 mm (on the seen 5 mm sets right tips
        // read 0.02-0.3 mm). The column comes last, after used, so that the earlier columns keep their places.
        for (String row : rows.subList(1, rows.size())) {
            assertThat(Double.parseDouble(row.split(",", -1)[USED + 1])).as(row).isGreaterThan(0).isLessThan(1);
        }
        assertThat(r.out()).doesNotContain("along the needle (not sure)");
        // The tilt out of the slices' plane (axis_uncertainty_deg, after tip_axis_uncertainty_mm): on these 2.5 mm slices every
        // needle is placed along z by its neighbouring slices (the statement is made on slices of 3 mm and more, where a needle can
        // lie inside one slice's flat top), so the column is 0 and the table adds nothing to the angle error.
        assertThat(rows.get(0)).endsWith(",tip_axis_uncertainty_mm,axis_uncertainty_deg,tip_in_plane_uncertainty_mm");
        for (String row : rows.subList(1, rows.size())) {
            assertThat(row.split(",", -1)[USED + 2]).as(row).isEqualTo("0.00");
        }
        assertThat(r.out()).doesNotContain("(axis ±");

        // The physicist leaves out the needle found for planned needle 2 (as needles.csv numbers it): not fixed, its row says used false.
        String[] second = rows.get(2).split(",", -1);
        int leftOut = Integer.parseInt(second[1]);
        Vec3 leftTip = new Vec3(Double.parseDouble(second[2]), Double.parseDouble(second[3]), Double.parseDouble(second[4]));
        Path without = tmp.resolve("without");
        CliRun l = CliRun.of("needles", "--ct", ctDir.toString(), "--plan", planDir.resolve("plan.json").toString(), "--case",
                caseFile.toString(), "--intent", intentFile.toString(), "--out", without.toString(), "--leave-out", String.valueOf(leftOut));
        assertThat(l.exitCode()).as(l.err()).isZero();
        assertThat(l.out()).contains("found " + String.format("%2d", leftOut) + ":").contains("LEFT OUT of the re-plan")
                .contains("re-plan around the " + (needles.size() - 1) + " needles found and not left out");
        List<String> leftRows = Files.readAllLines(without.resolve("needles.csv"));
        for (String row : leftRows.subList(1, leftRows.size())) {
            assertThat(row.split(",", -1)[USED]).isEqualTo(row.split(",", -1)[1].equals(String.valueOf(leftOut)) ? "false" : "true");
        }
        List<Vec3> fixed = fixedTips(MetricsJson.MAPPER.readTree(without.resolve("plan.json").toFile()));
        assertThat(fixed).hasSize(needles.size() - 1).allSatisfy(t -> assertThat(t.distanceTo(leftTip)).isGreaterThan(0.01));
        assertThat(IntentJson.read(without.resolve("intent.json")).fixedNeedles()).hasSize(needles.size() - 1);

        // A number that is not a found needle's is refused in one line naming the option, once the needles are found; nothing written.
        Path refused = tmp.resolve("refused");
        CliRun bad = CliRun.of("needles", "--ct", ctDir.toString(), "--plan", planDir.resolve("plan.json").toString(), "--case",
                caseFile.toString(), "--intent", intentFile.toString(), "--out", refused.toString(), "--leave-out", "1," + (needles.size() + 1));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).contains("--leave-out").contains("no found needle " + (needles.size() + 1));
        assertThat(refused).doesNotExist();

        // Mid-implant: the last planned needle is not yet in the patient. Its row says NOT FOUND, and a warning, first, says that the
        // re-plan takes it as not yet inserted: a needle in the patient that the finder missed would not be kept.
        int last = needles.get(needles.size() - 1).get("number").asInt();
        Path partialDir = writeCt(new IntraOpCtGenerator(IntraOpScanner.clinical12Bit()).render(grid, placed.subList(0, placed.size() - 1),
                List.of(), 7), "intraop-partial", "NEEDLES");
        Path partialOut = tmp.resolve("replan-partial");
        CliRun p = CliRun.of("needles", "--ct", partialDir.toString(), "--plan", planDir.resolve("plan.json").toString(), "--case",
                caseFile.toString(), "--intent", intentFile.toString(), "--out", partialOut.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out().lines().findFirst().orElseThrow()).as(p.out()).startsWith("WARNING: planned needle " + last + " (planned tip at")
                .contains("was not found on the CT: the re-plan takes it as not yet inserted");
        assertThat(p.out()).contains(String.format("planned needle %2d: NOT FOUND", last));
        assertThat(IntentJson.read(partialOut.resolve("intent.json")).fixedNeedles()).hasSize(needles.size() - 1);
    }

    @Test
    void aLeaveOutThatIsNotAListOfNeedleNumbersIsRefusedNamingTheOption() throws Exception {
        Path out = tmp.resolve("out");
        for (String bad : new String[] {"0", "-1", "x", "2,,3", "1.5", ""}) {
            CliRun r = CliRun.of("needles", "--ct", tmp.resolve("nothing").toString(), "--plan", tmp.resolve("plan.json").toString(),
                    "--leave-out", bad, "--out", out.toString());
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(bad).hasSize(1);
            assertThat(r.err()).as(bad).contains("--leave-out").contains("found needle numbers");
            assertThat(out).doesNotExist();
        }
    }

    /** The tips of the plan's fixed needles. */
    private static List<Vec3> fixedTips(JsonNode plan) {
        List<Vec3> tips = new ArrayList<>();
        for (JsonNode n : plan.get("needles")) {
            if (n.get("fixed").asBoolean()) {
                tips.add(vec(n.get("tip_mm")));
            }
        }
        return tips;
    }

    @Test
    void aPlanFileOfAnotherFormatIsRefusedAndNothingIsWritten() throws Exception {
        Path planFile = tmp.resolve("plan.json");
        Files.writeString(planFile, "{\"format\": \"seedplan-case/1\", \"needles\": []}");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("needles", "--ct", tmp.resolve("nothing").toString(), "--plan", planFile.toString(), "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("case.json").contains("--case");
        assertThat(out).doesNotExist();
        CliRun compare = CliRun.of("needles", "--ct", tmp.resolve("nothing").toString(), "--plan", planFile.toString());
        assertThat(compare.exitCode()).isEqualTo(2);
        assertThat(compare.err()).contains("--plan").contains("format").contains("seedplan-plan/1");
    }


    @Test
    void aBevelLengthOutsideZeroToTenMillimetresIsRefusedNamingTheOption() throws Exception {
        Path out = tmp.resolve("out");
        for (String bevel : new String[] {"0", "-2", "12", "NaN"}) {
            CliRun r = CliRun.of("needles", "--ct", tmp.resolve("nothing").toString(), "--plan", tmp.resolve("plan.json").toString(),
                    "--bevel-mm", bevel, "--out", out.toString());
            assertThat(r.exitCode()).as(bevel).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("--bevel-mm").contains("at most 10 mm");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void aLongerGivenBevelPlacesEveryTipDeeperByAtMostHalfTheDifference() throws Exception {
        // Four needles ground at 30° (2.2 mm bevel), 6-10° out of the axial plane, on 2.5 mm box slices of an extended HU scale
        // (steel not clipped), each exactly where planned, so the reported tip error is the finder's own. With --bevel-mm 2.2
        // (their true length) every tip lies within the 1 mm. The end fit (docs/needles.md step 6) matches the longer
        // bevel's model to the same steel, whose mass falls to half at the bevel's middle whatever the bevel, so --bevel-mm 4.5
        // moves every tip deeper by up to half the difference, (4.5 - 2.2) / 2 = 1.15 mm, and by less where the blur shows
        // more of the bevel's shape (measured 0.4-1.3 mm); asserted: deeper by 0.2-1.4 mm (both printed depths rounded to
        // 0.1 mm). Before the end fit gave unclipped tips (SteelMassTip's half-mass point) every tip moved by 1.15 mm.
        Grid grid = new Grid(new Vec3(-95.6, -95.6, -38.75), 0.75, 0.75, 2.5, 256, 256, 32);
        List<SimulatedNeedle> placed = new ArrayList<>();
        StringBuilder plan = new StringBuilder("{\"format\": \"seedplan-plan/1\", \"needles\": [");
        for (int n = 0; n < 4; n++) {
            // 6-10° out of the axial plane (within one box slice a needle's place along z is not seen: docs/needles.md, Limits).
            Vec3 tip = new Vec3(-20 + 13 * n, -5, 1.0 * n - 1.5);
            Vec3 dir = new Vec3(0.03 * (n - 1.5), 1, 0.1 + 0.02 * n).normalized();
            Vec3 entry = tip.minus(dir.times(100));
            placed.add(new SimulatedNeedle(entry, tip, new Vec3(1, 0, 0), 0));
            plan.append(n == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                    "{\"number\": %d, \"entry_mm\": [%.4f, %.4f, %.4f], \"tip_mm\": [%.4f, %.4f, %.4f]}", n + 1, entry.x(), entry.y(), entry.z(),
                    tip.x(), tip.y(), tip.z()));
        }
        Path planFile = tmp.resolve("plan.json");
        Files.writeString(planFile, plan.append("]}").toString());
        Volume ct = new IntraOpCtGenerator(new IntraOpScanner(0.9, IntraOpScanner.SliceProfile.BOX, 20, 200, 30710), 2.2).render(grid, placed,
                List.of(), 5);
        Path ctDir = writeCt(ct, "intraop", "BEVEL");
        double[] deepTrue = depths(CliRun.of("needles", "--ct", ctDir.toString(), "--plan", planFile.toString(), "--bevel-mm", "2.2"), 1.0);
        double[] deepLong = depths(CliRun.of("needles", "--ct", ctDir.toString(), "--plan", planFile.toString(), "--bevel-mm", "4.5"), 3.0);
        for (int n = 0; n < 4; n++) {
            System.out.printf(java.util.Locale.ROOT, "needle %d: %.1f mm deeper with --bevel-mm 4.5%n", n + 1, deepLong[n] - deepTrue[n]);
            assertThat(deepLong[n] - deepTrue[n]).as("needle %d: tip moved deeper by the longer bevel, mm", n + 1).isBetween(0.2, 1.4);
        }
    }

    /** The depth errors printed for planned needles 1-4, each tip error at most {@code maxTipMm}. */
    private static double[] depths(CliRun r, double maxTipMm) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[] depth = new double[4];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("planned needle +(\\d+) = found +\\d+: tip error ([0-9.]+) mm \\(([-+0-9.]+) deeper")
                .matcher(r.out());
        int count = 0;
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            assertThat(Double.parseDouble(m.group(2))).as("needle %d tip error, mm, in %s", n, r.out()).isLessThanOrEqualTo(maxTipMm);
            depth[n - 1] = Double.parseDouble(m.group(3));
            count++;
        }
        assertThat(count).as(r.out()).isEqualTo(4);
        return depth;
    }

    /** {@code ct} written as a CT series of a new study of patient {@code patient} into {@code tmp/folder}; the folder. */
    private Path writeCt(Volume ct, String folder, String patient) throws java.io.IOException {
        Path dir = tmp.resolve(folder);
        List<DataSet> slices = CtSeriesWriter.slices(ct, StudyContext.newStudy(PatientInfo.anonymous(patient)), Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            DicomWriter.write(slices.get(k), dir.resolve(String.format("ct%03d.dcm", k)));
        }
        return dir;
    }

    private static Vec3 vec(JsonNode a) {
        return new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }

    @Test
    void anAxisTheImageDoesNotHoldToTwoDegreesIsShownWithItsStatement() {
        // 4048 needle 7 (5 mm box, flat inside one slice): stated 3.22°, its axis 2.52° off (docs/needles.md, twenty-first
        // round). The table shows the statement beyond the 2° only, as it shows a tip's z beyond 1 mm.
        Vec3 tip = new Vec3(10, -40, 1.2);
        Vec3 hub = new Vec3(10, 80, 1.2);
        FoundNeedle flat = new FoundNeedle(tip, hub, new Vec3(0, -1, 0), 120, List.of(hub, tip), false, true, 0.3, 4.62, 0.07, 3.22, 0.05);
        FoundNeedle crossing = new FoundNeedle(tip, hub, new Vec3(0, -1, 0), 120, List.of(hub, tip), false, true, 0.3, 0.05, 0.07, 1.9, 0.05);
        assertThat(NeedlesCommand.tiltUncertain(flat)).isEqualTo(" (axis ± 3.2°: not in the image)");
        assertThat(NeedlesCommand.tiltUncertain(crossing)).isEmpty();
    }
}

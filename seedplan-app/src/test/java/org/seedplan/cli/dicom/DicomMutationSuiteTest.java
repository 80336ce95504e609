package org.seedplan.cli.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.rtdose.RtDoseReader;

/**
 * The cases of issue 9, made from the demo export and the public samples by changing one attribute
 * each: every one is refused with one line (exit 2, nothing written) naming the file, or computed
 * correctly.
 */
class DicomMutationSuiteTest {

    @TempDir
    static Path tmp;
    static Path demo;
    static DataSet rp;
    static DataSet rs;
    static String calibration;

    @BeforeAll
    static void exportTheDemo() {
        demo = tmp.resolve("demo");
        CliRun r = CliRun.of("demo", "--dicom-out", demo.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        rp = DicomReader.read(demo.resolve("RP.dcm")).dataSet();
        rs = DicomReader.read(demo.resolve("RS.dcm")).dataSet();
        String d = rp.sequence(Tag.SOURCE_SEQUENCE).get(0).requireString(Tag.SOURCE_STRENGTH_REFERENCE_DATE);
        calibration = LocalDate.parse(d, DateTimeFormatter.BASIC_ISO_DATE).toString();
    }

    private static Path write(DataSet ds, String name) {
        Path f = tmp.resolve(name);
        DicomWriter.write(ds, f);
        return f;
    }

    private static DataSet items(DataSet ds, int tag, UnaryOperator<DataSet.Builder> edit) {
        List<DataSet> changed = new ArrayList<>();
        for (DataSet item : ds.sequence(tag)) {
            changed.add(edit.apply(item.toBuilder()).build());
        }
        return ds.toBuilder().sequence(tag, changed).build();
    }

    private static CliRun dose(Path plan, Path structures, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("dose", "--ct", demo.toString(), "--rtstruct", structures.toString(), "--rtplan",
                plan.toString(), "--out-file", out.toString(), "--grid-mm", "2"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** One line on stderr, exit code 2, naming what it says. */
    private static void refusedInOneLine(CliRun r, String... contains) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(contains);
    }

    private static double totalGy(Path rd) {
        double s = 0;
        for (float v : RtDoseReader.read(rd).dose().doseGy()) {
            s += v;
        }
        return s;
    }

    @Test
    void seedsCalibratedFourteenDaysBeforeTheImplantAreDecayedByTheHandFactor() {
        Path at = tmp.resolve("at-calibration.dcm");
        Path later = tmp.resolve("fourteen-days.dcm");
        assertThat(dose(demo.resolve("RP.dcm"), demo.resolve("RS.dcm"), at, "--implant-date", calibration).exitCode()).isZero();
        CliRun r = dose(demo.resolve("RP.dcm"), demo.resolve("RS.dcm"), later, "--implant-date",
                LocalDate.parse(calibration).plusDays(14).toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("calibration " + calibration).contains("decay factor 0.849");
        double factor = Math.exp(-Math.log(2) * 14 / 59.40);
        // dose is linear in S_K; the grids are stored as 32-bit integers × scaling (2⁻³² relative) from float sums (6e-8)
        assertThat(totalGy(later) / totalGy(at)).isCloseTo(factor, within(1e-6));
    }

    @Test
    void palladiumPlanIsRefused() {
        Path pd = write(items(rp, Tag.SOURCE_SEQUENCE, b -> b.put(Tag.SOURCE_ISOTOPE_NAME, "Pd-103")
                .numbers(Tag.SOURCE_ISOTOPE_HALF_LIFE, 16.99)), "pd103.dcm");
        Path out = tmp.resolve("pd.dcm");
        refusedInOneLine(dose(pd, demo.resolve("RS.dcm"), out, "--implant-date", calibration), "pd103.dcm", "Pd-103", "--source");
        assertThat(out).doesNotExist();
    }

    @Test
    void plan6702EqualsSourceAmersham6702() throws Exception {
        Path p6702 = write(items(rp, Tag.SOURCE_SEQUENCE, b -> b.put(Tag.SOURCE_MODEL_ID, "6702")), "rp6702.dcm");
        Path own = tmp.resolve("own6702.dcm");
        Path given = tmp.resolve("given6702.dcm");
        CliRun r = dose(p6702, demo.resolve("RS.dcm"), own, "--implant-date", calibration);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("source: amersham6702");
        assertThat(dose(p6702, demo.resolve("RS.dcm"), given, "--implant-date", calibration, "--source", "amersham6702").exitCode())
                .isZero();
        float[] a = RtDoseReader.read(own).dose().doseGy();
        float[] b = RtDoseReader.read(given).dose().doseGy();
        for (int n = 0; n < a.length; n++) {
            assertThat((double) a[n]).isCloseTo(b[n], within(1e-9 * Math.max(1, b[n])));
        }
    }

    @Test
    void anotherPatientsPlanIsRefusedByDoseAndVerify() {
        Path other = write(rp.toBuilder().put(Tag.PATIENT_ID, "SOMEONE-ELSE").put(Tag.FRAME_OF_REFERENCE_UID, "1.2.826.0.1.99").build(),
                "other-patient.dcm");
        refusedInOneLine(dose(other, demo.resolve("RS.dcm"), tmp.resolve("x.dcm"), "--implant-date", calibration),
                "other-patient.dcm", "Patient ID", "SOMEONE-ELSE");
        refusedInOneLine(CliRun.of("verify", "--plan", other.toString(), "--plan-rtstruct", demo.resolve("RS.dcm").toString(), "--ct",
                demo.toString(), "--out", tmp.resolve("v-other").toString(), "--implant-date", calibration), "other-patient.dcm",
                "SOMEONE-ELSE");
        assertThat(tmp.resolve("v-other")).doesNotExist();
    }

    @Test
    void structureSetWithNestedReferencesToAnotherFrameIsRefused() {
        Path nested = write(items(rs, Tag.STRUCTURE_SET_ROI_SEQUENCE, b -> b.put(Tag.REFERENCED_FRAME_OF_REFERENCE_UID,
                "1.2.826.0.1.77")), "nested-frame.dcm");
        refusedInOneLine(CliRun.of("dvh", "--ct", demo.toString(), "--rtstruct", nested.toString(), "--rtdose",
                demo.resolve("RD.dcm").toString()), "nested-frame.dcm", "1.2.826.0.1.77", "Referenced Frame of Reference UID");
        refusedInOneLine(dose(demo.resolve("RP.dcm"), nested, tmp.resolve("y.dcm"), "--implant-date", calibration), "nested-frame.dcm");
    }

    @Test
    void afterloaderPlansAreRefusedByEveryCommandTheSameWay() {
        Path hdr = SharedData.data("pytg43-brachy/HDR/RP.HDR.dcm");
        refusedInOneLine(dose(hdr, demo.resolve("RS.dcm"), tmp.resolve("h.dcm"), "--implant-date", calibration), "RP.HDR.dcm",
                "not a permanent (PERMANENT, LDR) seed implant");
        refusedInOneLine(CliRun.of("verify", "--plan", hdr.toString(), "--plan-rtstruct", demo.resolve("RS.dcm").toString(), "--ct",
                demo.toString(), "--out", tmp.resolve("v-hdr").toString(), "--implant-date", calibration), "RP.HDR.dcm",
                "not a permanent (PERMANENT, LDR) seed implant");
        Path pdr = write(rp.toBuilder().put(Tag.BRACHY_TREATMENT_TYPE, "PDR").build(), "pdr.dcm");
        refusedInOneLine(dose(pdr, demo.resolve("RS.dcm"), tmp.resolve("p.dcm"), "--implant-date", calibration), "pdr.dcm", "PDR");
    }

    @Test
    void duplicateRoiNamesAreRefusedAndTheNumberChooses() throws Exception {
        List<DataSet> rois = rs.sequence(Tag.STRUCTURE_SET_ROI_SEQUENCE);
        String first = rois.get(0).requireString(Tag.ROI_NAME);
        int secondNumber = rois.get(1).requireInteger(Tag.ROI_NUMBER);
        Path twins = write(items(rs, Tag.STRUCTURE_SET_ROI_SEQUENCE, b -> b.put(Tag.ROI_NAME, first)), "twins.dcm");
        refusedInOneLine(CliRun.of("dvh", "--ct", demo.toString(), "--rtstruct", twins.toString(), "--rtdose",
                demo.resolve("RD.dcm").toString(), "--roi", first), "twins.dcm", "are named '" + first + "'", "--roi");
        CliRun byNumber = CliRun.of("dvh", "--ct", demo.toString(), "--rtstruct", twins.toString(), "--rtdose",
                demo.resolve("RD.dcm").toString(), "--roi", String.valueOf(secondNumber), "--json");
        assertThat(byNumber.exitCode()).as(byNumber.err()).isZero();
        refusedInOneLine(CliRun.of("dvh", "--ct", demo.toString(), "--rtstruct", twins.toString(), "--rtdose",
                demo.resolve("RD.dcm").toString()), "twins.dcm", "both named");
        // plan finds its structures by name: it must not optimise on the wrong one of two
        Path intent = tmp.resolve("intent-twins.json");
        Files.writeString(intent, """
                {"format": "seedplan-intent/1",
                 "targets": [{"structure": "%s", "prescription_gy": 120}],
                 "seed": {"source": "amersham6711", "strength": "0.5 U"},
                 "approach": {"type": "coplanar_template", "needle_direction": [0, 1, 0]}}
                """.formatted(first));
        refusedInOneLine(CliRun.of("plan", "--ct", demo.toString(), "--rtstruct", twins.toString(), "--intent", intent.toString()),
                "twins.dcm", "both named '" + first + "'");
    }

    @Test
    void contoursOfAnUnknownRoiNumberAreRefused() {
        Path orphan = write(items(rs, Tag.ROI_CONTOUR_SEQUENCE, b -> b.numbers(Tag.REFERENCED_ROI_NUMBER,
                b.build().requireInteger(Tag.REFERENCED_ROI_NUMBER) + 100)), "orphan.dcm");
        refusedInOneLine(CliRun.of("dvh", "--ct", demo.toString(), "--rtstruct", orphan.toString(), "--rtdose",
                demo.resolve("RD.dcm").toString()), "orphan.dcm", "does not define");
    }

    @Test
    void missingImplantDateIsAskedFor() {
        refusedInOneLine(dose(demo.resolve("RP.dcm"), demo.resolve("RS.dcm"), tmp.resolve("n.dcm")), "RP.dcm", "--implant-date");
        assertThat(Files.exists(tmp.resolve("n.dcm"))).isFalse();
    }

    @Test
    void doseGridCoversEveryRoiButTheBodyOutlineAndSaysSo() {
        Path out = tmp.resolve("cover.dcm");
        CliRun r = dose(demo.resolve("RP.dcm"), demo.resolve("RS.dcm"), out, "--implant-date", calibration);
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRun dvh = CliRun.of("dvh", "--ct", demo.toString(), "--rtstruct", demo.resolve("RS.dcm").toString(), "--rtdose",
                out.toString());
        assertThat(dvh.exitCode()).as(dvh.err()).isZero();
        List<String> notes = dvh.out().lines().filter(l -> l.startsWith("note:")).toList();
        List<String> external = new ArrayList<>();
        for (DataSet o : rs.sequence(Tag.RT_ROI_OBSERVATIONS_SEQUENCE)) {
            if (o.string(Tag.RT_ROI_INTERPRETED_TYPE, "").equals("EXTERNAL")) {
                int n = o.requireInteger(Tag.REFERENCED_ROI_NUMBER);
                rs.sequence(Tag.STRUCTURE_SET_ROI_SEQUENCE).stream().filter(x -> x.requireInteger(Tag.ROI_NUMBER) == n)
                        .forEach(x -> external.add(x.requireString(Tag.ROI_NAME)));
            }
        }
        // only the body outline reaches beyond the grid, and dvh says how much of it; dose said why it was left out
        assertThat(notes).hasSize(external.size());
        for (String name : external) {
            assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("note: " + name + ":").contains("outside the dose grid"));
            assertThat(r.out()).contains("'" + name + "' (EXTERNAL, the body outline) is left out of the dose grid");
        }
    }

    /** A folder with two CT series: every command that reads a CT folder asks which, and takes --series. */
    @Test
    void everyCommandReadingACtFolderTakesSeries() throws Exception {
        Path two = tmp.resolve("two-series");
        Files.createDirectories(two);
        String second = org.seedplan.dicom.io.Uids.newUid();
        String first = null;
        try (var files = Files.list(demo)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("CT")).sorted().toList()) {
                DataSet ds = DicomReader.read(f).dataSet();
                first = ds.requireString(Tag.SERIES_INSTANCE_UID);
                Files.copy(f, two.resolve(f.getFileName()));
                DicomWriter.write(ds.toBuilder().put(Tag.SERIES_INSTANCE_UID, second)
                        .put(Tag.SOP_INSTANCE_UID, org.seedplan.dicom.io.Uids.newUid()).build(), two.resolve("b-" + f.getFileName()));
            }
        }
        Path intent = tmp.resolve("intent-series.json");
        Files.writeString(intent, "{\"format\": \"seedplan-intent/1\", \"targets\": [{\"structure\": \"GTV\", \"prescription_gy\": 120}],"
                + " \"seed\": {\"source\": \"amersham6711\", \"strength\": \"0.5 U\"},"
                + " \"approach\": {\"type\": \"coplanar_template\", \"needle_direction\": [0, 1, 0]}}");
        List<List<String>> commands = List.of(
                List.of("dvh", "--ct", two.toString(), "--rtstruct", demo.resolve("RS.dcm").toString(), "--rtdose",
                        demo.resolve("RD.dcm").toString()),
                List.of("dose", "--ct", two.toString(), "--rtstruct", demo.resolve("RS.dcm").toString(), "--rtplan",
                        demo.resolve("RP.dcm").toString(), "--out-file", tmp.resolve("series-rd.dcm").toString(), "--implant-date", calibration),
                List.of("find-seeds", "--ct", two.toString(), "--out-file", tmp.resolve("series-seeds.csv").toString()),
                List.of("verify", "--plan", demo.resolve("RP.dcm").toString(), "--ct", two.toString(), "--out",
                        tmp.resolve("series-verify").toString(), "--implant-date", calibration),
                List.of("plan", "--ct", two.toString(), "--rtstruct", demo.resolve("RS.dcm").toString(), "--intent", intent.toString()));
        for (List<String> c : commands) {
            refusedInOneLine(CliRun.of(c.toArray(String[]::new)), "holds 2 CT series", "choose one by its Series Instance UID");
            List<String> chosen = new ArrayList<>(c);
            chosen.addAll(List.of("--series", first));
            CliRun r = CliRun.of(chosen.toArray(String[]::new));
            assertThat(r.err()).as(c.get(0)).doesNotContain("CT series");
        }
    }
}

package org.seedplan.cli.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtdose.RtDoseReader;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtplan.RtPlanReader;

/**
 * {@code plan --dicom-out} on the shipped phantom CT: the objects written keep the CT's identity, do
 * not copy it, pass dciodvfy, load with the CT in plastimatch, and {@code dvh} on them gives the plan
 * report's D90 and V100 to 0.5 %.
 */
class PlanDicomRoundTripTest {

    @TempDir
    static Path tmp;
    static Path ctDir;
    static Path out;
    static JsonNode plan;

    @BeforeAll
    static void planOnThePhantom() throws Exception {
        ctDir = SharedData.data("synthetic-seed-phantom/dicom");
        Path intent = tmp.resolve("intent.json");
        Files.writeString(intent, """
                {"format": "seedplan-intent/1",
                 "targets": [{"structure": "PROSTATE", "prescription_gy": 145}],
                 "organs": [{"structure": "RECTUM", "limit": "d2cc", "dose_gy": 120, "needle_margin_mm": 3}],
                 "seed": {"source": "amersham6711", "strength": "0.5 U"},
                 "approach": {"type": "coplanar_template", "needle_direction": [0, 0, 1]}}
                """);
        out = tmp.resolve("rt");
        CliRun r = CliRun.of("plan", "--ct", ctDir.toString(), "--rtstruct", ctDir.resolve("rtss.dcm").toString(), "--intent",
                intent.toString(), "--dicom-out", out.toString(), "--implant-date", "2026-02-01T09:00", "--calibration-date",
                "2026-01-18T12:00", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        plan = new ObjectMapper().readTree(r.out());
    }

    @Test
    void writtenObjectsKeepTheCtsStudyAndFrameReferenceItsSlicesAndDoNotCopyIt() throws Exception {
        CtSeries ct = CtSeriesReader.read(ctDir);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly("RD.dcm", "RP.dcm", "RS.dcm");
        }
        Set<String> referenced = new HashSet<>();
        for (String f : List.of("RS.dcm", "RP.dcm", "RD.dcm")) {
            DataSet ds = DicomReader.read(out.resolve(f)).dataSet();
            assertThat(ds.string(Tag.STUDY_INSTANCE_UID, "")).as(f).isEqualTo(ct.studyInstanceUid());
            assertThat(ds.string(Tag.FRAME_OF_REFERENCE_UID, "")).as(f).isEqualTo(ct.frameOfReferenceUid());
            assertThat(ds.string(Tag.PATIENT_ID, "")).as(f).isEqualTo("PHANTOM001");
        }
        DataSet rs = DicomReader.read(out.resolve("RS.dcm")).dataSet();
        for (DataSet frame : rs.sequence(Tag.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE)) {
            for (DataSet study : frame.sequence(Tag.RT_REFERENCED_STUDY_SEQUENCE)) {
                for (DataSet series : study.sequence(Tag.RT_REFERENCED_SERIES_SEQUENCE)) {
                    assertThat(series.string(Tag.SERIES_INSTANCE_UID, "")).isEqualTo(ct.seriesInstanceUid());
                    series.sequence(Tag.CONTOUR_IMAGE_SEQUENCE).forEach(i -> referenced.add(i.string(Tag.REFERENCED_SOP_INSTANCE_UID, "")));
                }
            }
        }
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(ct.sliceSopInstanceUids());
    }

    @Test
    void rtPlanStatesTheCertificateCalibrationAndModelNameAndPositionsFromTheNeedleTip() throws Exception {
        BrachyPlan rp = RtPlanReader.read(out.resolve("RP.dcm"));
        var source = rp.sources().get(0);
        assertThat(source.modelId()).isEqualTo("6711");
        assertThat(source.strengthReferenceDate()).isEqualTo("20260118");
        assertThat(source.strengthReferenceTime()).isEqualTo("120000");
        // 0.5 U on 2026-02-01 09:00 means 0.5 / exp(-ln2 · 13.875 d / 59.40 d) U at the calibration, 13.875 days before
        double expected = 0.5 / Math.exp(-Math.log(2) * 13.875 / 59.40);
        assertThat(source.referenceAirKermaRate()).isCloseTo(expected, within(1e-6)); // DS keeps ≥ 10 significant digits
        // Control Point Relative Position: distance of each seed from the needle tip, as in the plan document
        DataSet ds = DicomReader.read(out.resolve("RP.dcm")).dataSet();
        DataSet channel = ds.sequence(Tag.APPLICATION_SETUP_SEQUENCE).get(0).sequence(Tag.CHANNEL_SEQUENCE).get(0);
        List<DataSet> cps = channel.sequence(Tag.BRACHY_CONTROL_POINT_SEQUENCE);
        JsonNode needle = null;
        for (JsonNode n : plan.get("needles")) {
            if (needle == null && n.get("seeds").size() > 0) {
                needle = n;
            }
        }
        assertThat(cps).hasSize(2 * needle.get("seeds").size());
        for (int i = 0; i < needle.get("seeds").size(); i++) {
            double planned = needle.get("seeds").get(i).get("distance_from_tip_mm").asDouble();
            // both control points of a seed lie at its distance from the tip (0.001 mm DS rounding, 0.01 mm JSON rounding)
            assertThat(cps.get(2 * i).requireNumber(Tag.CONTROL_POINT_RELATIVE_POSITION)).isCloseTo(planned, within(0.011));
            assertThat(cps.get(2 * i + 1).requireNumber(Tag.CONTROL_POINT_RELATIVE_POSITION)).isCloseTo(planned, within(0.011));
        }
    }

    /** dvh needs a prescription: the RT Plan beside the dose gives it (145 Gy here); a dose alone without --rx-gy is refused. */
    @Test
    void dvhTakesThePrescriptionFromTheReferencedPlanOrRefusesWithoutOne() throws Exception {
        CliRun fromPlan = CliRun.of("dvh", "--ct", ctDir.toString(), "--rtstruct", out.resolve("RS.dcm").toString(), "--rtdose",
                out.resolve("RD.dcm").toString(), "--roi", "PROSTATE");
        assertThat(fromPlan.exitCode()).as(fromPlan.err()).isZero();
        assertThat(fromPlan.out()).contains("prescription 145.0 Gy from").contains("RP.dcm").contains("Prescription 145.0 Gy");
        Path alone = Files.createDirectories(tmp.resolve("dose-alone"));
        Files.copy(out.resolve("RD.dcm"), alone.resolve("RD.dcm"));
        CliRun refused = CliRun.of("dvh", "--ct", ctDir.toString(), "--rtstruct", out.resolve("RS.dcm").toString(), "--rtdose",
                alone.resolve("RD.dcm").toString(), "--roi", "PROSTATE");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).contains("no prescription in the inputs").contains("--rx-gy").doesNotContain("\n");
        CliRun given = CliRun.of("dvh", "--ct", ctDir.toString(), "--rtstruct", out.resolve("RS.dcm").toString(), "--rtdose",
                alone.resolve("RD.dcm").toString(), "--roi", "PROSTATE", "--rtplan", out.resolve("RP.dcm").toString());
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(given.out()).contains("Prescription 145.0 Gy");
    }

    @Test
    void dvhOnTheExportGivesThePlanReportsD90AndV100ToHalfAPercent() throws Exception {
        CliRun r = CliRun.of("dvh", "--ct", ctDir.toString(), "--rtstruct", out.resolve("RS.dcm").toString(), "--rtdose",
                out.resolve("RD.dcm").toString(), "--rx-gy", "145", "--roi", "PROSTATE", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode dvh = new ObjectMapper().readTree(r.out()).get("structures").get(0);
        JsonNode planned = null;
        for (JsonNode s : plan.get("plan").get("structures")) {
            if (s.get("name").asText().equals("PROSTATE")) {
                planned = s;
            }
        }
        assertThat(planned).as(plan.get("plan").toString()).isNotNull();
        double d90 = planned.get("d_pct_gy").get("90").asDouble();
        double v100 = planned.get("v_pct").get("100").asDouble();
        // same contours on the same grid; only the RT Dose's 32-bit quantisation lies between: 0.5 % is the bound
        assertThat(dvh.get("d_pct_gy").get("90").asDouble()).isCloseTo(d90, within(0.005 * d90));
        assertThat(dvh.get("v_pct").get("100").asDouble()).isCloseTo(v100, within(0.005 * v100));
    }

    @Test
    void writtenObjectsPassDciodvfyTheDoseThroughASixteenBitCopy() throws Exception {
        for (String f : List.of("RS.dcm", "RP.dcm")) {
            assertThat(SharedData.dciodvfyErrors(out.resolve(f))).as(f).isEmpty();
        }
        // Debian 12's dciodvfy aborts on 32-bit Pixel Data: the same grid written in 16 bits, same study and frame
        RtDose rd = RtDoseReader.read(out.resolve("RD.dcm"));
        CtSeries ct = CtSeriesReader.read(ctDir);
        Path rd16 = tmp.resolve("RD16.dcm");
        DicomWriter.write(RtDoseWriter.write(rd.dose(), RtDoseWriter.Bits.SIXTEEN, new StudyContext(ct.patient(), ct.studyInstanceUid(),
                ct.frameOfReferenceUid(), LocalDateTime.now().withNano(0)), Uids.newUid(), Uids.newUid(), rd.referencedPlanUid()), rd16);
        assertThat(SharedData.dciodvfyErrors(rd16)).isEmpty();
    }

    @Test
    void plastimatchLoadsTheCtWithTheNewStructuresAndDose() throws Exception {
        SharedData.requireTool("plastimatch");
        Path together = tmp.resolve("together");
        Files.createDirectories(together);
        try (Stream<Path> files = Files.list(ctDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("image")).toList()) {
                Files.copy(f, together.resolve(f.getFileName()));
            }
        }
        Files.copy(out.resolve("RS.dcm"), together.resolve("RS.dcm"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(out.resolve("RD.dcm"), together.resolve("RD.dcm"), StandardCopyOption.REPLACE_EXISTING);
        SharedData.Run run = SharedData.run(List.of("plastimatch", "convert", "--input", together.toString(), "--output-ss-list",
                tmp.resolve("ss.txt").toString(), "--output-dose-img", tmp.resolve("dose.mha").toString(), "--output-ss-img",
                tmp.resolve("ss.nrrd").toString()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readString(tmp.resolve("ss.txt"))).contains("PROSTATE").contains("RECTUM");
        assertThat(Files.size(tmp.resolve("dose.mha"))).isPositive();
    }

    @Test
    void filesAreWrittenWithTheUsersUmask() throws Exception {
        Path probe = tmp.resolve("probe");
        Files.writeString(probe, "x"); // an ordinary file: the permissions the umask gives
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        assertThat(Files.getPosixFilePermissions(out.resolve("RP.dcm"))).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(out).contains(PosixFilePermission.GROUP_READ))
                .isEqualTo(expected.contains(PosixFilePermission.GROUP_READ));
    }

    @Test
    void summaryStatesCalibrationAndImplantStrengths() throws Exception {
        Path intent = tmp.resolve("intent.json");
        CliRun r = CliRun.of("plan", "--ct", ctDir.toString(), "--rtstruct", ctDir.resolve("rtss.dcm").toString(), "--intent",
                intent.toString(), "--dicom-out", tmp.resolve("rt2").toString(), "--implant-date", "2026-02-01T09:00",
                "--calibration-date", "2026-01-18T12:00", "--out", tmp.resolve("report2").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        double atCalibration = 0.5 / Math.exp(-Math.log(2) * 13.875 / 59.40);
        assertThat(r.out()).contains("6711").contains(String.format(java.util.Locale.ROOT, "S_K %.4f U at calibration 2026-01-18 12:00",
                atCalibration)).contains("0.5000 U at implant 2026-02-01 09:00");
        // the console and the plan report state the source model and its data, both dates, the strength at both, and the CT series
        String calibrationLine = String.format(java.util.Locale.ROOT, "Calibration (seed certificate): 2026-01-18 12:00, S_K %.4f U",
                atCalibration);
        String seriesUid = CtSeriesReader.read(ctDir).seriesInstanceUid();
        // the report names the date the CT series was made: its Series Date when the scanner wrote one, else the Study Date
        var first = DicomReader.read(Files.list(ctDir).filter(f -> f.getFileName().toString().startsWith("image")).sorted()
                .findFirst().orElseThrow()).dataSet();
        String seriesDate = first.string(Tag.SERIES_DATE, "");
        String date = seriesDate.length() == 8 ? seriesDate : first.string(Tag.STUDY_DATE, "");
        assertThat(r.out()).contains((seriesDate.length() == 8 ? "series date " : "study date ") + date.substring(0, 4) + "-"
                + date.substring(4, 6) + "-" + date.substring(6));
        assertThat(r.out()).contains(calibrationLine).contains("Implant: 2026-02-01 09:00, S_K 0.5000 U").contains("Source model: amersham6711")
                .contains("Source data: ").contains("CT: DICOM series " + seriesUid);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(tmp.resolve("report2/report.pdf").toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains(calibrationLine).contains("Implant: 2026-02-01 09:00, S_K 0.5000 U")
                    .contains("Source model: amersham6711").contains("CT: DICOM series " + seriesUid);
        }
        CliRun missing = CliRun.of("plan", "--ct", ctDir.toString(), "--rtstruct", ctDir.resolve("rtss.dcm").toString(), "--intent",
                intent.toString(), "--dicom-out", tmp.resolve("rt3").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--implant-date");
        assertThat(tmp.resolve("rt3")).doesNotExist();
    }
}

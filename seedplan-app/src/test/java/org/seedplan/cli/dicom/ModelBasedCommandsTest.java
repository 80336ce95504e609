package org.seedplan.cli.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.rtdose.RtDoseReader;
import org.seedplan.dose.DoseGrid;

/** {@code seedplan dose --engine mc} on the demo's DICOM export: the dose written says which it is, TG-43 printed beside it. */
class ModelBasedDoseCommandTest {

    @TempDir
    static Path tmp;
    static Path demo;

    @BeforeAll
    static void demoExport() {
        demo = tmp.resolve("demo");
        CliRun r = CliRun.of("demo", "--dicom-out", demo.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void writesTheDoseItNamesAndPrintsItBesideTg43WithItsUncertainty() {
        Path out = tmp.resolve("RD-mc.dcm");
        // 10 % mean uncertainty on a 3 mm grid keeps the run to seconds; the numbers are for the format, not the physics
        CliRun r = dose(out, "--engine", "mc", "--mc-report", "dw,m", "--grid-mm", "3", "--rx-gy", "120", "--mc-uncertainty-pct", "10",
                "--tissue", "CTV=liver");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("dose written: Dw,m (model-based dose to water in medium (TG-186)): Monte Carlo")
                .contains("TG-43 (Dw,w)").contains("Dw,m ± 1σ").containsPattern("CTV +D90 +[0-9.]+ Gy +[0-9.]+ ± [0-9.]+ Gy")
                .contains("Dw,m D90 Gy").contains("liver");
        assertThat(r.err()).contains("model-based dose (Monte Carlo): 100 %");
        DataSet rd = DicomReader.read(out).dataSet();
        assertThat(rd.string(ModelBasedDoseRun.DOSE_COMMENT).orElseThrow()).startsWith("Dw,m (model-based dose to water in medium");
        DoseGrid written = RtDoseReader.read(out).requireGy("RD-mc.dcm");
        assertThat(written.maxGy()).isGreaterThan(120);
    }

    @Test
    void refusesBadModelBasedOptionsInOneLineBeforeReadingAnything() {
        Path out = tmp.resolve("never.dcm");
        refused(dose(out, "--engine", "gpu"), "--engine 'gpu'", "tg43", "mc");
        refused(dose(out, "--hu-density", "curve.csv"), "add --engine mc");
        refused(dose(out, "--engine", "mc"), "--engine mc needs --rx-gy");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--mc-report", "dose"), "--mc-report 'dose'", "dm,m", "dw,m");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--tissue", "GTV"), "--tissue 'GTV'", "ROI=MATERIAL");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--tissue", "GTV=tumor"), "unknown material 'tumor'", "soft-tissue");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--mc-uncertainty-pct", "0.01"), "--mc-uncertainty-pct");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void refusesAnOverrideOfAStructureTheSetDoesNotHold() {
        Path out = tmp.resolve("never2.dcm");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--grid-mm", "3", "--tissue", "Tumour=soft-tissue"),
                "no structure named 'Tumour'", "CTV");
        assertThat(Files.exists(out)).isFalse();
    }

    private static CliRun dose(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("dose", "--ct", demo.toString(), "--rtstruct", demo.resolve("RS.dcm").toString(),
                "--rtplan", demo.resolve("RP.dcm").toString(), "--out-file", out.toString(), "--implant-date", "2025-03-03"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void refused(CliRun r, String... contains) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(contains);
    }
}

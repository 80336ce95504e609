package org.seedplan.cli.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seedplan.dicom.DicomDvh;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtdose.RtDoseReader;
import org.seedplan.dicom.rtplan.RtPlanReader;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.io.DvhCsv;
import org.seedplan.io.MetricsJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.report.MetricsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan dvh}: dose-volume metrics of a DICOM RT Structure Set under an RT Dose. */
@Command(name = "dvh", mixinStandardHelpOptions = true,
        description = "Print the dose metrics (docs/structures-and-dvh.md) of the ROIs of a DICOM RT Structure Set under an"
                + " RT Dose (dose in Gy), drawn on a CT series, against the prescription given by --rx-gy or by the RT Plan."
                + " Doses are in Gy and volumes in cc.")
public final class DvhCommand implements Callable<Integer> {

    @Option(names = "--ct", required = true, description = "folder holding the CT series the structures were drawn on")
    Path ct;

    @Option(names = "--series", description = "Series Instance UID of the CT series, when the folder holds several")
    String series;

    @Option(names = "--rtstruct", required = true, description = "RT Structure Set file")
    Path rtstruct;

    @Option(names = "--rtdose", required = true, description = "RT Dose file (Dose Units GY)")
    Path rtdose;

    @Option(names = "--rx-gy", description = "prescription dose, Gy, for V100/V150/V200 and the target indices; required unless"
            + " the RT Plan (--rtplan, or the plan the RT Dose references found beside it) states a Target Prescription Dose")
    Double rxGy;

    @Option(names = "--rtplan", description = "the RT Plan the dose was computed for: its Target Prescription Dose is the"
            + " prescription when --rx-gy is not given")
    Path rtplan;

    @Option(names = "--roi", description = "evaluate only this ROI: its number (3), number and name (\"3:PROSTATE\") or name;"
            + " repeat for several (default: every ROI with closed contours)")
    List<String> rois = new ArrayList<>();

    @Option(names = "--json", description = "print the metrics as JSON (docs/structures-and-dvh.md)")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "also write dvh.csv (1 Gy bins) and metrics.json into this folder (created if missing; files of the same names are replaced)")
    Path out;

    @Override
    public Integer call() {
        if (rxGy != null) {
            org.seedplan.dvh.DoseMetricsCalculator.requirePrescription("--rx-gy", rxGy);
        }
        CtSeries ctSeries = CtSeriesReader.read(ct, series);
        RtStructureSet rs = RtStructReader.read(rtstruct);
        RtDose rd = RtDoseReader.read(rtdose);
        org.seedplan.dicom.consistency.Consistency.requireDrawnOn(rs, ctSeries, ct.toString());
        org.seedplan.dicom.consistency.Consistency.requireDoseOn(rd, rs);
        double prescriptionGy = prescriptionGy(rd);
        DicomDvh.Result r = DicomDvh.evaluate(ctSeries, ct.toString(), rs, rd, prescriptionGy, rois);
        r.notes().forEach(n -> (json ? System.err : System.out).println("note: " + n));
        if (out != null) {
            try (OutputFolder folder = OutputFolder.open(out)) {
                folder.writeString("dvh.csv", DvhCsv.write(r.dvhs(), 1.0));
                folder.writeString("metrics.json", MetricsJson.write(MetricsJson.of(r.metrics())));
                folder.commit();
            }
        }
        if (json) {
            System.out.println(MetricsJson.write(MetricsJson.of(r.metrics())));
        } else {
            System.out.print(MetricsTable.render(r.metrics()));
        }
        return 0;
    }

    /**
     * --rx-gy; else the Target Prescription Dose of the RT Plan given by --rtplan or, without it, of the plan the
     * RT Dose references when that plan lies beside the dose; refused when none gives one.
     */
    private double prescriptionGy(RtDose rd) {
        if (rxGy != null) {
            return rxGy;
        }
        Path planFile = rtplan != null ? rtplan : referencedPlanBeside(rd);
        if (planFile == null) {
            throw new IllegalArgumentException("dvh: no prescription in the inputs (" + rtdose + " references no RT Plan beside it,"
                    + " and structure sets and doses state none): give --rx-gy GY or the plan with --rtplan RP.dcm");
        }
        double gy = RtPlanReader.read(planFile).prescriptionGy();
        if (!Double.isFinite(gy)) {
            throw new IllegalArgumentException(planFile + ": the RT Plan states no Target Prescription Dose: give --rx-gy GY");
        }
        org.seedplan.dvh.DoseMetricsCalculator.requirePrescription(planFile + " Target Prescription Dose", gy);
        if (!json) {
            System.out.printf(java.util.Locale.ROOT, "prescription %.1f Gy from %s%n", gy, planFile);
        }
        return gy;
    }

    /** The RT Plan file the dose's Referenced RT Plan Sequence names, searched among the files beside the dose; null if none. */
    private Path referencedPlanBeside(RtDose rd) {
        String uid = rd.referencedPlanUid();
        if (uid == null || uid.isBlank()) {
            return null;
        }
        try (Stream<Path> files = Files.list(rtdose.toAbsolutePath().getParent())) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    if (uid.equals(RtPlanReader.read(f).sopInstanceUid())) {
                        return f;
                    }
                } catch (IllegalArgumentException | UncheckedIOException notThePlan) {
                    // other files in the folder: CT slices, structure set, dose
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(rtdose + ": cannot list its folder (" + e.getMessage() + ")", e);
        }
        return null;
    }
}

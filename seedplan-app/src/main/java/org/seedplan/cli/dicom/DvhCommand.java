package org.seedplan.cli.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seedplan.dicom.DicomDvh;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtdose.RtDoseReader;
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
                + " RT Dose (dose in Gy), drawn on a CT series. Doses in Gy, volumes in cc.")
public final class DvhCommand implements Callable<Integer> {

    @Option(names = "--ct", required = true, description = "folder holding the CT series the structures were drawn on")
    Path ct;

    @Option(names = "--series", description = "Series Instance UID of the CT series, when the folder holds several")
    String series;

    @Option(names = "--rtstruct", required = true, description = "RT Structure Set file")
    Path rtstruct;

    @Option(names = "--rtdose", required = true, description = "RT Dose file (Dose Units GY)")
    Path rtdose;

    @Option(names = "--rx-gy", defaultValue = "120", description = "prescription dose, Gy, for V100/V150/V200 and the target indices (default ${DEFAULT-VALUE})")
    double rxGy;

    @Option(names = "--roi", description = "evaluate only this ROI: its number (3), number and name (\"3:PROSTATE\") or name;"
            + " repeat for several (default: every ROI with closed contours)")
    List<String> rois = new ArrayList<>();

    @Option(names = "--json", description = "print the metrics as JSON (docs/structures-and-dvh.md)")
    boolean json;

    @Option(names = "--out", description = "also write dvh.csv (1 Gy bins) and metrics.json into this folder")
    Path out;

    @Override
    public Integer call() {
        CtSeries ctSeries = CtSeriesReader.read(ct, series);
        RtStructureSet rs = RtStructReader.read(rtstruct);
        RtDose rd = RtDoseReader.read(rtdose);
        DicomDvh.Result r = DicomDvh.evaluate(ctSeries, ct.toString(), rs, rd, rxGy, rois);
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
}

package org.seedplan.report;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.rtplan.ImplantSource;
import org.seedplan.planning.Plan;
import org.seedplan.source.SeedStrength;

/**
 * What a plan report states beyond the plan itself: the CT the plan was made on and the seed
 * certificate's calibration and implant date-times (null when not given), from which the strength
 * at calibration follows from the strength at implant by the decay, S_K(cal) = S_K(implant) · exp(ln 2 · Δt / T½).
 * The same lines go into the PDF and onto the console.
 */
public record PlanProvenance(String ct, LocalDateTime calibration, LocalDateTime implant) {

    public PlanProvenance {
        if ((calibration == null) != (implant == null)) {
            throw new IllegalArgumentException("a calibration date needs an implant date and the other way round");
        }
    }

    /** When the plan's strengths are (the strength at implant): "on 2025-03-03 (implant)", or "at implant" without dates. */
    public String atImplant() {
        return implant == null ? "at implant" : "on " + implant.toLocalDate() + " (implant)";
    }

    /** A CT without a DICOM series (a case file's grid), no dates given. */
    public static PlanProvenance unstated(String ct) {
        return new PlanProvenance(ct, null, null);
    }

    /** The CT series read from {@code dir}: its Series and Study Instance UIDs, Series Description, slices, the date it was made. */
    public static String describe(CtSeries series, java.nio.file.Path dir) {
        String description = CtSeriesReader.listSeries(dir).stream().filter(s -> s.seriesInstanceUid().equals(series.seriesInstanceUid()))
                .map(s -> s.description()).filter(d -> d != null && !d.isBlank()).findFirst().map(d -> " '" + d + "'").orElse("");
        var g = series.volume().grid();
        return String.format(Locale.ROOT, "DICOM series %s%s of %s, %d slices of %d x %d (%.2f x %.2f x %.2f mm), study %s, from %s",
                series.seriesInstanceUid(), description, seriesDate(series, dir), g.nz(), g.nx(), g.ny(), g.dxMm(), g.dyMm(), g.dzMm(),
                series.studyInstanceUid(), dir);
    }

    /**
     * The date the series was made, from its first file in {@code dir}: the Series Date, else the Acquisition
     * Date, else the Study Date (the CT may be a later series of the study), each labelled; or "date not stated".
     */
    static String seriesDate(CtSeries series, java.nio.file.Path dir) {
        try (var files = java.nio.file.Files.list(dir)) {
            for (var f : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                try {
                    var ds = DicomReader.read(f).dataSet();
                    if (ds.string(Tag.SERIES_INSTANCE_UID, "").equals(series.seriesInstanceUid())) {
                        for (var date : List.of(java.util.Map.entry(Tag.SERIES_DATE, "series date"),
                                java.util.Map.entry(Tag.ACQUISITION_DATE, "acquisition date"), java.util.Map.entry(Tag.STUDY_DATE, "study date"))) {
                            String d = ds.string(date.getKey(), "").strip();
                            if (d.length() == 8) {
                                return date.getValue() + " " + d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6);
                            }
                        }
                        return "date not stated";
                    }
                } catch (IllegalArgumentException | java.io.UncheckedIOException notDicom) {
                    // other files in the folder
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(dir + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        return "date not stated";
    }

    /** Lines stating the source model, its data provenance, the dates and the strength at calibration and at implant. */
    public List<String> sourceLines(Plan plan) {
        List<String> lines = new ArrayList<>();
        SeedStrength strength = plan.intent().seed().strength();
        double skU = plan.intent().seed().skU();
        double halfLife = plan.intent().halfLifeDays();
        lines.add("Source model: " + plan.source().key() + " (" + plan.source().description() + ")");
        lines.add("Source data: " + plan.source().dataStatus());
        if (implant == null) {
            lines.add(String.format(Locale.ROOT, "Strength at implant: %s = %.4f U (1.270 U/mCi), T½ %.2f d. Implant and calibration"
                    + " dates: not given (plan --implant-date, --calibration-date); the strength is the one at implant.", strength, skU, halfLife));
        } else {
            double factor = ImplantSource.decayFactor(calibration, implant, halfLife);
            lines.add(String.format(Locale.ROOT, "Calibration (seed certificate): %s, S_K %.4f U (%.4f mCi)", shown(calibration),
                    skU / factor, skU / factor / SeedStrength.U_PER_MCI_I125));
            lines.add(String.format(Locale.ROOT, "Implant: %s, S_K %.4f U (%s); decay factor %.6f over %.2f d (T½ %.2f d)", shown(implant),
                    skU, strength, factor, java.time.Duration.between(calibration, implant).getSeconds() / 86400.0, halfLife));
        }
        lines.add("CT: " + ct);
        return lines;
    }

    private static String shown(LocalDateTime t) {
        return t.toString().replace('T', ' ');
    }
}

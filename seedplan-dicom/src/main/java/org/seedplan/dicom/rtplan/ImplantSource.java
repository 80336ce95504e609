package org.seedplan.dicom.rtplan;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dose.Seed;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

/**
 * The source of a permanent seed implant plan as it will be computed: the TG-43 model (matched from
 * the plan's Source Model ID, or the user's explicit {@code --source}), the half-life used, and per
 * plan source its strength at calibration (Reference Air Kerma Rate at Source Strength Reference
 * Date/Time) and at the implant date, S_K(implant) = S_K(cal) · exp(−ln 2 · Δt / T½) (TG-43U1 §II.B,
 * exponential decay; Δt in days, negative when the implant precedes the calibration).
 */
public record ImplantSource(SourceModel model, String choice, double halfLifeDays, LocalDateTime implant,
                            Map<Integer, Strength> strengths) {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** One plan source's strength at calibration and at implant, U. */
    public record Strength(int sourceNumber, LocalDateTime calibration, double atCalibrationU, double atImplantU) {
    }

    public ImplantSource {
        strengths = Map.copyOf(strengths);
    }

    /**
     * Resolves the plan's source.
     *
     * @param overrideKey       the user's {@code --source} key, or null to use the plan's own model
     * @param implant           the implant date-time, or null (refused: RT Plans hold no implant date)
     * @param halfLifeOverride  the user's half-life in days, or null for the model's
     */
    public static ImplantSource resolve(BrachyPlan plan, SourceLibrary library, String overrideKey, LocalDateTime implant,
                                        Double halfLifeOverride) {
        String file = plan.fileName();
        List<BrachySource> used = new ArrayList<>();
        plan.positions().stream().map(SourcePosition::sourceNumber).distinct().forEach(n -> used.add(plan.source(n).orElseThrow(
                () -> new IllegalArgumentException(file + ": a channel refers to source " + n + ", which the Source Sequence does"
                        + " not hold: the plan is incomplete"))));
        if (used.isEmpty()) {
            throw new IllegalArgumentException(file + ": the RT Plan holds no seed positions: give the plan of the implant");
        }
        BrachySource first = used.get(0);
        for (BrachySource s : used) {
            if (!SeedModelMatcher.normalise(s.modelId()).equals(SeedModelMatcher.normalise(first.modelId()))
                    || !SeedModelMatcher.normalise(s.isotope()).equals(SeedModelMatcher.normalise(first.isotope()))) {
                throw new IllegalArgumentException(file + ": sources " + first.number() + " and " + s.number() + " are different"
                        + " models ('" + describe(first) + "', '" + describe(s) + "'): seedplan computes one seed model per plan;"
                        + " split the plan by model");
            }
        }
        SourceModel model;
        String choice;
        if (overrideKey != null) {
            model = library.model(overrideKey);
            choice = "--source " + model.key() + " (given by the user; the plan states '" + describe(first) + "')";
        } else {
            if (!SeedModelMatcher.isIodine125(first.isotope())) {
                throw new IllegalArgumentException(file + ": Source Isotope Name is '" + first.isotope() + "': seedplan holds TG-43"
                        + " data for I-125 seeds only; give --source KEY (with --source-dir for your own data) to compute it"
                        + " with a model you choose");
            }
            String key = SeedModelMatcher.match(first, library).orElseThrow(() -> new IllegalArgumentException(file
                    + ": Source Model ID '" + first.modelId() + "' (Source Manufacturer '" + first.manufacturer()
                    + "') matches no seed model of the library " + knownNames(library) + ": give --source KEY to choose the data"));
            model = library.model(key);
            choice = model.key() + " (the plan's '" + describe(first) + "')";
        }
        double halfLife = halfLifeOverride != null ? halfLifeOverride : model.halfLifeDays();
        if (!(halfLife > 0) || !Double.isFinite(halfLife)) {
            throw new IllegalArgumentException("--half-life-days must be a positive number of days, got " + halfLife);
        }
        if (overrideKey == null && halfLifeOverride == null && Double.isFinite(first.halfLifeDays())
                && Math.abs(first.halfLifeDays() - halfLife) > 0.01 * halfLife) {
            throw new IllegalArgumentException(file + ": Source Isotope Half Life is " + first.halfLifeDays() + " d but the "
                    + model.key() + " data give " + halfLife + " d: give --half-life-days or --source to decide which holds");
        }
        Map<Integer, LocalDateTime> calibration = new LinkedHashMap<>();
        for (BrachySource s : used) {
            if (!(s.referenceAirKermaRate() > 0)) {
                throw new IllegalArgumentException(file + ": source " + s.number() + " has no positive Reference Air Kerma Rate:"
                        + " the seed strength is unknown; give a plan that states it");
            }
            calibration.put(s.number(), referenceDateTime(file, s));
        }
        if (implant == null) {
            throw new IllegalArgumentException(file + ": an RT Plan states the seeds' calibration date ("
                    + SHOWN.format(calibration.get(first.number())) + ") but no implant date: give --implant-date YYYY-MM-DD[THH:MM]"
                    + " so that the strength is decayed to the day of the implant");
        }
        Map<Integer, Strength> strengths = new LinkedHashMap<>();
        for (BrachySource s : used) {
            LocalDateTime cal = calibration.get(s.number());
            strengths.put(s.number(), new Strength(s.number(), cal, s.referenceAirKermaRate(),
                    s.referenceAirKermaRate() * decayFactor(cal, implant, halfLife)));
        }
        return new ImplantSource(model, choice, halfLife, implant, strengths);
    }

    /** exp(−ln 2 · Δt / T½), Δt from calibration to implant in days (to the second). */
    public static double decayFactor(LocalDateTime calibration, LocalDateTime implant, double halfLifeDays) {
        double days = Duration.between(calibration, implant).getSeconds() / 86400.0;
        return Math.exp(-Math.log(2) * days / halfLifeDays);
    }

    /** The plan's seeds with each seed's strength at the implant date. */
    public List<Seed> seeds(BrachyPlan plan) {
        List<Seed> asStated = plan.seeds();
        List<Seed> out = new ArrayList<>(asStated.size());
        for (int i = 0; i < asStated.size(); i++) {
            Seed s = asStated.get(i);
            out.add(new Seed(s.centreMm(), s.axis(), strengths.get(plan.positions().get(i).sourceNumber()).atImplantU()));
        }
        return out;
    }

    /** The lines every report shows: the model used and why, calibration and implant dates, strengths at both. */
    public List<String> reportLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "source: %s, T½ %.2f d", choice, halfLifeDays));
        for (Strength s : strengths.values()) {
            lines.add(String.format(Locale.ROOT, "source %d: calibration %s, S_K %.4f U; implant %s, S_K %.4f U (decay factor %.6f)",
                    s.sourceNumber(), SHOWN.format(s.calibration()), s.atCalibrationU(), SHOWN.format(implant), s.atImplantU(),
                    s.atImplantU() / s.atCalibrationU()));
        }
        return lines;
    }

    /**
     * An implant date from the command line: {@code 2026-01-15}, {@code 2026-01-15T09:30} or
     * {@code 2026-01-15 09:30[:00]} (a date alone means 00:00).
     */
    public static LocalDateTime parseImplantDate(String text) {
        String t = text.trim().replace(' ', 'T');
        try {
            return t.contains("T") ? LocalDateTime.parse(t) : LocalDate.parse(t).atStartOfDay();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--implant-date '" + text + "' is not a date: give YYYY-MM-DD or YYYY-MM-DDTHH:MM");
        }
    }

    private static LocalDateTime referenceDateTime(String file, BrachySource s) {
        String d = s.strengthReferenceDate().trim();
        if (!d.matches("\\d{8}")) {
            throw new IllegalArgumentException(file + ": source " + s.number() + " has Source Strength Reference Date '" + d
                    + "', not yyyymmdd: the date its strength refers to is unknown; give a plan that states the calibration date");
        }
        String tm = s.strengthReferenceTime().trim();
        LocalTime time = LocalTime.MIDNIGHT;
        if (!tm.isEmpty()) {
            if (!tm.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
                throw new IllegalArgumentException(file + ": source " + s.number() + " has Source Strength Reference Time '" + tm
                        + "', not HHMMSS: the file is corrupt");
            }
            int h = Integer.parseInt(tm.substring(0, 2));
            int m = tm.length() >= 4 ? Integer.parseInt(tm.substring(2, 4)) : 0;
            int sec = tm.length() >= 6 ? Integer.parseInt(tm.substring(4, 6)) : 0;
            if (h > 23 || m > 59 || sec > 59) {
                throw new IllegalArgumentException(file + ": Source Strength Reference Time '" + tm + "' is not a time of day");
            }
            time = LocalTime.of(h, m, sec);
        }
        try {
            return LocalDate.parse(d, DateTimeFormatter.BASIC_ISO_DATE).atTime(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": Source Strength Reference Date '" + d + "' is not a calendar date");
        }
    }

    private static String describe(BrachySource s) {
        return (s.manufacturer() + " " + s.modelId() + ", " + s.isotope()).trim();
    }

    private static String knownNames(SourceLibrary library) {
        List<String> out = new ArrayList<>();
        for (String key : library.keys()) {
            out.add(key + " = " + String.join("/", SeedModelMatcher.aliases(library.model(key)).subList(1,
                    SeedModelMatcher.aliases(library.model(key)).size())));
        }
        return out.toString();
    }
}

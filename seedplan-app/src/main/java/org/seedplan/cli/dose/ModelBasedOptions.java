package org.seedplan.cli.dose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import org.seedplan.dose.montecarlo.MaterialLibrary;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.modelbased.DoseSpecification;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dose.tissue.TissueClass;
import picocli.CommandLine.Option;

/**
 * The options of a model-based (TG-186 Monte Carlo) dose: which dose to report, the CT calibration curve, tissue
 * overrides by structure, the default soft tissue, and the Monte Carlo's stop rule and random seed. Checked before anything is read.
 */
public final class ModelBasedOptions {

    /** Most a run may take, s: a plan's model-based dose is for a report, not an overnight batch. */
    static final double MAX_SECONDS = 3600;

    @Option(names = "--mc-report", defaultValue = "dm,m", paramLabel = "dm,m|dw,m",
            description = "model-based dose to report: dm,m (dose to medium in medium, TG-186's choice; default) or dw,m (dose to water in medium)")
    String report;

    @Option(names = "--hu-density", paramLabel = "CSV",
            description = "the CT's calibration curve, columns hu,density_g_per_cm3 (default: ICRU 46 tissues at typical 120 kV CT numbers; docs/model-based-dose.md)")
    Path huDensity;

    @Option(names = "--tissue", paramLabel = "ROI=MATERIAL[:G_PER_CM3]",
            description = "give a structure one material instead of the one TG-186 gives it (liver, prostate, heart, mean-male-soft-tissue,"
                    + " mean-female-soft-tissue, mean-adipose, lung-inflated, cortical-bone, muscle, water …), at the CT's density or the one given;"
                    + " repeat for several, a later one wins (e.g. --tissue GTV=liver for a liver lesion without a liver contour)")
    List<String> tissues = new ArrayList<>();

    @Option(names = "--soft-tissue", paramLabel = "MATERIAL",
            description = "soft tissue of the voxels no contour assigns (default: TG-186 Table III's by the CT's Patient Sex,"
                    + " mean-female-soft-tissue for F, mean-male-soft-tissue otherwise)")
    String softTissue;

    @Option(names = "--mc-uncertainty-pct", defaultValue = "2", paramLabel = "PCT",
            description = "stop the Monte Carlo when the mean statistical uncertainty (1σ) over the target voxels reaches this, in %% (default ${DEFAULT-VALUE})")
    double uncertaintyPct;

    @Option(names = "--mc-max-seconds", defaultValue = "600", description = "stop the Monte Carlo after this many seconds at most (default ${DEFAULT-VALUE})")
    double maxSeconds;

    @Option(names = "--mc-seed", defaultValue = "1", description = "random seed of the Monte Carlo: the same seed gives the same dose (default ${DEFAULT-VALUE})")
    long seed;

    /** Refuses bad values before any input is read. */
    public void check() {
        specification();
        if (!(uncertaintyPct >= 0.5 && uncertaintyPct <= 20)) {
            throw new IllegalArgumentException("--mc-uncertainty-pct " + uncertaintyPct + ": give 0.5 to 20 % (2 % is usual for a plan)");
        }
        if (!(maxSeconds >= 1 && maxSeconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException("--mc-max-seconds " + maxSeconds + ": give 1 to " + (long) MAX_SECONDS + " s");
        }
        overrides();
        softTissue("");
        curve();
    }

    /**
     * The soft tissue of voxels no contour assigns: the one given, checked against the material library, or else TG-186's for
     * the patient's DICOM Patient Sex {@code patientSex} ({@link TissueClass#defaultSoftTissue}).
     */
    public String softTissue(String patientSex) {
        if (softTissue == null) {
            return TissueClass.defaultSoftTissue(patientSex);
        }
        String m = softTissue.trim().toLowerCase(Locale.ROOT);
        List<String> known = MaterialLibrary.standard().names();
        if (!known.contains(m)) {
            throw new IllegalArgumentException("--soft-tissue '" + softTissue + "': unknown material: use mean-male-soft-tissue,"
                    + " mean-female-soft-tissue or another of " + String.join(", ", known));
        }
        return m;
    }

    /** Whether any of these options was given (they need the model-based dose switched on). */
    public boolean anyGiven() {
        return !report.equals("dm,m") || huDensity != null || !tissues.isEmpty() || uncertaintyPct != 2 || maxSeconds != 600 || seed != 1
                || softTissue != null;
    }

    public DoseSpecification specification() {
        return DoseSpecification.parseModelBased("--mc-report", report);
    }

    public HuDensityCurve curve() {
        return huDensity == null ? HuDensityCurve.standard() : HuDensityCurve.read(huDensity);
    }

    /** The --tissue overrides, parsed and their materials checked. */
    public List<PatientModelBasedDose.OverrideRequest> overrides() {
        List<PatientModelBasedDose.OverrideRequest> out = new ArrayList<>();
        List<String> known = MaterialLibrary.standard().names();
        for (String t : tissues) {
            int eq = t.indexOf('=');
            if (eq <= 0 || eq == t.length() - 1) {
                throw new IllegalArgumentException("--tissue '" + t + "': write ROI=MATERIAL or ROI=MATERIAL:DENSITY, e.g. GTV=soft-tissue");
            }
            String roi = t.substring(0, eq).trim();
            String rest = t.substring(eq + 1).trim();
            int colon = rest.indexOf(':');
            String material = (colon < 0 ? rest : rest.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            if (!known.contains(material)) {
                throw new IllegalArgumentException("--tissue '" + t + "': unknown material '" + material + "': use one of " + String.join(", ", known));
            }
            Double density = null;
            if (colon >= 0) {
                try {
                    density = Double.parseDouble(rest.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--tissue '" + t + "': '" + rest.substring(colon + 1) + "' is not a density: give g/cm³, e.g. 1.05");
                }
                if (!(density > 0 && density <= 22.6)) {
                    throw new IllegalArgumentException("--tissue '" + t + "': density " + density + " g/cm³ is not in (0, 22.6]: give g/cm³ (soft tissue 1.03)");
                }
            }
            out.add(new PatientModelBasedDose.OverrideRequest(roi, material, density));
        }
        return out;
    }

    /** The Monte Carlo settings: all processors, the uncertainty and time limits, the seed. */
    public MonteCarloSettings settings() {
        return new MonteCarloSettings(seed, Runtime.getRuntime().availableProcessors(), uncertaintyPct / 100, 10_000_000_000L, maxSeconds);
    }

    /** A progress line on stderr ("model-based dose: 40 %"), redrawn in place when stderr is a terminal, else every 10 %. */
    public static DoubleConsumer progressLine() {
        boolean terminal = System.console() != null;
        int[] last = {-1};
        return f -> {
            int pct = (int) Math.floor(100 * Math.max(0, Math.min(1, f)));
            int step = terminal ? pct : pct / 10 * 10;
            if (step != last[0]) {
                last[0] = step;
                System.err.print(String.format(Locale.ROOT, terminal ? "\rmodel-based dose (Monte Carlo): %3d %%" : "model-based dose (Monte Carlo): %3d %%%n", step));
                if (terminal && pct >= 100) {
                    System.err.println();
                }
                System.err.flush();
            }
        };
    }
}

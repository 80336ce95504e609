package org.seedplan.cli.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.seedplan.dicom.UmaskFiles;
import org.seedplan.dicom.consistency.Consistency;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtstruct.Roi;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.verify.seedfinder.FoundSeed;
import org.seedplan.verify.seedfinder.RejectedObject;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;
import org.seedplan.io.OutputFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan find-seeds}: finds the implanted seeds on a post-operative CT and writes them as CSV. */
@Command(name = "find-seeds", mixinStandardHelpOptions = true,
        description = {"Find the implanted seeds on a post-operative CT series (3D: adaptive threshold, bone and other"
                + " metal rejected, merged seeds split using the scan's own isolated seeds).",
                "Writes CSV x_mm,y_mm,z_mm,dx,dy,dz,confidence: centre in patient (LPS) mm, unit axis direction,"
                        + " confidence 0-1 (the seed columns of dose-points, with confidence in place of sk_U).",
                "Prints first what to check (a count differing from --expected, an unusual seed appearance, metal other than"
                        + " seeds, an earlier implant's seeds, seeds far from the implant), then what was found, what bright objects"
                        + " were rejected and why, and any count it could not reconcile."})
public final class FindSeedsCommand implements Callable<Integer> {

    /** Most seeds an implant is expected to hold: permanent implants use up to a few hundred; more is a typing error. */
    static final int MAX_EXPECTED_SEEDS = 10_000;

    @Option(names = "--ct", required = true, description = "folder holding the post-op CT series (DICOM)")
    Path ctDir;

    @Option(names = "--series", description = "Series Instance UID of the CT series, when the folder holds several")
    String series;

    @Option(names = "--expected", description = "number of seeds implanted; differences are reconciled where the image"
            + " allows and reported otherwise")
    Integer expected;

    @Option(names = "--roi", description = "search only objects touching this structure (needs --rtstruct): its ROI number (3),"
            + " number and name (\"3:PROSTATE\") or name")
    String roiName;

    @Option(names = "--rtstruct", description = "RT Structure Set file holding the --roi structure")
    Path rtstruct;

    @Option(names = "--previous-seeds", paramLabel = "PLAN|CT_DIR|CSV", description = "an earlier implant's seeds: its RT Plan,"
            + " its post-op CT (a folder; the seeds are found on it), or a CSV x_mm,y_mm,z_mm in this CT's coordinates; found"
            + " seeds within " + SeedFinder.PREVIOUS_MATCH_MM + " mm of one are listed as that implant's, not counted as this one's."
            + " A plan or CT must be this patient's and lie in this CT's Frame of Reference, or be registered to it")
    Path previousSeeds;

    @Option(names = "--previous-registration", paramLabel = "FILE", description = "a rigid Spatial Registration (or 4×4 matrix"
            + " file) from the --previous-seeds plan's or CT's Frame of Reference into this CT's")
    Path previousRegistration;

    @Option(names = "--out-file", required = true, paramLabel = "FILE", description = "seed CSV file to write (replaced if present)")
    Path out;

    @Override
    public Integer call() {
        checkExpected("--expected", expected);
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out-file " + out + " is a folder: give the name of the seed CSV file to write");
        }
        OutputFolder.refuseInputFile("--out-file", out, rtstruct);
        OutputFolder.refuseInputFile("--out-file", out, previousSeeds);
        OutputFolder.refuseInputFile("--out-file", out, previousRegistration);
        Path o = out.toAbsolutePath().normalize();
        if (Files.exists(o) && o.startsWith(ctDir.toAbsolutePath().normalize()) && !o.getFileName().toString().endsWith(".csv")) {
            throw new IllegalArgumentException("--out-file " + out + " would overwrite a file of the CT folder " + ctDir
                    + ": give a new .csv file name");
        }
        if ((roiName == null) != (rtstruct == null)) {
            throw new IllegalArgumentException("--roi and --rtstruct go together: give the structure name and the RT Structure"
                    + " Set file holding it, or neither to search the whole scan");
        }
        // the small inputs are read before the CT, so that a bad one is refused before the long work
        PreviousSeeds earlier = previousSeeds(previousSeeds, previousRegistration);
        var progress = new org.seedplan.cli.planning.ProgressBar(System.err, System.console() != null);
        progress.progress("reading the CT", 0.05);
        CtSeries ct = CtSeriesReader.read(ctDir, series);
        Mask roi = null;
        if (roiName != null) {
            RtStructureSet set = RtStructReader.read(rtstruct);
            Consistency.requireDrawnOn(set, ct, ctDir.toString());
            roi = roiMask(set, roiName, ct.volume().grid());
        }
        List<Vec3> previous = earlier == null ? List.of() : earlier.onCt(ct, ctDir.toString(), previousRegistration);
        progress.progress("finding the seeds", 0.3);
        SeedFinding f = new SeedFinder().find(ct.volume(), roi,
                expected == null ? OptionalInt.empty() : OptionalInt.of(expected), previous);
        progress.progress("done", 1);
        writeAtomically(out, csv(f.seeds()));
        System.out.println(summary(f));
        return 0;
    }

    /** Refuses an expected seed count outside 1 … {@value #MAX_EXPECTED_SEEDS} (null: not given). */
    static void checkExpected(String option, Integer expected) {
        if (expected != null && (expected < 1 || expected > MAX_EXPECTED_SEEDS)) {
            throw new IllegalArgumentException(option + " " + expected + ": give the number of seeds implanted, 1 to " + MAX_EXPECTED_SEEDS);
        }
    }

    /**
     * An earlier implant's seeds ({@link PreviousSeeds#read}), or null when none is given; a registration without them,
     * or with a CSV, is refused.
     */
    static PreviousSeeds previousSeeds(Path input, Path registration) {
        if (input == null) {
            if (registration != null) {
                throw new IllegalArgumentException(PreviousSeeds.REGISTRATION_OPTION + " " + registration + ": registers an earlier"
                        + " implant's seeds: give them with " + PreviousSeeds.OPTION + ", or leave the registration out");
            }
            return null;
        }
        PreviousSeeds earlier = PreviousSeeds.read(input);
        earlier.checkRegistrationOption(registration);
        return earlier;
    }

    /** The chosen ROI of an RT Structure Set ({@link RtStructureSet#select}) rasterised on the CT grid. */
    static Mask roiMask(RtStructureSet set, String selector, Grid grid) {
        Roi r = set.select(selector);
        Structure s = r.structure().orElseThrow(() -> new IllegalArgumentException(set.fileName() + ": ROI " + r.number() + " '"
                + r.name() + "' has no closed contours: choose a structure drawn as contours"));
        return MaskRasterizer.rasterize(s, grid);
    }

    /** The seed table: x_mm,y_mm,z_mm,dx,dy,dz,confidence, one row per seed. */
    public static String csv(List<FoundSeed> seeds) {
        StringBuilder sb = new StringBuilder("x_mm,y_mm,z_mm,dx,dy,dz,confidence\n");
        for (FoundSeed s : seeds) {
            sb.append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.4f,%.4f,%.4f,%.3f%n", s.centreMm().x(), s.centreMm().y(),
                    s.centreMm().z(), s.axis().x(), s.axis().y(), s.axis().z(), s.confidence()));
        }
        return sb.toString();
    }

    /**
     * A few lines for the physicist: the self-check first (count differing from the implanted one, unusual seed
     * appearance, other metal, earlier implant, far seeds), then the count, calibration, rejected objects and
     * reconciliation notes.
     */
    public static String summary(SeedFinding f) {
        StringBuilder sb = new StringBuilder();
        for (String line : f.selfCheck()) {
            sb.append("CHECK ").append(line).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "seeds found: %d%s%n", f.seeds().size(),
                f.expectedCount().isPresent() ? " (expected " + f.expectedCount().getAsInt() + ")" : ""));
        if (!f.previousImplantSeeds().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  earlier implant's seeds (not in the CSV): %d%n", f.previousImplantSeeds().size()));
        }
        long merged = f.seeds().stream().filter(s -> s.seedsInBlob() > 1).count();
        long low = f.seeds().stream().filter(s -> s.confidence() < 0.5).count();
        sb.append(String.format(Locale.ROOT, "  %d in merged groups (touching or clumped), %d with confidence below 0.5%n", merged, low));
        var c = f.calibration();
        sb.append(String.format(Locale.ROOT, "  scan: soft tissue %.0f HU, metal %.0f HU, threshold %.0f HU, PSF sigma %.2f mm"
                        + " in-plane / %.2f mm axial, seed image %.1f mm long (learned from %d isolated seeds)%n", c.backgroundHu(),
                c.metalLevelHu(), c.thresholdHu(), c.psfSigmaInPlaneMm(), c.psfSigmaAxialMm(), c.seedImageLengthMm(),
                c.isolatedSeedsUsed()));
        for (RejectedObject.Reason reason : RejectedObject.Reason.values()) {
            List<RejectedObject> rs = f.rejected().stream().filter(r -> r.reason() == reason).toList();
            if (rs.isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "  not seeds (%s): %d object(s)", reason.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    rs.size()));
            if (reason == RejectedObject.Reason.OTHER_METAL) {
                sb.append(rs.stream().map(RejectedObject::describe).collect(Collectors.joining("; ", ": ", "")));
            } else if (reason == RejectedObject.Reason.TOO_SMALL) {
                sb.append(rs.stream().map(r -> String.format(Locale.ROOT, " at (%.1f, %.1f, %.1f) mm, %.0f mm³", r.centreMm().x(),
                        r.centreMm().y(), r.centreMm().z(), r.volumeMm3())).collect(Collectors.joining(";", ":", "")));
            }
            sb.append('\n');
        }
        for (String n : f.notes()) {
            sb.append("  note: ").append(n).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Writes the text to a hidden file beside the target (with the user's umask), then moves it into place. */
    static void writeAtomically(Path target, String text) {
        UmaskFiles.writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.seedplan.cli.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.seedplan.dicom.consistency.Consistency;
import org.seedplan.dicom.consistency.ObjectIdentity;
import org.seedplan.dicom.consistency.RigidRegistration;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtplan.RtPlanReader;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.SeedTable;
import org.seedplan.verify.seedfinder.FoundSeed;
import org.seedplan.verify.seedfinder.SeedFinder;

/**
 * An earlier implant's seeds ({@code --previous-seeds}), read before this CT so that a bad input is refused before the
 * long work, then placed in this CT's coordinates ({@link #onCt}).
 *
 * <p>Three inputs: the earlier implant's RT Plan; its post-op CT (a folder), on which the seeds are found as
 * find-seeds finds them; or a CSV ({@code x_mm,y_mm,z_mm}). A CSV carries no patient or frame: it is taken as given in
 * this CT's coordinates. A plan or CT does: it must be this CT's patient's, and its seeds are matched in this CT's Frame
 * of Reference only — directly when it lies in that frame, through {@code --previous-registration} (a rigid Spatial
 * Registration or 4×4 matrix from its frame into this CT's) when not. An earlier implant was planned and imaged on other
 * CTs, usually in other frames: matched in raw coordinates its seeds would label nothing, or this implant's seeds, as
 * old. Aligning the two seed clouds automatically is not done on purpose: when the same lesion is implanted again the new
 * seeds lie among the old ones, and an automatic alignment could take new seeds for old.
 *
 * @param points the seeds' centres, mm, in the input's own coordinates
 * @param identity the input's patient and frame, or null for a CSV
 * @param kind what the input is, for messages ("RT Plan", "post-op CT", "CSV")
 */
record PreviousSeeds(Path file, List<Vec3> points, ObjectIdentity identity, String kind) {

    static final String OPTION = "--previous-seeds";
    static final String REGISTRATION_OPTION = "--previous-registration";

    /** Reads the input: its seeds (found on it, for a CT folder), and for a plan or CT its patient and frame. */
    static PreviousSeeds read(Path file) {
        if (Files.isDirectory(file)) {
            CtSeries ct;
            try {
                ct = CtSeriesReader.read(file, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(OPTION + " " + file + ": this folder is not the earlier implant's post-op CT ("
                        + e.getMessage() + "); give that CT's folder, its RT Plan or a seed CSV", e);
            }
            List<Vec3> found = new SeedFinder().find(ct.volume(), null, OptionalInt.empty(), List.of()).seeds().stream()
                    .map(FoundSeed::centreMm).toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException(OPTION + " " + file + ": no seeds found on this CT: give the earlier implant's"
                        + " post-op CT, its RT Plan or a seed CSV");
            }
            return new PreviousSeeds(file, found, ObjectIdentity.of(ct, file.toString()), "post-op CT");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(OPTION + " " + file + ": no such file or folder: give the earlier implant's RT Plan,"
                    + " post-op CT folder or seed CSV");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new PreviousSeeds(file, nonEmpty(file, SeedTable.readPoints(file)), null, "CSV");
        }
        BrachyPlan plan = RtPlanReader.readSeedImplant(file);
        return new PreviousSeeds(file, nonEmpty(file, plan.seeds().stream().map(Seed::centreMm).toList()), ObjectIdentity.of(plan),
                "RT Plan");
    }

    private static List<Vec3> nonEmpty(Path file, List<Vec3> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException(OPTION + " " + file + ": holds no seeds: give the earlier implant's RT Plan or a CSV"
                    + " with one row x_mm,y_mm,z_mm per seed");
        }
        return points;
    }

    /** Refuses a registration given with a CSV (which has no frame to register), before this CT is read. */
    void checkRegistrationOption(Path registration) {
        if (registration != null && identity == null) {
            throw new IllegalArgumentException(REGISTRATION_OPTION + " " + registration + ": " + file.getFileName() + " is a CSV, read in"
                    + " this CT's coordinates; a registration goes with an earlier implant's RT Plan or post-op CT: leave it out,"
                    + " or give one of those");
        }
    }

    /**
     * The seeds in {@code ct}'s coordinates, mm: refuses another patient's plan or CT, and one in another frame without
     * a registration (or with one although the frames agree).
     */
    List<Vec3> onCt(CtSeries ct, String ctFolder, Path registration) {
        checkRegistrationOption(registration);
        if (identity == null) {
            return points;
        }
        try {
            Consistency.requireSamePatient(ObjectIdentity.of(ct, ctFolder), identity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(OPTION + " " + e.getMessage(), e);
        }
        String from = identity.frames().isEmpty() ? "" : identity.frames().get(0).uid();
        String to = ct.frameOfReferenceUid();
        boolean sameFrame = from.isEmpty() || from.equals(to);
        if (sameFrame && registration != null) {
            throw new IllegalArgumentException(REGISTRATION_OPTION + " " + registration + ": the earlier implant's " + kind + " "
                    + file.getFileName() + " already lies in this CT's Frame of Reference " + to + ": leave the registration out");
        }
        if (sameFrame) {
            return points;
        }
        if (registration == null) {
            throw new IllegalArgumentException(OPTION + " " + file + ": the earlier implant's " + kind + " lies in Frame of Reference "
                    + from + ", this CT in " + to + ": give " + REGISTRATION_OPTION + " FILE (a rigid Spatial Registration or 4×4"
                    + " matrix from its frame into this CT's), or the earlier seeds as a CSV in this CT's coordinates");
        }
        double[] m = RigidRegistration.read(registration).matrix(from, to, "the earlier implant's " + kind, "this CT");
        return points.stream().map(p -> RigidRegistration.applyToPoint(m, p)).toList();
    }
}

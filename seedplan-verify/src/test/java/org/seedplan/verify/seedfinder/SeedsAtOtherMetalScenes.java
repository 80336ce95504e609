package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;

/**
 * Scenes from the independent generator ({@code verify.scanner}) with seeds laid 0–2 mm from other metal, where a seed joins
 * the metal's object above the finder's threshold (docs/seed-finder.md, eighth round): a pedicle screw in the vertebra with a
 * seed beside its head and one beside its shaft (parallel to the screw, on either side of it in-plane), a stent with a seed
 * beside its wall (parallel to it), and twenty single seeds in soft tissue from which the finder learns the seed's image and
 * metal content. The implants lie where the generator lays them on its bench scans ({@code SimulatedPostOpScan}).
 */
final class SeedsAtOtherMetalScenes {

    /** Field of the scene: 200 × 200 pixels of 0.8 mm (the bench anatomy needs 160 mm), 72 mm along z. */
    private static final int NX = 200;
    private static final double PIXEL_MM = 0.8;
    private static final double LENGTH_Z_MM = 72;
    private static final double SEED_RADIUS_MM = 0.4;
    /** Outer radii of the generator's screw head and thread and of its stent (10 mm across, 0.3 mm struts), mm. */
    private static final double HEAD_RADIUS_MM = 5;
    private static final double THREAD_RADIUS_MM = 3.25;
    private static final double STENT_OUTER_RADIUS_MM = 5.15;

    /** The screw's tip and axis (tip to head) and the stent's centre and axis, the same in every scene. */
    private static final Vec3 SCREW_TIP = new Vec3(-2, 32, 0);
    private static final Vec3 SCREW_AXIS = new Vec3(-0.2, 1, 0.15).normalized();
    private static final Vec3 STENT_CENTRE = new Vec3(6, 10, 0);
    private static final Vec3 STENT_AXIS = new Vec3(0.1, 0.2, 1).normalized();
    /** The screw runs 32 mm from its tip (thread 1.5-21 mm, head 24-32 mm); the stent 36 mm, centred. */
    private static final double SCREW_LENGTH_MM = 32;
    private static final double STENT_HALF_LENGTH_MM = 18;

    private SeedsAtOtherMetalScenes() {
    }

    /** Where a seed lies against the metal. */
    enum Place { SCREW_HEAD, SCREW_SHAFT, STENT }

    /** A rendered scene: the scan, the seeds beside metal (one per place), and the single seeds. */
    record Scene(Volume ct, List<Vec3> atMetal, List<Place> places, List<Vec3> single) {
    }

    /**
     * Where the seeds lie along the metal: the head seed's and the shaft seed's distance behind the screw's tip and the stent
     * seed's from the stent's centre along the axis, mm, and on which side of the axis each lies (+1: along axis × z, -1: opposite).
     */
    record Layout(double headMm, int headSide, double shaftMm, int shaftSide, double stentMm, int stentSide) {

        /** The layout of docs/seed-finder.md's eighth and ninth rounds (the tuning scenes). */
        static final Layout TUNING = new Layout(28, 1, 10, -1, 4, -1);

        /**
         * The last draw drawn by {@code java.util.Random}: its first number barely moves between neighbouring seeds, so draws
         * 2027-2040 all put the head seed 27.97-27.98 mm behind the tip (docs/seed-finder.md, twenty-first round).
         */
        static final long LAST_DRAW_BY_JAVA_UTIL_RANDOM = 2040;

        /**
         * A layout drawn from {@code randomSeed} for a fresh scene set: the head seed 25.5-29.5 mm behind the tip (the head runs
         * 24-32 mm), the shaft seed 4-18 mm (the thread 1.5-21 mm), the stent seed within 10 mm of its centre (36 mm long), each on
         * a side drawn at random. Drawn by {@link java.util.SplittableRandom}, which mixes its seed, from draw 2041 on; the draws
         * before were drawn by {@code java.util.Random} and stay so, since the docs and tests name their scenes by draw.
         */
        static Layout drawn(long randomSeed) {
            java.util.random.RandomGenerator r = randomSeed <= LAST_DRAW_BY_JAVA_UTIL_RANDOM ? new java.util.Random(randomSeed)
                    : new java.util.SplittableRandom(randomSeed);
            return new Layout(25.5 + 4 * r.nextDouble(), r.nextBoolean() ? 1 : -1, 4 + 14 * r.nextDouble(), r.nextBoolean() ? 1 : -1,
                    -10 + 20 * r.nextDouble(), r.nextBoolean() ? 1 : -1);
        }
    }

    /**
     * The scene with the seeds' surfaces {@code gapMm} from the metal's outer surface (0: touching), imaged by the scanner on
     * slices of {@code sliceMm}; {@code noiseSeed} draws the scanner's noise. The seeds lie as in {@link Layout#TUNING}.
     */
    static Scene scene(ScannerModel scanner, double sliceMm, double gapMm, long noiseSeed) {
        return scene(scanner, sliceMm, gapMm, noiseSeed, Layout.TUNING);
    }

    /** The scene with the seeds laid out as {@code layout} says. */
    static Scene scene(ScannerModel scanner, double sliceMm, double gapMm, long noiseSeed, Layout layout) {
        int nz = (int) Math.round(LENGTH_Z_MM / sliceMm);
        Grid g = new Grid(new Vec3(-(NX - 1) * PIXEL_MM / 2, -(NX - 1) * PIXEL_MM / 2, -(nz - 1) * sliceMm / 2), PIXEL_MM, PIXEL_MM,
                sliceMm, NX, NX, nz);
        List<DenseObject> objects = new ArrayList<>();
        Vec3 screwAxis = SCREW_AXIS;
        Vec3 tip = SCREW_TIP;
        DenseObject screw = DenseObject.pedicleScrew(tip, screwAxis, 24);
        Vec3 stentAxis = STENT_AXIS;
        DenseObject stent = DenseObject.stent(STENT_CENTRE, stentAxis, 36, 10);
        objects.add(screw);
        objects.add(stent);
        Vec3 screwSide = screwAxis.cross(Vec3.UNIT_Z).normalized();
        Vec3 stentSide = stentAxis.cross(Vec3.UNIT_Z).normalized();
        List<Vec3> atMetal = new ArrayList<>();
        // The head runs 24-32 mm behind the tip; the shaft's thread from 1.5 to 21 mm.
        atMetal.add(tip.plus(screwAxis.times(layout.headMm())).plus(screwSide.times(layout.headSide() * (HEAD_RADIUS_MM + gapMm + SEED_RADIUS_MM))));
        atMetal.add(tip.plus(screwAxis.times(layout.shaftMm()))
                .plus(screwSide.times(layout.shaftSide() * (THREAD_RADIUS_MM + gapMm + SEED_RADIUS_MM))));
        atMetal.add(new Vec3(6, 10, 0).plus(stentAxis.times(layout.stentMm()))
                .plus(stentSide.times(layout.stentSide() * (STENT_OUTER_RADIUS_MM + gapMm + SEED_RADIUS_MM))));
        List<Place> places = List.of(Place.SCREW_HEAD, Place.SCREW_SHAFT, Place.STENT);
        objects.add(DenseObject.seed(atMetal.get(0), screwAxis));
        objects.add(DenseObject.seed(atMetal.get(1), screwAxis));
        objects.add(DenseObject.seed(atMetal.get(2), stentAxis));
        List<Vec3> single = singleSeeds(objects);
        Volume ct = new PostOpScanner(scanner).scan(g, objects, noiseSeed);
        return new Scene(ct, atMetal, places, single);
    }

    /**
     * Adds twenty single seeds in four directions in soft tissue, 12 mm apart along x at y = -30 mm and z about -20, 0 and 20 mm
     * (most objects, as on a post-implant scan: the finder learns the seed's image and metal content from them), and returns their
     * centres.
     */
    static List<Vec3> singleSeeds(List<DenseObject> objects) {
        Vec3[] dirs = {new Vec3(1, 0, 0), new Vec3(1, 1, 0.3), new Vec3(0.3, 1, 0.8), new Vec3(1, -0.4, 1.5)};
        List<Vec3> single = new ArrayList<>();
        int spot = 0;
        for (double z : new double[] {-20, 0, 20}) {
            for (double x : new double[] {-45, -33, -21, -9, 3, 15, 27}) {
                if (spot < 20) {
                    Vec3 c = new Vec3(x, -30, z + 0.7 * (spot % 3));
                    single.add(c);
                    objects.add(DenseObject.seed(c, dirs[spot % dirs.length]));
                }
                spot++;
            }
        }
        return single;
    }

    /**
     * What became of a seed beside metal: found, named by the self-check (metal an object may hold or hide near it, two seeds counted
     * there that may be one), or lost.
     */
    static final String[] OUTCOMES = {"found", "named", "LOST"};

    /** Within this of the seed a self-check line's position names it, mm (the matching gate). */
    private static final double NAMED_MM = IndependentScanMatrix.MATCH_GATE_MM;

    /** 0 when a found seed lies within the matching gate of {@code c}, 1 when a self-check line names metal there, else 2. */
    static int outcome(SeedFinding f, Vec3 c) {
        if (f.seeds().stream().anyMatch(s -> s.centreMm().minus(c).norm() <= IndependentScanMatrix.MATCH_GATE_MM)) {
            return 0;
        }
        for (String line : f.selfCheck()) {
            if (line.startsWith("METAL MAY HOLD SEEDS") || line.startsWith("METAL MAY HIDE A SEED") || line.startsWith("TWO SEEDS OR ONE")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("near \\((-?[0-9.]+), (-?[0-9.]+), (-?[0-9.]+)\\) mm")
                        .matcher(line);
                while (m.find()) {
                    Vec3 p = new Vec3(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
                    if (p.minus(c).norm() <= NAMED_MM) {
                        return 1;
                    }
                }
            }
        }
        return 2;
    }

    /** Found seeds farther than the matching gate from every true seed of the scene. */
    static int falseSeeds(SeedFinding f, Scene s) {
        return falseSeedList(f, s).size();
    }

    /** Single seeds with no found seed within the matching gate. */
    static int singlesMissed(SeedFinding f, Scene s) {
        return (int) s.single().stream().filter(t -> f.seeds().stream().allMatch(x -> t.minus(x.centreMm()).norm()
                > IndependentScanMatrix.MATCH_GATE_MM)).count();
    }

    /** How many self-check lines name metal that may hold seeds (METAL MAY HOLD SEEDS, METAL MAY HIDE A SEED). */
    static int metalHoldingLines(SeedFinding f) {
        return (int) f.selfCheck().stream().filter(l -> l.startsWith("METAL MAY HOLD SEEDS") || l.startsWith("METAL MAY HIDE A SEED")).count();
    }

    /**
     * Where a false seed lies, for the runner's FALSE line: its centre; the nearest metal (screw or stent), the part of it
     * (tip, shaft, neck, head, behind the head; stent or beyond its ends), the distance along its axis and from its axis, mm, and
     * the angle between the found seed's axis and the metal's axis; the nearest true seed (place or single seed), its distance and
     * how it was found (distance, confidence, seeds in its blob, or not found); the false seed's fit (confidence, seeds in its blob).
     */
    static String describeFalse(FoundSeed x, SeedFinding f, Scene s) {
        Vec3 c = x.centreMm();
        double tScrew = c.minus(SCREW_TIP).dot(SCREW_AXIS);
        double rScrew = c.minus(SCREW_TIP.plus(SCREW_AXIS.times(tScrew))).norm();
        double tStent = c.minus(STENT_CENTRE).dot(STENT_AXIS);
        double rStent = c.minus(STENT_CENTRE.plus(STENT_AXIS.times(tStent))).norm();
        String screwPart = tScrew < 0 ? "beyond tip" : tScrew < 1.5 ? "tip" : tScrew <= 21 ? "shaft" : tScrew < 24 ? "neck"
                : tScrew <= SCREW_LENGTH_MM ? "head" : "behind head";
        double screwRadius = tScrew >= 24 && tScrew <= SCREW_LENGTH_MM ? HEAD_RADIUS_MM : THREAD_RADIUS_MM;
        double screwSurface = Math.hypot(Math.max(0, rScrew - screwRadius),
                Math.max(0, Math.max(-tScrew, tScrew - SCREW_LENGTH_MM)));
        double stentSurface = Math.hypot(Math.max(0, rStent - STENT_OUTER_RADIUS_MM) + Math.max(0, STENT_OUTER_RADIUS_MM - 0.3 - rStent),
                Math.max(0, Math.abs(tStent) - STENT_HALF_LENGTH_MM));
        boolean screwNearer = screwSurface <= stentSurface;
        Vec3 metalAxis = screwNearer ? SCREW_AXIS : STENT_AXIS;
        double angle = Math.toDegrees(Math.acos(Math.min(1, Math.abs(x.axis().dot(metalAxis)))));
        String metal = screwNearer
                ? String.format(Locale.ROOT, "screw %s, %.1f mm along, %.1f mm from axis, %.1f mm from surface", screwPart, tScrew,
                        rScrew, screwSurface)
                : String.format(Locale.ROOT, "stent %s, %.1f mm along, %.1f mm from axis, %.1f mm from surface",
                        Math.abs(tStent) <= STENT_HALF_LENGTH_MM ? (rStent < STENT_OUTER_RADIUS_MM - 0.3 ? "inside" : "wall") : "beyond end",
                        tStent, rStent, stentSurface);
        String nearest = "";
        Vec3 nearestCentre = null;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.atMetal().size(); i++) {
            double d = s.atMetal().get(i).minus(c).norm();
            if (d < best) {
                best = d;
                nearest = s.places().get(i).toString();
                nearestCentre = s.atMetal().get(i);
            }
        }
        for (int i = 0; i < s.single().size(); i++) {
            double d = s.single().get(i).minus(c).norm();
            if (d < best) {
                best = d;
                nearest = "single " + i;
                nearestCentre = s.single().get(i);
            }
        }
        Vec3 t = nearestCentre;
        String itsFit = f.seeds().stream().filter(y -> y.centreMm().minus(t).norm() <= IndependentScanMatrix.MATCH_GATE_MM)
                .min(java.util.Comparator.comparingDouble(y -> y.centreMm().minus(t).norm()))
                .map(y -> String.format(Locale.ROOT, "found %.2f mm off, confidence %.2f, %d in blob", y.centreMm().minus(t).norm(),
                        y.confidence(), y.seedsInBlob()))
                .orElse("not found");
        return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f) mm: %s, axis %.0f deg to it; nearest true seed %s %.1f mm (%s); confidence"
                + " %.2f, %d in blob", c.x(), c.y(), c.z(), metal, angle, nearest, best, itsFit, x.confidence(), x.seedsInBlob());
    }

    /** Found seeds farther than the matching gate from every true seed of the scene (those {@link #falseSeeds} counts). */
    static List<FoundSeed> falseSeedList(SeedFinding f, Scene s) {
        List<Vec3> truth = new ArrayList<>(s.single());
        truth.addAll(s.atMetal());
        return f.seeds().stream().filter(x -> truth.stream().allMatch(t -> t.minus(x.centreMm()).norm()
                > IndependentScanMatrix.MATCH_GATE_MM)).toList();
    }
}

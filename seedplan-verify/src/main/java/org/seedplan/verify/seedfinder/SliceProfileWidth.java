package org.seedplan.verify.seedfinder;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seedplan.geometry.Grid;

/**
 * The width of a scan's slice profile as its isolated seeds show it, for a CT that records no Slice Thickness (0018,0050) or records
 * one that the scan flatly contradicts. A seed is thin along z beside a thick profile, so its content per slice (the excess CT
 * number summed over the slice's voxels around it) is the profile sampled at the slice spacing Δz, scaled by the seed's content C:
 * the slices together hold C / Δz and the largest at most C times the profile's peak, 1/T for a box of width T or a triangle of
 * base 2T (1/1.06 T for a Gaussian of FWHM T). So a seed's <i>effective number of slices</i>, Σ content / largest content, is at
 * least about T / Δz, more where the seed itself spans slices or no slice samples the profile's peak. The median over the isolated
 * seeds is taken.
 * <p>
 * Measured on the bench (docs/seed-finder.md, tenth round; 18 contiguous tuning scans 100–117 and 24 overlapping 12000–12023):
 * contiguous 2.5 and 5 mm slices 1.00–1.63 slices, contiguous 1.25 mm 1.69–2.26 (the seed's own 0.8 mm and the blur fill more
 * than a thin slice), 5 mm every 2.5 mm 1.95–2.55, 2.5 mm every 1.25 mm 2.11–3.06. A profile is read as an <b>overlapping
 * reconstruction</b> from the seeds where they spread over at least {@value #OVERLAPPING_SLICES} slices and that many slices are
 * at least {@value #MIN_OVERLAPPING_MM} mm: 5 mm every 2.5 mm is told from every contiguous scan; 2.5 mm every 1.25 mm is not told
 * from 1.25 mm slices and keeps the spacing (on those thin slices the finder read the seeds alike with either width, ninth round).
 * The estimate of the width is then the seeds' median spread times the spacing (4.9–6.4 mm on the 5 mm scans every 2.5 mm).
 * <p>
 * A spread is a profile's only where the objects read are single seeds. Where most of a scan's seeds lie in needles nearly along z,
 * a needle's seeds merge through thick slices into one object (on 5 mm triangle slices, extended scale: 4 seeds 8-10 mm apart, one
 * object over 7-8 slices), the objects of the typical size are such strands, and their spread counts seeds, not the profile: scan
 * 15815 (5 mm contiguous) read 4.4 slices, a 21.9 mm profile. No slice profile in use spreads one seed that far: beyond the
 * widest profile's spread of a seed lying along z the reading is no profile's ({@link Reading#mergedAlongZ}), the recorded
 * thickness (or the spacing) is kept and the finder reads the scan again with its single seeds told by their own spread
 * ({@link #singleAlongZ}; docs/seed-finder.md, twenty-third round).
 */
final class SliceProfileWidth {

    /** Slices beyond a blob's own on each side whose content is summed, mm along z (a 5 mm triangle profile reaches 5 mm). */
    static final double REACH_MM = 7.5;
    /** Least median spread of the isolated seeds, in slices, for an overlapping reconstruction. */
    static final double OVERLAPPING_SLICES = 1.8;
    /** Least width so estimated, mm: below it a spread over two slices is also a thin contiguous slice's seed. */
    static final double MIN_OVERLAPPING_MM = 4;
    /**
     * Least spread, in slices (and {@value #MIN_OVERLAPPING_MM} mm or more), that flatly contradicts a recorded contiguous thickness
     * (at most {@link SeedFinder#OVERLAPPING_PROFILE} times the spacing): beyond the contiguous tuning scans' 1.63, with margin.
     */
    static final double FLATLY_OVERLAPPING_SLICES = 2.0;
    /** Most spread, in slices, that flatly contradicts a recorded overlapping thickness: below the overlapping tuning scans' 1.95. */
    static final double FLATLY_CONTIGUOUS_SLICES = 1.4;
    /** Fewest isolated seeds to read a spread from. */
    static final int MIN_SEEDS = 3;
    /**
     * Widest slice profile of a reconstruction the finder reads, in slice spacings: overlapping reconstructions overlap by half
     * (5 mm every 2.5 mm, 2.5 mm every 1.25 mm: 2 spacings, the bench's), 5 mm every 2 mm by 60 % (2.5). With a seed's length along
     * z added it bounds the spread of one seed on any of them; the seen overlapping scans spread 1.95–3.06 slices in the median.
     */
    static final double WIDEST_PROFILE_SPACINGS = 2.5;
    /**
     * Most spread, in slices per spacing of the profile's width, of an object taken for a single seed when the finder reads a scan
     * again after a spread no profile gives ({@link Reading#mergedAlongZ}): the contiguous seen scans' isolated seeds spread over
     * 1.00–1.78 slices in the median, the 34 single objects of scan 15815 over 1.04–1.80, a strand of two merged along z about
     * twice a seed's spread; on 5 mm every 2.5 mm the seeds spread over 1.95–2.60 slices, under this bar times 2. The same bar as
     * {@link #FLATLY_OVERLAPPING_SLICES}.
     */
    static final double SINGLE_SEED_SLICES = FLATLY_OVERLAPPING_SLICES;

    /**
     * The width the finder reads the scan with, mm, and the self-check's line about it (null where the width read is the recorded thickness, or the spacing of
     * a CT that records none and whose seeds spread as on contiguous slices: nothing changes the reading there); {@code mergedAlongZ}
     * where the objects read spread beyond any profile in use, as seeds merged along z, and the width is the recorded or the spacing.
     */
    record Reading(double usedMm, String line, boolean mergedAlongZ) {

        Reading(double usedMm, String line) {
            this(usedMm, line, false);
        }
    }

    private SliceProfileWidth() {
    }

    /**
     * Reads the width: the recorded thickness ({@code recordedMm}, NaN when none) unless the seeds flatly contradict it, else the
     * estimate where the seeds show an overlapping reconstruction, else the spacing. A median spread beyond what one seed of length
     * {@code seedLengthMm} lying along z gives on the widest profile in use ({@value #WIDEST_PROFILE_SPACINGS} spacings plus the
     * seed's length in spacings: 3.4 slices of 5 mm, 4.3 of 2.5 mm, 6.1 of 1.25 mm) is no profile's: the objects read are seeds
     * merged along z, and the recorded thickness (or the spacing) is kept.
     */
    static Reading of(Grid g, double recordedMm, double[] slicesPerSeed, double seedLengthMm) {
        // The estimate is the seeds' median spread times the spacing, to 0.1 mm: a thin seed's spread exceeds T / Δz a little
        // (4.9-6.4 mm on the 5 mm tuning scans every 2.5 mm).
        double dz = g.dzMm();
        boolean recorded = !Double.isNaN(recordedMm);
        if (slicesPerSeed.length < MIN_SEEDS) {
            return new Reading(recorded ? recordedMm : dz, null);
        }
        double slices = slicesPerSeed[slicesPerSeed.length / 2];
        double estimate = Math.round(10 * slices * dz) / 10.0;
        boolean overlapping = slices >= OVERLAPPING_SLICES && slices * dz >= MIN_OVERLAPPING_MM;
        String spread = String.format(Locale.ROOT, "its isolated seeds spread over %.1f slices of %.2f mm", slices, dz);
        double widest = WIDEST_PROFILE_SPACINGS + seedLengthMm / dz;
        if (slices > widest) {
            // No profile's reading: strands of seeds merged along z (docs/seed-finder.md, twenty-third round). Nothing is overturned.
            return new Reading(recorded ? recordedMm : dz, String.format(Locale.ROOT, "SLICE THICKNESS: %s kept, though the objects"
                    + " of a single seed's size spread over %.1f slices of %.2f mm, more than one seed gives on any slice profile in use"
                    + " (at most %.1f): they are seeds merged along z (needles through thick slices)", recorded
                    ? String.format(Locale.ROOT, "the %.2f mm recorded", recordedMm) : String.format(Locale.ROOT, "the spacing %.2f mm", dz),
                    slices, dz, widest), true);
        }
        if (!recorded) {
            return overlapping
                    ? new Reading(estimate, String.format(Locale.ROOT, "SLICE THICKNESS: estimated %.1f mm: the CT records no Slice"
                    + " Thickness (0018,0050) and %s, as on an overlapping reconstruction; read with that profile width", estimate, spread))
                    : new Reading(dz, null);
        }
        boolean recordedOverlapping = recordedMm > SeedFinder.OVERLAPPING_PROFILE * dz;
        if (!recordedOverlapping && overlapping && slices >= FLATLY_OVERLAPPING_SLICES) {
            return new Reading(estimate, String.format(Locale.ROOT, "SLICE THICKNESS: estimated %.1f mm used, not the %.2f mm"
                    + " recorded: %s, as on an overlapping reconstruction, which a profile %.2f mm wide cannot give", estimate, recordedMm,
                    spread, recordedMm));
        }
        if (recordedOverlapping && slices <= FLATLY_CONTIGUOUS_SLICES) {
            return new Reading(dz, String.format(Locale.ROOT, "SLICE THICKNESS: the spacing %.2f mm used, not the %.2f mm"
                    + " recorded: %s, as on contiguous slices, which a profile %.2f mm wide cannot give", dz, recordedMm, spread, recordedMm));
        }
        return new Reading(recordedMm, null);
    }

    /**
     * Each isolated seed's effective number of slices (Σ over slices of the excess CT number summed in-plane over the blob's box
     * widened by a voxel, over the largest such sum), sorted. Each slice's excess is taken above the median of its own ring two
     * voxels outside the box (the anatomy and beam-hardening bands change from slice to slice); voxels of other blobs are left out.
     */
    static double[] slicesPerSeed(Grid g, float[] hu, int[] labels, List<Blob> isolated, double background) {
        double[] out = isolated.stream().mapToDouble(b -> slices(g, hu, labels, b, background)).toArray();
        Arrays.sort(out);
        return out;
    }

    /**
     * The objects that spread over the slices ({@link #slicesPerSeed}, each alone) as single seeds on a profile {@code profileMm}
     * wide: over at most {@value #SINGLE_SEED_SLICES} slices times the profile's width in spacings (at least one): single seeds,
     * pairs and clumps within their slices, not strands merged along z. All of {@code blobs} where fewer than {@value #MIN_SEEDS}
     * do.
     */
    static List<Blob> singleAlongZ(Grid g, float[] hu, int[] labels, List<Blob> blobs, double background, double profileMm) {
        double most = SINGLE_SEED_SLICES * Math.max(1, profileMm / g.dzMm());
        List<Blob> single = blobs.stream().filter(b -> slices(g, hu, labels, b, background) <= most).toList();
        return single.size() < MIN_SEEDS ? blobs : single;
    }

    /** One object's effective number of slices ({@link #slicesPerSeed}). */
    private static double slices(Grid g, float[] hu, int[] labels, Blob b, double background) {
        int reach = (int) Math.ceil(REACH_MM / g.dzMm());
        int own = labels[b.voxels[0]];
        double sum = 0;
        double max = 0;
        for (int k = Math.max(0, b.k0 - reach); k <= Math.min(g.nz() - 1, b.k1 + reach); k++) {
            double local = SeedFinder.localBackground(g, hu, b, k, k, background);
            double slice = 0;
            for (int j = Math.max(0, b.j0 - 1); j <= Math.min(g.ny() - 1, b.j1 + 1); j++) {
                for (int i = Math.max(0, b.i0 - 1); i <= Math.min(g.nx() - 1, b.i1 + 1); i++) {
                    int v = g.index(i, j, k);
                    if (labels[v] == 0 || labels[v] == own) {
                        slice += hu[v] - local;
                    }
                }
            }
            sum += slice;
            max = Math.max(max, slice);
        }
        return max > 0 ? sum / max : 0;
    }
}

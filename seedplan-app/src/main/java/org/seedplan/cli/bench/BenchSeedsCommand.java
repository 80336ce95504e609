package org.seedplan.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.phantom.PhantomSpec;
import org.seedplan.verify.phantom.PostOpPhantom;
import org.seedplan.verify.phantom.SeedPose;
import org.seedplan.verify.scanner.BenchScanSpec;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;
import org.seedplan.verify.scanner.TrueSeed;
import org.seedplan.verify.seedfinder.FoundSeed;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench seeds}: seed finding on a synthetic 320 × 320 × 56 post-op CT (file reading excluded),
 * median wall time after warm-up, with the accuracy against the truth; the CT is drawn by the finder's own
 * phantom renderer or by the independent scanner bench (slice profile and HU scale chosen).
 */
@Command(name = "seeds", mixinStandardHelpOptions = true,
        description = {"Time seed finding on a synthetic post-op CT of 320 × 320 × 56 voxels (0.8 × 0.8 × 2.5 mm); reading files"
                + " excluded.",
                "--generator renderer (default): the verification issue's phantom, 70 seeds, touching pairs, clumps, bone, a screw,"
                        + " streaks and noise. --generator scanner: the independent bench (seeds as titanium capsules with a silver"
                        + " marker, --profile box|triangle|gaussian, --hu-scale 12bit|extended, a pedicle screw, beam hardening,"
                        + " 64 seeds in needles, pairs, a clump, on bone, beside the screw and in the lung)."})
public final class BenchSeedsCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "7", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--slice-mm", defaultValue = "2.5", description = "slice thickness, mm; the slice count keeps 140 mm (default ${DEFAULT-VALUE})")
    double sliceMm;

    @Option(names = "--random-seed", defaultValue = "2024", description = "phantom random seed (default ${DEFAULT-VALUE})")
    long randomSeed;

    @Option(names = "--generator", defaultValue = "renderer", description = "renderer or scanner (default ${DEFAULT-VALUE})")
    String generator;

    @Option(names = "--profile", description = "with --generator scanner only: slice sensitivity profile, box, triangle or"
            + " gaussian (default gaussian); refused with the renderer, whose slice profile is always Gaussian")
    String profile;

    @Option(names = "--hu-scale", description = "with --generator scanner only: 12bit (clipped at 3071 HU) or extended (to"
            + " 30710 HU) (default 12bit); refused with the renderer, whose scale is always 12-bit")
    String huScale;

    @Override
    public Integer call() {
        BenchCommand.checkRuns(runs);
        if (!(sliceMm > 0)) {
            throw new IllegalArgumentException("--slice-mm must be a positive thickness in mm, got " + sliceMm);
        }
        if (generator.equals("renderer")) {
            refuseScannerOnly("--profile", profile);
            refuseScannerOnly("--hu-scale", huScale);
        }
        int nz = (int) Math.round(56 * 2.5 / sliceMm);
        Volume ct;
        List<Vec3> truth;
        List<Vec3> truthAxes;
        List<Boolean> isolated;
        String description;
        switch (generator) {
            case "renderer" -> {
                PhantomSpec b = PhantomSpec.benchmark(randomSeed);
                PhantomSpec spec = new PhantomSpec(b.nx(), b.ny(), b.pixelMm(), nz, sliceMm, b.needles(), b.seedsPerNeedle(),
                        b.touchingPairs(), b.clumpsOfThree(), b.implantRadiusMm(), b.imaging(), randomSeed);
                PostOpPhantom ph = PostOpPhantom.generate(spec);
                ct = ph.ct();
                truth = ph.seeds().stream().map(SeedPose::centreMm).toList();
                truthAxes = ph.seeds().stream().map(SeedPose::axis).toList();
                isolated = ph.seeds().stream().map(s -> s.arrangement() == SeedPose.Arrangement.ISOLATED).toList();
                description = "phantom renderer";
            }
            case "scanner" -> {
                ScannerModel scanner = ScannerModel.typical(profile(), scale());
                BenchScanSpec b = BenchScanSpec.benchmark(scanner, randomSeed);
                BenchScanSpec spec = new BenchScanSpec(b.nx(), b.ny(), b.pixelMm(), nz, sliceMm, scanner, b.needles(), b.otherMetal(),
                        false, randomSeed);
                SimulatedPostOpScan s = SimulatedPostOpScan.generate(spec);
                ct = s.ct();
                truth = s.seeds().stream().map(TrueSeed::centreMm).toList();
                truthAxes = s.seeds().stream().map(TrueSeed::axis).toList();
                isolated = s.seeds().stream().map(TrueSeed::isolated).toList();
                description = "scanner bench, " + profile() + " slice profile, " + scale() + " HU scale";
            }
            default -> throw new IllegalArgumentException("--generator " + generator + ": give renderer or scanner");
        }
        var g = ct.grid();
        System.out.printf(Locale.ROOT, "case: %d × %d × %d voxels (%.1f × %.1f × %.2f mm), %d seeds, %s, %d processors%n",
                g.nx(), g.ny(), g.nz(), g.dxMm(), g.dyMm(), g.dzMm(), truth.size(), description,
                Runtime.getRuntime().availableProcessors());
        SeedFinder finder = new SeedFinder();
        SeedFinding last = null;
        for (int w = 0; w < 3; w++) {
            last = finder.find(ct);
        }
        double[] t = new double[runs];
        // Process CPU time as well as wall time: on a shared machine the wall time depends on the others' load.
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            last = finder.find(ct);
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        double cpuPerRun = (os.getProcessCpuTime() - cpu0) / 1e9 / runs;
        Arrays.sort(t);
        SeedMatching m = new SeedMatcher(2.5).match(truth, last.seeds().stream().map(FoundSeed::centreMm).toList());
        double angleSum = 0;
        int n = 0;
        for (var x : m.matches()) {
            FoundSeed f = last.seeds().get(x.found());
            if (isolated.get(x.planned()) && f.seedsInBlob() == 1) {
                angleSum += Math.toDegrees(Math.acos(Math.min(1, Math.abs(truthAxes.get(x.planned()).dot(f.axis())))));
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "seed finding: median %.3f s over %d runs (min %.3f, max %.3f); process CPU time %.3f s"
                + " per run; load average %.1f%n", t[runs / 2], runs, t[0], t[runs - 1], cpuPerRun, os.getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "accuracy: %d of %d found, %d false, mean centre error %.3f mm, isolated seeds' axis error"
                + " %.1f° (%d seeds)%n", m.matches().size(), truth.size(), m.extraFound().size(), m.meanDisplacementMm(),
                n == 0 ? Double.NaN : angleSum / n, n);
        last.selfCheck().forEach(line -> System.out.println("check: " + line));
        return 0;
    }

    /** The renderer has one image model: a scanner option given with it would be silently ignored, so it is refused. */
    private static void refuseScannerOnly(String option, String value) {
        if (value != null) {
            throw new IllegalArgumentException(option + " " + value + " applies to the independent scanner bench only, the renderer"
                    + " has one fixed image model: add --generator scanner or drop " + option);
        }
    }

    private SliceProfile profile() {
        if (profile == null) {
            return SliceProfile.GAUSSIAN;
        }
        return switch (profile.toLowerCase(Locale.ROOT)) {
            case "box" -> SliceProfile.BOX;
            case "triangle" -> SliceProfile.TRIANGLE;
            case "gaussian" -> SliceProfile.GAUSSIAN;
            default -> throw new IllegalArgumentException("--profile " + profile + ": give box, triangle or gaussian");
        };
    }

    private HuScale scale() {
        if (huScale == null) {
            return HuScale.CLIPPED_12_BIT;
        }
        return switch (huScale.toLowerCase(Locale.ROOT)) {
            case "12bit" -> HuScale.CLIPPED_12_BIT;
            case "extended" -> HuScale.EXTENDED;
            default -> throw new IllegalArgumentException("--hu-scale " + huScale + ": give 12bit or extended");
        };
    }
}

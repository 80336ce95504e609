package org.seedplan.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.phantom.PhantomSpec;
import org.seedplan.verify.phantom.PostOpPhantom;
import org.seedplan.verify.phantom.SeedPose;
import org.seedplan.verify.seedfinder.FoundSeed;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench seeds}: seed finding on the synthetic 320 × 320 × 56 post-op CT with 70
 * seeds (file reading excluded), median wall time after warm-up, with the accuracy against the truth.
 */
@Command(name = "seeds", mixinStandardHelpOptions = true,
        description = "Time seed finding on a synthetic post-op CT of 320 × 320 × 56 voxels (0.8 × 0.8 × 2.5 mm)"
                + " with 70 seeds, touching pairs, clumps, bone, a screw, streaks and noise; reading files excluded.")
public final class BenchSeedsCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "7", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--slice-mm", defaultValue = "2.5", description = "slice thickness, mm; the slice count keeps 140 mm (default ${DEFAULT-VALUE})")
    double sliceMm;

    @Option(names = "--random-seed", defaultValue = "2024", description = "phantom random seed (default ${DEFAULT-VALUE})")
    long randomSeed;

    @Override
    public Integer call() {
        BenchCommand.checkRuns(runs);
        if (!(sliceMm > 0)) {
            throw new IllegalArgumentException("--slice-mm must be a positive thickness in mm, got " + sliceMm);
        }
        PhantomSpec b = PhantomSpec.benchmark(randomSeed);
        PhantomSpec spec = new PhantomSpec(b.nx(), b.ny(), b.pixelMm(), (int) Math.round(b.nz() * b.sliceMm() / sliceMm),
                sliceMm, b.needles(), b.seedsPerNeedle(), b.touchingPairs(), b.clumpsOfThree(), b.implantRadiusMm(),
                b.imaging(), randomSeed);
        PostOpPhantom ph = PostOpPhantom.generate(spec);
        System.out.printf(Locale.ROOT, "case: %d × %d × %d voxels (%.1f × %.1f × %.2f mm), %d seeds, %d processors%n",
                spec.nx(), spec.ny(), spec.nz(), spec.pixelMm(), spec.pixelMm(), spec.sliceMm(), ph.seeds().size(),
                Runtime.getRuntime().availableProcessors());
        SeedFinder finder = new SeedFinder();
        SeedFinding last = null;
        for (int w = 0; w < 3; w++) {
            last = finder.find(ph.ct());
        }
        double[] t = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            last = finder.find(ph.ct());
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        List<Vec3> truth = ph.seeds().stream().map(SeedPose::centreMm).toList();
        SeedMatching m = new SeedMatcher(2.5).match(truth, last.seeds().stream().map(FoundSeed::centreMm).toList());
        System.out.printf(Locale.ROOT, "seed finding: median %.3f s over %d runs (min %.3f, max %.3f)%n",
                t[runs / 2], runs, t[0], t[runs - 1]);
        System.out.printf(Locale.ROOT, "accuracy: %d of %d found, %d false, mean centre error %.3f mm%n",
                m.matches().size(), truth.size(), m.extraFound().size(), m.meanDisplacementMm());
        return 0;
    }
}

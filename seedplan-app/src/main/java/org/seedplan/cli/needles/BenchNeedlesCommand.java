package org.seedplan.cli.needles;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;
import org.seedplan.verify.needles.IntraOpCtGenerator;
import org.seedplan.verify.needles.IntraOpScanner;
import org.seedplan.verify.needles.IntraOpScenario;
import org.seedplan.verify.needles.NeedleFinder;
import org.seedplan.verify.needles.NeedleFinding;
import org.seedplan.verify.needles.NeedleMatch;
import org.seedplan.verify.needles.NeedleMatcher;
import org.seedplan.verify.needles.NeedleMatching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench needles}: needle finding on a simulated 512 × 512 × 100 intra-operative CT
 * with ten needles (file reading excluded), median wall time after warm-up and the process CPU time of the timed runs (all
 * threads, the scene's drawing and the warm-up left out), with the accuracy against the needles as drawn.
 */
@Command(name = "needles", mixinStandardHelpOptions = true,
        description = "Time needle finding on a simulated intra-operative CT of 512 × 512 × 100 voxels (0.75 mm pixels) with ten"
                + " needles (bent ones, a crossing pair, one touching a seed), nine seeds, ribs, streaks and noise; reading files"
                + " excluded.")
public final class BenchNeedlesCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "7", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--slice-mm", defaultValue = "1.25", description = "slice spacing and thickness, mm (default ${DEFAULT-VALUE})")
    double sliceMm;

    @Option(names = "--random-seed", defaultValue = "2026", description = "scenario random seed (default ${DEFAULT-VALUE})")
    long randomSeed;

    @Override
    public Integer call() {
        if (runs < 5 || runs > 1000) {
            throw new IllegalArgumentException("--runs must lie in 5 … 1000, got " + runs);
        }
        if (!(sliceMm >= 0.5 && sliceMm <= 5)) {
            throw new IllegalArgumentException("--slice-mm must be a slice spacing from 0.5 to 5 mm, got " + sliceMm);
        }
        Grid grid = new Grid(new Vec3(-191.6, -191.6, -sliceMm * 99 / 2), 0.75, 0.75, sliceMm, 512, 512, 100);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, randomSeed);
        Volume ct = new IntraOpCtGenerator(IntraOpScanner.clinical12Bit()).render(grid, scenario.placed(), scenario.seeds(), randomSeed);
        System.out.printf(Locale.ROOT, "case: 512 × 512 × 100 voxels (0.75 × 0.75 × %.2f mm), %d needles, %d seeds, %d processors%n", sliceMm,
                scenario.placed().size(), scenario.seeds().size(), Runtime.getRuntime().availableProcessors());
        NeedleFinder finder = new NeedleFinder();
        NeedleFinding last = null;
        for (int w = 0; w < 2; w++) {
            last = finder.find(ct);
        }
        double[] t = new double[runs];
        // Process CPU time as well as wall time: on a shared machine the wall time depends on the others' load, and the whole
        // run's CPU includes the scene's drawing and the warm-up's compilation.
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            last = finder.find(ct);
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        double cpuPerRun = (os.getProcessCpuTime() - cpu0) / 1e9 / runs;
        Arrays.sort(t);
        NeedleMatching m = new NeedleMatcher(5, 10).match(
                scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList(), last.needles());
        double worstTip = 0;
        double worstAngle = 0;
        double sumTip = 0;
        double sumAngle = 0;
        for (NeedleMatch x : m.matches()) {
            var truth = scenario.placed().get(x.planned());
            double tip = m.found().get(x.found()).tipMm().distanceTo(truth.tipMm());
            double angle = NeedleMatcher.angleDeg(m.found().get(x.found()).axisAtTip(), truth.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
            worstTip = Math.max(worstTip, tip);
            worstAngle = Math.max(worstAngle, angle);
            sumTip += tip;
            sumAngle += angle;
        }
        int matched = Math.max(1, m.matches().size());
        System.out.printf(Locale.ROOT, "needle finding: median %.3f s (min %.3f, max %.3f) over %d runs; process CPU time %.3f s per run;"
                + " load average %.1f%n", t[runs / 2], t[0], t[runs - 1], runs, cpuPerRun, os.getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "found %d of %d needles, %d not in the scene; against the needles as drawn: worst tip %.2f mm,"
                        + " mean %.2f mm; worst axis %.2f°, mean %.2f°%n", m.matches().size(), scenario.placed().size(), m.unmatchedFound().size(),
                worstTip, sumTip / matched, worstAngle, sumAngle / matched);
        return 0;
    }
}

package org.seedplan.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.cli.planning.DemoPlan;
import org.seedplan.demo.DemoPatient;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.template.StlWriter;
import org.seedplan.planning.template.TemplateDesign;
import org.seedplan.planning.template.TemplateDesigner;
import org.seedplan.planning.template.TemplateNeedle;
import org.seedplan.planning.template.TemplateOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench template}: the printed template of the demo plan (plan made once, untimed),
 * built repeatedly with the default options; median wall time after warm-up.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = {"Time the printed template of the demo plan with the default options (3 mm shell, 1 mm clearance,",
            "18 G channels, 10 mm sleeves, 15 mm margin, 0.4 mm voxels): skin distance, field, mesh and checks."})
public final class BenchTemplateCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed warm-up runs (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        BenchCommand.checkRuns(runs);
        if (warmup < 0 || warmup > BenchCommand.MAX_RUNS) {
            throw new IllegalArgumentException("--warmup must lie in 0 … " + BenchCommand.MAX_RUNS + ", got " + warmup);
        }
        DemoPatient demo = new DemoPatient();
        Volume ct = demo.ct();
        DemoPlan plan = DemoPlan.plan(demo, ProgressListener.NONE);
        List<TemplateNeedle> needles = new ArrayList<>();
        for (PlannedNeedle n : plan.plan().needles()) {
            if (n.seedCount() > 0) {
                needles.add(new TemplateNeedle("needle " + n.number(), n.number(), n.needle().entryMm(), n.needle().tipMm(),
                        n.needle().pointFromTip(n.seedDistancesFromTipMm().get(0))));
            }
        }
        TemplateOptions o = TemplateOptions.defaults();
        double[] t = new double[runs];
        TemplateDesign last = null;
        for (int r = 0; r < warmup + runs; r++) {
            long t0 = System.nanoTime();
            last = TemplateDesigner.design(ct, needles, o);
            if (r >= warmup) {
                t[r - warmup] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Arrays.sort(t);
        double median = runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
        System.out.printf(Locale.ROOT, "case: demo plan, %d needles; template %d triangles (STL %.1f MB), %.1f cm³; %d processors%n",
                needles.size(), last.mesh().triangleCount(), StlWriter.sizeBytes(last.mesh().triangleCount()) / 1e6,
                last.mesh().volumeMm3() / 1000, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "template: median %.3f s over %d runs (min %.3f, max %.3f)%n", median, runs, t[0], t[runs - 1]);
        return 0;
    }
}

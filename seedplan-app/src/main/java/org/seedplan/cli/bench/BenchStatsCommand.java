package org.seedplan.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.seedplan.stats.cox.CoxFit;
import org.seedplan.stats.cox.CoxModel;
import org.seedplan.stats.cox.Ties;
import org.seedplan.stats.data.DesignMatrix;
import org.seedplan.stats.data.Factor;
import org.seedplan.stats.survival.ConfType;
import org.seedplan.stats.survival.KaplanMeier;
import org.seedplan.stats.survival.LogRank;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench stats}: Cox (Efron, 5 covariates), Kaplan–Meier and log-rank on a synthetic
 * cohort generated deterministically in memory (file reading excluded), median wall time after warm-up.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Time coxph (Efron, 5 covariates), Kaplan-Meier and log-rank on a synthetic cohort:",
                "exponential survival with a Cox linear predictor, uniform censoring, times in whole days capped at",
                "1500 (so at most 1500 distinct times), two groups (male). Generated in memory with a fixed seed."})
public final class BenchStatsCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "subjects (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the data set as CSV (to time R on the same data)")
    Path csv;

    /** The synthetic cohort. */
    record Cohort(double[] time, boolean[] event, DesignMatrix design, Factor male) {
    }

    static Cohort generate(int n) {
        SplittableRandom rnd = new SplittableRandom(20_261_122L);
        String[] names = {"age", "male", "d90", "stage", "kps"};
        double[] beta = {0.03, -0.3, -0.01, 0.4, -0.02};
        double[] x = new double[n * 5];
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        int[] male = new int[n];
        for (int i = 0; i < n; i++) {
            double age = 60 + 10 * rnd.nextGaussian();
            int m = rnd.nextDouble() < 0.5 ? 1 : 0;
            double d90 = 130 + 20 * rnd.nextGaussian();
            int stage = rnd.nextInt(4);
            double kps = 80 + 10 * rnd.nextGaussian();
            double[] v = {age, m, d90, stage, kps};
            double lp = beta[0] * (age - 60) + beta[1] * m + beta[2] * (d90 - 130) + beta[3] * stage
                    + beta[4] * (kps - 80);
            System.arraycopy(v, 0, x, i * 5, 5);
            double t = -Math.log(1 - rnd.nextDouble()) / (0.001 * Math.exp(lp));
            double c = 2000 * rnd.nextDouble();
            double obs = Math.min(Math.ceil(Math.min(t, c)), 1500);
            time[i] = obs;
            event[i] = t <= c && Math.ceil(t) <= 1500;
            male[i] = m;
        }
        List<DesignMatrix.Term> terms = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            terms.add(new DesignMatrix.Term(names[j], List.of(j), false, null));
        }
        return new Cohort(time, event, new DesignMatrix(List.of(names), terms, x, n),
                new Factor("male", male, List.of("0", "1")));
    }

    /** Most simulated subjects: beyond 10⁷ the data set outgrows a default Java heap. */
    static final int MAX_ROWS = 10_000_000;

    @Override
    public Integer call() {
        BenchCommand.checkRuns(runs);
        if (rows < 10 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("--rows must lie in 10 … " + MAX_ROWS + ", got " + rows
                    + " (ten million subjects take about 2 GB of memory)");
        }
        Cohort c = generate(rows);
        if (csv != null) {
            write(c, csv);
        }
        long events = 0;
        for (boolean e : c.event()) {
            events += e ? 1 : 0;
        }
        long distinct = Arrays.stream(c.time()).distinct().count();
        System.out.printf(Locale.ROOT, "case: %d rows, %d events, %d distinct times, 5 covariates, %d processors%n",
                rows, events, distinct, Runtime.getRuntime().availableProcessors());
        CoxFit[] fit = new CoxFit[1];
        double[] cox = time(() -> fit[0] = CoxModel.fit(c.time(), c.event(), c.design(), null, Ties.EFRON));
        System.out.printf(Locale.ROOT, "coxph (Efron, with concordance): median %.3f s, min %.3f s over %d runs (%d iterations);"
                + " process CPU %.3f s per run%n", cox[0], cox[1], runs, fit[0].iterations(), cox[2]);
        double[] km = time(() -> KaplanMeier.fit(c.time(), c.event(), c.male(), ConfType.LOG, 0.95));
        System.out.printf(Locale.ROOT, "Kaplan-Meier by group:           median %.3f s, min %.3f s over %d runs;"
                + " process CPU %.3f s per run%n", km[0], km[1], runs, km[2]);
        double[] lr = time(() -> LogRank.test(c.time(), c.event(), c.male(), null));
        System.out.printf(Locale.ROOT, "log-rank by group:               median %.3f s, min %.3f s over %d runs;"
                + " process CPU %.3f s per run%n", lr[0], lr[1], runs, lr[2]);
        return 0;
    }

    /**
     * {median wall time, min wall time, median process CPU time} in seconds after two warm-up runs; the
     * CPU time (all threads, incl. GC) shows what the wall time would be on an otherwise idle machine.
     */
    private double[] time(Runnable task) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int w = 0; w < 2; w++) {
            task.run();
        }
        double[] s = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            task.run();
            s[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1e9;
        }
        Arrays.sort(s);
        Arrays.sort(cpu);
        return new double[] {s[runs / 2], s[0], cpu[runs / 2]};
    }

    private static void write(Cohort c, Path file) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".bench", ".csv");
            try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
                w.write("time,event,age,male,d90,stage,kps\n");
                double[] x = c.design().values();
                for (int i = 0; i < c.time().length; i++) {
                    StringBuilder sb = new StringBuilder();
                    sb.append((long) c.time()[i]).append(',').append(c.event()[i] ? 1 : 0);
                    for (int j = 0; j < 5; j++) {
                        sb.append(',').append(x[i * 5 + j]);
                    }
                    w.write(sb.append('\n').toString());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.seedplan.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench ct-read}: reading a CT series (all files, sorting, HU conversion) into a
 * volume, median wall time after warm-up. Reads {@code --dir}, or writes a synthetic series first.
 */
@Command(name = "ct-read", mixinStandardHelpOptions = true,
        description = "Time reading a CT series into a volume in HU. Without --dir, writes a synthetic series of --size ×"
                + " --size × --slices (0.8 × 0.8 × 2.5 mm, uncompressed 16-bit) to a temporary folder first"
                + " (kept with --keep DIR, e.g. to time dcmdump or pydicom on the same files).")
public final class BenchCtReadCommand implements Callable<Integer> {

    @Option(names = "--dir", description = "folder with a CT series to read (default: a synthetic series)")
    Path dir;

    @Option(names = "--size", defaultValue = "512", description = "synthetic image columns and rows (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--slices", defaultValue = "200", description = "synthetic slices (default ${DEFAULT-VALUE})")
    int slices;

    @Option(names = "--keep", description = "write the synthetic series into this new folder and keep it")
    Path keep;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() throws IOException {
        BenchCommand.checkRuns(runs);
        Path folder = dir;
        boolean temporary = false;
        if (folder == null) {
            if (size < 16 || size > 1024 || slices < 2 || slices > 1000) {
                throw new IllegalArgumentException("--size must lie in [16, 1024] and --slices in [2, 1000]");
            }
            folder = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("seedplan-bench-ct");
            temporary = keep == null;
            writeSynthetic(folder);
        }
        try {
            long bytes;
            try (Stream<Path> s = Files.list(folder)) {
                bytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            for (int w = 0; w < 3; w++) {
                CtSeriesReader.read(folder);
            }
            double[] t = new double[runs];
            double[] cpu = new double[runs];
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            CtSeries last = null;
            for (int r = 0; r < runs; r++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                last = CtSeriesReader.read(folder);
                t[r] = (System.nanoTime() - t0) / 1e9;
                cpu[r] = (os.getProcessCpuTime() - c0) / 1e9;
            }
            Arrays.sort(t);
            Arrays.sort(cpu);
            Grid g = last.volume().grid();
            System.out.printf(Locale.ROOT, "read %d × %d × %d CT (%.1f MB in %s), %d processors%n", g.nx(), g.ny(), g.nz(),
                    bytes / 1e6, folder, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  median %.3f s (min %.3f, max %.3f) over %d runs after warm-up;"
                    + " process CPU (all threads, incl. GC) median %.3f s per run%n", t[runs / 2], t[0], t[runs - 1], runs, cpu[runs / 2]);
        } finally {
            if (temporary) {
                deleteTree(folder);
            }
        }
        return 0;
    }

    private void writeSynthetic(Path folder) {
        Grid g = new Grid(new Vec3(-204.4, -204.4, -250), 0.8, 0.8, 2.5, size, size, slices);
        float[] hu = new float[g.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            int i = n % size;
            int j = (n / size) % size;
            double x = (i - size / 2.0) / (size / 2.0);
            double y = (j - size / 2.0) / (size / 2.0);
            hu[n] = x * x + y * y < 0.8 ? (float) (40 + 20 * Math.sin(n * 0.001)) : -1000f;
        }
        StudyContext study = StudyContext.newStudy(PatientInfo.anonymous("BENCH"));
        List<DataSet> ds = CtSeriesWriter.slices(new Volume(g, hu), study, Uids.newUid());
        for (int k = 0; k < ds.size(); k++) {
            DicomWriter.write(ds.get(k), folder.resolve(String.format(Locale.ROOT, "CT.%04d.dcm", k + 1)));
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": temporary benchmark folder could not be removed", e);
        }
    }
}

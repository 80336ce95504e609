package org.seedplan.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.net.DicomNode;
import org.seedplan.dicom.net.NodeConfig;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.dicom.RegistryDicomNode;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.dicom.DicomPeers;
import org.seedplan.storage.registry.CentreRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench dicom-receive}: dcmtk's storescu sends one CT series over loopback, in one run, to seedplan's
 * node keeping files in a folder (as {@code dicom listen}), to the node of {@code seedplan serve} filing into an
 * embedded registry, and to dcmtk's own storescp; median wall time of storescu from start to exit for each.
 */
@Command(name = "dicom-receive", mixinStandardHelpOptions = true,
        description = "Time receiving a CT series sent by dcmtk's storescu on loopback: into seedplan's node (folder), into the"
                + " node of seedplan serve (embedded registry), and into dcmtk's storescp, in one run. Without --dir, a synthetic"
                + " series of --size × --size × --slices (uncompressed 16-bit) is written to a temporary folder first.")
public final class BenchDicomReceiveCommand implements Callable<Integer> {

    @Option(names = "--dir", description = "folder with the DICOM files to send (default: a synthetic CT series)")
    Path dir;

    @Option(names = "--size", defaultValue = "512", description = "synthetic image columns and rows (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--slices", defaultValue = "200", description = "synthetic slices (default ${DEFAULT-VALUE})")
    int slices;

    @Option(names = "--dcmtk-nagle", description = "leave Nagle's algorithm on in storescu and storescp (dcmtk's default here;"
            + " without this option they run with TCP_NODELAY=1, as seedplan's node does)")
    boolean nagle;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs per receiver after one warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** This process's CPU time (all threads) during the last storescu run, seconds. */
    private double lastCpuS;

    @Override
    public Integer call() throws Exception {
        BenchCommand.checkRuns(runs);
        for (String tool : List.of("storescu", "storescp")) {
            if (!onPath(tool)) {
                throw new IllegalArgumentException(tool + " not found: install dcmtk (apt-get install dcmtk) to run this benchmark");
            }
        }
        Path work = Files.createTempDirectory("seedplan-bench-receive");
        try {
            Path series = dir;
            if (series == null) {
                if (size < 16 || size > 1024 || slices < 2 || slices > 1000) {
                    throw new IllegalArgumentException("--size must lie in [16, 1024] and --slices in [2, 1000]");
                }
                series = Files.createDirectories(work.resolve("series"));
                writeSynthetic(series);
            }
            long files;
            long bytes;
            try (Stream<Path> s = Files.list(series)) {
                List<Path> all = s.filter(Files::isRegularFile).toList();
                files = all.size();
                bytes = all.stream().mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "storescu sends %d files (%.1f MB in %s) over loopback, %d processors, dcmtk with %s%n", files,
                    bytes / 1e6, series, Runtime.getRuntime().availableProcessors(), nagle ? "Nagle's algorithm on" : "TCP_NODELAY=1");
            double[] cpu = new double[runs];
            report("seedplan node, folder store", timeNodeToFolder(series, work, cpu), cpu);
            report("seedplan serve node, embedded registry", timeNodeToRegistry(series, work, cpu), cpu);
            report("dcmtk storescp", timeStorescp(series, work), null);
        } finally {
            deleteTree(work);
        }
        return 0;
    }

    private double[] timeNodeToFolder(Path series, Path work, double[] cpu) throws Exception {
        double[] t = new double[runs];
        for (int r = -1; r < runs; r++) {
            Path store = work.resolve("node-" + r);
            try (DicomNode node = DicomNode.start(NodeConfig.of("SEEDPLAN", "127.0.0.1", 0, store, Set.of()))) {
                double s = storescu("SEEDPLAN", node.port(), series);
                if (r >= 0) {
                    t[r] = s;
                    cpu[r] = lastCpuS;
                }
            }
            deleteTree(store);
        }
        return t;
    }

    private double[] timeNodeToRegistry(Path series, Path work, double[] cpu) throws Exception {
        double[] t = new double[runs];
        for (int r = -1; r < runs; r++) {
            Path data = work.resolve("registry-" + r);
            try (Database db = Database.open(data)) {
                long centre = new CentreRepository(db).create(Actor.SYSTEM, "BENCH", "Benchmark centre").id();
                new DicomPeers(db).create(Actor.SYSTEM, new DicomPeers.PeerData(centre, "BENCHSCU", "127.0.0.1", 104, true, false, null));
                try (RegistryDicomNode node = RegistryDicomNode.start(db, "SEEDPLAN", "127.0.0.1", 0)) {
                    double s = storescu("SEEDPLAN", node.port(), series);
                    if (r >= 0) {
                        t[r] = s;
                        cpu[r] = lastCpuS;
                    }
                }
            }
            deleteTree(data);
        }
        return t;
    }

    private double[] timeStorescp(Path series, Path work) throws Exception {
        double[] t = new double[runs];
        for (int r = -1; r < runs; r++) {
            Path store = Files.createDirectories(work.resolve("storescp-" + r));
            int port = freePort();
            Process scp = dcmtk(new ProcessBuilder("storescp", "-aet", "STORESCP", "-od", store.toString(), "-uf", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)).start();
            try {
                waitListening(port);
                double s = storescu("STORESCP", port, series);
                if (r >= 0) {
                    t[r] = s;
                }
            } finally {
                scp.destroy();
                scp.waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(store);
        }
        return t;
    }

    /** Runs storescu (calling AE BENCHSCU) on every file of {@code series}; its wall time in seconds. */
    private double storescu(String calledAe, int port, Path series) throws IOException, InterruptedException {
        long c0 = OS.getProcessCpuTime();
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "BENCHSCU", "-aec", calledAe, "+sd", "127.0.0.1",
                String.valueOf(port), series.toString()));
        long t0 = System.nanoTime();
        Process p = dcmtk(new ProcessBuilder(cmd).redirectErrorStream(true)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("E: ")) {
            p.destroyForcibly();
            throw new IllegalStateException("storescu to " + calledAe + " failed: " + out);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        lastCpuS = (OS.getProcessCpuTime() - c0) / 1e9;
        return wall;
    }

    /**
     * A dcmtk process with Nagle's algorithm off (TCP_NODELAY=1, read by dcmtk's network layer) unless --dcmtk-nagle: with it
     * on, every object waits for the peer's delayed acknowledgement (about 47 ms per object on loopback here).
     */
    private ProcessBuilder dcmtk(ProcessBuilder pb) {
        if (!nagle) {
            pb.environment().put("TCP_NODELAY", "1");
        }
        return pb;
    }

    /** One line: median, min and max wall time and, for our node, the median CPU time this process used per run. */
    private void report(String what, double[] t, double[] cpu) {
        Arrays.sort(t);
        String cpuText = "";
        if (cpu != null) {
            double[] c = cpu.clone();
            Arrays.sort(c);
            cpuText = String.format(Locale.ROOT, "; node CPU (all threads, incl. GC) median %.2f s", c[runs / 2]);
        }
        System.out.printf(Locale.ROOT, "  %-40s median %.2f s (min %.2f, max %.2f) over %d runs after one warm-up%s%n", what,
                t[runs / 2], t[0], t[runs - 1], runs, cpuText);
    }

    private void writeSynthetic(Path folder) {
        Grid g = new Grid(new Vec3(-204.4, -204.4, -250), 0.8, 0.8, 2.5, size, size, slices);
        float[] hu = new float[g.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            double x = (n % size - size / 2.0) / (size / 2.0);
            double y = ((n / size) % size - size / 2.0) / (size / 2.0);
            hu[n] = x * x + y * y < 0.8 ? (float) (30 + 25 * Math.cos(n * 0.0007)) : -1000f;
        }
        List<DataSet> ds = CtSeriesWriter.slices(new Volume(g, hu), StudyContext.newStudy(PatientInfo.anonymous("BENCH")), Uids.newUid());
        for (int k = 0; k < ds.size(); k++) {
            DicomWriter.write(ds.get(k), folder.resolve(String.format(Locale.ROOT, "CT.%04d.dcm", k + 1)));
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitListening(int port) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("storescp did not listen on port " + port + " within 10 s");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

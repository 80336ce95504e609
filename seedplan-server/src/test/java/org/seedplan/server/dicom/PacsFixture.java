package org.seedplan.server.dicom;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.dicom.net.StoreScu;
import org.seedplan.dicom.net.Timeouts;
import org.seedplan.server.DicomFixture;
import org.seedplan.server.ScratchFolder;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.dicom.DicomPeers;

/**
 * A real PACS for the server's tests: one Orthanc (Debian package orthanc) per test JVM, started on free loopback
 * ports with a generated configuration and no plugins, stopped and its folder deleted when the JVM ends. It answers to any called AE
 * title, so that each test can register it as a peer of its own under a fresh title, and knows seedplan's
 * default AE title SEEDPLAN (needed for C-FIND and C-GET).
 */
public final class PacsFixture {

    private static PacsFixture shared;

    /** Orthanc's DICOM port and REST port. */
    public final int dicomPort;
    public final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** bin/while-parent running Orthanc. */
    final Process process;

    private PacsFixture(int dicomPort, int httpPort, Process process) {
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
        this.process = process;
    }

    /**
     * {@code bin/while-parent} of the repository (tests run in their module's folder): runs a command until the standard
     * input it was given ends. OrthancPeerTest (seedplan-dicom) and DicomFindMoveCommandTest (seedplan-app) start Orthanc
     * through it too.
     */
    static Path whileParent() {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("bin").resolve("while-parent");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is missing or not executable: run the tests from the repository's modules");
        }
        return script;
    }

    /** Stops Orthanc: end of the wrapper's standard input, as when this JVM dies; waits for it (30 s, then kills it). */
    static void stop(Process wrapper) {
        try {
            wrapper.getOutputStream().close();
            if (!wrapper.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
                wrapper.destroyForcibly();
            }
        } catch (IOException e) {
            wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shared Orthanc, started on first use; missing Orthanc fails under CI=true and skips otherwise. */
    public static synchronized PacsFixture orthanc() throws Exception {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static PacsFixture start() throws Exception {
        String exe = executable();
        Path dir = Files.createTempDirectory("seedplan-orthanc");
        int dicomPort = freePort();
        int httpPort = freePort();
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name": "seedplan-test-pacs",
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "DicomAet": "ORTHANC",
                  "DicomPort": %d,
                  "HttpPort": %d,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "DicomCheckCalledAet": false,
                  "DicomCheckModalityHost": false,
                  "DicomAlwaysAllowEcho": true,
                  "DicomAlwaysAllowStore": true,
                  "DicomScuTimeout": 10,
                  "DicomScpTimeout": 30,
                  "DicomModalities": { "seedplan": [ "SEEDPLAN", "127.0.0.1", 9 ] },
                  "Plugins": [],
                  "StorageCompression": false
                }
                """.formatted(dir.resolve("db"), dir.resolve("db"), dicomPort, httpPort));
        // Orthanc lives as long as this JVM, however long the suite takes (a time bound, 15 min once, cut slow CI runs short):
        // bin/while-parent stops it when this JVM ends and the OS closes the pipe to its standard input, after a kill -9 too
        Process p = new ProcessBuilder(whileParent().toString(), exe, config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(p);
            ScratchFolder.delete(dir);
        }));
        PacsFixture f = new PacsFixture(dicomPort, httpPort, p);
        long end = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                if (f.get("/system").statusCode() == 200) {
                    return f;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.currentTimeMillis() > end || !p.isAlive()) {
                fail("Orthanc did not start within 30 s:\n" + Files.readString(dir.resolve("orthanc.log")));
            }
            Thread.sleep(200);
        }
    }

    /** Registers the shared Orthanc as a new peer of {@code centreId} (fresh AE title, may send and be sent to); its id. */
    public static long peer(Database db, long centreId) throws Exception {
        PacsFixture o = orthanc();
        String ae = "PACS" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        return new DicomPeers(db).create(Actor.SYSTEM, new DicomPeers.PeerData(centreId, ae, "127.0.0.1", o.dicomPort, true, true,
                "test PACS")).id();
    }

    /** Puts a small CT study with structures (written by seedplan) of {@code patientId} into the PACS; its Study Instance UID. */
    public String holdStudyOf(String patientId) throws IOException {
        Path dir = Files.createTempDirectory("pacs-study");
        try {
            DicomFixture.Written w = DicomFixture.write(dir, patientId, "PACS^PATIENT");
            store(w.files());
            return w.studyUid();
        } finally {
            ScratchFolder.delete(dir);
        }
    }

    /** Orthanc's DICOM address under {@code calledAe} (any title reaches it). */
    public AeAddress address(String calledAe) {
        return new AeAddress(calledAe, "127.0.0.1", dicomPort);
    }

    /** Puts files into the PACS by C-STORE (our SCU, calling as SEEDPLAN). */
    public void store(List<Path> files) throws IOException {
        List<StoreScu.Outcome> out = StoreScu.send(address("ORTHANC"), "SEEDPLAN", files, new Timeouts(10_000, 30_000));
        for (StoreScu.Outcome o : out) {
            if (!o.stored()) {
                fail("Orthanc did not store " + o.file() + ": " + o.problem());
            }
        }
    }

    /** A GET on Orthanc's REST API. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The bytes of a GET on Orthanc's REST API. */
    public byte[] bytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** A POST of JSON on Orthanc's REST API (tools/find and the like). */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A dcmtk tool or Orthanc missing: fails under CI=true, skips otherwise. */
    public static void require(String tool, boolean present) {
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("missing " + tool + " (CI installs: apt-get install -y orthanc dcmtk)");
            }
            Assumptions.assumeTrue(false, "missing " + tool + "; skipped outside CI");
        }
    }

    /** Whether {@code tool} is an executable on PATH (or in /usr/sbin, where Debian puts Orthanc). */
    public static boolean onPath(String tool) {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String executable() {
        require("Orthanc", onPath("Orthanc"));
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "Orthanc"))) {
                return Path.of(d, "Orthanc").toString();
            }
        }
        throw new IllegalStateException("unreachable");
    }
}

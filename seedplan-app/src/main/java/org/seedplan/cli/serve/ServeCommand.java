package org.seedplan.cli.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.seedplan.server.FirstStart;
import org.seedplan.server.ScratchFolder;
import org.seedplan.server.SeedplanServer;
import org.seedplan.server.ServerConfig;
import org.seedplan.server.Services;
import org.seedplan.server.check.StartupSelfCheck;
import org.seedplan.server.dicom.RegistryDicomNode;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.storage.Database;
import org.seedplan.storage.dicom.DicomStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan serve}: runs the start-up self-check, opens the registry (embedded in the data folder, or
 * PostgreSQL), creates the first administrator on an empty database, optionally fills a fresh data folder
 * with the demo, and serves the API and the screens until stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, header = "Run the clinical workstation (REST API and browser screens).",
        description = {"Starts the seedplan server and prints the address to open. The first start creates the user 'admin' with a"
                + " one-time password (printed once) that must be changed at the first sign-in.",
                "--demo fills a new or empty data folder with the demo patient (CT, structures, an approved plan, a simulated post-op CT),"
                        + " the demo cohort and demo users of two centres (passwords printed)."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder: embedded database and DICOM files (default ~/.seedplan/data).")
    Path data;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL instead of the embedded database, e.g. jdbc:postgresql://db:5432/seedplan?user=seedplan.")
    String db;

    @Option(names = "--demo", description = "Fill a new or empty data folder with the demo patient, cohort and users.")
    boolean demo;

    @Option(names = "--admin-password-file", paramLabel = "FILE", description = "First start: take the administrator's password from this file.")
    Path adminPasswordFile;

    @Option(names = "--trusted-proxy", paramLabel = "IP", split = ",",
            description = "Address of a TLS reverse proxy whose X-Forwarded-Proto/-Host headers are believed (repeatable).")
    List<String> trustedProxies = List.of();

    @Option(names = "--dicom-port", paramLabel = "PORT", description = "Also run a DICOM Storage SCP on this port (e.g. 11112; 0 = any free"
            + " port), accepting the known peers of each centre and filing what they send in that centre (docs/dicom-network.md).")
    Integer dicomPort;

    @Option(names = "--ae-title", defaultValue = "SEEDPLAN", description = "Our DICOM AE title (default ${DEFAULT-VALUE}).")
    String aeTitle;

    @Option(names = "--dicom-bind", paramLabel = "ADDRESS", description = "Address the DICOM port listens on (default: that of --bind).")
    String dicomBind;

    @Option(names = "--min-cell-size", paramLabel = "K", defaultValue = "5", description = "Cohort dashboard: a group of fewer than K"
            + " patients shows its count as \"< K\" and no values (small-cell suppression; default ${DEFAULT-VALUE}, 1 = none).")
    int minCellSize;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not a TCP port: give 1–65535, or 0 for any free port");
        }
        if (dicomPort != null && (dicomPort < 0 || dicomPort > 65535)) {
            throw new IllegalArgumentException("--dicom-port " + dicomPort + " is not a TCP port: give 1–65535 (DICOM: 104 or 11112), or 0 for any free port");
        }
        AeAddress.checkAeTitle(aeTitle, "--ae-title");
        if (minCellSize < 1) {
            throw new IllegalArgumentException("--min-cell-size " + minCellSize + " is too small: give a whole number ≥ 1 (1 = no suppression)");
        }
        List<String> failures = StartupSelfCheck.runBuiltIn();
        if (!failures.isEmpty()) {
            System.err.println("seedplan serve: start-up self-check failed, refusing to start: " + String.join("; ", failures));
            return 1;
        }
        Path folder = data != null ? data : Database.defaultDataFolder();
        boolean fresh = requireDataFolder(folder);
        if (demo && !fresh && db == null) {
            System.out.println("seedplan serve: " + folder + " holds data already; --demo fills only a new or empty folder, starting on the data there");
        }
        // the server's temporary files in the data folder (what a killed predecessor left there is deleted now), SQLite's
        // native library among them: nothing of this run is left in the system's temporary folder, even after a kill -9
        ScratchFolder scratch = ScratchFolder.beforeDatabase(folder, db == null);
        Database database = Database.open(folder, db);
        Services services = Services.open(new ServerConfig(bind, port, Set.copyOf(trustedProxies), Clock.systemUTC(), minCellSize),
                database, scratch);
        if (demo && services.accounts().users().count() == 0) {
            System.out.println("seedplan serve: filling " + folder + " with the demo (planning the demo patient takes a little while)…");
            Path work = scratch.newFolder("demo-");
            try {
                List<String> users = DemoData.fill(services, work);
                System.out.println("Demo users (user name, password, role, centre):");
                users.forEach(System.out::println);
            } finally {
                ScratchFolder.delete(work);
            }
        }
        Optional<String> once = FirstStart.ensureAdministrator(services, adminPasswordFile);
        once.ifPresent(p -> System.out.println("First start: user '" + FirstStart.ADMIN + "', one-time password " + p
                + " (shown only now; change it at the first sign-in)"));
        RegistryDicomNode node = dicomPort == null ? null
                : RegistryDicomNode.start(database, aeTitle, dicomBind != null ? dicomBind : bind, dicomPort);
        SeedplanServer server = SeedplanServer.start(services);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (node != null) {
                node.close();
            }
            server.close();
            database.close();
            stopped.countDown();
        }));
        System.out.println("seedplan serve: open " + server.address() + " (data " + folder.toAbsolutePath()
                + (db != null ? ", database " + db.replaceAll("(?i)(password=)[^&]*", "$1***") : "") + "); stop with Ctrl-C");
        if (node != null) {
            System.out.println("seedplan serve: DICOM node " + aeTitle + " on port " + node.port() + " (known peers: /api/dicom/peers)");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Refuses a folder that holds files but is not a seedplan data folder (no database file, no DICOM store);
     * returns whether the folder is new or empty.
     */
    static boolean requireDataFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return true;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--data " + folder + " is a file: give a folder");
        }
        try (Stream<Path> s = Files.list(folder)) {
            // a scratch folder alone is what a server killed before it stored anything left: the folder counts as empty
            if (s.noneMatch(p -> !p.getFileName().toString().equals(ScratchFolder.FOLDER))) {
                return true;
            }
        }
        if (!Files.exists(folder.resolve(Database.EMBEDDED_FILE)) && !Files.isDirectory(folder.resolve(DicomStore.FOLDER))) {
            throw new IllegalArgumentException("--data " + folder + " holds other files and is not a seedplan data folder (no "
                    + Database.EMBEDDED_FILE + ", no " + DicomStore.FOLDER + "/): give a new or empty folder");
        }
        return false;
    }
}

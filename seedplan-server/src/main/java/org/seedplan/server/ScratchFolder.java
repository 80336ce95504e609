package org.seedplan.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.seedplan.storage.Database;
import org.slf4j.LoggerFactory;

/**
 * The temporary files of one server, in its data folder: {@code <data>/scratch/run-…/}, made when first needed, holding the
 * multipart bodies Jetty spools to disk, each upload's files, each RT Plan being sent and (for {@code serve} on the embedded
 * database) SQLite's native library; a handler deletes what it made once it has answered or refused, and {@link #close()}
 * (when the server stops) deletes the folder with whatever a request cut off by the stop left in it.
 *
 * <p>A server killed outright (kill -9, power cut) cannot delete its folder: the next server on the data folder does, when it
 * opens its own ({@link #in}). Each run holds an OS lock on {@code run-….lock} beside its folder for its whole life (the OS
 * releases it when the process dies), so a run folder whose lock can be taken belongs to a dead server, while the folders of
 * servers still running on the same data folder (several servers on one PostgreSQL share it) are left alone. Making a run
 * folder and sweeping dead ones happen under {@code .sweep.lock}, so a sweep never sees a folder not yet locked.
 */
public final class ScratchFolder implements AutoCloseable {

    /** The folder of the data folder that holds the runs' scratch folders. */
    public static final String FOLDER = "scratch";

    private static final String LOCK_SUFFIX = ".lock";
    private static final String SWEEP_LOCK = ".sweep.lock";
    /** Within one JVM two channels on one file cannot both lock it (OverlappingFileLockException): the JVM's turn first. */
    private static final Object SWEEP_IN_THIS_JVM = new Object();
    /**
     * The run locks this JVM holds (servers of tests share a JVM): a sweep does not open them, since closing any channel on
     * a file may release every lock the process holds on it (FileLock's documentation).
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path parent;
    private Path root;
    private FileChannel ownerChannel;
    private FileLock owner;
    private boolean closed;

    private ScratchFolder(Path parent) {
        this.parent = parent;
    }

    /**
     * The scratch folder of a server on {@code dataFolder}; first deletes the folders of servers that died without
     * deleting theirs (their lock is free). The run's own folder is made on the first {@link #root()}.
     */
    public static ScratchFolder in(Path dataFolder) {
        Path parent = dataFolder.toAbsolutePath().resolve(FOLDER);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the server's temporary folder " + parent + " (" + e.getMessage()
                    + "): give --data a writable folder", e);
        }
        ScratchFolder s = new ScratchFolder(parent);
        s.underSweepLock(() -> sweepDeadRuns(parent));
        return s;
    }

    /**
     * As {@link #in}, for a server about to open its database: with {@code embedded} (SQLite) the database's native library
     * is loaded now from a folder of this scratch folder, so that sqlite-jdbc extracts it there and not into the system's
     * temporary folder ({@link Database#loadEmbeddedEngine}).
     */
    public static ScratchFolder beforeDatabase(Path dataFolder, boolean embedded) throws IOException {
        ScratchFolder s = in(dataFolder);
        if (embedded) {
            Database.loadEmbeddedEngine(s.newFolder("sqlite-"));
        }
        return s;
    }

    /** The run's folder, made (and locked) on the first call; refused once closed (the server has stopped). */
    public synchronized Path root() {
        if (closed) {
            throw new IllegalStateException("the server has stopped: its temporary folder is gone");
        }
        if (root == null) {
            underSweepLock(() -> {
                Path run = Files.createTempDirectory(parent, "run-");
                FileChannel ch = FileChannel.open(lockOf(run), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ownerChannel = ch;
                owner = ch.lock();
                HELD_HERE.add(lockOf(run));
                root = run;
            });
        }
        return root;
    }

    /** A new empty folder named {@code prefix…} inside the scratch folder. */
    public Path newFolder(String prefix) throws IOException {
        return Files.createTempDirectory(root(), prefix);
    }

    /** A new empty file named {@code prefix…suffix} inside the scratch folder. */
    public Path newFile(String prefix, String suffix) throws IOException {
        return Files.createTempFile(root(), prefix, suffix);
    }

    /**
     * Deletes {@code path} with everything under it; what cannot be deleted is logged (the whole scratch folder is
     * deleted again when the server stops), so that a failed clean-up never replaces the answer to the request.
     */
    public static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(path)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | UncheckedIOException e) {
            LoggerFactory.getLogger(ScratchFolder.class).warn("temporary {} not deleted: {}", path, e.getMessage());
            return;
        }
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LoggerFactory.getLogger(ScratchFolder.class).warn("temporary {} not deleted: {}", p, e.getMessage());
            }
        }
    }

    /** Deletes the folder and everything in it, then its lock; later calls of {@link #root()} are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        if (root != null) {
            delete(root);
            try {
                Files.deleteIfExists(lockOf(root));
                owner.release();
                ownerChannel.close();
                HELD_HERE.remove(lockOf(root));
            } catch (IOException e) {
                LoggerFactory.getLogger(ScratchFolder.class).warn("temporary {} not deleted: {}", lockOf(root), e.getMessage());
            }
            root = null;
        }
    }

    /** Deletes every run folder (and lone lock file) in {@code parent} whose lock no living process holds. */
    private static void sweepDeadRuns(Path parent) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(parent)) {
            entries = s.filter(p -> !p.getFileName().toString().equals(SWEEP_LOCK)).toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            Path run = name.endsWith(LOCK_SUFFIX) ? parent.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length())) : p;
            if (Files.isDirectory(run) && !Files.exists(lockOf(run))) {
                delete(run); // made under the sweep lock together with its lock file: a lock file gone means a dead run
            } else if (Files.exists(lockOf(run)) && lockIsFree(lockOf(run))) {
                delete(run);
                Files.deleteIfExists(lockOf(run));
            }
        }
    }

    private static boolean lockIsFree(Path lockFile) throws IOException {
        if (HELD_HERE.contains(lockFile)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return false; // another process holds it
            }
            l.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // a server in this JVM holds it (being made or closed just now)
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // deleted meanwhile by its own server
        }
    }

    private static Path lockOf(Path run) {
        return run.resolveSibling(run.getFileName() + LOCK_SUFFIX);
    }

    private interface IoWork {
        void run() throws IOException;
    }

    private void underSweepLock(IoWork work) {
        synchronized (SWEEP_IN_THIS_JVM) {
            try (FileChannel ch = FileChannel.open(parent.resolve(SWEEP_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                work.run();
            } catch (IOException e) {
                throw new UncheckedIOException("the server's temporary folder " + parent + " (" + e.getMessage()
                        + "): give --data a writable folder on a file system with file locks", e);
            }
        }
    }
}

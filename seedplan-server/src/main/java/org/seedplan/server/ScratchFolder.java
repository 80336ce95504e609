package org.seedplan.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The temporary files of one server: a single folder {@code seedplan-scratch-…} in the system's temporary folder, made
 * when first needed, holding the multipart bodies Jetty spools to disk, each upload's files and each RT Plan being sent;
 * a handler deletes what it made once it has answered or refused, and {@link #close()} (when the server stops) deletes
 * the folder with whatever a request cut off by the stop left in it. A server killed outright leaves this one folder.
 */
public final class ScratchFolder implements AutoCloseable {

    private Path root;
    private boolean closed;

    /** The folder, made on the first call; refused once closed (the server has stopped). */
    public synchronized Path root() {
        if (closed) {
            throw new IllegalStateException("the server has stopped: its temporary folder is gone");
        }
        if (root == null) {
            try {
                root = Files.createTempDirectory("seedplan-scratch-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the server's temporary folder in " + System.getProperty("java.io.tmpdir")
                        + " (" + e.getMessage() + "): give java.io.tmpdir a writable folder", e);
            }
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

    /** Deletes the folder and everything in it; later calls of {@link #root()} are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        if (root != null) {
            delete(root);
            root = null;
        }
    }
}

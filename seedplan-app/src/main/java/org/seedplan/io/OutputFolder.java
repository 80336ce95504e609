package org.seedplan.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a set of output files all or nothing: everything goes to a temporary folder beside the
 * target first and is moved into the target only when every file was written. A failure leaves the
 * target as it was.
 */
public final class OutputFolder implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private boolean committed;

    private OutputFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Starts an export to {@code dir} (created at commit if missing). */
    public static OutputFolder open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder: give a folder for the output");
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            return new OutputFolder(abs, Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-"));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot prepare the output folder (" + e.getMessage() + ")", e);
        }
    }

    /** Where to write the file {@code name} (relative path) during the export. */
    public Path file(String name) {
        Path p = staging.resolve(name).normalize();
        if (!p.startsWith(staging)) {
            throw new IllegalArgumentException("output name " + name + " leaves the output folder");
        }
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public void writeString(String name, String text) {
        try {
            Files.writeString(file(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(target.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Moves every written file into the target folder. */
    public void commit() {
        try (Stream<Path> files = Files.walk(staging)) {
            Files.createDirectories(target);
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path dest = target.resolve(staging.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                try {
                    Files.move(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot move the output into place (" + e.getMessage() + ")", e);
        } finally {
            deleteStaging();
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteStaging();
        }
    }

    private void deleteStaging() {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.seedplan.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a set of output files all or nothing: everything goes to a hidden staging folder beside the
 * target ({@code .NAME.tmp-PID-RANDOM}) and is moved into the target only when every file was written.
 * A missing or empty target is replaced by the staging folder in one rename; into a folder that
 * already holds files the new files are moved one by one, replacing files of the same name. A
 * failure leaves the target as it was. Staging folders of runs that were killed (their process is
 * gone) are deleted when the next export to the same target starts. Folders and files are created
 * with the ordinary calls, so they follow the user's umask.
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
            removeStale(parent, abs.getFileName().toString());
            String prefix = stagingPrefix(abs.getFileName().toString()) + ProcessHandle.current().pid() + "-";
            while (true) {
                Path staging = parent.resolve(prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
                try {
                    return new OutputFolder(abs, Files.createDirectory(staging));
                } catch (FileAlreadyExistsException e) {
                    // another export of this process drew the same name: draw again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot prepare the output folder (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Refuses an output that would overwrite one of the command's inputs: {@code out} is an input, or
     * an input lies in the folder {@code out} under one of the names the command writes there.
     */
    public static void refuseInputs(String option, Path out, List<String> names, Path... inputs) {
        Path o = out.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            Path i = in.toAbsolutePath().normalize();
            if (i.equals(o) || sameFile(i, o) || (i.startsWith(o) && names.contains(o.relativize(i).toString()))) {
                throw new IllegalArgumentException(option + " " + out + " would overwrite the input " + in
                        + ": write the output somewhere else");
            }
        }
    }

    /** Refuses to write a single file {@code out} over one of the inputs (the same path, or the same file by another path). */
    public static void refuseInputFile(String option, Path out, Path... inputs) {
        Path o = out.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in != null && (in.toAbsolutePath().normalize().equals(o) || sameFile(in, o)
                    || (Files.isDirectory(in) && o.startsWith(in.toAbsolutePath().normalize())))) {
                throw new IllegalArgumentException(option + " " + out + " would overwrite or land inside the input " + in
                        + ": write the output somewhere else");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String stagingPrefix(String name) {
        return "." + name + ".tmp-";
    }

    /** Deletes staging folders for {@code name} whose process no longer runs. */
    private static void removeStale(Path parent, String name) throws IOException {
        String prefix = stagingPrefix(name);
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : siblings) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean running = pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!running) {
                    deleteTree(p);
                }
            }
        }
    }

    /** The staging folder: writers that export into a folder of their own may write into it (or below it) before commit. */
    public Path staging() {
        return staging;
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

    /** Moves every written file into the target folder: one rename when the target is missing or empty. */
    public void commit() {
        try {
            if (Files.isDirectory(target) && isEmpty(target)) {
                Files.delete(target);
            }
            if (!Files.exists(target)) {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                committed = true;
                return;
            }
            try (Stream<Path> files = Files.walk(staging)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Path dest = target.resolve(staging.relativize(p).toString());
                    Files.createDirectories(dest.getParent());
                    try {
                        Files.move(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot move the output into place (" + e.getMessage() + ")", e);
        } finally {
            deleteTree(staging);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

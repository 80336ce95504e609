package org.seedplan.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic writes whose results carry the user's umask: {@code Files.createTempFile} and
 * {@code createTempDirectory} make owner-only files, and a file moved into place keeps them, so the
 * temporary file or folder is created here with ordinary permissions under a hidden random name.
 */
public final class UmaskFiles {

    private UmaskFiles() {
    }

    /** A new, empty folder {@code .NAME.tmp-RANDOM} beside {@code target}. */
    public static Path createHiddenFolder(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.getParent());
            for (int attempt = 0; ; attempt++) {
                try {
                    return Files.createDirectory(hiddenSibling(abs));
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot create a temporary folder beside it (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the bytes to a hidden file beside {@code target}, then moves it into place (replacing it). */
    public static void writeAtomically(Path target, byte[] bytes) {
        Path abs = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = hiddenSibling(abs);
            try {
                Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    private static Path hiddenSibling(Path abs) {
        return abs.resolveSibling("." + abs.getFileName() + ".tmp-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
    }
}

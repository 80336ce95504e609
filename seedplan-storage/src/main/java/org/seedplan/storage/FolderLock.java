package org.seedplan.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive OS lock on {@code <data>/.lock}, held while one process uses an embedded data folder (released when it dies). */
final class FolderLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dataFolder}, or refuses when another process (or this one) holds it. */
    static FolderLock acquire(Path dataFolder) {
        Path file = dataFolder.resolve(".lock");
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new IllegalStateException("data folder " + dataFolder + " is in use by another seedplan process;"
                        + " stop it or give another --data folder");
            }
            return new FolderLock(ch, l);
        } catch (IOException e) {
            throw new UncheckedIOException("data folder " + dataFolder + ": cannot lock " + file + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

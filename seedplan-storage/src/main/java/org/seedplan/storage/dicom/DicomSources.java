package org.seedplan.storage.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Walks the files of an upload (single files, folders, zip archives) and hands each one's bytes to a visitor,
 * within {@link ImportLimits}. Zip entries are inflated into memory and never written under their own names,
 * so an entry named {@code ../../x} cannot escape anywhere (zip-slip); its size is counted as it inflates.
 */
final class DicomSources {

    /** Receives one file. */
    @FunctionalInterface
    interface Visitor {
        /** Handles the bytes of the file called {@code name}. */
        void file(String name, byte[] bytes);
    }

    private final ImportLimits limits;
    private int files;
    private long total;

    DicomSources(ImportLimits limits) {
        this.limits = limits;
    }

    /** Visits every file of {@code paths}: folders recursively (sorted), zip archives entry by entry. */
    void walk(List<Path> paths, Visitor visitor) {
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                        one(f, visitor);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot be listed (" + e.getMessage() + ")", e);
                }
            } else if (Files.isRegularFile(p)) {
                one(p, visitor);
            } else {
                throw new IllegalArgumentException(p + " does not exist; give a DICOM file, a folder or a .zip");
            }
        }
    }

    private void one(Path f, Visitor visitor) {
        try {
            if (isZip(f)) {
                zip(f, visitor);
            } else {
                count(f.toString(), Files.size(f));
                visitor.file(f.toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Visits the entries of a zip archive (by its central directory). */
    private void zip(Path archive, Visitor visitor) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = archive + "!" + e.getName();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = readBounded(name, in, e.getCompressedSize());
                }
                count(name, bytes.length);
                visitor.file(name, bytes);
            }
        }
    }

    private byte[] readBounded(String name, InputStream in, long compressed) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > limits.maxFileBytes() || total + n > limits.maxTotalBytes()) {
                throw new IllegalArgumentException(name + ": inflates beyond the import limit of " + limits.maxFileBytes()
                        + " bytes per file / " + limits.maxTotalBytes() + " in total; split the upload");
            }
            if (compressed > 0 && n > (1 << 20) && (double) n / compressed > limits.maxRatio()) {
                throw new IllegalArgumentException(name + ": compression ratio above " + Math.round(limits.maxRatio())
                        + ":1 (a zip bomb?); send the files uncompressed or in a plain zip");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    private void count(String name, long bytes) {
        files++;
        total += bytes;
        if (files > limits.maxEntries()) {
            throw new IllegalArgumentException(name + ": more than " + limits.maxEntries() + " files in one import; split the upload");
        }
        if (bytes > limits.maxFileBytes() || total > limits.maxTotalBytes()) {
            throw new IllegalArgumentException(name + ": the upload exceeds the import limit of " + limits.maxFileBytes()
                    + " bytes per file / " + limits.maxTotalBytes() + " in total; split the upload");
        }
    }

    private static boolean isZip(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }
}

package org.seedplan.server.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.geometry.Volume;

/**
 * The CT series the browser screens have opened, read once with {@link CtSeriesReader} and kept while they fit a
 * byte budget (least recently used first out). Concurrent requests for one series wait for one read.
 */
public final class CtVolumeCache {

    /** Default budget: two 200-slice 512 × 512 studies. */
    public static final long DEFAULT_BUDGET_BYTES = 2L * 200 * 512 * 512 * 2;

    private final long budgetBytes;
    private final LinkedHashMap<String, CompletableFuture<BrowserVolume>> entries = new LinkedHashMap<>(8, 0.75f, true);

    public CtVolumeCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * The volume of series {@code seriesUid} of patient {@code patientDbId}, read from {@code files} the first time.
     * A failed read is not kept (the next request tries again).
     */
    public BrowserVolume get(String seriesUid, long patientDbId, List<Path> files) {
        CompletableFuture<BrowserVolume> future;
        boolean reader = false;
        synchronized (entries) {
            future = entries.get(seriesUid);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(seriesUid, future);
                reader = true;
            }
        }
        if (reader) {
            try {
                future.complete(read(seriesUid, patientDbId, files));
                evict();
            } catch (RuntimeException e) {
                synchronized (entries) {
                    entries.remove(seriesUid);
                }
                future.completeExceptionally(e);
            }
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading series " + seriesUid, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void evict() {
        synchronized (entries) {
            long total = 0;
            List<Map.Entry<String, CompletableFuture<BrowserVolume>>> newestFirst = new ArrayList<>(entries.entrySet());
            Collections.reverse(newestFirst);
            for (Map.Entry<String, CompletableFuture<BrowserVolume>> e : newestFirst) {
                BrowserVolume v = e.getValue().getNow(null);
                if (v == null) {
                    continue;
                }
                total += v.sizeBytes();
                if (total > budgetBytes && total != v.sizeBytes()) {
                    entries.remove(e.getKey());
                }
            }
        }
    }

    /**
     * Reads the series from its stored files; a stack the reader had to resample (tilted, sheared, rotated) is
     * refused, so that what is drawn on screen lies on the acquired slices.
     */
    static BrowserVolume read(String seriesUid, long patientDbId, List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("series " + seriesUid + " has no stored files: upload the CT series again");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("seedplan-ct-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for series " + seriesUid, e);
        }
        try {
            int n = 0;
            for (Path f : files) {
                Files.createSymbolicLink(dir.resolve((n++) + ".dcm"), f.toAbsolutePath());
            }
            CtSeries ct = CtSeriesReader.read(dir, seriesUid);
            if (ct.geometry().resampled()) {
                throw new IllegalArgumentException("series " + seriesUid + " is not an axial, axis-aligned stack ("
                        + ct.geometry().describe() + "): the viewer shows only acquired slices; reconstruct the series"
                        + " axially without gantry tilt on the scanner and upload that");
            }
            Volume v = ct.volume();
            float[] hu = v.hu();
            short[] out = new short[hu.length];
            for (int i = 0; i < hu.length; i++) {
                out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(hu[i])));
            }
            return new BrowserVolume(ct.seriesInstanceUid(), ct.studyInstanceUid(), ct.frameOfReferenceUid(), patientDbId,
                    v.grid(), out, ct.sliceSopInstanceUids());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link the files of series " + seriesUid, e);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder of links only: nothing to keep
            }
        }
    }
}

package org.seedplan.server.imaging;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.geometry.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CT series the browser screens have opened, kept in memory while they fit a byte budget (least recently used
 * first out). A series not in memory is read from its prepared file ({@link PreparedVolumes}) when that was made from
 * the series' current instances, else read once with {@link CtSeriesReader} and its prepared file written. Concurrent
 * requests for one series wait for one read; an entry made from other instances than the current ones is not used.
 */
public final class CtVolumeCache {

    /** Default budget: two 200-slice 512 × 512 studies. */
    public static final long DEFAULT_BUDGET_BYTES = 2L * 200 * 512 * 512 * 2;
    private static final Logger LOG = LoggerFactory.getLogger(CtVolumeCache.class);

    private final long budgetBytes;
    private final PreparedVolumes prepared;
    /** Keyed by series UID and fingerprint. */
    private final LinkedHashMap<String, CompletableFuture<BrowserVolume>> entries = new LinkedHashMap<>(8, 0.75f, true);
    private final ConcurrentHashMap<String, Object> seriesLocks = new ConcurrentHashMap<>();

    public CtVolumeCache(long budgetBytes, PreparedVolumes prepared) {
        this.budgetBytes = budgetBytes;
        this.prepared = prepared;
    }

    /**
     * The volume of series {@code seriesUid} of patient {@code patientDbId} whose stored instances have
     * {@code fingerprint} (taken before {@code files} were listed, so that a volume is never labelled with instances
     * it lacks), from memory, its prepared file or {@code files}. A failed read is not kept (the next request tries
     * again).
     */
    public BrowserVolume get(String seriesUid, long patientDbId, String fingerprint, List<Path> files) {
        String key = seriesUid + " " + fingerprint;
        CompletableFuture<BrowserVolume> future;
        boolean reader = false;
        synchronized (entries) {
            future = entries.get(key);
            if (future == null) {
                entries.keySet().removeIf(k -> k.startsWith(seriesUid + " "));
                future = new CompletableFuture<>();
                entries.put(key, future);
                reader = true;
            }
        }
        if (reader) {
            try {
                future.complete(load(seriesUid, patientDbId, fingerprint, files));
                evict();
            } catch (RuntimeException e) {
                synchronized (entries) {
                    entries.remove(key);
                }
                future.completeExceptionally(e);
            }
        }
        try {
            BrowserVolume v = future.get();
            return v.patientDbId() == patientDbId ? v : v.forPatient(patientDbId);
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

    /**
     * Writes the prepared file of series {@code seriesUid} unless one of {@code fingerprint} is there already (the
     * background preparation of a stored series); the volume is not kept in memory. Returns whether a file was written.
     */
    public boolean prepare(String seriesUid, String fingerprint, List<Path> files) {
        synchronized (lockOf(seriesUid)) {
            if (prepared.isCurrent(seriesUid, fingerprint)) {
                return false;
            }
            prepared.write(read(seriesUid, 0, files), fingerprint);
            return true;
        }
    }

    /** The prepared files on disk. */
    public PreparedVolumes prepared() {
        return prepared;
    }

    private BrowserVolume load(String seriesUid, long patientDbId, String fingerprint, List<Path> files) {
        synchronized (lockOf(seriesUid)) {
            Optional<BrowserVolume> ready = prepared.read(seriesUid, fingerprint, patientDbId);
            if (ready.isPresent()) {
                return ready.get();
            }
            BrowserVolume v = read(seriesUid, patientDbId, files);
            try {
                prepared.write(v, fingerprint);
            } catch (UncheckedIOException e) {
                LOG.warn("series {} is shown but its prepared volume was not written: {}", seriesUid, e.getMessage());
            }
            return v;
        }
    }

    private Object lockOf(String seriesUid) {
        return seriesLocks.computeIfAbsent(seriesUid, k -> new Object());
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
        CtSeries ct = CtSeriesReader.read("series " + seriesUid, files, seriesUid);
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
                v.grid(), out, ct.sliceSopInstanceUids(), v.sliceThicknessMm());
    }
}

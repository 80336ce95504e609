package org.seedplan.dicom.net;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Groups received objects by study and series and announces a series complete once no object of it
 * has arrived for a quiet period (DICOM has no "end of series" message; scanners and PACS send a series
 * as a burst). An object arriving later re-opens the series, which is announced again when quiet.
 */
public final class SeriesCompletion implements AutoCloseable {

    /** A series that went quiet: its UIDs, the folder its objects are in and how many were received. */
    public record CompletedSeries(String studyInstanceUid, String seriesInstanceUid, Path folder, int objects) {
    }

    private static final class Pending {
        int objects;
        long lastNanos;
        boolean announced;
        Path folder;
    }

    private final long quietNanos;
    private final Consumer<CompletedSeries> listener;
    private final Map<String, Pending> series = new HashMap<>();
    private final ScheduledExecutorService timer;

    /** Announces to {@code listener} (on a timer thread) each series quiet for {@code quiet}. */
    public SeriesCompletion(Duration quiet, Consumer<CompletedSeries> listener) {
        if (quiet.isNegative() || quiet.isZero()) {
            throw new IllegalArgumentException("quiet period " + quiet + " must be positive");
        }
        this.quietNanos = quiet.toNanos();
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dicom-series-completion");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(1000, quiet.toMillis() / 4));
        timer.scheduleAtFixedRate(this::announceQuiet, period, period, TimeUnit.MILLISECONDS);
    }

    /** Notes one object kept at {@code file}, of the given study and series. */
    public synchronized void received(String studyInstanceUid, String seriesInstanceUid, Path file) {
        Pending p = series.computeIfAbsent(studyInstanceUid + "/" + seriesInstanceUid, k -> new Pending());
        p.objects++;
        p.lastNanos = System.nanoTime();
        p.announced = false;
        p.folder = file.getParent();
    }

    private void announceQuiet() {
        long now = System.nanoTime();
        Map<String, Pending> due = new HashMap<>();
        synchronized (this) {
            series.forEach((key, p) -> {
                if (!p.announced && now - p.lastNanos >= quietNanos) {
                    p.announced = true;
                    Pending copy = new Pending();
                    copy.objects = p.objects;
                    copy.folder = p.folder;
                    due.put(key, copy);
                }
            });
        }
        due.forEach((key, p) -> {
            int slash = key.indexOf('/');
            try {
                listener.accept(new CompletedSeries(key.substring(0, slash), key.substring(slash + 1), p.folder, p.objects));
            } catch (RuntimeException e) {
                System.getLogger(SeriesCompletion.class.getName()).log(System.Logger.Level.ERROR,
                        "series-complete listener failed for " + key + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package org.seedplan.server.imaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.seedplan.storage.Database;
import org.seedplan.storage.dicom.DicomStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the browser volume of every stored CT series in the background, whichever way it was stored (upload,
 * DICOM receive, the demo): a background thread looks every {@link #PERIOD_SECONDS} s for CT series whose instances
 * (count and newest row) changed since it last looked, and writes their prepared file through
 * {@link CtVolumeCache#prepare}, so that the first opening reads one file. The first look (at server start) goes
 * newest series first and stops preparing before the prepared files would overflow the disk budget, so that a store holding more
 * than the budget is not read in full at every start (older series are prepared when opened). A series the viewer
 * refuses (tilted, sheared) is left alone until it changes. The thread ends when the database fails three times in a row (closed).
 */
final class StoredSeriesPreparer implements Runnable {

    /** Seconds between two looks at the store. */
    static final int PERIOD_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(StoredSeriesPreparer.class);

    private final Database db;
    private final DicomStore store;
    private final CtVolumeCache cache;
    private final ScheduledExecutorService thread;
    /** Series UID → "count:newest instance id" when it was last prepared (or refused). */
    private final Map<String, String> seen = new HashMap<>();
    private int failures;
    private boolean firstLook = true;

    StoredSeriesPreparer(Database db, DicomStore store, CtVolumeCache cache) {
        this.db = db;
        this.store = store;
        this.cache = cache;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seedplan-ct-prepare");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /** Starts preparing the CT series stored in {@code db} into {@code cache}'s prepared files. */
    static void start(Database db, DicomStore store, CtVolumeCache cache) {
        StoredSeriesPreparer p = new StoredSeriesPreparer(db, store, cache);
        p.thread.scheduleWithFixedDelay(p, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void run() {
        List<String[]> series;
        try {
            series = db.read(tx -> tx.query("SELECT s.series_instance_uid, COUNT(i.id) AS n, MAX(i.id) AS newest FROM dicom_series s"
                    + " JOIN dicom_instance i ON i.series_id = s.id WHERE s.modality = 'CT' GROUP BY s.series_instance_uid ORDER BY newest DESC",
                    r -> new String[] {r.string("series_instance_uid"), r.longValue("n") + ":" + r.longValue("newest")}));
            failures = 0;
        } catch (RuntimeException e) {
            if (++failures >= 3) {
                LOG.info("background CT preparation stopped: the database failed three times ({})", e.getMessage());
                thread.shutdown();
            }
            return;
        }
        long budgetLeft = firstLook ? cache.prepared().budgetBytes() : Long.MAX_VALUE;
        firstLook = false;
        for (String[] s : series) {
            if (s[1].equals(seen.get(s[0]))) {
                continue;
            }
            if (budgetLeft <= 0) {
                seen.put(s[0], s[1]);
                continue;
            }
            try {
                String fingerprint = SeriesFingerprint.of(db, s[0]);
                if (cache.prepare(s[0], fingerprint, store.seriesFiles(s[0]))) {
                    LOG.info("CT series {} prepared for the viewer", s[0]);
                }
            } catch (IllegalArgumentException e) {
                LOG.info("CT series {} not prepared for the viewer: {}", s[0], e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("CT series {} not prepared for the viewer: {}", s[0], e.getMessage());
            }
            seen.put(s[0], s[1]);
            long size = cache.prepared().sizeOf(s[0]);
            budgetLeft -= size;
            if (budgetLeft < size) {
                budgetLeft = 0; // the next series (taken to be as large) would push out one just prepared
            }
        }
    }
}

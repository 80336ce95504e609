package org.seedplan.server.planning;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.edit.EditSession;

/**
 * The plans being made on this server: each a {@link LiveSession} held in memory (its 3D dose is what
 * makes edits fast), planned and re-planned one at a time on one background thread (the machine's cores
 * go to the engines' parallel loops), closed on request or after {@value #IDLE_HOURS} hours unused.
 * A session lives on the server that made it; what is kept is the DRAFT revision saved from it.
 */
public final class PlanningWorkspace {

    /** Hours after which an unused session is dropped. */
    public static final int IDLE_HOURS = 4;
    /** Most sessions held at once: each holds a dose grid and the planner's influence matrix (tens of MB). */
    public static final int MAX_SESSIONS = 8;

    private final Planner planner = Planner.builtIn();
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seedplan-planning");
        t.setDaemon(true);
        return t;
    });

    /** Starts planning {@code images} for the patient with the intent of {@code form}; the optimiser runs in the background. */
    public LiveSession start(long patientDbId, long centreId, String patientName, PatientImages images, IntentForm form) {
        expire();
        if (sessions.size() >= MAX_SESSIONS) {
            throw new IllegalStateException("this server already holds " + MAX_SESSIONS + " planning sessions: save and close one first");
        }
        LiveSession live = new LiveSession(UUID.randomUUID().toString(), patientDbId, centreId, form, images.ctSeriesUid());
        sessions.put(live.id(), live);
        PlanningCase c = new PlanningCase(Long.toString(patientDbId), patientName, images.structures(), form.derived(), images.ct().volume());
        worker.submit(() -> run(live, () -> {
            long t0 = System.nanoTime();
            PlanningSession planning = planner.prepare(c, form.intent(), live);
            var plan = planning.optimise(live);
            live.ready(planning, EditSession.of(planning, plan), (System.nanoTime() - t0) / 1e9);
        }));
        return live;
    }

    /** Re-optimises the unlocked needles of a ready session in the background. */
    public void reoptimise(LiveSession live) {
        EditSession edit = live.edit();
        if (edit == null || live.status() != LiveSession.Status.READY) {
            throw new IllegalStateException("the plan is still being computed: wait for it before re-planning");
        }
        live.running("re-optimise");
        worker.submit(() -> run(live, () -> {
            long t0 = System.nanoTime();
            edit.reoptimise(live);
            edit.evaluation();
            live.ready(live.planning(), edit, (System.nanoTime() - t0) / 1e9);
        }));
    }

    private static void run(LiveSession live, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            live.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The session {@code id}, or null. */
    public LiveSession get(String id) {
        expire();
        LiveSession s = sessions.get(id);
        if (s != null) {
            s.touch();
        }
        return s;
    }

    /** Drops session {@code id}. */
    public void close(String id) {
        sessions.remove(id);
    }

    private void expire() {
        long limit = System.currentTimeMillis() - IDLE_HOURS * 3_600_000L;
        sessions.values().removeIf(s -> s.lastUsedMillis() < limit && s.status() != LiveSession.Status.RUNNING);
    }
}

package org.seedplan.server.modelbased;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Model-based dose runs in the background, one at a time (the Monte Carlo uses every core), each with its progress for the
 * screen to poll and a cancel flag the transport polls; a finished run is forgotten after {@link #KEEP} (its result is
 * stored with its revision). A run belongs to the server process that started it.
 */
public final class ModelBasedRuns {

    /** How long a finished run's state is kept for polling. */
    static final Duration KEEP = Duration.ofMinutes(30);

    /** One run's state as the screen polls it. */
    public static final class Run {
        final String id = UUID.randomUUID().toString();
        final long centreId;
        final long planId;
        final int revision;
        volatile double progress;
        volatile String step = "waiting for another model-based dose to finish";
        volatile boolean cancelRequested;
        volatile ObjectNode result;
        volatile String error;
        volatile boolean cancelled;
        volatile Instant finishedAt;

        Run(long centreId, long planId, int revision) {
            this.centreId = centreId;
            this.planId = planId;
            this.revision = revision;
        }

        /** Reports the step being worked on and the fraction done (0–1). */
        void progress(String stepName, double fraction) {
            this.step = stepName;
            this.progress = fraction;
        }

        /** Whether a cancel was asked for (polled by the transport). */
        boolean cancelRequested() {
            return cancelRequested;
        }

        boolean finished() {
            return finishedAt != null;
        }

        /** {"id", "planId", "revision", "state": running|done|failed|cancelled, "progress", "step", "result"|"error"}. */
        ObjectNode json(ObjectNode o) {
            String state = result != null ? "done" : cancelled ? "cancelled" : error != null ? "failed" : "running";
            o.put("id", id).put("planId", planId).put("revision", revision).put("state", state).put("progress", progress).put("step", step);
            if (result != null) {
                o.set("result", result);
            }
            if (error != null) {
                o.put("error", error);
            }
            return o;
        }
    }

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seedplan-model-based-dose");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    /**
     * Starts {@code work} for a revision; an IllegalArgumentException or IllegalStateException it throws becomes the run's error
     * message, a CancellationException marks it cancelled.
     */
    Run start(long centreId, long planId, int revision, Function<Run, ObjectNode> work) {
        forgetOld();
        Run run = new Run(centreId, planId, revision);
        runs.put(run.id, run);
        runner.submit(() -> {
            try {
                if (run.cancelRequested) {
                    throw new CancellationException("cancelled before it started");
                }
                run.result = work.apply(run);
                run.progress("done", 1);
            } catch (CancellationException e) {
                run.cancelled = true;
                run.step = "cancelled";
            } catch (IllegalArgumentException | IllegalStateException e) {
                run.error = e.getMessage();
            } catch (RuntimeException | OutOfMemoryError e) {
                org.slf4j.LoggerFactory.getLogger(ModelBasedRuns.class).error("model-based dose " + run.id + " failed", e);
                run.error = "the model-based dose failed on the server (" + e.getClass().getSimpleName() + "); the log has the details";
            } finally {
                run.finishedAt = Instant.now();
            }
        });
        return run;
    }

    /** A run by its id, or null. */
    Run find(String id) {
        return runs.get(id);
    }

    private void forgetOld() {
        Instant cutoff = Instant.now().minus(KEEP);
        runs.values().removeIf(r -> r.finishedAt != null && r.finishedAt.isBefore(cutoff));
    }
}

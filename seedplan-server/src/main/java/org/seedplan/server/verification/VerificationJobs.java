package org.seedplan.server.verification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Verification runs in the background, one at a time (seed finding and dose use every core), each with its progress
 * (0–1 and the step's name) for the screen to poll; results are kept for an hour. A run belongs to the server process
 * that started it.
 */
public final class VerificationJobs {

    /** How long a finished run's result is kept. */
    static final Duration KEEP = Duration.ofHours(1);

    /** A run's state as the screen polls it. */
    public static final class Job {
        final String id = UUID.randomUUID().toString();
        final long userId;
        final long patientDbId;
        volatile double progress;
        volatile String step = "waiting for another verification to finish";
        volatile ObjectNode result;
        volatile String error;
        volatile Instant finishedAt;

        Job(long userId, long patientDbId) {
            this.userId = userId;
            this.patientDbId = patientDbId;
        }

        /** Reports the step being worked on and the fraction done. */
        public void progress(String stepName, double fraction) {
            this.step = stepName;
            this.progress = fraction;
        }

        public String id() {
            return id;
        }

        public long userId() {
            return userId;
        }

        public long patientDbId() {
            return patientDbId;
        }

        /** {"id", "state": running|done|failed, "progress", "step", "result"|"error"}. */
        public ObjectNode json(ObjectNode o) {
            o.put("id", id).put("state", result != null ? "done" : error != null ? "failed" : "running").put("progress", progress).put("step", step);
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
        Thread t = new Thread(r, "seedplan-verification");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** Starts {@code work} for the user; an IllegalArgumentException it throws becomes the run's error message. */
    public Job start(long userId, long patientDbId, Function<Job, ObjectNode> work) {
        forgetOld();
        Job job = new Job(userId, patientDbId);
        jobs.put(job.id, job);
        runner.submit(() -> {
            try {
                job.result = work.apply(job);
                job.progress("done", 1);
            } catch (IllegalArgumentException | IllegalStateException e) {
                job.error = e.getMessage();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(VerificationJobs.class).error("verification " + job.id + " failed", e);
                job.error = "the verification failed on the server (" + e.getClass().getSimpleName() + "); the log has the details";
            } finally {
                job.finishedAt = Instant.now();
            }
        });
        return job;
    }

    /** A run by its id. */
    public Job find(String id) {
        return jobs.get(id);
    }

    private void forgetOld() {
        Instant cutoff = Instant.now().minus(KEEP);
        for (Iterator<Job> it = jobs.values().iterator(); it.hasNext();) {
            Job j = it.next();
            if (j.finishedAt != null && j.finishedAt.isBefore(cutoff)) {
                it.remove();
            }
        }
    }
}

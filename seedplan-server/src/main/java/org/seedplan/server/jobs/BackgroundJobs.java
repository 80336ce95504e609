package org.seedplan.server.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Long computations of the workstation (verification, model-based dose) run in the background: one at a time per lane (each
 * uses every core), each with its progress for the screen to poll, a cancel flag the work polls, and its result or error. A
 * finished job (and what is attached to it, such as a dose grid) is forgotten after the registry's keep time, or sooner when more
 * than the registry's bound of finished jobs are kept, the oldest first; running jobs are never forgotten. Forgetting happens
 * whenever a job is started, looked up or finishes, by the registry's clock. A job belongs to the server process that started it.
 *
 * @param <O> who and what the job is for (the owner the routes check rights against)
 */
public final class BackgroundJobs<O> {

    /** Where a job reports the step it is on and the fraction done (0–1), and learns whether it is to stop. */
    public interface Progress {
        void progress(String stepName, double fraction);

        /** Whether a cancel was asked for. */
        boolean cancelRequested();

        /**
         * Begins the step {@code stepName}: when a cancel was asked for, the work stops here (a CancellationException, which ends
         * the job as cancelled), else the step is reported. The steps of a job are where it can be stopped.
         */
        default void step(String stepName, double fraction) {
            if (cancelRequested()) {
                throw new CancellationException("stopped before " + stepName);
            }
            progress(stepName, fraction);
        }

        /**
         * Begins the step {@code stepName} ({@link #step(String, double)}) and runs {@code work}, which polls
         * {@link #cancelRequested()} inside itself (the seed finder's and the TG-43 engine's {@code cancelledWhen}, the Monte Carlo
         * engine's cancel): a cancel asked during the step stops it there, "stopped while " the step, instead of after it.
         */
        default <T> T step(String stepName, double fraction, Supplier<T> work) {
            step(stepName, fraction);
            try {
                return work.get();
            } catch (CancellationException e) {
                throw new CancellationException("stopped while " + stepName);
            }
        }
    }

    /**
     * What a registry's owner records about each job: {@code started} before the job is queued (an exception refuses the job),
     * {@code ended} with its outcome (done, failed or cancelled) before the job shows as finished to anyone polling or waiting for
     * it (an exception is logged: the job's own outcome stands).
     */
    public interface Lifecycle<O> {
        void started(Job<O> job);

        /** {@code state}: done (with {@code result}), failed (with {@code error}) or cancelled. */
        void ended(Job<O> job, String state, ObjectNode result, String error);
    }

    /** One job's state as the screen polls it. */
    public static final class Job<O> implements Progress {
        private final String id = UUID.randomUUID().toString();
        private final O owner;
        private volatile double progress;
        private volatile String step;
        private volatile boolean cancelRequested;
        private volatile String cancelledBy;
        private volatile String cancelNote;
        private volatile ObjectNode result;
        private volatile String error;
        private volatile boolean cancelled;
        private volatile Instant finishedAt;
        private volatile Object attachment;
        private volatile long finishOrder;
        private final CountDownLatch done = new CountDownLatch(1);

        Job(O owner, String waiting) {
            this.owner = owner;
            this.step = waiting;
        }

        @Override
        public void progress(String stepName, double fraction) {
            this.step = stepName;
            this.progress = fraction;
        }

        public String id() {
            return id;
        }

        /** Who and what the job is for. */
        public O owner() {
            return owner;
        }

        /** Asks the work to stop (it stops at its next poll of {@link #cancelRequested()}); nothing once the job has finished. */
        public void cancel() {
            cancel(null);
        }

        /** {@link #cancel()}, saying who or what asked ("by physicist_a", "as the server stopped"); the first to ask is kept. */
        public void cancel(String by) {
            if (!finished() && !cancelRequested) {
                cancelledBy = by;
                cancelRequested = true;
            }
        }

        /** Whether a cancel was asked for (polled by the work). */
        @Override
        public boolean cancelRequested() {
            return cancelRequested;
        }

        /**
         * Of a cancelled job, who asked and where the work stopped ("by physicist_a; stopped before finding the seeds on the post-op
         * CT"), else null.
         */
        public String cancelNote() {
            return cancelNote;
        }

        public boolean finished() {
            return finishedAt != null;
        }

        /** When the job finished, or null while it runs. */
        public Instant finishedAt() {
            return finishedAt;
        }

        /** Waits at most {@code limit} for the job to finish; returns whether it has. */
        public boolean awaitFinished(Duration limit) throws InterruptedException {
            return done.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** running, done, failed or cancelled (running until the job has finished). */
        public String state() {
            return finishedAt == null ? "running" : outcome();
        }

        private String outcome() {
            return result != null ? "done" : cancelled ? "cancelled" : error != null ? "failed" : "running";
        }

        /** Keeps {@code large} (a dose grid, say) with the job, to be forgotten with it. */
        public void attach(Object large) {
            this.attachment = large;
        }

        /** What the work attached, or null when nothing of that type is. */
        public <T> T attachment(Class<T> type) {
            return type.isInstance(attachment) ? type.cast(attachment) : null;
        }

        /** Why the job failed, or null. */
        public String error() {
            return finishedAt == null ? null : error;
        }

        /** The result once done, else null. */
        public ObjectNode result() {
            return finishedAt == null ? null : result;
        }

        /** {"id", "state": running|done|failed|cancelled, "cancelRequested", "progress", "step", "result"|"error"} added to {@code o}. */
        public ObjectNode json(ObjectNode o) {
            o.put("id", id).put("state", state()).put("cancelRequested", cancelRequested).put("progress", progress).put("step", step);
            if (result() != null) {
                o.set("result", result);
            }
            if (error() != null) {
                o.put("error", error);
            }
            return o;
        }
    }

    private static final Map<String, ExecutorService> LANES = new ConcurrentHashMap<>();
    /** Counts jobs as they finish, so that "the oldest finished" is defined when a clock stands still (a test's). */
    private static final AtomicLong FINISHED = new AtomicLong();

    private final ServerJobs serverJobs;
    private final String lane;
    private final String what;
    private final Duration keep;
    private final int maxFinished;
    private final Clock clock;
    private final Map<String, Job<O>> jobs = new ConcurrentHashMap<>();

    /**
     * A registry of jobs run on the lane {@code lane} (one thread of that name per server process, shared by every registry of the
     * lane, so that two computations that each use every core do not run at once); {@code what} names the work in messages; each
     * job is also listed in {@code serverJobs}, the starting server's, until it finishes. A finished job is kept for {@code keep}
     * by {@code clock}, and at most {@code maxFinished} finished jobs are kept.
     */
    public BackgroundJobs(ServerJobs serverJobs, String lane, String what, Duration keep, int maxFinished, Clock clock) {
        if (maxFinished < 1) {
            throw new IllegalArgumentException("maxFinished must be at least 1, got " + maxFinished);
        }
        this.serverJobs = serverJobs;
        this.lane = lane;
        this.what = what;
        this.keep = keep;
        this.maxFinished = maxFinished;
        this.clock = clock;
    }


    /**
     * Starts {@code work}; an IllegalArgumentException or IllegalStateException it throws becomes the job's error message, a
     * CancellationException marks it cancelled, anything else is logged and reported as a server fault.
     */
    public Job<O> start(O owner, Function<Job<O>, ObjectNode> work) {
        return start(owner, null, work);
    }

    /** {@link #start(Object, Function)}, telling {@code lifecycle} (when not null) of the job's start and end. */
    public Job<O> start(O owner, Lifecycle<O> lifecycle, Function<Job<O>, ObjectNode> work) {
        forget();
        Job<O> job = new Job<>(owner, "waiting for another " + what + " to finish");
        if (lifecycle != null) {
            lifecycle.started(job);
        }
        jobs.put(job.id, job);
        serverJobs.started(job);
        executor(lane).submit(() -> {
            try {
                if (job.cancelRequested) {
                    throw new CancellationException("stopped before it started");
                }
                job.result = work.apply(job);
                job.progress("done", 1);
            } catch (CancellationException e) {
                job.cancelled = true;
                job.cancelNote = (job.cancelledBy == null ? "" : job.cancelledBy + "; ") + e.getMessage();
                job.step = "cancelled";
            } catch (IllegalArgumentException | IllegalStateException e) {
                job.error = e.getMessage();
            } catch (RuntimeException | OutOfMemoryError e) {
                org.slf4j.LoggerFactory.getLogger(BackgroundJobs.class).error(what + " " + job.id + " failed", e);
                job.error = "the " + what + " failed on the server (" + e.getClass().getSimpleName() + "); the log has the details";
            } finally {
                Instant end = clock.instant();
                if (lifecycle != null) {
                    try {
                        lifecycle.ended(job, job.outcome(), job.result, job.error);
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(BackgroundJobs.class).error("recording the end of " + what + " " + job.id + " failed", e);
                    }
                }
                job.finishOrder = FINISHED.incrementAndGet();
                job.finishedAt = end;
                serverJobs.finished(job);
                job.done.countDown();
                forget();
            }
        });
        return job;
    }

    /** A job by its id, or null. */
    public Job<O> find(String id) {
        forget();
        return jobs.get(id);
    }

    /** Forgets the finished jobs older than the keep time, then the oldest finished beyond the bound. */
    private void forget() {
        Instant cutoff = clock.instant().minus(keep);
        jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(cutoff));
        List<Job<O>> finished = jobs.values().stream().filter(Job::finished).sorted(Comparator.comparingLong(j -> j.finishOrder)).toList();
        for (int i = 0; i < finished.size() - maxFinished; i++) {
            jobs.remove(finished.get(i).id);
        }
    }

    private static ExecutorService executor(String lane) {
        return LANES.computeIfAbsent(lane, name -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        }));
    }
}

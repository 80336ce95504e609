package org.seedplan.server.jobs;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The background jobs one server started, so that stopping the server cancels them and waits for them before its
 * database closes: a job finishing afterwards would try to store its result into a closed database.
 */
public final class ServerJobs {

    private final Set<BackgroundJobs.Job<?>> unfinished = ConcurrentHashMap.newKeySet();

    void started(BackgroundJobs.Job<?> job) {
        unfinished.add(job);
    }

    void finished(BackgroundJobs.Job<?> job) {
        unfinished.remove(job);
    }

    /**
     * Asks every unfinished job to stop (a job still queued never starts) and waits until all have finished, at most
     * {@code limit} in all; returns whether they did.
     */
    public boolean cancelAndAwait(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (BackgroundJobs.Job<?> job : Set.copyOf(unfinished)) {
            job.cancel("as the server stopped");
        }
        for (BackgroundJobs.Job<?> job : Set.copyOf(unfinished)) {
            if (!job.awaitFinished(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }
}

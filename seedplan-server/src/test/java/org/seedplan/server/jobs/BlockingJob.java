package org.seedplan.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A background run that holds its runner until {@link #release()}: started and seen running before it is returned. */
final class BlockingJob {

    private final CountDownLatch release = new CountDownLatch(1);
    final BackgroundJobs.Job<String> job;

    private BlockingJob(BackgroundJobs<String> jobs, String owner, BackgroundJobs.Lifecycle<String> lifecycle) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        job = jobs.start(owner, lifecycle, x -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JsonNodeFactory.instance.objectNode();
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).as("the blocking run started").isTrue();
    }

    /** Starts a run for {@code owner} (with {@code lifecycle}, or none) and waits until it is running. */
    static BlockingJob running(BackgroundJobs<String> jobs, String owner, BackgroundJobs.Lifecycle<String> lifecycle)
            throws InterruptedException {
        return new BlockingJob(jobs, owner, lifecycle);
    }

    /** Lets the run finish. */
    void release() {
        release.countDown();
    }
}

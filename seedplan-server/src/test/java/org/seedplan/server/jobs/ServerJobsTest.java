package org.seedplan.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServerJobsTest {

    @Test
    void stoppingCancelsARunningJobAndAQueuedOneAndReturnsOnlyOnceBothHaveFinished() throws Exception {
        ServerJobs server = new ServerJobs();
        BackgroundJobs<String> jobs = new BackgroundJobs<>(server, "server-jobs-test", "test work", Duration.ofMinutes(1), 8, Clock.systemUTC());
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean queuedRan = new AtomicBoolean();
        BackgroundJobs.Job<String> first = jobs.start("a", job -> {
            running.countDown();
            while (!job.cancelRequested()) {
                Thread.onSpinWait();
            }
            throw new CancellationException("stopped");
        });
        // the lane runs one job at a time: this one waits behind the first
        BackgroundJobs.Job<String> queued = jobs.start("b", job -> {
            queuedRan.set(true);
            return JsonNodeFactory.instance.objectNode();
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(server.cancelAndAwait(Duration.ofSeconds(10))).isTrue();

        assertThat(first.finished()).isTrue();
        assertThat(first.state()).isEqualTo("cancelled");
        assertThat(queued.finished()).isTrue();
        assertThat(queued.state()).isEqualTo("cancelled");
        assertThat(queuedRan).isFalse();
    }

    @Test
    void aJobThatDoesNotStopInTimeIsReportedAsStillRunning() throws Exception {
        ServerJobs server = new ServerJobs();
        BackgroundJobs<String> jobs = new BackgroundJobs<>(server, "server-jobs-test-slow", "test work", Duration.ofMinutes(1), 8, Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        BackgroundJobs.Job<String> stubborn = jobs.start("a", job -> {
            running.countDown();
            try {
                release.await(); // ignores the cancel flag
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JsonNodeFactory.instance.objectNode();
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(server.cancelAndAwait(Duration.ofMillis(200))).isFalse();
        assertThat(stubborn.finished()).isFalse();

        release.countDown();
        assertThat(stubborn.awaitFinished(Duration.ofSeconds(10))).isTrue();
        assertThat(server.cancelAndAwait(Duration.ZERO)).isTrue();
    }
}

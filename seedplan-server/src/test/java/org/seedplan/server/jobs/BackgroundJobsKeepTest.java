package org.seedplan.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.server.MutableClock;

/**
 * How long finished jobs (and what is attached to them: a verification's dose grid) stay in memory, on a fake clock: forgotten
 * once older than the keep time at the next look-up, with no other job started or finished; at most the bound of finished jobs
 * kept, the oldest forgotten first, as soon as one more finishes; a running job never forgotten.
 */
class BackgroundJobsKeepTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T15:00:00Z"));

    private static BackgroundJobs.Job<String> finish(BackgroundJobs<String> jobs, String owner) throws InterruptedException {
        BackgroundJobs.Job<String> job = jobs.start(owner, x -> {
            x.attach(new float[1000]);
            return JsonNodeFactory.instance.objectNode();
        });
        assertThat(job.awaitFinished(Duration.ofSeconds(10))).isTrue();
        return job;
    }

    @Test
    void aFinishedJobIsForgottenAfterTheKeepTimeAtTheNextLookUp() throws Exception {
        BackgroundJobs<String> jobs = new BackgroundJobs<>(new ServerJobs(), "keep-test", "test run", Duration.ofHours(1), 16, clock);
        BackgroundJobs.Job<String> job = finish(jobs, "a");
        assertThat(job.finishedAt()).as("finished by the registry's clock").isEqualTo(clock.instant());
        assertThat(jobs.find(job.id()).attachment(float[].class)).hasSize(1000);

        clock.advance(Duration.ofMinutes(59));
        assertThat(jobs.find(job.id())).as("59 min after it finished").isSameAs(job);
        clock.advance(Duration.ofMinutes(2));
        assertThat(jobs.find(job.id())).as("61 min after: forgotten by the look-up itself, no other run needed").isNull();
        assertThat(job.attachment(String.class)).as("an attachment is read by its type only").isNull();
    }

    @Test
    void atMostTheBoundOfFinishedJobsIsKeptTheOldestForgottenFirstAndARunningOneNever() throws Exception {
        BackgroundJobs<String> jobs = new BackgroundJobs<>(new ServerJobs(), "keep-bound-test", "test run", Duration.ofHours(1), 3, clock);
        List<BackgroundJobs.Job<String>> done = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            done.add(finish(jobs, "done " + i));
        }
        assertThat(done).allMatch(j -> jobs.find(j.id()) == j);

        BlockingJob blocking = BlockingJob.running(jobs, "slow", null);
        BackgroundJobs.Job<String> slow = blocking.job;
        assertThat(jobs.find(slow.id())).as("three finished and one running: all kept").isSameAs(slow);
        assertThat(done).allMatch(j -> jobs.find(j.id()) == j);

        blocking.release();
        assertThat(slow.awaitFinished(Duration.ofSeconds(10))).isTrue();
        // the fourth finished: the oldest is forgotten as it finishes (the clock has not moved: by the order they finished)
        assertThat(jobs.find(done.get(0).id())).isNull();
        assertThat(jobs.find(done.get(1).id())).isSameAs(done.get(1));
        assertThat(jobs.find(done.get(2).id())).isSameAs(done.get(2));
        assertThat(jobs.find(slow.id())).isSameAs(slow);
    }
}

package org.seedplan.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;

/**
 * {@link RunAudit} on {@link BackgroundJobs}: one start row and one end row per run (done with its headline, failed with its
 * error, cancelled while queued or at a step of its work), each under the run's id with the starter and centre; the end row is in the trail before the
 * run shows as finished, and the chain verifies afterwards (SQLite).
 */
class RunAuditTest {

    private static final Actor PHYSICIST = new Actor(7L, "physicist_a", Role.PHYSICIST, 3L, "request-1");

    @Test
    void doneFailedAndCancelledRunsEachGetAStartAndAnEndRow(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir)) {
            AuditTrail trail = new AuditTrail(db);
            BackgroundJobs<String> jobs = new BackgroundJobs<>(new ServerJobs(), "run-audit-test", "test run", Duration.ofMinutes(1), 8, Clock.systemUTC());
            RunAudit<String> audit = new RunAudit<>(trail, PHYSICIST, "test_run", "TEST", "patient 1, series 1.2.3",
                    result -> "found " + result.get("found").asInt(), 1L);

            BackgroundJobs.Job<String> done = jobs.start("a", audit, job -> JsonNodeFactory.instance.objectNode().put("found", 4));
            assertThat(done.awaitFinished(Duration.ofSeconds(10))).isTrue();
            BackgroundJobs.Job<String> failed = jobs.start("b", audit, job -> {
                throw new IllegalStateException("no structure to compute metrics on");
            });
            assertThat(failed.awaitFinished(Duration.ofSeconds(10))).isTrue();
            // a run queued behind a running one and cancelled before it starts
            BlockingJob blocking = BlockingJob.running(jobs, "c", null);
            BackgroundJobs.Job<String> blocker = blocking.job;
            BackgroundJobs.Job<String> cancelled = jobs.start("d", audit, job -> JsonNodeFactory.instance.objectNode().put("found", 1));
            cancelled.cancel();
            blocking.release();
            assertThat(cancelled.awaitFinished(Duration.ofSeconds(10))).isTrue();
            assertThat(blocker.awaitFinished(Duration.ofSeconds(10))).isTrue();

            assertThat(rows(trail, done)).containsExactly("TEST_START patient 1, series 1.2.3", "TEST_DONE finished: found 4; patient 1, series 1.2.3");
            assertThat(rows(trail, failed)).containsExactly("TEST_START patient 1, series 1.2.3",
                    "TEST_FAILED failed: no structure to compute metrics on; patient 1, series 1.2.3");
            assertThat(cancelled.state()).isEqualTo("cancelled");
            assertThat(rows(trail, cancelled)).containsExactly("TEST_START patient 1, series 1.2.3", "TEST_CANCELLED cancelled (stopped before it started); patient 1, series 1.2.3");
            assertThat(rows(trail, blocker)).as("a run without a lifecycle is not audited").isEmpty();
            for (AuditEvent e : trail.forEntity("test_run", done.id())) {
                assertThat(e.username()).isEqualTo("physicist_a");
                assertThat(e.centreId()).isEqualTo(3L);
                assertThat(e.role()).isEqualTo("PHYSICIST");
            }
            assertThat(trail.verify().intact()).isTrue();
        }
    }

    /**
     * A cancel asked while the work runs stops it at its next step: the steps after it never run, the run ends cancelled with no
     * result and nothing attached, and both rows carry the patient and say who asked and where the work stopped. A refused second
     * ask (the first asker is kept) and an ask after the end change nothing.
     */
    @Test
    void aRunningRunCancelledStopsAtItsNextStepAndItsRowsSayWhoAndWhere(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir)) {
            AuditTrail trail = new AuditTrail(db);
            BackgroundJobs<String> jobs = new BackgroundJobs<>(new ServerJobs(), "run-audit-cancel-test", "test run", Duration.ofMinutes(1), 8, Clock.systemUTC());
            RunAudit<String> audit = new RunAudit<>(trail, PHYSICIST, "test_run", "TEST", "patient 5", result -> "found", 5L);
            CountDownLatch inFirstStep = new CountDownLatch(1);
            CountDownLatch mayGoOn = new CountDownLatch(1);
            List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
            BackgroundJobs.Job<String> job = jobs.start("a", audit, j -> {
                j.step("finding the seeds", 0.1);
                ran.add("finding the seeds");
                inFirstStep.countDown();
                try {
                    mayGoOn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                j.step("computing the dose", 0.5);
                ran.add("computing the dose");
                j.attach(new float[8]);
                return JsonNodeFactory.instance.objectNode();
            });
            assertThat(inFirstStep.await(10, TimeUnit.SECONDS)).isTrue();
            job.cancel("by physicist_a");
            job.cancel("as the server stopped");
            assertThat(job.state()).as("running until the work reaches its next step").isEqualTo("running");
            assertThat(job.json(JsonNodeFactory.instance.objectNode()).get("cancelRequested").asBoolean()).isTrue();
            mayGoOn.countDown();
            assertThat(job.awaitFinished(Duration.ofSeconds(10))).isTrue();

            assertThat(ran).containsExactly("finding the seeds");
            assertThat(job.state()).isEqualTo("cancelled");
            assertThat(job.result()).isNull();
            assertThat(job.error()).isNull();
            assertThat(job.attachment(float[].class)).isNull();
            assertThat(job.json(JsonNodeFactory.instance.objectNode()).get("step").asText()).isEqualTo("cancelled");
            job.cancel("by someone later");
            assertThat(job.cancelNote()).isEqualTo("by physicist_a; stopped before computing the dose");
            assertThat(rows(trail, job)).containsExactly("TEST_START patient 5",
                    "TEST_CANCELLED cancelled (by physicist_a; stopped before computing the dose); patient 5");
            assertThat(trail.forEntity("test_run", job.id())).extracting(AuditEvent::patientId).containsOnly(5L);
            assertThat(trail.verify().intact()).isTrue();
        }
    }

    @Test
    void theEndRowIsWrittenBeforeTheRunShowsAsFinished(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir)) {
            AuditTrail trail = new AuditTrail(db);
            BackgroundJobs<String> jobs = new BackgroundJobs<>(new ServerJobs(), "run-audit-order-test", "test run", Duration.ofMinutes(1), 8, Clock.systemUTC());
            CountDownLatch ending = new CountDownLatch(1);
            CountDownLatch mayEnd = new CountDownLatch(1);
            BackgroundJobs.Lifecycle<String> slowAudit = new BackgroundJobs.Lifecycle<>() {
                @Override
                public void started(BackgroundJobs.Job<String> job) {
                    trail.event(PHYSICIST, "TEST_START", "test_run", job.id(), "start");
                }

                @Override
                public void ended(BackgroundJobs.Job<String> job, String state, com.fasterxml.jackson.databind.node.ObjectNode result, String error) {
                    ending.countDown();
                    try {
                        mayEnd.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    trail.event(PHYSICIST, "TEST_DONE", "test_run", job.id(), state);
                }
            };
            BackgroundJobs.Job<String> job = jobs.start("a", slowAudit, x -> JsonNodeFactory.instance.objectNode());
            assertThat(ending.await(10, TimeUnit.SECONDS)).isTrue();
            // the work has returned but its end is not recorded yet: a poller still sees it running, without a result
            assertThat(job.state()).isEqualTo("running");
            assertThat(job.result()).isNull();
            assertThat(job.finished()).isFalse();
            mayEnd.countDown();
            assertThat(job.awaitFinished(Duration.ofSeconds(10))).isTrue();
            assertThat(job.state()).isEqualTo("done");
            assertThat(rows(trail, job)).containsExactly("TEST_START start", "TEST_DONE done");
        }
    }

    private static List<String> rows(AuditTrail trail, BackgroundJobs.Job<String> job) {
        return trail.forEntity("test_run", job.id()).stream().map(e -> e.action() + " " + e.newValue()).toList();
    }
}

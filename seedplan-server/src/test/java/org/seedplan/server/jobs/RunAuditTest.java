package org.seedplan.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;

/**
 * {@link RunAudit} on {@link BackgroundJobs}: one start row and one end row per run (done with its headline, failed with its
 * error, cancelled while queued), each under the run's id with the starter and centre; the end row is in the trail before the
 * run shows as finished, and the chain verifies afterwards (SQLite).
 */
class RunAuditTest {

    private static final Actor PHYSICIST = new Actor(7L, "physicist_a", Role.PHYSICIST, 3L, "request-1");

    @Test
    void doneFailedAndCancelledRunsEachGetAStartAndAnEndRow() throws Exception {
        try (Database db = Database.open(Files.createTempDirectory("run-audit"))) {
            AuditTrail trail = new AuditTrail(db);
            BackgroundJobs<String> jobs = new BackgroundJobs<>(new ServerJobs(), "run-audit-test", "test run", Duration.ofMinutes(1), 8, Clock.systemUTC());
            RunAudit<String> audit = new RunAudit<>(trail, PHYSICIST, "test_run", "TEST", "patient 1, series 1.2.3",
                    result -> "found " + result.get("found").asInt());

            BackgroundJobs.Job<String> done = jobs.start("a", audit, job -> JsonNodeFactory.instance.objectNode().put("found", 4));
            assertThat(done.awaitFinished(Duration.ofSeconds(10))).isTrue();
            BackgroundJobs.Job<String> failed = jobs.start("b", audit, job -> {
                throw new IllegalStateException("no structure to compute metrics on");
            });
            assertThat(failed.awaitFinished(Duration.ofSeconds(10))).isTrue();
            // a run queued behind a running one and cancelled before it starts
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            BackgroundJobs.Job<String> blocker = jobs.start("c", null, job -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return JsonNodeFactory.instance.objectNode();
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            BackgroundJobs.Job<String> cancelled = jobs.start("d", audit, job -> JsonNodeFactory.instance.objectNode().put("found", 1));
            cancelled.cancel();
            release.countDown();
            assertThat(cancelled.awaitFinished(Duration.ofSeconds(10))).isTrue();
            assertThat(blocker.awaitFinished(Duration.ofSeconds(10))).isTrue();

            assertThat(rows(trail, done)).containsExactly("TEST_START patient 1, series 1.2.3", "TEST_DONE finished: found 4; patient 1, series 1.2.3");
            assertThat(rows(trail, failed)).containsExactly("TEST_START patient 1, series 1.2.3",
                    "TEST_FAILED failed: no structure to compute metrics on; patient 1, series 1.2.3");
            assertThat(cancelled.state()).isEqualTo("cancelled");
            assertThat(rows(trail, cancelled)).containsExactly("TEST_START patient 1, series 1.2.3", "TEST_CANCELLED cancelled; patient 1, series 1.2.3");
            assertThat(rows(trail, blocker)).as("a run without a lifecycle is not audited").isEmpty();
            for (AuditEvent e : trail.forEntity("test_run", done.id())) {
                assertThat(e.username()).isEqualTo("physicist_a");
                assertThat(e.centreId()).isEqualTo(3L);
                assertThat(e.role()).isEqualTo("PHYSICIST");
            }
            assertThat(trail.verify().intact()).isTrue();
        }
    }

    @Test
    void theEndRowIsWrittenBeforeTheRunShowsAsFinished() throws Exception {
        try (Database db = Database.open(Files.createTempDirectory("run-audit-order"))) {
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

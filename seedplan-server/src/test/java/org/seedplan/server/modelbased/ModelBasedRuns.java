package org.seedplan.server.modelbased;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.seedplan.server.ApiClient;

/**
 * What the model-based API tests of a plan revision and of a verification both do with a run: poll it to its end, read a row of its
 * comparison, read its rows in the audit.
 */
final class ModelBasedRuns {

    private ModelBasedRuns() {
    }

    /** Polls the run at {@code runPath} until it ends (at most 90 s), collecting the progress seen while it ran. */
    static JsonNode poll(ApiClient client, String runPath, List<Double> progress) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode run = client.get(runPath).json();
        while ("running".equals(run.get("state").asText()) && System.nanoTime() < until) {
            progress.add(run.get("progress").asDouble());
            Thread.sleep(100);
            run = client.get(runPath).json();
        }
        return run;
    }

    /**
     * Polls the run at {@code runPath} until its step is the Monte Carlo transport (at most 90 s), so that a cancel sent next
     * stops the transport itself rather than the preparation before it; the run as last seen.
     */
    static JsonNode awaitTransport(ApiClient client, String runPath) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode run = client.get(runPath).json();
        while (!run.path("step").asText().startsWith("Monte Carlo transport") && "running".equals(run.get("state").asText())
                && System.nanoTime() < until) {
            Thread.sleep(20);
            run = client.get(runPath).json();
        }
        return run;
    }

    /** The rows of the audit page at {@code path} (GET /api/audit…) as "entityId ACTION", oldest first. */
    static List<String> auditRows(ApiClient client, String path) {
        ApiClient.Answer page = client.get(path);
        if (page.status() != 200) {
            throw new AssertionError(path + ": " + page.status() + " " + page.body());
        }
        List<String> rows = new java.util.ArrayList<>();
        page.json().forEach(r -> rows.add(r.get("entityId").asText() + " " + r.get("action").asText()));
        return rows;
    }

    /** The comparison row of {@code metric} (D90, V100 …) of {@code structure} in a run's result. */
    static JsonNode row(JsonNode result, String structure, String metric) {
        for (JsonNode r : result.get("comparison")) {
            if (r.get("structure").asText().equals(structure) && r.get("metric").asText().equals(metric)) {
                return r;
            }
        }
        throw new AssertionError("no " + metric + " of " + structure + " in " + result.get("comparison"));
    }
}

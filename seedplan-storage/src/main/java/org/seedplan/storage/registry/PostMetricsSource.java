package org.seedplan.storage.registry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Where an implant's post-operative metrics came from when the verification screen saved them (migration V013): the
 * verification run, the dose engine its figures are of, and when the run finished. An implant whose post-operative figures
 * were typed in (or stored before V013) has none.
 *
 * @param verificationRunId the verification run's id (the workstation's job id; its save is audited under it)
 * @param doseEngine        "TG-43" (the verification's dose of record), or the model-based specification the user chose,
 *                          "Dm,m" or "Dw,m" (TG-186), labelled as such everywhere the figures are shown
 * @param runFinishedAt     when the verification run finished (UTC)
 */
public record PostMetricsSource(String verificationRunId, String doseEngine, Instant runFinishedAt) {

    /** The engines a saved figure may be of. */
    public static final List<String> ENGINES = List.of("TG-43", "Dm,m", "Dw,m");

    public PostMetricsSource {
        Objects.requireNonNull(verificationRunId, "verificationRunId");
        runFinishedAt = Objects.requireNonNull(runFinishedAt, "runFinishedAt").truncatedTo(ChronoUnit.MILLIS); // as stored
        if (!ENGINES.contains(doseEngine)) {
            throw new IllegalArgumentException("post-operative metrics: dose engine '" + doseEngine + "' is none of " + ENGINES);
        }
    }
}

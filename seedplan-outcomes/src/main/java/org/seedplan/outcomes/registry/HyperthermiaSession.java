package org.seedplan.outcomes.registry;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One deep regional hyperthermia session given with the implant, with its temperature log.
 *
 * @param patientId the patient
 * @param session   session number within the patient (1, 2, …)
 * @param start     date and time the session started (time 0 of the log)
 * @param samples   readings of up to 12 channels, sorted by time then channel
 */
public record HyperthermiaSession(String patientId, int session, LocalDateTime start, List<TemperatureSample> samples) {

    /** Most thermometry channels a session may have. */
    public static final int MAX_CHANNELS = 12;

    public HyperthermiaSession {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(start, "start");
        samples = samples.stream()
                .sorted(Comparator.comparingDouble(TemperatureSample::timeMin).thenComparingInt(TemperatureSample::channel))
                .toList();
        long channels = samples.stream().mapToInt(TemperatureSample::channel).distinct().count();
        if (channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("hyperthermia session " + patientId + "/" + session + " has " + channels
                    + " channels; at most " + MAX_CHANNELS + " are supported");
        }
    }
}

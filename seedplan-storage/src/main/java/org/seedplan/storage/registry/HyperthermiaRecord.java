package org.seedplan.storage.registry;

import java.time.LocalDateTime;
import java.util.List;
import org.seedplan.outcomes.registry.TemperatureSample;

/**
 * A stored hyperthermia session with its temperature log.
 *
 * @param id            database id
 * @param patientId     the patient (database id)
 * @param sessionNumber session number within the patient (1, 2, …)
 * @param start         start date and time (time 0 of the log)
 * @param samples       readings (time min, channel, °C) by time then channel
 * @param version       optimistic-locking version
 */
public record HyperthermiaRecord(long id, long patientId, int sessionNumber, LocalDateTime start, List<TemperatureSample> samples, long version) {
}

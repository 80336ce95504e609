package org.seedplan.outcomes.hyperthermia;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * Thermometry summary of one hyperthermia session.
 *
 * @param patientId        the patient
 * @param session          session number
 * @param start            start date and time
 * @param channels         number of thermometry channels
 * @param durationMin      time from the first to the last reading, min
 * @param minutesInRange   minutes during which the channel median T50(t) lay within the target band
 * @param t90C             time average of T90(t), the temperature reached by 90 % of the channels, °C
 * @param t50C             time average of T50(t), the channel median, °C
 * @param maxC             highest reading of any channel, °C
 * @param cem43T90         CEM43 of the T90(t) course, min
 * @param cem43ByChannel   CEM43 of each channel, min
 * @param minutesOverheat  minutes during which the hottest channel was above the overheating limit
 * @param overheating      flag: {@code minutesOverheat} reached the rules' limit
 * @param missedTarget     flag: {@code minutesInRange} below the rules' target minutes
 */
public record SessionSummary(String patientId, int session, LocalDateTime start, int channels, double durationMin,
                             double minutesInRange, double t90C, double t50C, double maxC, double cem43T90,
                             Map<Integer, Double> cem43ByChannel, double minutesOverheat, boolean overheating,
                             boolean missedTarget) {

    public SessionSummary {
        cem43ByChannel = Map.copyOf(cem43ByChannel);
    }
}

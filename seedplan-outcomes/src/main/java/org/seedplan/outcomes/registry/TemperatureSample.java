package org.seedplan.outcomes.registry;

/**
 * One thermometry reading of a hyperthermia session.
 *
 * @param timeMin minutes since the start of the session
 * @param channel thermometry channel (probe) number, 1–12
 * @param tempC   temperature, °C
 */
public record TemperatureSample(double timeMin, int channel, double tempC) {
}

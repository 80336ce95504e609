package org.seedplan.dicom.rtplan;

/**
 * One source of an RT Plan's Source Sequence: number, type (POINT, LINE…), isotope, manufacturer,
 * model, half-life (days, NaN when absent), Reference Air Kerma Rate (µGy·h⁻¹ at 1 m, numerically
 * the air-kerma strength in U; NaN when absent) and the date (yyyymmdd) and time (HHMMSS[.f]) it
 * refers to (Source Strength Reference Date/Time, each may be empty).
 */
public record BrachySource(int number, String type, String isotope, String manufacturer, String modelId,
                           double halfLifeDays, double referenceAirKermaRate, String strengthReferenceDate,
                           String strengthReferenceTime) {
}

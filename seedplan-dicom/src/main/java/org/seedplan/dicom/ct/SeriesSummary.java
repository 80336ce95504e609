package org.seedplan.dicom.ct;

/** One CT series found in a folder: its Series Instance UID, description and number of slices. */
public record SeriesSummary(String seriesInstanceUid, String description, int slices) {
}

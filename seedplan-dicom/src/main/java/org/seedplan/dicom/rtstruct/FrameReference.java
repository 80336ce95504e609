package org.seedplan.dicom.rtstruct;

/** A Frame of Reference UID named inside an object (where it is written, and the UID), for consistency checks. */
public record FrameReference(String attribute, String uid) {
}

package org.seedplan.storage.dicom;

/**
 * A known DICOM peer of a centre (a CT scanner, a PACS): its AE title, where it listens, and whether it may send
 * objects to seedplan's node ({@code maySend}) and be sent objects or queried by seedplan ({@code mayReceive}).
 */
public record DicomPeer(long id, long centreId, String aeTitle, String host, int port, boolean maySend, boolean mayReceive,
                        String description) {
}

package org.seedplan.dicom.net;

import java.time.Instant;
import java.util.List;

/**
 * What happened on one connection to the node, for the log and the audit trail: the peer's address, the AE titles
 * (null when no A-ASSOCIATE-RQ was read), whether the association was accepted, each object the peer offered with
 * the status we answered, how it ended and how long it took.
 *
 * @param result "released", or why it was rejected or broke off
 */
public record AssociationRecord(String peerHost, int peerPort, String callingAe, String calledAe, Instant startedAt,
                                long durationMs, boolean accepted, String result, List<ObjectOutcome> objects) {

    /** One C-STORE the peer sent: the object's UIDs and the status answered (0000 stored). */
    public record ObjectOutcome(String sopClassUid, String sopInstanceUid, int status) {

        /** True when the object was kept. */
        public boolean stored() {
            return status == Command.SUCCESS;
        }
    }

    /** Copies the list. */
    public AssociationRecord {
        objects = List.copyOf(objects);
    }

    /** Objects kept. */
    public long storedCount() {
        return objects.stream().filter(ObjectOutcome::stored).count();
    }
}

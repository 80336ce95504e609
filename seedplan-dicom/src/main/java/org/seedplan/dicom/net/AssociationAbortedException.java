package org.seedplan.dicom.net;

import java.io.IOException;

/** The association ended abnormally: an A-ABORT from the peer, a broken connection, a timeout or a malformed PDU. */
public final class AssociationAbortedException extends IOException {

    /** An abort described by {@code message}. */
    public AssociationAbortedException(String message) {
        super(message);
    }

    /** An abort caused by {@code cause}. */
    public AssociationAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.seedplan.dicom.net;

import java.io.IOException;
import java.util.List;
import org.seedplan.dicom.io.Uids;

/** C-ECHO service class user (PS3.4 Annex A): checks that a peer answers DICOM on its address. */
public final class EchoScu {

    private EchoScu() {
    }

    /**
     * Opens an association, sends C-ECHO-RQ, checks the response status and releases; returns the
     * round-trip time of the whole exchange in milliseconds.
     */
    public static long echo(AeAddress peer, String callingAe, Timeouts timeouts) throws IOException {
        long start = System.nanoTime();
        Association a = Association.connect(peer, callingAe, List.of(PresentationContext.proposed(1, DicomNode.VERIFICATION,
                List.of(Uids.IMPLICIT_VR_LITTLE_ENDIAN, Uids.EXPLICIT_VR_LITTLE_ENDIAN))), timeouts);
        try {
            PresentationContext pc = a.acceptedContexts().get(1);
            if (pc == null) {
                throw new IOException(peer + " does not accept the Verification SOP class (C-ECHO)");
            }
            a.send(pc, Command.of(Command.C_ECHO_RQ).putUid(Command.AFFECTED_SOP_CLASS_UID, DicomNode.VERIFICATION)
                    .putUs(Command.MESSAGE_ID, 1));
            DimseMessage rsp = a.receive();
            if (rsp == null || rsp.command().commandField() != Command.C_ECHO_RSP
                    || rsp.command().us(Command.MESSAGE_ID_BEING_RESPONDED_TO) != 1) {
                throw new IOException(peer + " did not answer C-ECHO-RQ with C-ECHO-RSP");
            }
            int status = rsp.command().us(Command.STATUS);
            if (status != Command.SUCCESS) {
                throw new IOException(peer + " answered C-ECHO with status " + String.format("0x%04X", status));
            }
            a.release();
        } finally {
            a.close();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}

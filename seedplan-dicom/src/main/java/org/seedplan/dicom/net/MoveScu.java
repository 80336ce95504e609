package org.seedplan.dicom.net;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dicom.io.Uids;

/**
 * C-MOVE service class user in the Study Root Query/Retrieve Information Model (PS3.4 §C.4.2): asks a
 * peer to send a whole study to a destination AE title (usually seedplan's own node, which the peer
 * must know by that title).
 */
public final class MoveScu {

    /** Study Root Query/Retrieve Information Model – MOVE. */
    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    private static final int C_MOVE_RQ = 0x0021;
    private static final int C_MOVE_RSP = 0x8021;

    /** The final counts of the sub-operations (PS3.4 §C.4.2.1.3) and the final status. */
    public record Result(int completed, int failed, int warning, int status) {
    }

    private MoveScu() {
    }

    /** Moves study {@code studyInstanceUid} to {@code destinationAe}; a failure status throws {@link IOException}. */
    public static Result moveStudy(AeAddress peer, String callingAe, String studyInstanceUid, String destinationAe,
                                   Timeouts timeouts) throws IOException {
        AeAddress.checkAeTitle(destinationAe, "--dest");
        Map<QueryKey, String> keys = new EnumMap<>(QueryKey.class);
        keys.put(QueryKey.QUERY_RETRIEVE_LEVEL, "STUDY");
        keys.put(QueryKey.STUDY_INSTANCE_UID, studyInstanceUid);
        Association a = Association.connect(peer, callingAe, List.of(PresentationContext.proposed(1, STUDY_ROOT_MOVE,
                List.of(Uids.EXPLICIT_VR_LITTLE_ENDIAN))), timeouts);
        try {
            PresentationContext pc = a.acceptedContexts().get(1);
            if (pc == null) {
                throw new IOException(peer + " does not accept Study Root C-MOVE in Explicit VR Little Endian");
            }
            byte[] identifier = Identifiers.encode(keys);
            a.send(pc, Command.of(C_MOVE_RQ).putUid(Command.AFFECTED_SOP_CLASS_UID, STUDY_ROOT_MOVE)
                    .putUs(Command.MESSAGE_ID, 1).putUs(Command.PRIORITY, 0).putText(Command.MOVE_DESTINATION, destinationAe),
                    identifier, 0, identifier.length);
            while (true) {
                DimseMessage rsp = a.receive();
                if (rsp == null || rsp.command().commandField() != C_MOVE_RSP) {
                    throw new AssociationAbortedException(peer + " did not answer C-MOVE-RQ with C-MOVE-RSP");
                }
                int status = rsp.command().us(Command.STATUS);
                if (status == 0xFF00) {
                    continue;
                }
                Result r = new Result(Math.max(0, rsp.command().us(0x00001021)), Math.max(0, rsp.command().us(0x00001022)),
                        Math.max(0, rsp.command().us(0x00001023)), status);
                a.release();
                if (status != Command.SUCCESS && status != 0xB000) {
                    throw new IOException(String.format(Locale.ROOT, "%s answered C-MOVE of study %s to %s with status 0x%04X%s",
                            peer, studyInstanceUid, destinationAe, status, rsp.command().string(Command.ERROR_COMMENT) == null ? ""
                                    : " (" + rsp.command().string(Command.ERROR_COMMENT) + ")"));
                }
                return r;
            }
        } finally {
            a.close();
        }
    }
}

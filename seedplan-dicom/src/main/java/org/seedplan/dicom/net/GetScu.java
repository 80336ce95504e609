package org.seedplan.dicom.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dicom.io.Uids;

/**
 * C-GET service class user in the Study Root Query/Retrieve Information Model (PS3.4 §C.4.3): the peer
 * sends the study back on the same association (we take the SCP role for the storage SOP classes the
 * node accepts), so it need not know our host and port. Objects are kept by a {@link ReceivedObjectStore}.
 */
public final class GetScu {

    /** Study Root Query/Retrieve Information Model – GET. */
    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
    private static final int C_GET_RQ = 0x0010;
    private static final int C_GET_RSP = 0x8010;

    /** The final counts of the sub-operations, the final status and the objects kept. */
    public record Result(int completed, int failed, int warning, int status, List<ReceivedObjectStore.StoredObject> kept) {
    }

    private GetScu() {
    }

    /** Retrieves study {@code studyInstanceUid} into {@code store}; a failure status throws {@link IOException}. */
    public static Result getStudy(AeAddress peer, String callingAe, String studyInstanceUid, ReceivedObjectStore store,
                                  Timeouts timeouts) throws IOException {
        List<PresentationContext> proposed = new ArrayList<>();
        proposed.add(PresentationContext.proposed(1, STUDY_ROOT_GET, List.of(Uids.EXPLICIT_VR_LITTLE_ENDIAN)));
        List<String> storageClasses = new ArrayList<>(DicomNode.STORAGE_CLASSES.keySet());
        for (String sopClass : storageClasses) {
            // one context per syntax, so that the peer can send each object in the syntax it holds it in
            for (String ts : DicomNode.STORAGE_TRANSFER_SYNTAXES) {
                proposed.add(PresentationContext.proposed(2 * proposed.size() + 1, sopClass, List.of(ts)));
            }
        }
        Map<QueryKey, String> keys = new EnumMap<>(QueryKey.class);
        keys.put(QueryKey.QUERY_RETRIEVE_LEVEL, "STUDY");
        keys.put(QueryKey.STUDY_INSTANCE_UID, studyInstanceUid);
        Association a = Association.connect(peer, callingAe, proposed, storageClasses, timeouts);
        try {
            PresentationContext pc = a.acceptedContexts().get(1);
            if (pc == null) {
                throw new IOException(peer + " does not accept Study Root C-GET in Explicit VR Little Endian");
            }
            byte[] identifier = Identifiers.encode(keys);
            a.send(pc, Command.of(C_GET_RQ).putUid(Command.AFFECTED_SOP_CLASS_UID, STUDY_ROOT_GET)
                    .putUs(Command.MESSAGE_ID, 1).putUs(Command.PRIORITY, 0), identifier, 0, identifier.length);
            List<ReceivedObjectStore.StoredObject> kept = new ArrayList<>();
            while (true) {
                DimseMessage m = a.receive();
                if (m == null) {
                    throw new AssociationAbortedException(peer + " released the association before its final C-GET-RSP");
                }
                int field = m.command().commandField();
                if (field == Command.C_STORE_RQ) {
                    a.send(m.context(), store.handle(m, peer.aeTitle(), peer.toString(), kept::add));
                    continue;
                }
                if (field != C_GET_RSP) {
                    throw new AssociationAbortedException(String.format(Locale.ROOT, "%s sent command 0x%04X during C-GET", peer, field));
                }
                int status = m.command().us(Command.STATUS);
                if (status == 0xFF00) {
                    continue;
                }
                Result r = new Result(Math.max(0, m.command().us(0x00001021)), Math.max(0, m.command().us(0x00001022)),
                        Math.max(0, m.command().us(0x00001023)), status, List.copyOf(kept));
                a.release();
                if (status != Command.SUCCESS && status != 0xB000) {
                    throw new IOException(String.format(Locale.ROOT, "%s answered C-GET of study %s with status 0x%04X%s", peer,
                            studyInstanceUid, status, m.command().string(Command.ERROR_COMMENT) == null ? ""
                                    : " (" + m.command().string(Command.ERROR_COMMENT) + ")"));
                }
                return r;
            }
        } finally {
            a.close();
        }
    }
}

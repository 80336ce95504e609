package org.seedplan.dicom.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.Uids;

/**
 * C-FIND service class user in the Study Root Query/Retrieve Information Model (PS3.4 §C.4.1, §C.6.2):
 * finds studies or the series of a study on a peer. Matching follows the peer (PS3.4 §C.2.2.2: single
 * value, wildcard {@code *}, date range {@code 20240101-20240131}).
 */
public final class FindScu {

    /** Study Root Query/Retrieve Information Model – FIND. */
    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    private static final int C_FIND_RQ = 0x0020;
    private static final int C_FIND_RSP = 0x8020;

    private FindScu() {
    }

    /**
     * Runs one query at {@code level} (STUDY or SERIES) with the given matching keys; the answers hold
     * those keys and the usual return keys of the level.
     */
    public static List<DataSet> find(AeAddress peer, String callingAe, String level, Map<QueryKey, String> matching,
                                     Timeouts timeouts) throws IOException {
        Map<QueryKey, String> keys = new EnumMap<>(QueryKey.class);
        switch (level) {
            case "STUDY" -> List.of(QueryKey.STUDY_INSTANCE_UID, QueryKey.STUDY_DATE, QueryKey.STUDY_TIME, QueryKey.ACCESSION_NUMBER,
                    QueryKey.PATIENT_NAME, QueryKey.PATIENT_ID, QueryKey.STUDY_DESCRIPTION, QueryKey.MODALITIES_IN_STUDY,
                    QueryKey.NUMBER_OF_STUDY_RELATED_INSTANCES).forEach(k -> keys.put(k, ""));
            case "SERIES" -> {
                if (!matching.containsKey(QueryKey.STUDY_INSTANCE_UID)) {
                    throw new IllegalArgumentException("a SERIES query needs the Study Instance UID: give --study UID");
                }
                List.of(QueryKey.SERIES_INSTANCE_UID, QueryKey.MODALITY, QueryKey.SERIES_NUMBER, QueryKey.SERIES_DESCRIPTION,
                        QueryKey.NUMBER_OF_SERIES_RELATED_INSTANCES).forEach(k -> keys.put(k, ""));
            }
            default -> throw new IllegalArgumentException("query level '" + level + "': give STUDY or SERIES");
        }
        keys.putAll(matching);
        keys.put(QueryKey.QUERY_RETRIEVE_LEVEL, level);
        Association a = Association.connect(peer, callingAe, List.of(PresentationContext.proposed(1, STUDY_ROOT_FIND,
                List.of(Uids.EXPLICIT_VR_LITTLE_ENDIAN, Uids.IMPLICIT_VR_LITTLE_ENDIAN))), timeouts);
        try {
            PresentationContext pc = a.acceptedContexts().get(1);
            if (pc == null) {
                throw new IOException(peer + " does not accept Study Root C-FIND");
            }
            byte[] identifier = encodeFor(pc, keys);
            a.send(pc, Command.of(C_FIND_RQ).putUid(Command.AFFECTED_SOP_CLASS_UID, STUDY_ROOT_FIND)
                    .putUs(Command.MESSAGE_ID, 1).putUs(Command.PRIORITY, 0), identifier, 0, identifier.length);
            List<DataSet> results = new ArrayList<>();
            while (true) {
                DimseMessage rsp = a.receive();
                if (rsp == null || rsp.command().commandField() != C_FIND_RSP) {
                    throw new AssociationAbortedException(peer + " did not answer C-FIND-RQ with C-FIND-RSP");
                }
                int status = rsp.command().us(Command.STATUS);
                if (status == 0xFF00 || status == 0xFF01) {
                    if (rsp.dataSet() != null) {
                        results.add(Identifiers.decode(pc.transferSyntax(), rsp.dataSet(), peer + " C-FIND answer " + (results.size() + 1)));
                    }
                    continue;
                }
                if (status != Command.SUCCESS) {
                    throw new IOException(String.format(Locale.ROOT, "%s answered C-FIND with status 0x%04X%s", peer, status,
                            rsp.command().string(Command.ERROR_COMMENT) == null ? "" : " (" + rsp.command().string(Command.ERROR_COMMENT) + ")"));
                }
                break;
            }
            a.release();
            return results;
        } finally {
            a.close();
        }
    }

    private static byte[] encodeFor(PresentationContext pc, Map<QueryKey, String> keys) {
        if (!pc.transferSyntax().equals(Uids.EXPLICIT_VR_LITTLE_ENDIAN)) {
            throw new IllegalArgumentException("the peer accepted C-FIND only in " + pc.transferSyntax()
                    + "; seedplan sends queries in Explicit VR Little Endian");
        }
        return Identifiers.encode(keys);
    }
}

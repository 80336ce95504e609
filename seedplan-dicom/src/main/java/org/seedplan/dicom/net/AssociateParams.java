package org.seedplan.dicom.net;

import java.util.List;

/**
 * The content of an A-ASSOCIATE-RQ or -AC PDU (PS3.8 §9.3.2, §9.3.3): AE titles, presentation
 * contexts, and the user information items seedplan uses (maximum PDU length the sender can
 * receive, 0 meaning unlimited; implementation class UID; implementation version name).
 */
public record AssociateParams(String calledAe, String callingAe, List<PresentationContext> contexts,
                              long maxPduLength, String implementationClassUid, String implementationVersionName) {

    /** Copies the list. */
    public AssociateParams {
        contexts = List.copyOf(contexts);
    }
}

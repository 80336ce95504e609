package org.seedplan.dicom.net;

import java.util.List;

/**
 * The content of an A-ASSOCIATE-RQ or -AC PDU (PS3.8 §9.3.2, §9.3.3): AE titles, presentation
 * contexts, and the user information items seedplan uses (maximum PDU length the sender can
 * receive, 0 meaning unlimited; implementation class UID; implementation version name; the SOP classes
 * for which the requestor asks to act as SCP, PS3.7 §D.3.3.4, as C-GET needs for the storage it receives).
 */
public record AssociateParams(String calledAe, String callingAe, List<PresentationContext> contexts,
                              long maxPduLength, String implementationClassUid, String implementationVersionName,
                              List<String> scpRoleClasses) {

    /** Copies the lists. */
    public AssociateParams {
        contexts = List.copyOf(contexts);
        scpRoleClasses = List.copyOf(scpRoleClasses);
    }

    /** Parameters without SCP/SCU role selection. */
    public AssociateParams(String calledAe, String callingAe, List<PresentationContext> contexts, long maxPduLength,
                           String implementationClassUid, String implementationVersionName) {
        this(calledAe, callingAe, contexts, maxPduLength, implementationClassUid, implementationVersionName, List.of());
    }
}

package org.seedplan.dicom.net;

import java.net.InetAddress;
import java.util.Set;

/** Who may open an association with the node: asked once per A-ASSOCIATE-RQ, after the called AE title matched ours. */
@FunctionalInterface
public interface CallerPolicy {

    /**
     * Null when {@code callingAe}, connecting from {@code address}, may open an association; otherwise the reason it
     * may not (logged, and the association rejected: calling AE title not recognised, PS3.8 Table 9-21).
     */
    String refusal(String callingAe, InetAddress address);

    /** Only the AE titles in {@code allowed}, from any address; an empty set allows every caller. */
    static CallerPolicy allowing(Set<String> allowed) {
        return (ae, address) -> allowed.isEmpty() || allowed.contains(ae) ? null
                : "calling AE title '" + ae + "' is not on the allowed list";
    }
}

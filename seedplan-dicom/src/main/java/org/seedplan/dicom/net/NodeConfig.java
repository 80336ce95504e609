package org.seedplan.dicom.net;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of seedplan's DICOM node: our AE title, the address and port to listen on (port 0: any free
 * port), the folder received objects go to (null when the node is given its own {@link ReceivedObjectStore}), the
 * calling AE titles allowed (empty: any), time limits and the most associations served at once (more are rejected
 * as "local limit exceeded").
 */
public record NodeConfig(String aeTitle, String bindAddress, int port, Path storeFolder, Set<String> allowedCallers,
                         Timeouts timeouts, int maxAssociations) {

    /** Checks every field; a bad one throws an {@link IllegalArgumentException} naming it. */
    public NodeConfig {
        aeTitle = AeAddress.checkAeTitle(aeTitle, "--ae-title");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + ": give 1 to 65535 (0 picks a free port)");
        }
        TreeSet<String> allowed = new TreeSet<>();
        for (String ae : allowedCallers) {
            allowed.add(AeAddress.checkAeTitle(ae, "--allow entry"));
        }
        allowedCallers = Set.copyOf(allowed);
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("maximum associations " + maxAssociations + " must be at least 1");
        }
    }

    /** Defaults: default timeouts, 32 associations at once. */
    public static NodeConfig of(String aeTitle, String bindAddress, int port, Path storeFolder, Set<String> allowedCallers) {
        return new NodeConfig(aeTitle, bindAddress, port, storeFolder, allowedCallers, Timeouts.DEFAULT, 32);
    }
}

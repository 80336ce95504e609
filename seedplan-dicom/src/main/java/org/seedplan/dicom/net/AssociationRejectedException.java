package org.seedplan.dicom.net;

import java.io.IOException;

/** The peer answered A-ASSOCIATE-RJ (PS3.8 §9.3.4): result, source and reason, described in the message. */
public final class AssociationRejectedException extends IOException {

    private final int result;
    private final int source;
    private final int reason;

    /** A rejection by {@code peer} with the three codes of the PDU. */
    public AssociationRejectedException(String peer, int result, int source, int reason) {
        super(peer + " rejected the association (" + (result == 1 ? "permanent" : "transient") + "): "
                + describe(source, reason));
        this.result = result;
        this.source = source;
        this.reason = reason;
    }

    public int result() {
        return result;
    }

    public int source() {
        return source;
    }

    public int reason() {
        return reason;
    }

    /** The reason in words (PS3.8 Table 9-21). */
    static String describe(int source, int reason) {
        if (source == 1) {
            return switch (reason) {
                case 2 -> "application context name not supported";
                case 3 -> "calling AE title not recognized: ask the peer's administrator to add our AE title";
                case 7 -> "called AE title not recognized: check the AE title in AET@HOST:PORT";
                default -> "no reason given (" + reason + ")";
            };
        }
        if (source == 2) {
            return reason == 2 ? "protocol version not supported" : "no reason given by the provider (ACSE)";
        }
        return reason == 1 ? "temporary congestion: try again later" : reason == 2 ? "local limit exceeded: try again later"
                : "presentation provider reason " + reason;
    }
}

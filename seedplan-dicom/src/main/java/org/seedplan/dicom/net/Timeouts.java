package org.seedplan.dicom.net;

/**
 * Time limits of an association, milliseconds: the ARTIM timer (PS3.8 §9.1.5: connecting, waiting for
 * the A-ASSOCIATE answer or request, for A-RELEASE-RP, and for the peer to close) and the DIMSE timeout
 * (waiting for the next PDU of a message or for a response; an SCP waiting for a new request).
 */
public record Timeouts(int artimMs, int dimseMs) {

    /** 30 s ARTIM, 60 s DIMSE (dcmtk's storescp uses 30 s for ACSE and no DIMSE limit by default). */
    public static final Timeouts DEFAULT = new Timeouts(30_000, 60_000);

    /** Checks that both are positive. */
    public Timeouts {
        if (artimMs <= 0 || dimseMs <= 0) {
            throw new IllegalArgumentException("timeouts must be positive: ARTIM " + artimMs + " ms, DIMSE " + dimseMs + " ms");
        }
    }
}

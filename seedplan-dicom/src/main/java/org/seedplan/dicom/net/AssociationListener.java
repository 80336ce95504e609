package org.seedplan.dicom.net;

/** Hears of every connection the node served, once it has ended (accepted, rejected or broken off). */
@FunctionalInterface
public interface AssociationListener {

    /** Called on the association's own thread after the connection closed; an exception here is logged and ignored. */
    void ended(AssociationRecord r);
}

package org.seedplan.dicom.net;

/**
 * One DIMSE message received on an association: the presentation context it came on, its command
 * set and the bytes of its data set (encoded in the context's transfer syntax), null when it has none.
 */
public record DimseMessage(PresentationContext context, Command command, byte[] dataSet) {
}

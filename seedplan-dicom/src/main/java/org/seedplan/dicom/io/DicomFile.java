package org.seedplan.dicom.io;

/** One parsed DICOM file: its transfer syntax, file meta information (empty when the file had none) and data set. */
public record DicomFile(String transferSyntaxUid, DataSet meta, DataSet dataSet) {
}

package org.seedplan.dicom.io;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the data set of a Deflated Explicit VR Little Endian file (PS3.5 §A.5): everything after
 * the file meta information is a raw deflate stream (RFC 1951, no zlib header).
 */
final class Inflated {

    private Inflated() {
    }

    /** The file's bytes up to {@code dataSetStart} followed by the inflated data set. */
    static byte[] dataSet(byte[] file, int dataSetStart, String source) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(file, dataSetStart, file.length - dataSetStart);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, 4 * (file.length - dataSetStart)));
            out.write(file, 0, dataSetStart);
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException(source + ": the deflated data set ends before its end of stream:"
                            + " the file is truncated or corrupt");
                }
                out.write(chunk, 0, n);
                if (out.size() > DicomReader.MAX_FILE_BYTES) {
                    throw new IllegalArgumentException(source + ": the deflated data set inflates to more than "
                            + DicomReader.MAX_FILE_BYTES + " bytes: the file is corrupt");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(source + ": the deflated data set is not a valid deflate stream ("
                    + e.getMessage() + "): the file is corrupt", e);
        } finally {
            inflater.end();
        }
    }
}

package org.seedplan.dicom.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.seedplan.dicom.codec.PixelFrames;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DataSetEncoder;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.Element;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.VR;

/**
 * Re-encodes an object for a peer that accepts none of the transfer syntax it is stored in: compressed 16-bit
 * greyscale pixel data are decoded to native pixels (RLE, JPEG Lossless, JPEG-LS, lossless and near-lossless alike),
 * and the data set is written in the native syntax the peer accepted (Implicit VR Little Endian, Explicit VR
 * Little or Big Endian). Every other value is kept as it is.
 */
final class NativeConversion {

    private NativeConversion() {
    }

    /** The data set of {@code f} in {@code transferSyntax}; an object seedplan cannot decode throws {@link IllegalArgumentException}. */
    static byte[] dataSet(DicomFile f, String transferSyntax, String source) {
        DataSet ds = f.dataSet();
        Element pixels = ds.contains(Tag.PIXEL_DATA) ? ds.element(Tag.PIXEL_DATA) : null;
        if (pixels != null && pixels.isEncapsulated()) {
            ds = ds.toBuilder().put(Element.of(Tag.PIXEL_DATA, VR.OW, decoded(f, pixels, source))).build();
        }
        return DataSetEncoder.encode(ds, transferSyntax);
    }

    /** Every frame of compressed 16-bit greyscale pixel data, decoded, little endian. */
    private static byte[] decoded(DicomFile f, Element pixels, String source) {
        DataSet ds = f.dataSet();
        if (ds.integer(Tag.BITS_ALLOCATED).orElse(0) != 16 || ds.integer(Tag.SAMPLES_PER_PIXEL).orElse(1) != 1) {
            throw new IllegalArgumentException(source + ": compressed pixel data of " + ds.integer(Tag.BITS_ALLOCATED).orElse(0)
                    + " bits allocated and " + ds.integer(Tag.SAMPLES_PER_PIXEL).orElse(1) + " samples per pixel: seedplan"
                    + " decompresses 16-bit greyscale only; decompress it with dcmdjpeg/dcmdrle first, or send to a peer that"
                    + " accepts " + f.transferSyntaxUid());
        }
        int rows = ds.requireInteger(Tag.ROWS);
        int cols = ds.requireInteger(Tag.COLUMNS);
        int frames = ds.integer(Tag.NUMBER_OF_FRAMES).orElse(1);
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(Math.multiplyExact(2 * rows, cols), frames)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            out.asShortBuffer().position(i * rows * cols).put(PixelFrames.frame16(f.transferSyntaxUid(), pixels, i, frames, rows, cols, source));
        }
        return out.array();
    }
}

package org.seedplan.dicom.codec;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.dicom.io.Element;
import org.seedplan.dicom.io.Uids;

/**
 * Gives the raw 16-bit stored values of one greyscale frame of Pixel Data, whatever the transfer
 * syntax: native (little endian; big-endian and deflated files are already turned little endian by
 * the reader), RLE Lossless, JPEG Lossless (process 14 and SV1), JPEG-LS lossless and near-lossless.
 * JPEG 2000 and lossy JPEG are refused with the dcmtk or GDCM command that converts them. A frame
 * is decoded whole or not at all: a bad stream gives an exception naming the file.
 */
public final class PixelFrames {

    private PixelFrames() {
    }

    /**
     * Frame {@code frame} (0-based) of {@code frames} of 16-bit greyscale pixel data.
     *
     * @param transferSyntaxUid the file's transfer syntax; null for a data set made in memory (native)
     * @param source            names the file in messages
     */
    public static short[] frame16(String transferSyntaxUid, Element pixelData, int frame, int frames, int rows, int cols,
                                  String source) {
        String refused = refusal(transferSyntaxUid, source);
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        int n = rows * cols;
        if (pixelData == null) {
            throw new IllegalArgumentException(source + ": has no Pixel Data (7FE0,0010): the file is not an image or is corrupt");
        }
        if (!pixelData.isEncapsulated()) {
            if (isCompressed(transferSyntaxUid)) {
                throw new IllegalArgumentException(source + ": transfer syntax " + transferSyntaxUid
                        + " is compressed but the Pixel Data are not encapsulated: the file is corrupt");
            }
            long need = 2L * n * frames;
            if (pixelData.isSequence() || pixelData.length() < need) {
                throw new IllegalArgumentException(source + ": Pixel Data holds " + pixelData.length() + " bytes but "
                        + frames + " frame(s) of " + cols + " × " + rows + " 16-bit pixels need " + need
                        + ": the file is truncated or corrupt");
            }
            ShortBuffer sb = pixelData.buffer().asShortBuffer();
            short[] raw = new short[n];
            sb.position(frame * n);
            sb.get(raw);
            return raw;
        }
        if (!isCompressed(transferSyntaxUid)) {
            throw new IllegalArgumentException(source + ": encapsulated Pixel Data in the uncompressed transfer syntax "
                    + transferSyntaxUid + ": the file is corrupt");
        }
        ByteBuffer data = frameBytes(pixelData, frame, frames, source);
        return switch (transferSyntaxUid) {
            case Uids.RLE_LOSSLESS -> RleDecoder.decode(data, rows, cols, 16, source);
            case Uids.JPEG_LOSSLESS, Uids.JPEG_LOSSLESS_SV1 -> JpegLosslessDecoder.decode(data, rows, cols, source);
            default -> JpegLsDecoder.decode(data, rows, cols, source);
        };
    }

    private static boolean isCompressed(String ts) {
        return ts != null && switch (ts) {
            case Uids.RLE_LOSSLESS, Uids.JPEG_LOSSLESS, Uids.JPEG_LOSSLESS_SV1, Uids.JPEG_LS_LOSSLESS,
                 Uids.JPEG_LS_NEAR_LOSSLESS -> true;
            default -> false;
        };
    }

    /** The one-line refusal for a transfer syntax not decoded here, or null when it is decoded. */
    private static String refusal(String ts, String source) {
        if (ts == null || isCompressed(ts)) {
            return null;
        }
        return switch (ts) {
            case Uids.IMPLICIT_VR_LITTLE_ENDIAN, Uids.EXPLICIT_VR_LITTLE_ENDIAN, Uids.EXPLICIT_VR_BIG_ENDIAN,
                 Uids.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN -> null;
            case Uids.JPEG_2000_LOSSLESS, Uids.JPEG_2000 -> source + ": JPEG 2000 pixel data (transfer syntax " + ts
                    + ") are not decoded by seedplan: convert the series first with 'gdcmconv --raw IN.dcm OUT.dcm'";
            case Uids.JPEG_BASELINE, Uids.JPEG_EXTENDED -> source + ": lossy JPEG pixel data (transfer syntax " + ts
                    + ") are not decoded by seedplan (lossy CT is not fit for planning): convert with 'dcmdjpeg IN.dcm OUT.dcm'"
                    + " only if you accept the loss";
            default -> source + ": transfer syntax " + ts + " is not supported: convert the series to Explicit VR Little"
                    + " Endian with 'gdcmconv --raw IN.dcm OUT.dcm'";
        };
    }

    /**
     * The compressed bytes of one frame: all fragments for a single frame; for several frames, the
     * fragments the Basic Offset Table assigns to the frame, or one fragment per frame when the
     * table is empty and the counts agree.
     */
    static ByteBuffer frameBytes(Element pixelData, int frame, int frames, String source) {
        List<ByteBuffer> fragments = pixelData.fragments();
        if (fragments.isEmpty()) {
            throw new IllegalArgumentException(source + ": encapsulated Pixel Data hold no fragment: the file is corrupt");
        }
        List<ByteBuffer> mine = new ArrayList<>();
        if (frames == 1) {
            mine.addAll(fragments);
        } else {
            long[] bot = pixelData.offsetTable();
            if (bot.length == frames) {
                long at = 0;
                long from = bot[frame];
                long to = frame + 1 < frames ? bot[frame + 1] : Long.MAX_VALUE;
                for (ByteBuffer f : fragments) {
                    if (at >= from && at < to) {
                        mine.add(f);
                    }
                    at += 8 + f.remaining();
                }
            } else if (bot.length == 0 && fragments.size() == frames) {
                mine.add(fragments.get(frame));
            } else {
                throw new IllegalArgumentException(source + ": " + frames + " frames in " + fragments.size()
                        + " fragments with a Basic Offset Table of " + bot.length + " entries: the frames cannot be told"
                        + " apart; convert with 'gdcmconv --raw IN.dcm OUT.dcm'");
            }
            if (mine.isEmpty()) {
                throw new IllegalArgumentException(source + ": the Basic Offset Table points frame " + (frame + 1)
                        + " at no fragment: the file is corrupt");
            }
        }
        if (mine.size() == 1) {
            return mine.get(0);
        }
        int total = mine.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer joined = ByteBuffer.allocate(total);
        mine.forEach(f -> joined.put(f.duplicate()));
        return joined.flip();
    }
}

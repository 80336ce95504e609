package org.seedplan.dicom.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads DICOM files (PS3.10): with or without the 128-byte preamble and file meta information,
 * Implicit or Explicit VR Little Endian, Explicit VR Big Endian (binary values are byte-swapped so
 * that every {@link Element} holds little-endian bytes), Deflated Explicit VR Little Endian
 * (inflated first), sequences and items of defined or undefined length, nested, and encapsulated
 * pixel data (PS3.5 §A.4: offset table and fragments, kept compressed; see
 * {@link Element#fragments()}). Every length is checked against the bytes that remain before
 * anything is allocated or read, and nesting is limited, so a corrupt file gives an
 * {@link IllegalArgumentException} naming the file, the element and the byte offset, never a hang
 * or a huge allocation.
 */
public final class DicomReader {

    /** Deepest nesting of sequences accepted (RT objects use at most about 5). */
    public static final int MAX_DEPTH = 32;
    /** Largest file read, bytes. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private byte[] b;
    private final String source;
    private boolean explicit;
    private boolean bigEndian;
    private int pos;

    private DicomReader(byte[] bytes, String source) {
        this.b = bytes;
        this.source = source;
    }

    /** Reads and parses one file. */
    public static DicomFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": " + size + " bytes is too large for one DICOM object");
            }
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses the bytes of one file; {@code source} names it in error messages. The array is kept, not copied. */
    public static DicomFile parse(byte[] bytes, String source) {
        return new DicomReader(bytes, source).file();
    }

    private DicomFile file() {
        boolean preamble = b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        pos = preamble ? 132 : 0;
        DataSet.Builder meta = DataSet.builder(source + " (file meta)");
        boolean hasMeta = false;
        explicit = true;
        while (pos + 4 <= b.length && u16(pos) == 0x0002) {
            meta.put(element(b.length, 0, StandardCharsets.ISO_8859_1, null));
            hasMeta = true;
        }
        DataSet metaSet = meta.build();
        String ts = metaSet.string(Tag.TRANSFER_SYNTAX_UID).orElse(null);
        if (ts == null) {
            if (preamble && !hasMeta) {
                throw new IllegalArgumentException(source + ": DICOM file has no file meta information after 'DICM': the file is corrupt");
            }
            explicit = pos + 6 <= b.length && VR.of(b[pos + 4] & 0xFF, b[pos + 5] & 0xFF) != null;
            ts = explicit ? Uids.EXPLICIT_VR_LITTLE_ENDIAN : Uids.IMPLICIT_VR_LITTLE_ENDIAN;
        } else if (ts.equals(Uids.IMPLICIT_VR_LITTLE_ENDIAN)) {
            explicit = false;
        } else if (ts.equals(Uids.EXPLICIT_VR_BIG_ENDIAN)) {
            explicit = true;
            bigEndian = true;
        } else if (ts.equals(Uids.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
            explicit = true;
            b = Inflated.dataSet(b, pos, source);
        } else {
            explicit = true; // explicit VR little endian, also the data set encoding of every compressed syntax
        }
        if (!preamble && !hasMeta && b.length < 8) {
            throw new IllegalArgumentException(source + ": only " + b.length + " bytes: not a DICOM file");
        }
        DataSet ds = dataSet(b.length, 0, false, StandardCharsets.ISO_8859_1, DataSet.builder(source));
        if (ds.elements().isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no DICOM data set: not a DICOM file");
        }
        return new DicomFile(ts, metaSet, ds);
    }

    private DataSet dataSet(int end, int depth, boolean undefinedItem, Charset inherited, DataSet.Builder out) {
        out.charset(inherited);
        Object name = out.name();
        Charset cs = inherited;
        while (pos < end) {
            need(4, end, "the next element");
            int tag = (u16(pos) << 16) | u16(pos + 2);
            if (tag == Tag.ITEM_DELIMITATION) {
                if (!undefinedItem) {
                    throw corrupt("an item delimiter outside an item of undefined length");
                }
                need(8, end, "the item delimiter");
                pos += 8;
                return out.build();
            }
            if ((tag >>> 16) == 0xFFFE) {
                throw corrupt(String.format(Locale.ROOT, "an unexpected delimiter (FFFE,%04X) inside a data set", tag & 0xFFFF));
            }
            Element e = element(end, depth, cs, name);
            out.put(e);
            if (tag == Tag.SPECIFIC_CHARACTER_SET) {
                cs = SpecificCharacterSet.of(out.build().strings(tag));
                out.charset(cs);
            }
        }
        if (undefinedItem) {
            throw truncated("an item of undefined length has no item delimiter");
        }
        return out.build();
    }

    private Element element(int end, int depth, Charset cs, Object name) {
        int start = pos;
        need(8, end, "an element header");
        int tag = (u16(pos) << 16) | u16(pos + 2);
        pos += 4;
        VR vr;
        long len;
        if (explicit) {
            vr = VR.of(b[pos] & 0xFF, b[pos + 1] & 0xFF);
            if (vr == null) {
                throw corrupt(Tag.describe(tag) + " at byte " + start + " has an invalid value representation '"
                        + printable(b[pos]) + printable(b[pos + 1]) + "'");
            }
            if (vr.hasLongLength()) {
                need(8, end, "the header of ", tag);
                len = u32(pos + 4);
                pos += 8;
            } else {
                len = u16(pos + 2);
                pos += 4;
            }
        } else {
            vr = Tag.vrOf(tag);
            len = u32(pos);
            pos += 4;
        }
        if (len == UNDEFINED) {
            if (vr == VR.SQ || vr == VR.UN) {
                boolean saved = explicit;
                if (vr == VR.UN) {
                    explicit = false; // PS3.5 §6.2.2: UN of undefined length holds an Implicit VR LE sequence
                }
                List<DataSet> items = items(tag, end, -1, depth, cs, name);
                explicit = saved;
                return Element.sequence(tag, items);
            }
            if (tag == Tag.PIXEL_DATA) {
                return encapsulated(tag, vr, end, start);
            }
            throw corrupt(Tag.describe(tag) + " at byte " + start + " has undefined length but is not a sequence");
        }
        if (len > end - pos) {
            throw truncated(Tag.describe(tag) + " at byte " + start + " declares " + len + " bytes but only "
                    + (end - pos) + " remain");
        }
        int n = (int) len;
        if (vr == VR.SQ) {
            return Element.sequence(tag, items(tag, pos + n, pos + n, depth, cs, name));
        }
        if (vr == VR.UN && n >= 8 && u16(pos) == 0xFFFE && u16(pos + 2) == 0xE000) {
            Element seq = unknownSequence(tag, pos + n, depth, cs, name);
            if (seq != null) {
                return seq;
            }
        }
        int word = bigEndian ? wordSize(vr) : 1;
        Element e = word == 1 ? Element.ofBytes(tag, vr, b, pos, n) : Element.ofBytes(tag, vr, swapped(pos, n, word), 0, n);
        pos += n;
        return e;
    }

    /**
     * Encapsulated pixel data (PS3.5 §A.4): an item holding the Basic Offset Table, then one item per
     * fragment, then the sequence delimiter; the fragments are kept as views into the file's bytes.
     */
    private Element encapsulated(int tag, VR vr, int end, int start) {
        List<int[]> items = new ArrayList<>();
        while (true) {
            need(8, end, "an item of the encapsulated ", tag);
            int itemTag = (u16(pos) << 16) | u16(pos + 2);
            long len = u32(pos + 4);
            int at = pos;
            pos += 8;
            if (itemTag == Tag.SEQUENCE_DELIMITATION) {
                break;
            }
            if (itemTag != Tag.ITEM || len == UNDEFINED) {
                throw corrupt(String.format(Locale.ROOT, "encapsulated Pixel Data at byte %d: expected a fragment item of defined"
                        + " length at byte %d, found (%04X,%04X)", start, at, itemTag >>> 16, itemTag & 0xFFFF));
            }
            if (len > end - pos) {
                throw truncated("fragment " + items.size() + " of the encapsulated Pixel Data at byte " + at + " declares "
                        + len + " bytes but only " + (end - pos) + " remain");
            }
            items.add(new int[] {pos, (int) len});
            pos += (int) len;
        }
        if (items.isEmpty()) {
            throw corrupt("encapsulated Pixel Data at byte " + start + " has no Basic Offset Table item");
        }
        int[] bot = items.get(0);
        if (bot[1] % 4 != 0) {
            throw corrupt("the Basic Offset Table of the Pixel Data at byte " + start + " is " + bot[1]
                    + " bytes, not a multiple of 4");
        }
        long[] offsets = new long[bot[1] / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = u32(bot[0] + 4 * i);
        }
        return Element.encapsulated(tag, vr, b, offsets, items.subList(1, items.size()));
    }

    /**
     * An element of unknown VR whose value starts with an item tag is most likely a sequence
     * (implicit VR, or UN in explicit VR, PS3.5 §6.2.2): parse it as Implicit VR items, and keep the
     * raw bytes (returning null) when that fails.
     */
    private Element unknownSequence(int tag, int end, int depth, Charset cs, Object name) {
        int start = pos;
        boolean saved = explicit;
        explicit = false;
        try {
            return Element.sequence(tag, items(tag, end, end, depth, cs, name));
        } catch (IllegalArgumentException notASequence) {
            pos = start;
            return null;
        } finally {
            explicit = saved;
        }
    }

    /** Items of a sequence: up to {@code definedEnd} (defined length) or the sequence delimiter ({@code definedEnd} < 0). */
    private List<DataSet> items(int seqTag, int end, int definedEnd, int depth, Charset cs, Object name) {
        if (depth + 1 > MAX_DEPTH) {
            throw corrupt("sequences nested deeper than " + MAX_DEPTH + " levels at " + Tag.describe(seqTag));
        }
        List<DataSet> items = new ArrayList<>();
        int limit = definedEnd >= 0 ? definedEnd : end;
        while (definedEnd < 0 || pos < definedEnd) {
            need(8, limit, "an item of ", seqTag);
            int tag = (u16(pos) << 16) | u16(pos + 2);
            long len = u32(pos + 4);
            int start = pos;
            pos += 8;
            if (tag == Tag.SEQUENCE_DELIMITATION && definedEnd < 0) {
                return items;
            }
            if (tag != Tag.ITEM) {
                throw corrupt(String.format(Locale.ROOT, "%s at byte %d: expected an item, found (%04X,%04X)",
                        Tag.describe(seqTag), start, tag >>> 16, tag & 0xFFFF));
            }
            DataSet.Builder item = DataSet.itemBuilder(name, seqTag, items.size());
            if (len == UNDEFINED) {
                items.add(dataSet(limit, depth + 1, true, cs, item));
            } else {
                if (len > limit - pos) {
                    throw truncated("item " + (items.size() + 1) + " of " + Tag.describe(seqTag) + " at byte " + start
                            + " declares " + len + " bytes but only " + (limit - pos) + " remain");
                }
                items.add(dataSet(pos + (int) len, depth + 1, false, cs, item));
            }
        }
        return items;
    }

    private void need(int n, int end, String what) {
        if (end - pos < n) {
            throw truncated("the file ends inside " + what + " at byte " + pos);
        }
    }

    private void need(int n, int end, String what, int tag) {
        if (end - pos < n) {
            throw truncated("the file ends inside " + what + Tag.describe(tag) + " at byte " + pos);
        }
    }

    private IllegalArgumentException truncated(String detail) {
        return new IllegalArgumentException(source + ": " + detail + ": the file is truncated or corrupt");
    }

    private IllegalArgumentException corrupt(String detail) {
        return new IllegalArgumentException(source + ": " + detail + ": the file is corrupt or not DICOM");
    }

    private static String printable(byte c) {
        return c >= 0x20 && c < 0x7F ? Character.toString((char) c) : String.format(Locale.ROOT, "\\x%02X", c & 0xFF);
    }

    private int u16(int at) {
        return bigEndian ? (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF) : (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private long u32(int at) {
        return bigEndian ? (long) u16(at) << 16 | u16(at + 2) : u16(at) | (long) u16(at + 2) << 16;
    }

    /** Bytes per number of a binary VR, whose bytes big-endian files store the other way round; 1 for the rest. */
    private static int wordSize(VR vr) {
        return switch (vr) {
            case AT, OW, SS, US -> 2;
            case FL, OF, OL, SL, UL -> 4;
            case FD, OD, OV, SV, UV -> 8;
            default -> 1;
        };
    }

    /** A little-endian copy of a big-endian value. */
    private byte[] swapped(int from, int n, int word) {
        if (n % word != 0) {
            throw corrupt("a value of " + n + " bytes at byte " + from + " is not a whole number of " + word + "-byte words");
        }
        byte[] out = new byte[n];
        for (int w = 0; w < n; w += word) {
            for (int i = 0; i < word; i++) {
                out[w + i] = b[from + w + word - 1 - i];
            }
        }
        return out;
    }
}

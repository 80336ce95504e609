package org.seedplan.dicom.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * One DICOM data element: tag, VR and either a value (bytes, little endian), or, for a sequence,
 * its items, or, for encapsulated (compressed) pixel data, its Basic Offset Table and fragments. A
 * value read from a file is a view into the file's bytes (no copy); treat it as read-only.
 */
public final class Element {

    private final int tag;
    private final VR vr;
    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final List<DataSet> items;
    private final long[] offsetTable;
    private final List<int[]> fragments;

    private Element(int tag, VR vr, byte[] buffer, int offset, int length, List<DataSet> items) {
        this(tag, vr, buffer, offset, length, items, null, null);
    }

    private Element(int tag, VR vr, byte[] buffer, int offset, int length, List<DataSet> items,
                    long[] offsetTable, List<int[]> fragments) {
        this.tag = tag;
        this.vr = vr;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.items = items;
        this.offsetTable = offsetTable;
        this.fragments = fragments;
    }

    /**
     * Encapsulated pixel data: the Basic Offset Table (byte offsets of each frame's first fragment
     * item, counted from the first fragment item; empty when the file gave none) and the fragments,
     * each an {offset, length} range of {@code buffer}.
     */
    static Element encapsulated(int tag, VR vr, byte[] buffer, long[] offsetTable, List<int[]> fragments) {
        return new Element(tag, vr, buffer, 0, 0, null, offsetTable.clone(), List.copyOf(fragments));
    }

    /** Whether this is encapsulated (compressed) pixel data, held as fragments. */
    public boolean isEncapsulated() {
        return fragments != null;
    }

    /** The Basic Offset Table of encapsulated pixel data (empty when absent or not encapsulated). */
    public long[] offsetTable() {
        return offsetTable == null ? new long[0] : offsetTable.clone();
    }

    /** The fragments of encapsulated pixel data as read-only views, in file order; empty for other elements. */
    public List<ByteBuffer> fragments() {
        if (fragments == null) {
            return List.of();
        }
        return fragments.stream().map(f -> ByteBuffer.wrap(buffer, f[0], f[1]).slice().asReadOnlyBuffer()).toList();
    }

    /** An element whose value is {@code length} bytes of {@code buffer} from {@code offset}. */
    static Element ofBytes(int tag, VR vr, byte[] buffer, int offset, int length) {
        return new Element(tag, vr, buffer, offset, length, null);
    }

    /** An element holding a copy of {@code value}. */
    public static Element of(int tag, VR vr, byte[] value) {
        return new Element(tag, vr, value.clone(), 0, value.length, null);
    }

    /** A sequence element with the given items. */
    public static Element sequence(int tag, List<DataSet> items) {
        return new Element(tag, VR.SQ, new byte[0], 0, 0, List.copyOf(items));
    }

    public int tag() {
        return tag;
    }

    public VR vr() {
        return vr;
    }

    public boolean isSequence() {
        return items != null;
    }

    /** The items of a sequence; empty for other elements. */
    public List<DataSet> items() {
        return items == null ? List.of() : items;
    }

    /** Length of the value in bytes (0 for a sequence). */
    public int length() {
        return length;
    }

    /** A copy of the value bytes. */
    public byte[] bytes() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** A read-only little-endian view of the value bytes (no copy). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(buffer, offset, length).slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    byte[] rawBuffer() {
        return buffer;
    }

    int rawOffset() {
        return offset;
    }
}

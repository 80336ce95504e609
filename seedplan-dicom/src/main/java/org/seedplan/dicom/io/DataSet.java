package org.seedplan.dicom.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A DICOM data set (a file's attributes or one sequence item): elements in tag order, the
 * character set their text is decoded with, and the name of the file they came from, which every
 * error message names. Immutable; build one with {@link #builder(String)}.
 */
public final class DataSet {

    private final SortedMap<Integer, Element> elements;
    private final Charset charset;
    private final Object source;

    private DataSet(SortedMap<Integer, Element> elements, Charset charset, Object source) {
        this.elements = Collections.unmodifiableSortedMap(elements);
        this.charset = charset;
        this.source = source;
    }

    /** A builder for a data set; {@code source} names where it comes from in error messages. */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** A builder for item {@code index} (0-based) of sequence {@code tag} in {@code parent}; its name is made only when a message needs it. */
    static Builder itemBuilder(Object parent, int tag, int index) {
        return new Builder(new ItemName(parent, tag, index));
    }

    /** The name of a sequence item, "file > Sequence (gggg,eeee) item n", built on demand. */
    private record ItemName(Object parent, int tag, int index) {
        @Override
        public String toString() {
            return parent + " > " + Tag.describe(tag) + " item " + (index + 1);
        }
    }

    /** A builder holding this data set's elements, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(source).charset(charset);
        elements.values().forEach(b::put);
        return b;
    }

    /** The file (and item path) this data set came from, for messages. */
    public String source() {
        return source.toString();
    }

    public Charset charset() {
        return charset;
    }

    public SortedMap<Integer, Element> elements() {
        return elements;
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public Element element(int tag) {
        return elements.get(tag);
    }

    /** The text value with leading and trailing spaces and NULs removed, if the element is present and not empty. */
    public Optional<String> string(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.isSequence() || e.length() == 0) {
            return Optional.empty();
        }
        String s = trim(new String(e.rawBuffer(), e.rawOffset(), e.length(), textCharset(e.vr())));
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The text value, or {@code fallback} when absent or empty. */
    public String string(int tag, String fallback) {
        return string(tag).orElse(fallback);
    }

    /** The text value; refuses a missing or empty element with a message naming the file and the attribute. */
    public String requireString(int tag) {
        return string(tag).orElseThrow(() -> missing(tag));
    }

    /** The values of a multi-valued text element (split at backslashes, each trimmed); empty when absent. */
    public List<String> strings(int tag) {
        Optional<String> s = string(tag);
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : s.get().split("\\\\", -1)) {
            out.add(trim(part));
        }
        return out;
    }

    /**
     * The numeric values of an element: decimal text for DS and IS, binary for FD, FL, US, SS, UL
     * and SL. Empty when absent. Refuses text that is not a number.
     */
    public double[] numbers(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.isSequence() || e.length() == 0) {
            return new double[0];
        }
        ByteBuffer b = e.buffer();
        int n = e.length();
        switch (e.vr()) {
            case FD: {
                double[] out = new double[n / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getDouble(8 * i);
                }
                return out;
            }
            case FL: {
                double[] out = new double[n / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getFloat(4 * i);
                }
                return out;
            }
            case US:
            case SS: {
                double[] out = new double[n / 2];
                for (int i = 0; i < out.length; i++) {
                    short v = b.getShort(2 * i);
                    out[i] = e.vr() == VR.US ? (v & 0xFFFF) : v;
                }
                return out;
            }
            case UL:
            case SL: {
                double[] out = new double[n / 4];
                for (int i = 0; i < out.length; i++) {
                    int v = b.getInt(4 * i);
                    out[i] = e.vr() == VR.UL ? (v & 0xFFFFFFFFL) : v;
                }
                return out;
            }
            default:
                break;
        }
        List<String> parts = strings(tag);
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(parts.get(i));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " value " + (i + 1) + " '"
                        + abbreviate(parts.get(i)) + "' is not a number: the file is corrupt or not written to the DICOM standard");
            }
        }
        return out;
    }

    /** The first numeric value, if present. */
    public OptionalDouble number(int tag) {
        double[] v = numbers(tag);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /** The first numeric value; refuses a missing element. */
    public double requireNumber(int tag) {
        return number(tag).orElseThrow(() -> missing(tag));
    }

    /** Exactly {@code count} finite numeric values; refuses a missing element or a wrong count. */
    public double[] requireNumbers(int tag, int count) {
        double[] v = numbers(tag);
        if (v.length == 0) {
            throw missing(tag);
        }
        if (v.length != count) {
            throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " has " + v.length + " values, expected "
                    + count + ": the file is corrupt or not written to the DICOM standard");
        }
        requireFinite(tag, v);
        return v;
    }

    /** Refuses NaN or infinite values of the given element. */
    public double[] requireFinite(int tag, double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " holds a non-finite number: the file is corrupt");
            }
        }
        return v;
    }

    /** The first value as an integer, if present. Refuses a non-integer or out-of-range value. */
    public OptionalInt integer(int tag) {
        OptionalDouble d = number(tag);
        if (d.isEmpty()) {
            return OptionalInt.empty();
        }
        double v = d.getAsDouble();
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " must be an integer, got " + v);
        }
        return OptionalInt.of((int) v);
    }

    /** The first value as an integer; refuses a missing element. */
    public int requireInteger(int tag) {
        return integer(tag).orElseThrow(() -> missing(tag));
    }

    /** The items of a sequence; empty when absent. Refuses a non-sequence element in its place. */
    public List<DataSet> sequence(int tag) {
        Element e = elements.get(tag);
        if (e == null) {
            return List.of();
        }
        if (!e.isSequence()) {
            if (e.length() == 0) {
                return List.of();
            }
            throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " should be a sequence but is encoded as "
                    + e.vr() + ": the file is corrupt");
        }
        return e.items();
    }

    /** The items of a sequence; refuses an absent or empty one. */
    public List<DataSet> requireSequence(int tag) {
        List<DataSet> items = sequence(tag);
        if (items.isEmpty()) {
            throw missing(tag);
        }
        return items;
    }

    /** An exception saying the attribute is missing from this data set's file. */
    public IllegalArgumentException missing(int tag) {
        return new IllegalArgumentException(source + ": required attribute " + Tag.describe(tag)
                + " is missing or empty: the file is incomplete or not the expected kind of DICOM object");
    }

    private Charset textCharset(VR vr) {
        return switch (vr) {
            case PN, LO, SH, ST, LT, UT, UC -> charset;
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == 0)) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == 0)) {
            b--;
        }
        return s.substring(a, b);
    }

    private static String abbreviate(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }

    /** Collects elements for a data set; later puts of the same tag replace earlier ones. */
    public static final class Builder {
        private final SortedMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
        private final Object source;
        private Charset charset = StandardCharsets.ISO_8859_1;

        private Builder(Object source) {
            this.source = source;
        }

        Object name() {
            return source;
        }

        public Builder charset(Charset cs) {
            this.charset = cs;
            return this;
        }

        public Builder remove(int tag) {
            elements.remove(tag);
            return this;
        }

        public Builder put(Element e) {
            elements.put(e.tag(), e);
            return this;
        }

        /** Text in the dictionary VR of the tag; several values joined by backslashes. */
        public Builder put(int tag, String... values) {
            VR vr = Tag.vrOf(tag);
            String joined = String.join("\\", values);
            Charset cs = (vr == VR.PN || vr == VR.LO || vr == VR.SH || vr == VR.ST || vr == VR.LT || vr == VR.UT || vr == VR.UC)
                    ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII;
            return put(Element.of(tag, vr, joined.getBytes(cs)));
        }

        /** An empty (Type 2) element. */
        public Builder empty(int tag) {
            return put(Element.of(tag, Tag.vrOf(tag), new byte[0]));
        }

        /** Decimal strings (DS) or integer strings (IS), following the tag's dictionary VR. */
        public Builder numbers(int tag, double... values) {
            VR vr = Tag.vrOf(tag);
            String[] s = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                s[i] = vr == VR.IS ? Long.toString(Math.round(values[i])) : DecimalString.format(values[i]);
            }
            return put(tag, s);
        }

        /** Unsigned 16-bit values (US). */
        public Builder us(int tag, int... values) {
            ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                b.putShort((short) v);
            }
            return put(Element.of(tag, VR.US, b.array()));
        }

        /** 32-bit floats (FL). */
        public Builder fl(int tag, double... values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                b.putFloat((float) v);
            }
            return put(Element.of(tag, VR.FL, b.array()));
        }

        /** An attribute tag value (AT). */
        public Builder at(int tag, int value) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) (value >>> 16)).putShort((short) value);
            return put(Element.of(tag, VR.AT, b.array()));
        }

        public Builder bytes(int tag, VR vr, byte[] value) {
            return put(Element.of(tag, vr, value));
        }

        public Builder sequence(int tag, List<DataSet> items) {
            return put(Element.sequence(tag, items));
        }

        public Builder sequence(int tag, DataSet... items) {
            return sequence(tag, List.of(items));
        }

        public DataSet build() {
            return new DataSet(new TreeMap<>(elements), charset, source);
        }
    }
}

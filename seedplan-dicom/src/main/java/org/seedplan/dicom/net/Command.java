package org.seedplan.dicom.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set (PS3.7 §6.3, §9.3, §E.1): group 0000 elements, always encoded in Implicit VR
 * Little Endian with the Command Group Length (0000,0000) first.
 */
public final class Command {

    public static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    public static final int COMMAND_FIELD = 0x00000100;
    public static final int MESSAGE_ID = 0x00000110;
    public static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
    public static final int MOVE_DESTINATION = 0x00000600;
    public static final int PRIORITY = 0x00000700;
    public static final int COMMAND_DATA_SET_TYPE = 0x00000800;
    public static final int STATUS = 0x00000900;
    public static final int ERROR_COMMENT = 0x00000902;
    public static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
    public static final int MOVE_ORIGINATOR_AE_TITLE = 0x00001030;
    public static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_STORE_RSP = 0x8001;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_ECHO_RSP = 0x8030;

    /** Command Data Set Type value meaning no data set follows. */
    public static final int NO_DATA_SET = 0x0101;
    /** Status: success. */
    public static final int SUCCESS = 0x0000;

    private final TreeMap<Integer, byte[]> values;

    private Command(TreeMap<Integer, byte[]> values) {
        this.values = values;
    }

    /** A command with the given Command Field and Message ID (or Message ID Being Responded To, for a response). */
    public static Command of(int commandField) {
        Command c = new Command(new TreeMap<>());
        c.putUs(COMMAND_FIELD, commandField);
        return c;
    }

    /** Sets a US (unsigned 16-bit) element. */
    public Command putUs(int tag, int value) {
        values.put(tag, new byte[] {(byte) value, (byte) (value >>> 8)});
        return this;
    }

    /** Sets a UI element (padded with NUL to even length). */
    public Command putUid(int tag, String uid) {
        values.put(tag, padded(uid, (byte) 0));
        return this;
    }

    /** Sets an AE, LO or other text element (padded with a space to even length). */
    public Command putText(int tag, String text) {
        values.put(tag, padded(text, (byte) ' '));
        return this;
    }

    private static byte[] padded(String s, byte pad) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : Arrays.copyOf(b, b.length + 1);
    }

    /** The US value, or -1 when absent. */
    public int us(int tag) {
        byte[] v = values.get(tag);
        return v == null || v.length < 2 ? -1 : (v[0] & 0xFF) | (v[1] & 0xFF) << 8;
    }

    /** The text value with padding removed, or null when absent. */
    public String string(int tag) {
        byte[] v = values.get(tag);
        if (v == null) {
            return null;
        }
        String s = new String(v, StandardCharsets.US_ASCII);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end).trim();
    }

    public int commandField() {
        return us(COMMAND_FIELD);
    }

    /** True when a data set follows the command (PS3.7 §E.1: any value but 0101H). */
    public boolean hasDataSet() {
        return us(COMMAND_DATA_SET_TYPE) != NO_DATA_SET;
    }

    /** The command set in Implicit VR Little Endian, group length first. */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(128);
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (e.getKey() != 0) {
                header(body, e.getKey(), e.getValue().length);
                body.writeBytes(e.getValue());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 12);
        header(out, 0, 4);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.size()).array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, int tag, int length) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (tag >>> 16)).putShort((short) tag).putInt(length).array());
    }

    /** Decodes an Implicit VR Little Endian command set; a malformed one throws {@link IllegalArgumentException}. */
    public static Command decode(byte[] b) {
        TreeMap<Integer, byte[]> values = new TreeMap<>();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (buf.remaining() < 8) {
                throw new IllegalArgumentException("command set ends inside an element header at byte " + buf.position());
            }
            int tag = (buf.getShort() & 0xFFFF) << 16 | (buf.getShort() & 0xFFFF);
            long len = buf.getInt() & 0xFFFFFFFFL;
            if (tag >>> 16 != 0) {
                throw new IllegalArgumentException(String.format("command set holds element (%04X,%04X) outside group 0000",
                        tag >>> 16, tag & 0xFFFF));
            }
            if (len > buf.remaining()) {
                throw new IllegalArgumentException(String.format("command element (0000,%04X) declares %d bytes but %d remain",
                        tag & 0xFFFF, len, buf.remaining()));
            }
            byte[] v = new byte[(int) len];
            buf.get(v);
            values.put(tag, v);
        }
        if (!values.containsKey(COMMAND_FIELD)) {
            throw new IllegalArgumentException("command set has no Command Field (0000,0100)");
        }
        return new Command(values);
    }

    @Override
    public String toString() {
        return String.format("command 0x%04X", commandField());
    }
}

package org.seedplan.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes the protocol data units of the DICOM upper layer (PS3.8 §9.3): the association
 * PDUs with their items and sub-items, A-ASSOCIATE-RJ, A-RELEASE-RQ/RP and A-ABORT. Numbers in PDU
 * headers are big endian. Every length is checked before it is used, so a malformed PDU is an
 * {@link IllegalArgumentException}, never a hang or a huge allocation.
 */
final class Pdu {

    static final int ASSOCIATE_RQ = 0x01;
    static final int ASSOCIATE_AC = 0x02;
    static final int ASSOCIATE_RJ = 0x03;
    static final int P_DATA_TF = 0x04;
    static final int RELEASE_RQ = 0x05;
    static final int RELEASE_RP = 0x06;
    static final int ABORT = 0x07;

    /** DICOM Application Context Name (PS3.7 Annex A.2.1). */
    static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    /** Largest association PDU accepted (128 contexts with many transfer syntaxes fit easily). */
    static final int MAX_ASSOCIATE_PDU = 1 << 20;

    /** One PDU read from the wire: its type and its body (everything after the 6-byte header). */
    record Raw(int type, byte[] body) {
    }

    private Pdu() {
    }

    /**
     * Reads one PDU; {@code maxPData} bounds a P-DATA-TF body (the length we told the peer we accept).
     * Returns null at a clean end of stream before any byte of a PDU.
     */
    static Raw read(InputStream in, long maxPData) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        DataInputStream din = new DataInputStream(in);
        din.readUnsignedByte();
        long length = din.readInt() & 0xFFFFFFFFL;
        long limit = switch (type) {
            case ASSOCIATE_RQ, ASSOCIATE_AC -> MAX_ASSOCIATE_PDU;
            case P_DATA_TF -> maxPData == 0 ? Integer.MAX_VALUE - 64 : maxPData;
            case ASSOCIATE_RJ, RELEASE_RQ, RELEASE_RP, ABORT -> 4;
            default -> throw new IllegalArgumentException(String.format("unrecognized PDU type 0x%02X", type));
        };
        if (length > limit) {
            throw new IllegalArgumentException("PDU of type " + type + " declares " + length + " bytes, more than the "
                    + limit + " allowed");
        }
        byte[] body = new byte[(int) length];
        try {
            din.readFully(body);
        } catch (EOFException e) {
            throw new EOFException("the connection closed inside a PDU of type " + type);
        }
        return new Raw(type, body);
    }

    /** A complete PDU: header and body. */
    static byte[] frame(int type, byte[] body) {
        return ByteBuffer.allocate(6 + body.length).put((byte) type).put((byte) 0).putInt(body.length).put(body).array();
    }

    static byte[] reject(int result, int source, int reason) {
        return frame(ASSOCIATE_RJ, new byte[] {0, (byte) result, (byte) source, (byte) reason});
    }

    static byte[] abort(int source, int reason) {
        return frame(ABORT, new byte[] {0, 0, (byte) source, (byte) reason});
    }

    static byte[] releaseRequest() {
        return frame(RELEASE_RQ, new byte[4]);
    }

    static byte[] releaseResponse() {
        return frame(RELEASE_RP, new byte[4]);
    }

    /** An A-ASSOCIATE-RQ ({@code request} true) or -AC PDU. */
    static byte[] associate(boolean request, AssociateParams p) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        body.write(0);
        body.write(1); // protocol version 1
        body.write(0);
        body.write(0);
        body.writeBytes(aeField(p.calledAe()));
        body.writeBytes(aeField(p.callingAe()));
        body.writeBytes(new byte[32]);
        item(body, 0x10, ascii(APPLICATION_CONTEXT));
        for (PresentationContext pc : p.contexts()) {
            ByteArrayOutputStream v = new ByteArrayOutputStream();
            v.write(pc.id());
            v.write(0);
            v.write(request ? 0 : pc.result());
            v.write(0);
            if (request) {
                item(v, 0x30, ascii(pc.abstractSyntax()));
            }
            for (String ts : pc.transferSyntaxes()) {
                item(v, 0x40, ascii(ts));
            }
            if (!request && pc.transferSyntaxes().isEmpty()) {
                item(v, 0x40, new byte[0]);
            }
            item(body, request ? 0x20 : 0x21, v.toByteArray());
        }
        ByteArrayOutputStream user = new ByteArrayOutputStream();
        item(user, 0x51, ByteBuffer.allocate(4).putInt((int) p.maxPduLength()).array());
        item(user, 0x52, ascii(p.implementationClassUid()));
        if (p.implementationVersionName() != null) {
            item(user, 0x55, ascii(p.implementationVersionName()));
        }
        for (String sopClass : p.scpRoleClasses()) {
            byte[] uid = ascii(sopClass);
            ByteArrayOutputStream role = new ByteArrayOutputStream();
            role.write(uid.length >> 8);
            role.write(uid.length & 0xFF);
            role.writeBytes(uid);
            role.write(0); // SCU role: not proposed
            role.write(1); // SCP role: the requestor receives C-STORE of this class (PS3.7 §D.3.3.4)
            item(user, 0x54, role.toByteArray());
        }
        item(body, 0x50, user.toByteArray());
        return frame(request ? ASSOCIATE_RQ : ASSOCIATE_AC, body.toByteArray());
    }

    /**
     * Decodes the body of an A-ASSOCIATE-RQ or -AC. For an AC, each context's abstract syntax is
     * null (the AC does not repeat it). The application context name is checked.
     */
    static AssociateParams parseAssociate(byte[] b, boolean request) {
        if (b.length < 68) {
            throw new IllegalArgumentException("A-ASSOCIATE PDU of " + b.length + " bytes is shorter than its 68-byte fixed part");
        }
        if ((b[1] & 1) == 0) {
            throw new UnsupportedVersion();
        }
        String called = text(b, 4, 16);
        String calling = text(b, 20, 16);
        List<PresentationContext> contexts = new ArrayList<>();
        long maxPdu = 0;
        String implUid = null;
        String implVersion = null;
        String appContext = null;
        List<String> scpRoles = new ArrayList<>();
        int pos = 68;
        while (pos < b.length) {
            int[] hdr = itemHeader(b, pos, "A-ASSOCIATE item");
            int type = hdr[0];
            int start = pos + 4;
            int end = start + hdr[1];
            switch (type) {
                case 0x10 -> appContext = text(b, start, hdr[1]);
                case 0x20, 0x21 -> contexts.add(context(b, start, end, request));
                case 0x50 -> {
                    int p = start;
                    while (p < end) {
                        int[] sub = itemHeader(b, p, "user information sub-item");
                        int s = p + 4;
                        if (s + sub[1] > end) {
                            throw new IllegalArgumentException("user information sub-item overruns its item");
                        }
                        switch (sub[0]) {
                            case 0x51 -> {
                                if (sub[1] != 4) {
                                    throw new IllegalArgumentException("maximum length sub-item of " + sub[1] + " bytes, not 4");
                                }
                                maxPdu = ByteBuffer.wrap(b, s, 4).getInt() & 0xFFFFFFFFL;
                            }
                            case 0x52 -> implUid = text(b, s, sub[1]);
                            case 0x55 -> implVersion = text(b, s, sub[1]);
                            case 0x54 -> {
                                int uidLength = sub[1] >= 2 ? (b[s] & 0xFF) << 8 | (b[s + 1] & 0xFF) : Integer.MAX_VALUE;
                                if (uidLength + 4 > sub[1]) {
                                    throw new IllegalArgumentException("role selection sub-item of " + sub[1] + " bytes is malformed");
                                }
                                if (b[s + 2 + uidLength + 1] == 1) {
                                    scpRoles.add(text(b, s + 2, uidLength));
                                }
                            }
                            default -> { } // asynchronous operations, role selection, extended negotiation, user identity: not used
                        }
                        p = s + sub[1];
                    }
                }
                default -> { } // PS3.8 §9.3.2: unknown items are ignored
            }
            pos = end;
        }
        if (!APPLICATION_CONTEXT.equals(appContext)) {
            throw new UnsupportedApplicationContext(appContext);
        }
        return new AssociateParams(called, calling, contexts, maxPdu, implUid, implVersion, scpRoles);
    }

    private static PresentationContext context(byte[] b, int start, int end, boolean request) {
        if (end - start < 4) {
            throw new IllegalArgumentException("presentation context item of " + (end - start) + " bytes");
        }
        int id = b[start] & 0xFF;
        int result = b[start + 2] & 0xFF;
        String abstractSyntax = null;
        List<String> ts = new ArrayList<>();
        int p = start + 4;
        while (p < end) {
            int[] sub = itemHeader(b, p, "presentation context sub-item");
            int s = p + 4;
            if (s + sub[1] > end) {
                throw new IllegalArgumentException("presentation context sub-item overruns its item");
            }
            if (sub[0] == 0x30) {
                abstractSyntax = text(b, s, sub[1]);
            } else if (sub[0] == 0x40 && sub[1] > 0) {
                ts.add(text(b, s, sub[1]));
            }
            p = s + sub[1];
        }
        if (request && abstractSyntax == null) {
            throw new IllegalArgumentException("presentation context " + id + " has no abstract syntax");
        }
        if (id % 2 == 0 || id == 0) {
            throw new IllegalArgumentException("presentation context id " + id + " is not odd");
        }
        return new PresentationContext(id, abstractSyntax, ts, request ? PresentationContext.ACCEPTANCE : result);
    }

    /** Type and length of the item at {@code pos}, checked against the array. */
    private static int[] itemHeader(byte[] b, int pos, String what) {
        if (pos + 4 > b.length) {
            throw new IllegalArgumentException(what + " header at byte " + pos + " is cut short");
        }
        int len = (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
        if (pos + 4 + len > b.length) {
            throw new IllegalArgumentException(what + " at byte " + pos + " declares " + len + " bytes but only "
                    + (b.length - pos - 4) + " remain");
        }
        return new int[] {b[pos] & 0xFF, len};
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("item of " + value.length + " bytes is too long for a PDU item");
        }
        out.write(type);
        out.write(0);
        out.write(value.length >> 8);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    private static byte[] aeField(String ae) {
        byte[] f = new byte[16];
        Arrays.fill(f, (byte) ' ');
        byte[] a = ascii(ae);
        System.arraycopy(a, 0, f, 0, Math.min(16, a.length));
        return f;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** ASCII text with trailing NUL and surrounding spaces removed. */
    private static String text(byte[] b, int off, int len) {
        String s = new String(b, off, len, StandardCharsets.US_ASCII);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end).trim();
    }

    /** The A-ASSOCIATE-RQ does not have bit 0 of the protocol version set. */
    static final class UnsupportedVersion extends IllegalArgumentException {
        UnsupportedVersion() {
            super("protocol version not supported");
        }
    }

    /** The A-ASSOCIATE-RQ names an application context other than DICOM's. */
    static final class UnsupportedApplicationContext extends IllegalArgumentException {
        UnsupportedApplicationContext(String name) {
            super("application context '" + name + "' is not DICOM's " + APPLICATION_CONTEXT);
        }
    }
}

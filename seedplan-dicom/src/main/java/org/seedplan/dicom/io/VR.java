package org.seedplan.dicom.io;

import java.util.HashMap;
import java.util.Map;

/** A DICOM value representation (PS3.5 §6.2): how an element's value is encoded. */
public enum VR {
    AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM,
    UC, UI, UL, UN, UR, US, UT, UV;

    private static final Map<Integer, VR> BY_CODE = new HashMap<>();

    static {
        for (VR vr : values()) {
            BY_CODE.put(code(vr.name().charAt(0), vr.name().charAt(1)), vr);
        }
    }

    private static int code(int c0, int c1) {
        return (c0 << 8) | c1;
    }

    /** The VR named by two bytes of an explicit-VR header, or null when they name none. */
    static VR of(int c0, int c1) {
        return BY_CODE.get(code(c0, c1));
    }

    /** Whether explicit VR encoding gives this VR a 4-byte length after 2 reserved bytes (PS3.5 §7.1.2). */
    public boolean hasLongLength() {
        return switch (this) {
            case OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV -> true;
            default -> false;
        };
    }

    /** Whether the value is character text (possibly several values split by backslashes). */
    public boolean isText() {
        return switch (this) {
            case AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT -> true;
            default -> false;
        };
    }

    /** Byte used to pad a value to even length: NUL for UI and binary values, space for text. */
    public byte padding() {
        return isText() && this != UI ? (byte) ' ' : 0;
    }
}

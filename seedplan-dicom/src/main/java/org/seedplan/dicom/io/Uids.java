package org.seedplan.dicom.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** Makes new DICOM UIDs under the UUID-derived root 2.25 (PS3.5 §B.2), needing no registered organisation root. */
public final class Uids {

    /** Implementation Class UID of seedplan's writer (2.25 form of a fixed UUID). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.155315713284616317297516358431470329105";
    public static final String IMPLEMENTATION_VERSION = "SEEDPLAN_0_1";
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2";
    public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
    public static final String RT_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.5";
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    public static final String ENHANCED_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2.1";

    private Uids() {
    }

    /** A new random UID, "2.25." followed by the decimal value of a random UUID. */
    public static String newUid() {
        UUID u = UUID.randomUUID();
        byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, b);
    }
}

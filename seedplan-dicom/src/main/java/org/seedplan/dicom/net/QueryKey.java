package org.seedplan.dicom.net;

/**
 * The attributes seedplan matches on or asks for in a Study Root query (PS3.4 §C.6.2), with their
 * tags and value representations.
 */
public enum QueryKey {
    QUERY_RETRIEVE_LEVEL(0x00080052, "CS"),
    STUDY_DATE(0x00080020, "DA"),
    STUDY_TIME(0x00080030, "TM"),
    ACCESSION_NUMBER(0x00080050, "SH"),
    MODALITY(0x00080060, "CS"),
    MODALITIES_IN_STUDY(0x00080061, "CS"),
    STUDY_DESCRIPTION(0x00081030, "LO"),
    SERIES_DESCRIPTION(0x0008103E, "LO"),
    PATIENT_NAME(0x00100010, "PN"),
    PATIENT_ID(0x00100020, "LO"),
    PATIENT_BIRTH_DATE(0x00100030, "DA"),
    STUDY_INSTANCE_UID(0x0020000D, "UI"),
    SERIES_INSTANCE_UID(0x0020000E, "UI"),
    SERIES_NUMBER(0x00200011, "IS"),
    NUMBER_OF_STUDY_RELATED_INSTANCES(0x00201208, "IS"),
    NUMBER_OF_SERIES_RELATED_INSTANCES(0x00201209, "IS");

    private final int tag;
    private final String vr;

    QueryKey(int tag, String vr) {
        this.tag = tag;
        this.vr = vr;
    }

    public int tag() {
        return tag;
    }

    public String vr() {
        return vr;
    }
}

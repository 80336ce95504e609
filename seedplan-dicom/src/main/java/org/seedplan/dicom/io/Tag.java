package org.seedplan.dicom.io;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The DICOM attribute tags seedplan reads or writes (PS3.6), with their value representation and
 * keyword. Implicit-VR files carry no VR; this dictionary supplies it for the tags listed here,
 * and any other tag is kept as UN (and skipped by the readers).
 */
public final class Tag {

    private record Entry(VR vr, String keyword) {
    }

    private static final Map<Integer, Entry> DICT = new HashMap<>();

    private static int def(int tag, VR vr, String keyword) {
        DICT.put(tag, new Entry(vr, keyword));
        return tag;
    }

    // file meta information
    public static final int FILE_META_GROUP_LENGTH = def(0x00020000, VR.UL, "FileMetaInformationGroupLength");
    public static final int FILE_META_VERSION = def(0x00020001, VR.OB, "FileMetaInformationVersion");
    public static final int MEDIA_STORAGE_SOP_CLASS_UID = def(0x00020002, VR.UI, "MediaStorageSOPClassUID");
    public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = def(0x00020003, VR.UI, "MediaStorageSOPInstanceUID");
    public static final int TRANSFER_SYNTAX_UID = def(0x00020010, VR.UI, "TransferSyntaxUID");
    public static final int IMPLEMENTATION_CLASS_UID = def(0x00020012, VR.UI, "ImplementationClassUID");
    public static final int IMPLEMENTATION_VERSION_NAME = def(0x00020013, VR.SH, "ImplementationVersionName");
    // identification, patient, study, series
    public static final int SPECIFIC_CHARACTER_SET = def(0x00080005, VR.CS, "SpecificCharacterSet");
    public static final int IMAGE_TYPE = def(0x00080008, VR.CS, "ImageType");
    public static final int INSTANCE_CREATION_DATE = def(0x00080012, VR.DA, "InstanceCreationDate");
    public static final int INSTANCE_CREATION_TIME = def(0x00080013, VR.TM, "InstanceCreationTime");
    public static final int SOP_CLASS_UID = def(0x00080016, VR.UI, "SOPClassUID");
    public static final int SOP_INSTANCE_UID = def(0x00080018, VR.UI, "SOPInstanceUID");
    public static final int STUDY_DATE = def(0x00080020, VR.DA, "StudyDate");
    public static final int SERIES_DATE = def(0x00080021, VR.DA, "SeriesDate");
    public static final int ACQUISITION_DATE = def(0x00080022, VR.DA, "AcquisitionDate");
    public static final int CONTENT_DATE = def(0x00080023, VR.DA, "ContentDate");
    public static final int STUDY_TIME = def(0x00080030, VR.TM, "StudyTime");
    public static final int CONTENT_TIME = def(0x00080033, VR.TM, "ContentTime");
    public static final int ACCESSION_NUMBER = def(0x00080050, VR.SH, "AccessionNumber");
    public static final int MODALITY = def(0x00080060, VR.CS, "Modality");
    public static final int MANUFACTURER = def(0x00080070, VR.LO, "Manufacturer");
    public static final int REFERRING_PHYSICIAN_NAME = def(0x00080090, VR.PN, "ReferringPhysicianName");
    public static final int STUDY_DESCRIPTION = def(0x00081030, VR.LO, "StudyDescription");
    public static final int SERIES_DESCRIPTION = def(0x0008103E, VR.LO, "SeriesDescription");
    public static final int OPERATORS_NAME = def(0x00081070, VR.PN, "OperatorsName");
    public static final int MANUFACTURER_MODEL_NAME = def(0x00081090, VR.LO, "ManufacturerModelName");
    public static final int REFERENCED_SOP_CLASS_UID = def(0x00081150, VR.UI, "ReferencedSOPClassUID");
    public static final int REFERENCED_SOP_INSTANCE_UID = def(0x00081155, VR.UI, "ReferencedSOPInstanceUID");
    public static final int PATIENT_NAME = def(0x00100010, VR.PN, "PatientName");
    public static final int PATIENT_ID = def(0x00100020, VR.LO, "PatientID");
    public static final int PATIENT_BIRTH_DATE = def(0x00100030, VR.DA, "PatientBirthDate");
    public static final int PATIENT_SEX = def(0x00100040, VR.CS, "PatientSex");
    public static final int BODY_PART_EXAMINED = def(0x00180015, VR.CS, "BodyPartExamined");
    public static final int SLICE_THICKNESS = def(0x00180050, VR.DS, "SliceThickness");
    public static final int KVP = def(0x00180060, VR.DS, "KVP");
    public static final int SPACING_BETWEEN_SLICES = def(0x00180088, VR.DS, "SpacingBetweenSlices");
    public static final int GANTRY_DETECTOR_TILT = def(0x00181120, VR.DS, "GantryDetectorTilt");
    public static final int SOFTWARE_VERSIONS = def(0x00181020, VR.LO, "SoftwareVersions");
    public static final int PATIENT_POSITION = def(0x00185100, VR.CS, "PatientPosition");
    public static final int STUDY_INSTANCE_UID = def(0x0020000D, VR.UI, "StudyInstanceUID");
    public static final int SERIES_INSTANCE_UID = def(0x0020000E, VR.UI, "SeriesInstanceUID");
    public static final int STUDY_ID = def(0x00200010, VR.SH, "StudyID");
    public static final int SERIES_NUMBER = def(0x00200011, VR.IS, "SeriesNumber");
    public static final int ACQUISITION_NUMBER = def(0x00200012, VR.IS, "AcquisitionNumber");
    public static final int INSTANCE_NUMBER = def(0x00200013, VR.IS, "InstanceNumber");
    public static final int PATIENT_ORIENTATION = def(0x00200020, VR.CS, "PatientOrientation");
    public static final int IMAGE_POSITION_PATIENT = def(0x00200032, VR.DS, "ImagePositionPatient");
    public static final int IMAGE_ORIENTATION_PATIENT = def(0x00200037, VR.DS, "ImageOrientationPatient");
    public static final int FRAME_OF_REFERENCE_UID = def(0x00200052, VR.UI, "FrameOfReferenceUID");
    public static final int LATERALITY = def(0x00200060, VR.CS, "Laterality");
    public static final int POSITION_REFERENCE_INDICATOR = def(0x00201040, VR.LO, "PositionReferenceIndicator");
    public static final int SLICE_LOCATION = def(0x00201041, VR.DS, "SliceLocation");
    // image pixel
    public static final int SAMPLES_PER_PIXEL = def(0x00280002, VR.US, "SamplesPerPixel");
    public static final int PHOTOMETRIC_INTERPRETATION = def(0x00280004, VR.CS, "PhotometricInterpretation");
    public static final int NUMBER_OF_FRAMES = def(0x00280008, VR.IS, "NumberOfFrames");
    public static final int FRAME_INCREMENT_POINTER = def(0x00280009, VR.AT, "FrameIncrementPointer");
    public static final int ROWS = def(0x00280010, VR.US, "Rows");
    public static final int COLUMNS = def(0x00280011, VR.US, "Columns");
    public static final int PIXEL_SPACING = def(0x00280030, VR.DS, "PixelSpacing");
    public static final int BITS_ALLOCATED = def(0x00280100, VR.US, "BitsAllocated");
    public static final int BITS_STORED = def(0x00280101, VR.US, "BitsStored");
    public static final int HIGH_BIT = def(0x00280102, VR.US, "HighBit");
    public static final int PIXEL_REPRESENTATION = def(0x00280103, VR.US, "PixelRepresentation");
    public static final int WINDOW_CENTER = def(0x00281050, VR.DS, "WindowCenter");
    public static final int WINDOW_WIDTH = def(0x00281051, VR.DS, "WindowWidth");
    public static final int RESCALE_INTERCEPT = def(0x00281052, VR.DS, "RescaleIntercept");
    public static final int RESCALE_SLOPE = def(0x00281053, VR.DS, "RescaleSlope");
    public static final int RESCALE_TYPE = def(0x00281054, VR.LO, "RescaleType");
    // RT dose
    public static final int DOSE_UNITS = def(0x30040002, VR.CS, "DoseUnits");
    public static final int DOSE_TYPE = def(0x30040004, VR.CS, "DoseType");
    public static final int DOSE_SUMMATION_TYPE = def(0x3004000A, VR.CS, "DoseSummationType");
    public static final int GRID_FRAME_OFFSET_VECTOR = def(0x3004000C, VR.DS, "GridFrameOffsetVector");
    public static final int DOSE_GRID_SCALING = def(0x3004000E, VR.DS, "DoseGridScaling");
    // RT structure set
    public static final int STRUCTURE_SET_LABEL = def(0x30060002, VR.SH, "StructureSetLabel");
    public static final int STRUCTURE_SET_NAME = def(0x30060004, VR.LO, "StructureSetName");
    public static final int STRUCTURE_SET_DATE = def(0x30060008, VR.DA, "StructureSetDate");
    public static final int STRUCTURE_SET_TIME = def(0x30060009, VR.TM, "StructureSetTime");
    public static final int REFERENCED_FRAME_OF_REFERENCE_SEQUENCE = def(0x30060010, VR.SQ, "ReferencedFrameOfReferenceSequence");
    public static final int RT_REFERENCED_STUDY_SEQUENCE = def(0x30060012, VR.SQ, "RTReferencedStudySequence");
    public static final int RT_REFERENCED_SERIES_SEQUENCE = def(0x30060014, VR.SQ, "RTReferencedSeriesSequence");
    public static final int CONTOUR_IMAGE_SEQUENCE = def(0x30060016, VR.SQ, "ContourImageSequence");
    public static final int STRUCTURE_SET_ROI_SEQUENCE = def(0x30060020, VR.SQ, "StructureSetROISequence");
    public static final int ROI_NUMBER = def(0x30060022, VR.IS, "ROINumber");
    public static final int REFERENCED_FRAME_OF_REFERENCE_UID = def(0x30060024, VR.UI, "ReferencedFrameOfReferenceUID");
    public static final int ROI_NAME = def(0x30060026, VR.LO, "ROIName");
    public static final int ROI_DISPLAY_COLOR = def(0x3006002A, VR.IS, "ROIDisplayColor");
    public static final int ROI_GENERATION_ALGORITHM = def(0x30060036, VR.CS, "ROIGenerationAlgorithm");
    public static final int ROI_CONTOUR_SEQUENCE = def(0x30060039, VR.SQ, "ROIContourSequence");
    public static final int CONTOUR_SEQUENCE = def(0x30060040, VR.SQ, "ContourSequence");
    public static final int CONTOUR_GEOMETRIC_TYPE = def(0x30060042, VR.CS, "ContourGeometricType");
    public static final int NUMBER_OF_CONTOUR_POINTS = def(0x30060046, VR.IS, "NumberOfContourPoints");
    public static final int CONTOUR_NUMBER = def(0x30060048, VR.IS, "ContourNumber");
    public static final int CONTOUR_DATA = def(0x30060050, VR.DS, "ContourData");
    public static final int RT_ROI_OBSERVATIONS_SEQUENCE = def(0x30060080, VR.SQ, "RTROIObservationsSequence");
    public static final int OBSERVATION_NUMBER = def(0x30060082, VR.IS, "ObservationNumber");
    public static final int REFERENCED_ROI_NUMBER = def(0x30060084, VR.IS, "ReferencedROINumber");
    public static final int RT_ROI_INTERPRETED_TYPE = def(0x300600A4, VR.CS, "RTROIInterpretedType");
    public static final int ROI_INTERPRETER = def(0x300600A6, VR.PN, "ROIInterpreter");
    // RT plan
    public static final int RT_PLAN_LABEL = def(0x300A0002, VR.SH, "RTPlanLabel");
    public static final int RT_PLAN_NAME = def(0x300A0003, VR.LO, "RTPlanName");
    public static final int RT_PLAN_DATE = def(0x300A0006, VR.DA, "RTPlanDate");
    public static final int RT_PLAN_TIME = def(0x300A0007, VR.TM, "RTPlanTime");
    public static final int RT_PLAN_GEOMETRY = def(0x300A000C, VR.CS, "RTPlanGeometry");
    public static final int DOSE_REFERENCE_SEQUENCE = def(0x300A0010, VR.SQ, "DoseReferenceSequence");
    public static final int DOSE_REFERENCE_NUMBER = def(0x300A0012, VR.IS, "DoseReferenceNumber");
    public static final int DOSE_REFERENCE_UID = def(0x300A0013, VR.UI, "DoseReferenceUID");
    public static final int DOSE_REFERENCE_STRUCTURE_TYPE = def(0x300A0014, VR.CS, "DoseReferenceStructureType");
    public static final int DOSE_REFERENCE_DESCRIPTION = def(0x300A0016, VR.LO, "DoseReferenceDescription");
    public static final int DOSE_REFERENCE_TYPE = def(0x300A0020, VR.CS, "DoseReferenceType");
    public static final int TARGET_PRESCRIPTION_DOSE = def(0x300A0026, VR.DS, "TargetPrescriptionDose");
    public static final int FRACTION_GROUP_SEQUENCE = def(0x300A0070, VR.SQ, "FractionGroupSequence");
    public static final int FRACTION_GROUP_NUMBER = def(0x300A0071, VR.IS, "FractionGroupNumber");
    public static final int NUMBER_OF_FRACTIONS_PLANNED = def(0x300A0078, VR.IS, "NumberOfFractionsPlanned");
    public static final int NUMBER_OF_BEAMS = def(0x300A0080, VR.IS, "NumberOfBeams");
    public static final int NUMBER_OF_BRACHY_APPLICATION_SETUPS = def(0x300A00A0, VR.IS, "NumberOfBrachyApplicationSetups");
    public static final int BRACHY_APPLICATION_SETUP_DOSE = def(0x300A00A4, VR.DS, "BrachyApplicationSetupDose");
    public static final int TREATMENT_MACHINE_NAME = def(0x300A00B2, VR.SH, "TreatmentMachineName");
    public static final int NUMBER_OF_CONTROL_POINTS = def(0x300A0110, VR.IS, "NumberOfControlPoints");
    public static final int CONTROL_POINT_INDEX = def(0x300A0112, VR.IS, "ControlPointIndex");
    public static final int BRACHY_TREATMENT_TECHNIQUE = def(0x300A0200, VR.CS, "BrachyTreatmentTechnique");
    public static final int BRACHY_TREATMENT_TYPE = def(0x300A0202, VR.CS, "BrachyTreatmentType");
    public static final int TREATMENT_MACHINE_SEQUENCE = def(0x300A0206, VR.SQ, "TreatmentMachineSequence");
    public static final int SOURCE_SEQUENCE = def(0x300A0210, VR.SQ, "SourceSequence");
    public static final int SOURCE_NUMBER = def(0x300A0212, VR.IS, "SourceNumber");
    public static final int SOURCE_TYPE = def(0x300A0214, VR.CS, "SourceType");
    public static final int SOURCE_MANUFACTURER = def(0x300A0216, VR.LO, "SourceManufacturer");
    public static final int ACTIVE_SOURCE_DIAMETER = def(0x300A0218, VR.DS, "ActiveSourceDiameter");
    public static final int ACTIVE_SOURCE_LENGTH = def(0x300A021A, VR.DS, "ActiveSourceLength");
    public static final int SOURCE_MODEL_ID = def(0x300A021B, VR.SH, "SourceModelID");
    public static final int SOURCE_DESCRIPTION = def(0x300A021C, VR.LO, "SourceDescription");
    public static final int SOURCE_ISOTOPE_NAME = def(0x300A0226, VR.LO, "SourceIsotopeName");
    public static final int SOURCE_ISOTOPE_HALF_LIFE = def(0x300A0228, VR.DS, "SourceIsotopeHalfLife");
    public static final int SOURCE_STRENGTH_UNITS = def(0x300A0229, VR.CS, "SourceStrengthUnits");
    public static final int REFERENCE_AIR_KERMA_RATE = def(0x300A022A, VR.DS, "ReferenceAirKermaRate");
    public static final int SOURCE_STRENGTH = def(0x300A022B, VR.DS, "SourceStrength");
    public static final int SOURCE_STRENGTH_REFERENCE_DATE = def(0x300A022C, VR.DA, "SourceStrengthReferenceDate");
    public static final int SOURCE_STRENGTH_REFERENCE_TIME = def(0x300A022E, VR.TM, "SourceStrengthReferenceTime");
    public static final int APPLICATION_SETUP_SEQUENCE = def(0x300A0230, VR.SQ, "ApplicationSetupSequence");
    public static final int APPLICATION_SETUP_TYPE = def(0x300A0232, VR.CS, "ApplicationSetupType");
    public static final int APPLICATION_SETUP_NUMBER = def(0x300A0234, VR.IS, "ApplicationSetupNumber");
    public static final int APPLICATION_SETUP_NAME = def(0x300A0236, VR.LO, "ApplicationSetupName");
    public static final int TOTAL_REFERENCE_AIR_KERMA = def(0x300A0250, VR.DS, "TotalReferenceAirKerma");
    public static final int CHANNEL_SEQUENCE = def(0x300A0280, VR.SQ, "ChannelSequence");
    public static final int CHANNEL_NUMBER = def(0x300A0282, VR.IS, "ChannelNumber");
    public static final int CHANNEL_LENGTH = def(0x300A0284, VR.DS, "ChannelLength");
    public static final int CHANNEL_TOTAL_TIME = def(0x300A0286, VR.DS, "ChannelTotalTime");
    public static final int SOURCE_MOVEMENT_TYPE = def(0x300A0288, VR.CS, "SourceMovementType");
    public static final int NUMBER_OF_PULSES = def(0x300A028A, VR.IS, "NumberOfPulses");
    public static final int TRANSFER_TUBE_NUMBER = def(0x300A02A2, VR.IS, "TransferTubeNumber");
    public static final int FINAL_CUMULATIVE_TIME_WEIGHT = def(0x300A02C8, VR.DS, "FinalCumulativeTimeWeight");
    public static final int BRACHY_CONTROL_POINT_SEQUENCE = def(0x300A02D0, VR.SQ, "BrachyControlPointSequence");
    public static final int CONTROL_POINT_RELATIVE_POSITION = def(0x300A02D2, VR.DS, "ControlPointRelativePosition");
    public static final int CONTROL_POINT_3D_POSITION = def(0x300A02D4, VR.DS, "ControlPoint3DPosition");
    public static final int CUMULATIVE_TIME_WEIGHT = def(0x300A02D6, VR.DS, "CumulativeTimeWeight");
    public static final int CONTROL_POINT_ORIENTATION = def(0x300A0412, VR.FL, "ControlPointOrientation");
    public static final int REFERENCED_RT_PLAN_SEQUENCE = def(0x300C0002, VR.SQ, "ReferencedRTPlanSequence");
    public static final int REFERENCED_BRACHY_APPLICATION_SETUP_SEQUENCE = def(0x300C000A, VR.SQ, "ReferencedBrachyApplicationSetupSequence");
    public static final int REFERENCED_BRACHY_APPLICATION_SETUP_NUMBER = def(0x300C000C, VR.IS, "ReferencedBrachyApplicationSetupNumber");
    public static final int REFERENCED_SOURCE_NUMBER = def(0x300C000E, VR.IS, "ReferencedSourceNumber");
    public static final int REFERENCED_STRUCTURE_SET_SEQUENCE = def(0x300C0060, VR.SQ, "ReferencedStructureSetSequence");
    public static final int APPROVAL_STATUS = def(0x300E0002, VR.CS, "ApprovalStatus");
    // multi-frame functional groups (Enhanced CT, PS3.3 C.7.6.16)
    public static final int PIXEL_MEASURES_SEQUENCE = def(0x00289110, VR.SQ, "PixelMeasuresSequence");
    public static final int PLANE_POSITION_SEQUENCE = def(0x00209113, VR.SQ, "PlanePositionSequence");
    public static final int PLANE_ORIENTATION_SEQUENCE = def(0x00209116, VR.SQ, "PlaneOrientationSequence");
    public static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = def(0x00289145, VR.SQ, "PixelValueTransformationSequence");
    public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = def(0x52009229, VR.SQ, "SharedFunctionalGroupsSequence");
    public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = def(0x52009230, VR.SQ, "PerFrameFunctionalGroupsSequence");
    // spatial registration (PS3.3 C.20.2)
    public static final int REGISTRATION_SEQUENCE = def(0x00700308, VR.SQ, "RegistrationSequence");
    public static final int MATRIX_REGISTRATION_SEQUENCE = def(0x00700309, VR.SQ, "MatrixRegistrationSequence");
    public static final int MATRIX_SEQUENCE = def(0x0070030A, VR.SQ, "MatrixSequence");
    public static final int FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX_TYPE = def(0x0070030C, VR.CS,
            "FrameOfReferenceTransformationMatrixType");
    public static final int FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX = def(0x300600C6, VR.DS, "FrameOfReferenceTransformationMatrix");
    // pixel data and sequence delimiters
    public static final int PIXEL_DATA = def(0x7FE00010, VR.OW, "PixelData");
    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private Tag() {
    }

    /** The dictionary VR of a tag, or UN for a tag seedplan does not know (PS3.5 §6.2.2). */
    public static VR vrOf(int tag) {
        if ((tag & 0xFFFF) == 0) {
            return VR.UL; // group length
        }
        Entry e = DICT.get(tag);
        return e == null ? VR.UN : e.vr();
    }

    /** "Keyword (gggg,eeee)" for messages; only the numbers for a tag outside the dictionary. */
    public static String describe(int tag) {
        Entry e = DICT.get(tag);
        String hex = Integer.toHexString(tag).toUpperCase(Locale.ROOT);
        hex = "00000000".substring(hex.length()) + hex;
        String num = "(" + hex.substring(0, 4) + "," + hex.substring(4) + ")";
        return e == null ? num : e.keyword() + " " + num;
    }
}

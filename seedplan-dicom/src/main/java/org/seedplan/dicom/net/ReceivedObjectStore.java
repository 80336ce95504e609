package org.seedplan.dicom.net;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.seedplan.dicom.UmaskFiles;
import org.seedplan.dicom.codec.PixelFrames;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;

/**
 * Keeps objects received by C-STORE in a folder, as {@code STUDY_UID/SERIES_UID/SOP_INSTANCE_UID.dcm}:
 * the data set exactly as received, behind file meta information naming its transfer syntax. An
 * object is parsed in full (and its 16-bit pixel frames decoded) before it is kept, written to a
 * hidden temporary file and then moved into place, so a corrupt or half-received object is never kept.
 */
public final class ReceivedObjectStore {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private final Path folder;

    /** A store writing under {@code folder}. */
    public ReceivedObjectStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    /** One object kept: its file and the study and series it belongs to. */
    public record StoredObject(Path file, String studyInstanceUid, String seriesInstanceUid) {
    }

    /**
     * Checks and keeps one object; returns where it went. A corrupt object, or one whose UIDs differ from
     * the command's, throws {@link IllegalArgumentException} and nothing is written.
     */
    public StoredObject store(String transferSyntax, String sopClass, String sopInstance, String sourceAe, byte[] dataSet) {
        String what = "object " + sopInstance + " from " + sourceAe;
        uid(sopClass, what, "Affected SOP Class UID");
        uid(sopInstance, what, "Affected SOP Instance UID");
        byte[] file = Part10.file(transferSyntax, sopClass, sopInstance, sourceAe, dataSet);
        DicomFile parsed = DicomReader.parse(file, what);
        DataSet ds = parsed.dataSet();
        if (!sopClass.equals(ds.string(Tag.SOP_CLASS_UID).orElse(null))
                || !sopInstance.equals(ds.string(Tag.SOP_INSTANCE_UID).orElse(null))) {
            throw new IllegalArgumentException(what + ": the data set's SOP Class/Instance UIDs ("
                    + ds.string(Tag.SOP_CLASS_UID).orElse("none") + ", " + ds.string(Tag.SOP_INSTANCE_UID).orElse("none")
                    + ") differ from the C-STORE command's");
        }
        String study = uid(ds.string(Tag.STUDY_INSTANCE_UID).orElse(null), what, "Study Instance UID");
        String series = uid(ds.string(Tag.SERIES_INSTANCE_UID).orElse(null), what, "Series Instance UID");
        checkPixels(parsed, what);
        Path target = folder.resolve(study).resolve(series).resolve(sopInstance + ".dcm");
        UmaskFiles.writeAtomically(target, file);
        return new StoredObject(target, study, series);
    }

    /** Decodes every frame of 16-bit pixel data, so that a damaged compressed stream is refused. */
    private static void checkPixels(DicomFile f, String what) {
        DataSet ds = f.dataSet();
        if (!ds.contains(Tag.PIXEL_DATA) || ds.integer(Tag.BITS_ALLOCATED).orElse(0) != 16) {
            return;
        }
        int frames = ds.integer(Tag.NUMBER_OF_FRAMES).orElse(1);
        int rows = ds.requireInteger(Tag.ROWS);
        int cols = ds.requireInteger(Tag.COLUMNS);
        for (int i = 0; i < frames; i++) {
            PixelFrames.frame16(f.transferSyntaxUid(), ds.element(Tag.PIXEL_DATA), i, frames, rows, cols, what);
        }
    }

    private static String uid(String value, String what, String field) {
        if (value == null || value.length() > 64 || !UID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ": " + field + " '" + value + "' is missing or not a valid UID");
        }
        return value;
    }
}

package org.seedplan.dicom.net;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.seedplan.dicom.UmaskFiles;
import org.seedplan.dicom.codec.PixelFrames;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;

/**
 * Checks and keeps objects received by C-STORE: the data set exactly as received, behind file meta information
 * naming its transfer syntax and the sender's AE title. An object is parsed in full (and its 16-bit pixel frames
 * decoded) before it is handed to the {@link Keeper}, so a corrupt or half-received object is never kept. The
 * default keeper files it in a folder as {@code STUDY_UID/SERIES_UID/SOP_INSTANCE_UID.dcm}, written to a hidden
 * temporary file and then moved into place; {@code seedplan serve} gives one that files it in the registry.
 */
public final class ReceivedObjectStore {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final System.Logger LOG = System.getLogger(ReceivedObjectStore.class.getName());
    private final Keeper keeper;

    /** A store writing under {@code folder}. */
    public ReceivedObjectStore(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        this.keeper = o -> {
            Path target = root.resolve(o.studyInstanceUid()).resolve(o.seriesInstanceUid()).resolve(o.sopInstanceUid() + ".dcm");
            UmaskFiles.writeAtomically(target, o.part10());
            return new StoredObject(target, o.studyInstanceUid(), o.seriesInstanceUid());
        };
    }

    /** A store handing every checked object to {@code keeper}. */
    public ReceivedObjectStore(Keeper keeper) {
        this.keeper = keeper;
    }

    /** One object kept: its file and the study and series it belongs to. */
    public record StoredObject(Path file, String studyInstanceUid, String seriesInstanceUid) {
    }

    /** An object that passed every check: who sent it, its UIDs and its Part 10 bytes (file meta and data set as received). */
    public record CheckedObject(String sourceAe, String sopClassUid, String sopInstanceUid, String studyInstanceUid,
                                String seriesInstanceUid, byte[] part10) {
    }

    /** Where checked objects go. */
    @FunctionalInterface
    public interface Keeper {
        /**
         * Keeps one object whole or not at all; throws {@link IllegalArgumentException} to refuse it (C-STORE status
         * C000) and {@link UncheckedIOException} when it cannot be written (A700).
         */
        StoredObject keep(CheckedObject o);
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
        return keeper.keep(new CheckedObject(sourceAe, sopClass, sopInstance, study, series, file));
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

    /**
     * Handles a C-STORE-RQ: keeps its object and returns the C-STORE-RSP, whose status (PS3.4 Table
     * B.2-1) is 0000 when kept, A900 when the SOP class is not the context's, C000 for a corrupt object
     * and A700 when it cannot be written. {@code onKept} hears of each object kept.
     */
    Command handle(DimseMessage m, String callingAe, String peer, Consumer<StoredObject> onKept) {
        Command rq = m.command();
        String instance = rq.string(Command.AFFECTED_SOP_INSTANCE_UID);
        int status = keep(m, callingAe, peer, onKept);
        Command rsp = Command.of(Command.C_STORE_RSP)
                .putUid(Command.AFFECTED_SOP_CLASS_UID, m.context().abstractSyntax())
                .putUs(Command.MESSAGE_ID_BEING_RESPONDED_TO, rq.us(Command.MESSAGE_ID))
                .putUs(Command.STATUS, status);
        return instance == null ? rsp : rsp.putUid(Command.AFFECTED_SOP_INSTANCE_UID, instance);
    }

    private int keep(DimseMessage m, String callingAe, String peer, Consumer<StoredObject> onKept) {
        String sopClass = m.command().string(Command.AFFECTED_SOP_CLASS_UID);
        String sopInstance = m.command().string(Command.AFFECTED_SOP_INSTANCE_UID);
        if (m.dataSet() == null || sopClass == null || sopInstance == null) {
            LOG.log(System.Logger.Level.WARNING, peer + ": C-STORE without data set or UIDs refused");
            return 0xC000;
        }
        if (!sopClass.equals(m.context().abstractSyntax())) {
            LOG.log(System.Logger.Level.WARNING, peer + ": C-STORE of " + sopClass + " on a context for "
                    + m.context().abstractSyntax() + " refused");
            return 0xA900;
        }
        try {
            StoredObject kept = store(m.context().transferSyntax(), sopClass, sopInstance, callingAe, m.dataSet());
            onKept.accept(kept);
            LOG.log(System.Logger.Level.DEBUG, peer + ": stored " + kept.file());
            return Command.SUCCESS;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, peer + ": object refused: " + e.getMessage());
            return 0xC000;
        } catch (RuntimeException e) {
            // cannot be written (disk, database): the sender may try again later
            LOG.log(System.Logger.Level.ERROR, peer + ": object not stored: " + e.getMessage());
            return 0xA700;
        }
    }

    private static String uid(String value, String what, String field) {
        if (value == null || value.length() > 64 || !UID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ": " + field + " '" + value + "' is missing or not a valid UID");
        }
        return value;
    }
}

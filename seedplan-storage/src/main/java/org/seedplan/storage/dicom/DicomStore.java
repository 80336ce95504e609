package org.seedplan.storage.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The DICOM file store: Part 10 files under {@code <data>/dicom/<first two hex digits of the file's SHA-256>/
 * <SOP Instance UID>.dcm}, indexed in {@code dicom_study}, {@code dicom_series} and {@code dicom_instance}.
 * A file is written to a temporary file in its final folder, forced to disk and renamed atomically inside the
 * caller's transaction, which commits only afterwards; if that transaction rolls back the file is removed, and a
 * process killed between rename and commit leaves an orphan file that {@link #open} removes at the next start.
 */
public final class DicomStore {

    /** Folder of the DICOM files inside the data folder. */
    public static final String FOLDER = "dicom";
    /** SOP Class UID of a DICOMDIR (Media Storage Directory Storage), which is skipped. */
    static final String DICOMDIR_CLASS = "1.2.840.10008.1.3.10";
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    /**
     * Files (absolute paths) this process is writing in transactions that have not ended yet; the orphan sweep
     * leaves them alone. Registration and the sweep's check-and-delete synchronise on this set.
     */
    private static final Set<Path> IN_FLIGHT = new HashSet<>();

    private final Database db;
    private final Path root;
    private final PatientRepository patients;
    private final AuditTrail audit;

    private DicomStore(Database db) {
        this.db = db;
        this.root = db.dataFolder().resolve(FOLDER);
        this.patients = new PatientRepository(db);
        this.audit = new AuditTrail(db);
    }

    /**
     * Opens the store of {@code db} and removes orphan files (files no index row names, and left-over temporary
     * files). With PostgreSQL, where other servers may be writing into the same folder, only orphans older than
     * an hour are removed; the embedded database belongs to one process, so every orphan goes.
     */
    public static DicomStore open(Database db) {
        DicomStore store = new DicomStore(db);
        store.removeOrphans(db.dialect() == Dialect.SQLITE ? Duration.ZERO : Duration.ofHours(1));
        return store;
    }

    /**
     * Removes files under the store that no index row names and that are older than {@code grace} (left-over
     * temporary files included); files this process is writing right now are kept. Returns how many were removed.
     */
    public int removeOrphans(Duration grace) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Set<String> indexed = new HashSet<>(db.read(tx -> tx.query("SELECT file_path FROM dicom_instance", r -> r.string("file_path"))));
        Instant cutoff = Instant.now().minus(grace);
        int removed = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = relative(f);
                if (indexed.contains(rel) || modifiedAfter(f, cutoff)) {
                    continue;
                }
                synchronized (IN_FLIGHT) {
                    boolean stillIndexed = db.read(tx -> tx.number("SELECT COUNT(*) FROM dicom_instance WHERE file_path = ?", rel)) > 0;
                    if (!IN_FLIGHT.contains(finalFileOf(f)) && !stillIndexed && Files.deleteIfExists(f)) {
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("DICOM store " + root + ": orphan sweep failed (" + e.getMessage() + ")", e);
        }
        return removed;
    }

    /** True when {@code f} changed after {@code cutoff} or is gone already (a temporary file renamed meanwhile). */
    private static boolean modifiedAfter(Path f, Instant cutoff) throws IOException {
        try {
            return Files.getLastModifiedTime(f).toInstant().isAfter(cutoff);
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        }
    }

    /** The final file a temporary file ({@code .<name>.<random>.tmp}) is written for, or the file itself. */
    private static Path finalFileOf(Path f) {
        String n = f.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(".tmp") && n.contains(".dcm.")) {
            return f.resolveSibling(n.substring(1, n.indexOf(".dcm.") + 4)).toAbsolutePath();
        }
        return f.toAbsolutePath();
    }

    /**
     * Stores one Part 10 object under patient {@code patientDbId}; refuses one whose Patient ID disagrees with that
     * patient's. An identical object already stored is not written again; a different object with the same SOP
     * Instance UID is refused.
     */
    public StoredInstance store(Actor actor, long patientDbId, byte[] bytes, String source) {
        return db.inTransaction(tx -> {
            Patient p = patients.find(patientDbId).orElseThrow(() -> new NotFoundException("patient", patientDbId));
            return store(tx, actor, p, header(bytes, source), bytes, source);
        });
    }

    /** Imports files, folders or zip archives under one patient, all or nothing; non-DICOM files are skipped and listed. */
    public ImportResult importForPatient(Actor actor, long patientDbId, List<Path> paths, ImportLimits limits) {
        Patient p = patients.find(patientDbId).orElseThrow(() -> new NotFoundException("patient", patientDbId));
        return importAll(paths, limits, ds -> p, actor);
    }

    /**
     * Imports files, folders or zip archives into a centre, all or nothing: each object goes to the centre's patient
     * with its Patient ID, who is created (name, sex, birth date from the header) when the centre has none yet.
     */
    public ImportResult importIntoCentre(Actor actor, long centreId, List<Path> paths, ImportLimits limits) {
        Map<String, Patient> byId = new LinkedHashMap<>();
        return importAll(paths, limits, ds -> byId.computeIfAbsent(ds.string(Tag.PATIENT_ID, ""),
                id -> patients.findByPatientId(centreId, id).orElseGet(() -> patients.create(actor, patientFromHeader(centreId, ds)))),
                actor);
    }

    /**
     * Stores one Part 10 object received over the network into a centre, with the checks of an upload: it goes to the
     * centre's patient with its Patient ID (created from the header when the centre has none yet), never to another
     * centre's. The object and its index rows commit together or not at all.
     */
    public StoredInstance storeIntoCentre(Actor actor, long centreId, byte[] bytes, String source) {
        DicomFile f = header(bytes, source);
        return db.inTransaction(tx -> {
            DataSet ds = f.dataSet();
            String id = ds.string(Tag.PATIENT_ID).filter(s -> !s.isBlank()).orElseThrow(() -> ds.missing(Tag.PATIENT_ID));
            Patient p = patients.findByPatientId(centreId, id).orElseGet(() -> patients.create(actor, patientFromHeader(centreId, ds)));
            return store(tx, actor, p, f, bytes, source);
        });
    }

    private ImportResult importAll(List<Path> paths, ImportLimits limits, Function<DataSet, Patient> patientOf, Actor actor) {
        return db.inTransaction(tx -> {
            List<StoredInstance> stored = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            new DicomSources(limits).walk(paths, (name, bytes) -> {
                DicomFile f;
                try {
                    f = DicomReader.parse(bytes, name);
                } catch (RuntimeException e) {
                    skipped.add(name + ": not a DICOM file (" + e.getMessage() + ")");
                    return;
                }
                if (DICOMDIR_CLASS.equals(f.meta().string(Tag.MEDIA_STORAGE_SOP_CLASS_UID, ""))) {
                    skipped.add(name + ": a DICOMDIR (the objects it lists are imported as files)");
                    return;
                }
                stored.add(store(tx, actor, patientOf.apply(f.dataSet()), f, bytes, name));
            });
            return new ImportResult(stored, skipped);
        });
    }

    private StoredInstance store(Tx tx, Actor actor, Patient p, DicomFile f, byte[] bytes, String source) {
        DataSet ds = f.dataSet();
        String patientId = ds.string(Tag.PATIENT_ID, "");
        if (!patientId.equals(p.patientId())) {
            throw new IllegalArgumentException(source + ": Patient ID '" + patientId + "' disagrees with patient '" + p.patientId()
                    + "' it is being filed under; import it under patient " + patientId + " or correct the file");
        }
        String sop = uid(ds, Tag.SOP_INSTANCE_UID, source);
        String sopClass = uid(ds, Tag.SOP_CLASS_UID, source);
        String studyUid = uid(ds, Tag.STUDY_INSTANCE_UID, source);
        String seriesUid = uid(ds, Tag.SERIES_INSTANCE_UID, source);
        String modality = ds.string(Tag.MODALITY).orElseThrow(() -> ds.missing(Tag.MODALITY));
        String sha = sha256(bytes);

        Optional<String[]> existing = tx.one("SELECT sha256, file_path FROM dicom_instance WHERE sop_instance_uid = ?",
                r -> new String[] {r.string("sha256"), r.string("file_path")}, sop);
        if (existing.isPresent()) {
            if (!existing.get()[0].equals(sha)) {
                throw new IllegalArgumentException(source + ": SOP Instance UID " + sop + " is already stored with different content;"
                        + " a changed object needs a new SOP Instance UID");
            }
            return new StoredInstance(p.id(), studyUid, seriesUid, sop, modality, existing.get()[1], sha, bytes.length, true);
        }
        long studyId = study(tx, actor, p, ds, studyUid, source);
        long seriesId = series(tx, actor, studyId, ds, seriesUid, modality, source);
        String rel = FOLDER + "/" + sha.substring(0, 2) + "/" + sop + ".dcm";
        // index first: the unique SOP Instance UID makes a concurrent writer of the same object (another server) wait
        // here until this transaction ends, so two transactions never write and delete the same file
        Optional<Long> inserted = tx.query("INSERT INTO dicom_instance (series_id, sop_instance_uid, sop_class_uid, instance_number,"
                + " file_path, sha256, size_bytes, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sop_instance_uid) DO NOTHING"
                + " RETURNING id", r -> r.longValue("id"), seriesId, sop, sopClass,
                ds.integer(Tag.INSTANCE_NUMBER).isPresent() ? ds.integer(Tag.INSTANCE_NUMBER).getAsInt() : null, rel, sha,
                (long) bytes.length, Instant.now()).stream().findFirst();
        if (inserted.isEmpty()) {
            String stored = tx.one("SELECT sha256 FROM dicom_instance WHERE sop_instance_uid = ?", r -> r.string("sha256"), sop).orElseThrow();
            if (!stored.equals(sha)) {
                throw new IllegalArgumentException(source + ": SOP Instance UID " + sop + " is already stored with different content;"
                        + " a changed object needs a new SOP Instance UID");
            }
            return new StoredInstance(p.id(), studyUid, seriesUid, sop, modality, rel, sha, bytes.length, true);
        }
        long id = inserted.get();
        Path file = db.dataFolder().resolve(rel).toAbsolutePath();
        synchronized (IN_FLIGHT) {
            IN_FLIGHT.add(file);
        }
        tx.onCompletion(() -> {
            synchronized (IN_FLIGHT) {
                IN_FLIGHT.remove(file);
            }
        });
        writeDurably(file, bytes);
        tx.onRollback(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        audit.append(actor, "CREATE", "dicom_instance", id, "sop_instance_uid", null, sop, null);
        return new StoredInstance(p.id(), studyUid, seriesUid, sop, modality, rel, sha, bytes.length, false);
    }

    private long study(Tx tx, Actor actor, Patient p, DataSet ds, String studyUid, String source) {
        Optional<long[]> found = tx.one("SELECT id, patient_id FROM dicom_study WHERE study_instance_uid = ?",
                r -> new long[] {r.longValue("id"), r.longValue("patient_id")}, studyUid);
        if (found.isPresent()) {
            if (found.get()[1] != p.id()) {
                throw new IllegalArgumentException(source + ": study " + studyUid + " is already filed under another patient;"
                        + " check the Patient ID of the files");
            }
            return found.get()[0];
        }
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("patient_id", p.id());
        cols.put("study_instance_uid", studyUid);
        cols.put("study_date", date(ds, Tag.STUDY_DATE));
        cols.put("description", ds.string(Tag.STUDY_DESCRIPTION, null));
        Optional<Long> id = tx.query("INSERT INTO dicom_study (patient_id, study_instance_uid, study_date, description)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (study_instance_uid) DO NOTHING RETURNING id", r -> r.longValue("id"),
                cols.values().toArray()).stream().findFirst();
        if (id.isEmpty()) {
            // another server filed the same study a moment ago
            return study(tx, actor, p, ds, studyUid, source);
        }
        audit.changes(actor, "CREATE", "dicom_study", id.get(), Map.of(), cols, null);
        return id.get();
    }

    private long series(Tx tx, Actor actor, long studyId, DataSet ds, String seriesUid, String modality, String source) {
        Optional<long[]> found = tx.one("SELECT id, study_id FROM dicom_series WHERE series_instance_uid = ?",
                r -> new long[] {r.longValue("id"), r.longValue("study_id")}, seriesUid);
        if (found.isPresent()) {
            if (found.get()[1] != studyId) {
                throw new IllegalArgumentException(source + ": series " + seriesUid + " is already stored in another study");
            }
            return found.get()[0];
        }
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("study_id", studyId);
        cols.put("series_instance_uid", seriesUid);
        cols.put("modality", modality);
        cols.put("series_number", ds.integer(Tag.SERIES_NUMBER).isPresent() ? ds.integer(Tag.SERIES_NUMBER).getAsInt() : null);
        cols.put("description", ds.string(Tag.SERIES_DESCRIPTION, null));
        cols.put("frame_of_reference_uid", ds.string(Tag.FRAME_OF_REFERENCE_UID, null));
        Optional<Long> id = tx.query("INSERT INTO dicom_series (study_id, series_instance_uid, modality, series_number, description,"
                + " frame_of_reference_uid) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (series_instance_uid) DO NOTHING RETURNING id",
                r -> r.longValue("id"), cols.values().toArray()).stream().findFirst();
        if (id.isEmpty()) {
            return series(tx, actor, studyId, ds, seriesUid, modality, source);
        }
        audit.changes(actor, "CREATE", "dicom_series", id.get(), Map.of(), cols, null);
        return id.get();
    }

    /** The stored studies of a patient with their series and instance counts, newest study first. */
    public List<StudyInfo> studies(long patientDbId) {
        return db.read(tx -> {
            List<StudyInfo> out = new ArrayList<>();
            for (Object[] s : tx.query("SELECT id, study_instance_uid, study_date, description FROM dicom_study WHERE patient_id = ?"
                    + " ORDER BY study_date DESC, id DESC", r -> new Object[] {r.longValue("id"), r.string("study_instance_uid"),
                            r.date("study_date"), r.string("description")}, patientDbId)) {
                List<StudyInfo.SeriesInfo> series = tx.query("SELECT s.*, (SELECT COUNT(*) FROM dicom_instance i WHERE i.series_id = s.id)"
                        + " AS instance_count FROM dicom_series s WHERE s.study_id = ? ORDER BY s.series_number, s.id",
                        r -> new StudyInfo.SeriesInfo(r.longValue("id"), r.string("series_instance_uid"), r.string("modality"),
                                r.intOrNull("series_number"), r.string("description"), r.string("frame_of_reference_uid"),
                                r.longValue("instance_count")), s[0]);
                out.add(new StudyInfo((Long) s[0], (String) s[1], (LocalDate) s[2], (String) s[3], series));
            }
            return out;
        });
    }

    /** The files of a series in instance-number order (absolute paths). */
    public List<Path> seriesFiles(String seriesInstanceUid) {
        return db.read(tx -> tx.query("SELECT i.file_path FROM dicom_instance i JOIN dicom_series s ON s.id = i.series_id"
                + " WHERE s.series_instance_uid = ? ORDER BY i.instance_number, i.id", r -> db.dataFolder().resolve(r.string("file_path")),
                seriesInstanceUid));
    }

    /** The patient (database id) a series belongs to, for access checks. */
    public Optional<Long> patientOfSeries(String seriesInstanceUid) {
        return db.read(tx -> tx.one("SELECT st.patient_id FROM dicom_series s JOIN dicom_study st ON st.id = s.study_id"
                + " WHERE s.series_instance_uid = ?", r -> r.longValue("patient_id"), seriesInstanceUid));
    }

    /** The file of one stored object (absolute path). */
    public Optional<Path> file(String sopInstanceUid) {
        return db.read(tx -> tx.one("SELECT file_path FROM dicom_instance WHERE sop_instance_uid = ?",
                r -> db.dataFolder().resolve(r.string("file_path")), sopInstanceUid));
    }

    private static DicomFile header(byte[] bytes, String source) {
        return DicomReader.parse(bytes, source);
    }

    private static PatientData patientFromHeader(long centreId, DataSet ds) {
        String id = ds.string(Tag.PATIENT_ID).orElseThrow(() -> ds.missing(Tag.PATIENT_ID));
        String[] pn = ds.string(Tag.PATIENT_NAME, "").split("=", -1)[0].split("\\^", -1);
        String sex = ds.string(Tag.PATIENT_SEX, null);
        return new PatientData(centreId, id, blank(pn[0]), pn.length > 1 ? blank(pn[1]) : null,
                sex != null && Set.of("M", "F", "O").contains(sex) ? sex : null, date(ds, Tag.PATIENT_BIRTH_DATE),
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static LocalDate date(DataSet ds, int tag) {
        Optional<String> s = ds.string(tag);
        if (s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s.get().strip(), DA);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String uid(DataSet ds, int tag, String source) {
        String uid = ds.string(tag).orElseThrow(() -> ds.missing(tag));
        if (uid.length() > 64 || !UID.matcher(uid).matches()) {
            throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " '" + uid
                    + "' is not a valid UID (digits and dots, at most 64); correct the file");
        }
        return uid;
    }

    private String relative(Path f) {
        return db.dataFolder().relativize(f.toAbsolutePath()).toString().replace('\\', '/');
    }

    /** Writes {@code bytes} to a temporary file in the target folder, forces it to disk, renames it into place and forces the folder. */
    static void writeDurably(Path file, byte[] bytes) {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open a folder; the rename is then as durable as the OS makes it
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

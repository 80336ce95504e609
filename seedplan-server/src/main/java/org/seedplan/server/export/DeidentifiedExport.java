package org.seedplan.server.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.seedplan.io.CsvTable;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.cohort.CohortExporter;

/**
 * The de-identified cohort of one centre for a statistician, as a zip of the cohort CSV tables
 * (docs/outcomes.md) with: patient IDs replaced by keyed pseudonyms (HMAC-SHA256 under a random key made
 * for this export and then forgotten, so two exports cannot be linked and nobody can reverse them);
 * every date given as days from the patient's implant (the implant is day 0), so no calendar date
 * leaves; free-text columns dropped. The export is audited.
 */
public final class DeidentifiedExport {

    /** Columns holding free text, dropped from every table. */
    static final Set<String> FREE_TEXT = Set.of("prior_treatments");
    /** Date columns and the names of their day-number replacements. */
    static final Map<String, String> DATES = Map.of("implant_date", "implant_day", "date", "day", "start", "start_day");

    private final Database db;

    public DeidentifiedExport(Database db) {
        this.db = db;
    }

    /** The zip of the de-identified tables of {@code centreId}; the export is audited as {@code actor}. */
    public byte[] export(Actor actor, long centreId) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("seedplan-deid");
            Path tables = dir.resolve("cohort");
            new CohortExporter(db).exportCsv(actor, List.of(centreId), tables);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            Map<String, LocalDate> implant = new HashMap<>();
            Path patients = tables.resolve("patients.csv");
            if (Files.exists(patients)) {
                CsvTable t = CsvTable.read(patients);
                for (int r = 0; r < t.rowCount(); r++) {
                    implant.put(t.text(r, "patient_id"), LocalDate.parse(t.text(r, "implant_date")));
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int files = 0;
            try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> list = Files.list(tables)) {
                for (Path f : list.sorted(Comparator.comparing(Path::toString)).toList()) {
                    zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                    zip.write(transform(CsvTable.read(f), mac, implant).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                    files++;
                }
            }
            new AuditTrail(db).event(actor, "EXPORT", "centre", centreId, "de-identified cohort: " + implant.size() + " patients, " + files
                    + " tables; keyed pseudonyms, days from implant, free text dropped");
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** One table with pseudonyms, day numbers and without free text. */
    static String transform(CsvTable t, Mac mac, Map<String, LocalDate> implant) {
        List<String> keep = new ArrayList<>();
        for (String c : t.header()) {
            if (!FREE_TEXT.contains(c)) {
                keep.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", keep.stream().map(c -> DATES.getOrDefault(c, c)).toList())).append("\r\n");
        for (int r = 0; r < t.rowCount(); r++) {
            String pid = t.hasColumn("patient_id") ? t.text(r, "patient_id") : null;
            List<String> cells = new ArrayList<>();
            for (String c : keep) {
                String v = t.text(r, c);
                if (c.equals("patient_id")) {
                    v = pseudonym(mac, v);
                } else if (DATES.containsKey(c) && v != null && !v.isBlank()) {
                    LocalDate day0 = implant.get(pid);
                    if (day0 == null) {
                        throw new IllegalStateException("table " + t.source() + " row " + (r + 1) + ": patient without implant date, cannot express " + c
                                + " as days from implant");
                    }
                    v = v.length() > 10 ? daysWithTime(day0, LocalDateTime.parse(v)) : Long.toString(ChronoUnit.DAYS.between(day0, LocalDate.parse(v)));
                }
                cells.add(csv(v));
            }
            sb.append(String.join(",", cells)).append("\r\n");
        }
        return sb.toString();
    }

    private static String daysWithTime(LocalDate day0, LocalDateTime t) {
        double days = ChronoUnit.MINUTES.between(day0.atStartOfDay(), t) / 1440.0;
        return String.format(Locale.ROOT, "%.4f", days);
    }

    static String pseudonym(Mac mac, String patientId) {
        byte[] h = mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8));
        return "S" + HexFormat.of().formatHex(h, 0, 6);
    }

    private static String csv(String v) {
        if (v == null) {
            return "";
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

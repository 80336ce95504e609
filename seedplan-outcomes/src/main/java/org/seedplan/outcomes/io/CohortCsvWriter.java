package org.seedplan.outcomes.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.registry.AdverseEvent;
import org.seedplan.outcomes.registry.Cohort;
import org.seedplan.outcomes.registry.Dosimetry;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.TemperatureSample;

/**
 * Writes a cohort as a folder of CSV files in the {@link CohortFormat} (UTF-8, comma-separated, RFC 4180
 * quoting, missing values as empty cells). Each file is written to a temporary file and then moved into place.
 */
public final class CohortCsvWriter {

    private CohortCsvWriter() {
    }

    /** Writes the cohort tables (and, when {@code sessions} is not empty, the hyperthermia log) into {@code dir}. */
    public static void write(Cohort cohort, List<HyperthermiaSession> sessions, Path dir) {
        List<List<String>> patients = new ArrayList<>();
        List<List<String>> lesions = new ArrayList<>();
        List<List<String>> followUps = new ArrayList<>();
        List<List<String>> measurements = new ArrayList<>();
        List<List<String>> events = new ArrayList<>();
        for (Patient p : cohort.patients()) {
            patients.add(patientRow(p));
            for (Lesion l : p.lesions()) {
                lesions.add(List.of(p.id(), l.id(), l.organ(), yesNo(l.nodal()), yesNo(l.target()),
                        str(l.baselineDiameterMm()), str(l.baselineViableDiameterMm())));
            }
            for (FollowUp f : p.followUps()) {
                List<String> row = new ArrayList<>(List.of(p.id(), f.date().toString(), f.newLesion() == null ? "" : yesNo(f.newLesion()),
                        f.nonTarget() == null ? "" : f.nonTarget().name(), str(f.nrsPain())));
                for (int i = 0; i < 30; i++) {
                    row.add(f.qlqItems().isEmpty() ? "" : str(f.qlqItems().get(i)));
                }
                row.add(yesNo(f.localProgression()));
                row.add(yesNo(f.died()));
                followUps.add(row);
                for (LesionMeasurement m : f.measurements()) {
                    measurements.add(List.of(p.id(), m.lesionId(), f.date().toString(), str(m.diameterMm()), str(m.viableDiameterMm())));
                }
            }
            for (AdverseEvent e : p.adverseEvents()) {
                events.add(List.of(p.id(), e.date() == null ? "" : e.date().toString(), e.term(), Integer.toString(e.grade()),
                        e.scale() == org.seedplan.outcomes.registry.AdverseEventScale.RTOG ? "RTOG" : "CTCAE5"));
            }
        }
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(dir.resolve(CohortFormat.PATIENTS + ".csv"), csv(CohortFormat.PATIENT_COLUMNS, patients));
        files.put(dir.resolve(CohortFormat.LESIONS + ".csv"), csv(CohortFormat.LESION_COLUMNS, lesions));
        files.put(dir.resolve(CohortFormat.FOLLOWUPS + ".csv"), csv(CohortFormat.FOLLOWUP_COLUMNS, followUps));
        files.put(dir.resolve(CohortFormat.MEASUREMENTS + ".csv"), csv(CohortFormat.MEASUREMENT_COLUMNS, measurements));
        files.put(dir.resolve(CohortFormat.ADVERSE_EVENTS + ".csv"), csv(CohortFormat.ADVERSE_EVENT_COLUMNS, events));
        if (!sessions.isEmpty()) {
            files.put(dir.resolve(CohortFormat.HYPERTHERMIA + ".csv"), csv(CohortFormat.HYPERTHERMIA_COLUMNS, hyperthermiaRows(sessions)));
        }
        writeAll(files);
    }

    /** Writes every file to a temporary name beside it first and renames them only when all are written. */
    private static void writeAll(Map<Path, String> files) {
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, String> e : files.entrySet()) {
                Files.createDirectories(e.getKey().toAbsolutePath().getParent());
                Path tmp = e.getKey().resolveSibling("." + e.getKey().getFileName() + ".tmp");
                temps.put(e.getKey(), tmp);
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<Path, Path> e : temps.entrySet()) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Path tmp : temps.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original error matters more
                }
            }
        }
    }

    /** Rows of the hyperthermia log table for {@code sessions}. */
    static List<List<String>> hyperthermiaRows(List<HyperthermiaSession> sessions) {
        List<List<String>> rows = new ArrayList<>();
        for (HyperthermiaSession s : sessions) {
            for (TemperatureSample t : s.samples()) {
                rows.add(List.of(s.patientId(), Integer.toString(s.session()), s.start().toString(), str(t.timeMin()),
                        Integer.toString(t.channel()), str(t.tempC())));
            }
        }
        return rows;
    }

    private static List<String> patientRow(Patient p) {
        List<String> r = new ArrayList<>(List.of(p.id(), str(p.ageYears()),
                p.sex() == null ? "" : p.sex() == org.seedplan.outcomes.registry.Sex.MALE ? "M" : "F",
                nz(p.tumourType()), nz(p.stage()), str(p.ecog()), str(p.kps()), nz(p.childPugh()), str(p.tumourMarker()),
                String.join(";", p.priorTreatments()), p.hyperthermia() == null ? "" : yesNo(p.hyperthermia()),
                p.implant().date().toString(), str(p.implant().seedActivityMCi())));
        for (Dosimetry d : List.of(p.implant().prePlan(), p.implant().postPlan())) {
            r.addAll(List.of(str(d.d90Gy()), str(d.d100Gy()), str(d.v100Pct()), str(d.v150Pct()), str(d.homogeneityIndex()),
                    str(d.seedCount()), str(d.ptvCc())));
        }
        r.add(nz(p.implant().prePlan().structure()));
        r.add(nz(p.implant().postPlan().structure()));
        return r;
    }

    /** CSV text (RFC 4180) of a header and rows. */
    static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header);
        rows.forEach(r -> appendLine(sb, r));
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append('\n');
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String str(Number n) {
        if (n == null) {
            return "";
        }
        if (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return n.toString();
    }
}

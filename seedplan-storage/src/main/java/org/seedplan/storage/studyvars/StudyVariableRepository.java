package org.seedplan.storage.studyvars;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;
import org.seedplan.storage.registry.PartialDate;

/**
 * Research studies, their variables and the variables' values per patient, lesion or visit; every change audited field
 * by field in the same transaction, with optimistic locking on definitions and values.
 */
public final class StudyVariableRepository {

    private final Database db;
    private final AuditTrail audit;

    /** Study variables stored in {@code db}. */
    public StudyVariableRepository(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** Creates a study of a centre. */
    public ResearchStudy createStudy(Actor actor, long centreId, String code, String name) {
        if (code == null || !code.strip().matches("[A-Za-z0-9_-]{1,40}")) {
            throw new InvalidValueException("code", "study code '" + code + "' must be 1–40 letters, digits, _ or -");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("name", "study " + code + ": name is empty; give the study's title");
        }
        return db.inTransaction(tx -> {
            if (tx.number("SELECT COUNT(*) FROM research_study WHERE centre_id = ? AND code = ?", centreId, code.strip()) > 0) {
                throw new InvalidValueException("code", "study code " + code.strip() + " is already used in this centre; choose another");
            }
            Map<String, Object> cols = new LinkedHashMap<>();
            cols.put("centre_id", centreId);
            cols.put("code", code.strip());
            cols.put("name", name.strip());
            long id = tx.insert("INSERT INTO research_study (centre_id, code, name, version) VALUES (?, ?, ?, 1)", centreId, code.strip(), name.strip());
            audit.changes(actor, "CREATE", "research_study", id, Map.of(), cols, null);
            return new ResearchStudy(id, centreId, code.strip(), name.strip(), 1);
        });
    }

    /** One study. */
    public Optional<ResearchStudy> study(long id) {
        return db.read(tx -> tx.one("SELECT * FROM research_study WHERE id = ?", StudyVariableRepository::studyRow, id));
    }

    /** The studies of a centre by code. */
    public List<ResearchStudy> studiesOf(long centreId) {
        return db.read(tx -> tx.query("SELECT * FROM research_study WHERE centre_id = ? ORDER BY code", StudyVariableRepository::studyRow, centreId));
    }

    /** Defines a variable of a study (its name must be new in the study). */
    public StudyVariable define(Actor actor, long studyId, VariableDefinition d) {
        return db.inTransaction(tx -> {
            study(studyId).orElseThrow(() -> new NotFoundException("study", studyId));
            if (tx.number("SELECT COUNT(*) FROM study_variable WHERE study_id = ? AND name = ?", studyId, d.name()) > 0) {
                throw new InvalidValueException("name", "study variable " + d.name() + " already exists in this study; edit it instead");
            }
            long id = tx.insert("INSERT INTO study_variable (study_id, name, label, value_type, unit, min_value, max_value, record_level, repeated,"
                    + " retired, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", studyId, d.name(), d.label(), d.type(), d.unit(), d.min(),
                    d.max(), d.level(), d.repeated(), false);
            insertLevels(tx, id, d);
            audit.changes(actor, "CREATE", "study_variable", id, Map.of(), columns(studyId, d, false), null);
            return variable(id).orElseThrow();
        });
    }

    /**
     * Defines {@code definitions} in a study (a template), all or none; those whose name the study already uses are left
     * as they are. Returns the variables defined now.
     */
    public List<StudyVariable> defineAll(Actor actor, long studyId, List<VariableDefinition> definitions) {
        return db.inTransaction(tx -> {
            List<String> taken = variablesOf(studyId).stream().map(v -> v.definition().name()).toList();
            List<StudyVariable> out = new ArrayList<>();
            for (VariableDefinition d : definitions) {
                if (!taken.contains(d.name())) {
                    out.add(define(actor, studyId, d));
                }
            }
            return out;
        });
    }

    /**
     * Changes a variable read at {@code expectedVersion}: label, unit, range, levels (appending or renaming), retirement. Its
     * name, type and level cannot change once values exist, nor can a level in use be removed, nor the range shrink
     * below a stored value (define a new variable instead).
     */
    public StudyVariable update(Actor actor, long id, long expectedVersion, VariableDefinition d, boolean retired, String reason) {
        return db.inTransaction(tx -> {
            StudyVariable old = variable(id).orElseThrow(() -> new NotFoundException("study variable", id));
            List<StudyValue> values = tx.query("SELECT * FROM study_value WHERE variable_id = ?", r -> valueRow(r, old.definition()), id);
            VariableDefinition o = old.definition();
            if (!values.isEmpty()) {
                if (!o.name().equals(d.name()) || o.type() != d.type() || o.level() != d.level() || o.repeated() && !d.repeated()) {
                    throw new InvalidValueException("type", "study variable " + o.name() + " has " + values.size()
                            + " values: its name, type, level and repetition cannot change; define a new variable instead");
                }
                for (StudyValue v : values) {
                    d.parse(v.text());
                }
            }
            int n = tx.update("UPDATE study_variable SET name = ?, label = ?, value_type = ?, unit = ?, min_value = ?, max_value = ?,"
                    + " record_level = ?, repeated = ?, retired = ?, version = version + 1 WHERE id = ? AND version = ?", d.name(), d.label(),
                    d.type(), d.unit(), d.min(), d.max(), d.level(), d.repeated(), retired, id, expectedVersion);
            if (n != 1) {
                throw new StaleVersionException("study variable", id, expectedVersion);
            }
            tx.update("DELETE FROM study_variable_level WHERE variable_id = ?", id);
            insertLevels(tx, id, d);
            audit.changes(actor, "UPDATE", "study_variable", id, columns(old.studyId(), o, old.retired()), columns(old.studyId(), d, retired), reason);
            return variable(id).orElseThrow();
        });
    }

    /** One variable. */
    public Optional<StudyVariable> variable(long id) {
        return db.read(tx -> tx.one("SELECT * FROM study_variable WHERE id = ?", r -> variableRow(tx, r), id));
    }

    /** The variables of a study in the order they were defined. */
    public List<StudyVariable> variablesOf(long studyId) {
        return db.read(tx -> tx.query("SELECT * FROM study_variable WHERE study_id = ? ORDER BY id", r -> variableRow(tx, r), studyId));
    }

    /** The variables of every study of a centre, study by study in definition order. */
    public List<StudyVariable> variablesOfCentre(long centreId) {
        return db.read(tx -> tx.query("SELECT v.* FROM study_variable v JOIN research_study s ON s.id = v.study_id WHERE s.centre_id = ?"
                + " ORDER BY s.code, v.id", r -> variableRow(tx, r), centreId));
    }

    /**
     * Records or changes one value. {@code expectedVersion} null creates the value (refused when the record already has
     * this instance); otherwise the stored value read at that version is replaced. The record must be a patient, lesion
     * or visit (as the variable's level says) of a patient of the study's centre.
     */
    public StudyValue setValue(Actor actor, long variableId, long recordId, int instance, String raw, Long expectedVersion, String reason) {
        return db.inTransaction(tx -> {
            StudyVariable v = variable(variableId).orElseThrow(() -> new NotFoundException("study variable", variableId));
            VariableDefinition d = v.definition();
            if (instance < 1 || !d.repeated() && instance != 1) {
                throw new InvalidValueException(d.name(), d.label() + ": instance " + instance + " is not allowed; "
                        + (d.repeated() ? "give 1, 2, …" : "the variable is not repeated, give 1"));
            }
            long patientId = patientOf(tx, v, recordId);
            Object value = d.parse(raw);
            Object[] cols = storedColumns(value);
            Map<String, Object> after = Map.of("value", VariableDefinition.text(value));
            if (expectedVersion == null) {
                if (v.retired()) {
                    throw new InvalidValueException(d.name(), d.label() + " is retired; values can no longer be added");
                }
                if (tx.number("SELECT COUNT(*) FROM study_value WHERE variable_id = ? AND record_id = ? AND instance = ?", variableId, recordId,
                        instance) > 0) {
                    throw new StaleVersionException("study value " + d.name() + " of " + d.level().table() + " " + recordId, recordId, 0);
                }
                long id = tx.insert("INSERT INTO study_value (variable_id, patient_id, record_id, instance, number_value, text_value, date_value,"
                        + " date_precision, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)", variableId, patientId, recordId, instance, cols[0], cols[1],
                        cols[2], cols[3]);
                audit.changes(actor, "CREATE", "study_value", id, Map.of(), withKeys(d, recordId, instance, after), null);
                return new StudyValue(id, variableId, patientId, recordId, instance, value, 1);
            }
            StudyValue old = tx.one("SELECT * FROM study_value WHERE variable_id = ? AND record_id = ? AND instance = ?", r -> valueRow(r, d),
                    variableId, recordId, instance).orElseThrow(() -> new NotFoundException("study value " + d.name(), recordId));
            if (tx.update("UPDATE study_value SET number_value = ?, text_value = ?, date_value = ?, date_precision = ?, version = version + 1"
                    + " WHERE id = ? AND version = ?", cols[0], cols[1], cols[2], cols[3], old.id(), expectedVersion) != 1) {
                throw new StaleVersionException("study value " + d.name(), old.id(), expectedVersion);
            }
            audit.changes(actor, "UPDATE", "study_value", old.id(), withKeys(d, recordId, instance, Map.of("value", old.text())),
                    withKeys(d, recordId, instance, after), reason);
            return new StudyValue(old.id(), variableId, patientId, recordId, instance, value, expectedVersion + 1);
        });
    }

    /** Deletes a value read at {@code expectedVersion} (a reason is required; the old value stays in the audit trail). */
    public void deleteValue(Actor actor, long valueId, long expectedVersion, String reason) {
        ReasonRequiredException.require(reason, "deleting study value " + valueId);
        db.inTransaction(tx -> {
            long variableId = tx.one("SELECT variable_id FROM study_value WHERE id = ?", r -> r.longValue("variable_id"), valueId)
                    .orElseThrow(() -> new NotFoundException("study value", valueId));
            VariableDefinition d = variable(variableId).orElseThrow().definition();
            StudyValue old = tx.one("SELECT * FROM study_value WHERE id = ?", r -> valueRow(r, d), valueId).orElseThrow();
            if (tx.update("DELETE FROM study_value WHERE id = ? AND version = ?", valueId, expectedVersion) != 1) {
                throw new StaleVersionException("study value", valueId, expectedVersion);
            }
            audit.changes(actor, "DELETE", "study_value", valueId, withKeys(d, old.recordId(), old.instance(), Map.of("value", old.text())),
                    Map.of(), reason);
            return null;
        });
    }

    /** One value. */
    public Optional<StudyValue> value(long valueId) {
        return db.read(tx -> tx.one("SELECT variable_id FROM study_value WHERE id = ?", r -> r.longValue("variable_id"), valueId)
                .flatMap(variableId -> {
                    VariableDefinition d = variable(variableId).orElseThrow().definition();
                    return tx.one("SELECT * FROM study_value WHERE id = ?", r -> valueRow(r, d), valueId);
                }));
    }

    /** The value of a variable for one record and instance. */
    public Optional<StudyValue> value(long variableId, long recordId, int instance) {
        return db.read(tx -> variable(variableId).flatMap(v -> tx.one("SELECT * FROM study_value WHERE variable_id = ? AND record_id = ? AND instance = ?",
                r -> valueRow(r, v.definition()), variableId, recordId, instance)));
    }

    /** Every study value of a patient (of all levels), by variable, record and instance. */
    public List<StudyValue> valuesOfPatient(long patientDbId) {
        return db.read(tx -> {
            Map<Long, VariableDefinition> defs = new LinkedHashMap<>();
            List<StudyValue> out = new ArrayList<>();
            for (Long variableId : tx.query("SELECT DISTINCT variable_id FROM study_value WHERE patient_id = ? ORDER BY variable_id",
                    r -> r.longValue("variable_id"), patientDbId)) {
                defs.put(variableId, variable(variableId).orElseThrow().definition());
            }
            for (Map.Entry<Long, VariableDefinition> e : defs.entrySet()) {
                out.addAll(tx.query("SELECT * FROM study_value WHERE patient_id = ? AND variable_id = ? ORDER BY record_id, instance",
                        r -> valueRow(r, e.getValue()), patientDbId, e.getKey()));
            }
            return out;
        });
    }

    /** The centre of a study variable's study. */
    public long centreOfVariable(long variableId) {
        return db.read(tx -> tx.one("SELECT s.centre_id FROM study_variable v JOIN research_study s ON s.id = v.study_id WHERE v.id = ?",
                r -> r.longValue("centre_id"), variableId)).orElseThrow(() -> new NotFoundException("study variable", variableId));
    }

    private long patientOf(Tx tx, StudyVariable v, long recordId) {
        RecordLevel level = v.definition().level();
        String sql = switch (level) {
            case PATIENT -> "SELECT p.id, p.centre_id FROM patient p WHERE p.id = ?";
            case LESION -> "SELECT p.id, p.centre_id FROM lesion l JOIN patient p ON p.id = l.patient_id WHERE l.id = ?";
            case VISIT -> "SELECT p.id, p.centre_id FROM visit x JOIN patient p ON p.id = x.patient_id WHERE x.id = ?";
        };
        long studyCentre = study(v.studyId()).orElseThrow().centreId();
        long[] pc = tx.one(sql, r -> new long[] {r.longValue("id"), r.longValue("centre_id")}, recordId)
                .orElseThrow(() -> new NotFoundException(level.table(), recordId));
        if (pc[1] != studyCentre) {
            throw new InvalidValueException(v.definition().name(), v.definition().label() + ": " + level.table() + " " + recordId
                    + " belongs to another centre than the study; choose a record of the study's centre");
        }
        return pc[0];
    }

    private static Object[] storedColumns(Object value) {
        if (value instanceof Double d) {
            return new Object[] {d, null, null, null};
        }
        if (value instanceof PartialDate p) {
            return new Object[] {null, null, p.first(), p.precision().name()};
        }
        return new Object[] {null, VariableDefinition.text(value), null, null};
    }

    private static Map<String, Object> withKeys(VariableDefinition d, long recordId, int instance, Map<String, Object> value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variable", d.name());
        m.put(d.level().table(), recordId);
        m.put("instance", instance);
        m.putAll(value);
        return m;
    }

    private static Map<String, Object> columns(long studyId, VariableDefinition d, boolean retired) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study_id", studyId);
        m.put("name", d.name());
        m.put("label", d.label());
        m.put("value_type", d.type());
        m.put("unit", d.unit());
        m.put("min_value", d.min());
        m.put("max_value", d.max());
        m.put("levels", d.levels().isEmpty() ? null : String.join(" | ", d.levels()));
        m.put("record_level", d.level());
        m.put("repeated", d.repeated());
        m.put("retired", retired);
        return m;
    }

    private static void insertLevels(Tx tx, long variableId, VariableDefinition d) {
        for (int i = 0; i < d.levels().size(); i++) {
            tx.update("INSERT INTO study_variable_level (variable_id, position, level) VALUES (?, ?, ?)", variableId, i + 1, d.levels().get(i));
        }
    }

    private static ResearchStudy studyRow(Tx.Row r) throws SQLException {
        return new ResearchStudy(r.longValue("id"), r.longValue("centre_id"), r.string("code"), r.string("name"), r.longValue("version"));
    }

    private static StudyVariable variableRow(Tx tx, Tx.Row r) throws SQLException {
        long id = r.longValue("id");
        List<String> levels = tx.query("SELECT level FROM study_variable_level WHERE variable_id = ? ORDER BY position", l -> l.string("level"), id);
        VariableDefinition d = new VariableDefinition(r.string("name"), r.string("label"), ValueType.valueOf(r.string("value_type")),
                r.string("unit"), r.doubleOrNull("min_value"), r.doubleOrNull("max_value"), levels, RecordLevel.valueOf(r.string("record_level")),
                r.bool("repeated"));
        return new StudyVariable(id, r.longValue("study_id"), r.longValue("version"), r.bool("retired"), d);
    }

    private static StudyValue valueRow(Tx.Row r, VariableDefinition d) throws SQLException {
        Object value = switch (d.type()) {
            case NUMBER -> r.doubleOrNull("number_value");
            case DATE -> new PartialDate(r.date("date_value"), PartialDate.Precision.valueOf(r.string("date_precision")));
            case YES_NO -> "yes".equals(r.string("text_value"));
            case CATEGORY -> r.string("text_value");
        };
        return new StudyValue(r.longValue("id"), r.longValue("variable_id"), r.longValue("patient_id"), r.longValue("record_id"),
                r.intValue("instance"), value, r.longValue("version"));
    }
}

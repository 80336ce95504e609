package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Json;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/**
 * One kind of record that belongs to a patient (lesion, visit, implant): its table, the JSON fields and
 * their columns, created and updated with optimistic locking, every changed field audited with old and
 * new value in the same transaction.
 */
final class ChildRecords {

    /** Type of a column. */
    enum Kind { TEXT, NUMBER, INTEGER, BOOLEAN, DATE }

    /** A JSON field stored in a column. */
    record Field(String json, String column, Kind kind, boolean required) {
    }

    private final Database db;
    private final AuditTrail audit;
    private final String table;
    private final List<Field> fields;

    ChildRecords(Database db, String table, List<Field> fields) {
        this.db = db;
        this.audit = new AuditTrail(db);
        this.table = table;
        this.fields = List.copyOf(fields);
    }

    /** The centre and patient of record {@code id}, if it exists. */
    Optional<long[]> owner(long id) {
        return db.read(tx -> tx.one("SELECT p.centre_id, p.id AS pid FROM " + table + " x JOIN patient p ON p.id = x.patient_id WHERE x.id = ?",
                r -> new long[] {r.longValue("centre_id"), r.longValue("pid")}, id));
    }

    /** Inserts a record of patient {@code patientDbId} from the body's fields (version 1); returns its JSON. */
    ObjectNode create(Actor actor, long patientDbId, ObjectNode body) {
        Map<String, Object> values = values(body, null);
        for (Field f : fields) {
            if (f.required() && values.get(f.column()) == null) {
                throw ApiProblem.badRequest(f.json(), f.json() + " is required");
            }
        }
        return db.inTransaction(tx -> {
            List<String> cols = new ArrayList<>(values.keySet());
            List<Object> args = new ArrayList<>(values.values());
            args.add(0, patientDbId);
            long id = tx.insert("INSERT INTO " + table + " (patient_id, " + String.join(", ", cols) + ", version) VALUES (?"
                    + ", ?".repeat(cols.size()) + ", 1)", args.toArray());
            audit.changes(actor, "CREATE", table, id, Map.of(), values, null);
            return read(tx, id);
        });
    }

    /** Updates the fields present in the body when {@code version} is still the stored one (else 409); returns the record. */
    ObjectNode update(Actor actor, long id, long version, ObjectNode body, String reason) {
        return db.inTransaction(tx -> {
            Map<String, Object> before = stored(tx, id);
            Map<String, Object> after = values(body, before);
            String set = after.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
            List<Object> args = new ArrayList<>(after.values());
            args.add(id);
            args.add(version);
            if (tx.update("UPDATE " + table + " SET " + set + ", version = version + 1 WHERE id = ? AND version = ?", args.toArray()) != 1) {
                throw new StaleVersionException(table, id, version);
            }
            audit.changes(actor, "UPDATE", table, id, before, after, reason);
            return read(tx, id);
        });
    }

    private Map<String, Object> stored(Tx tx, long id) {
        return tx.one("SELECT * FROM " + table + " WHERE id = ?", r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Field f : fields) {
                m.put(f.column(), switch (f.kind()) {
                    case TEXT -> r.string(f.column());
                    case NUMBER -> r.doubleOrNull(f.column());
                    case INTEGER -> r.intOrNull(f.column());
                    case BOOLEAN -> r.boolOrNull(f.column());
                    case DATE -> r.date(f.column());
                });
            }
            return m;
        }, id).orElseThrow(() -> ApiProblem.notFound(table + " " + id));
    }

    private ObjectNode read(Tx tx, long id) {
        Map<String, Object> m = stored(tx, id);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", id);
        for (Field f : fields) {
            o.set(f.json(), Json.MAPPER.valueToTree(m.get(f.column())));
        }
        o.put("version", tx.number("SELECT version FROM " + table + " WHERE id = ?", id));
        return o;
    }

    /** The columns the body sets, on top of {@code base} (null: every field, absent ones null). */
    private Map<String, Object> values(ObjectNode b, Map<String, Object> base) {
        Map<String, Object> m = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base);
        for (Field f : fields) {
            if (!b.has(f.json())) {
                m.putIfAbsent(f.column(), null);
                continue;
            }
            JsonNode n = b.get(f.json());
            m.put(f.column(), n.isNull() ? null : switch (f.kind()) {
                case TEXT -> Json.optText(b, f.json());
                case NUMBER -> Json.optDouble(b, f.json());
                case INTEGER -> Json.optInt(b, f.json());
                case BOOLEAN -> {
                    if (!n.isBoolean()) {
                        throw ApiProblem.badRequest(f.json(), f.json() + " must be true or false");
                    }
                    yield n.asBoolean();
                }
                case DATE -> Json.optDate(b, f.json());
            });
        }
        if (base == null) {
            for (Field f : fields) {
                if (f.kind() == Kind.BOOLEAN && m.get(f.column()) == null && f.required()) {
                    throw ApiProblem.badRequest(f.json(), f.json() + " is required (true or false)");
                }
            }
        }
        return m;
    }
}

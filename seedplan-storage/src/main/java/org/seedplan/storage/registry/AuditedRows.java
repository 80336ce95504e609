package org.seedplan.storage.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.seedplan.storage.Actor;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

/** Insert, versioned update and delete of one table's rows, each with its audit rows in the same transaction. */
final class AuditedRows {

    private final String table;
    private final AuditTrail audit;

    AuditedRows(String table, AuditTrail audit) {
        this.table = table;
        this.audit = audit;
    }

    /** Inserts a row (version 1) and audits every non-empty column; returns its id. */
    long insert(Tx tx, Actor actor, Map<String, Object> cols) {
        return insert(tx, actor, cols, null);
    }

    /** Inserts a row (version 1) and audits every non-empty column with {@code reason} (may be {@code null}); returns its id. */
    long insert(Tx tx, Actor actor, Map<String, Object> cols, String reason) {
        String marks = cols.keySet().stream().map(k -> "?").collect(Collectors.joining(", "));
        long id = tx.insert("INSERT INTO " + table + " (" + String.join(", ", cols.keySet()) + ", version) VALUES (" + marks + ", 1)",
                cols.values().toArray());
        audit.changes(actor, "CREATE", table, id, Map.of(), cols, reason);
        return id;
    }

    /** Updates the columns of row {@code id} read at {@code expectedVersion}; audits each changed column. */
    void update(Tx tx, Actor actor, long id, long expectedVersion, Map<String, Object> before, Map<String, Object> after, String reason) {
        String set = after.keySet().stream().map(k -> k + " = ?").collect(Collectors.joining(", "));
        List<Object> args = new ArrayList<>(after.values());
        args.add(id);
        args.add(expectedVersion);
        if (tx.update("UPDATE " + table + " SET " + set + ", version = version + 1 WHERE id = ? AND version = ?", args.toArray()) != 1) {
            throw new StaleVersionException(table, id, expectedVersion);
        }
        audit.changes(actor, "UPDATE", table, id, before, after, reason);
    }

    /** Deletes row {@code id} read at {@code expectedVersion} (a reason is required); audits every old value. */
    void delete(Tx tx, Actor actor, long id, long expectedVersion, Map<String, Object> before, String reason) {
        ReasonRequiredException.require(reason, "deleting " + table + " " + id);
        if (tx.update("DELETE FROM " + table + " WHERE id = ? AND version = ?", id, expectedVersion) != 1) {
            throw new StaleVersionException(table, id, expectedVersion);
        }
        audit.changes(actor, "DELETE", table, id, before, Map.of(), reason);
    }
}

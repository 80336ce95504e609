package org.seedplan.storage.registry;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/** Centres ({@code centre}). */
public final class CentreRepository {

    private final Database db;
    private final AuditTrail audit;

    /** Centres stored in {@code db}. */
    public CentreRepository(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** Creates a centre; the code must be new. */
    public Centre create(Actor actor, String code, String name) {
        if (code == null || code.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("centre: code and name are required; give both, e.g. code \"ZS\" and name \"Zhongshan Hospital\"");
        }
        return db.inTransaction(tx -> {
            if (findByCode(code.strip()).isPresent()) {
                throw new IllegalArgumentException("centre code " + code + " is taken; choose another code");
            }
            long id = tx.insert("INSERT INTO centre (code, name, created_at) VALUES (?, ?, ?)", code.strip(), name.strip(), Instant.now());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("code", code.strip());
            after.put("name", name.strip());
            audit.changes(actor, "CREATE", "centre", id, Map.of(), after, null);
            return new Centre(id, code.strip(), name.strip());
        });
    }

    /** Every centre, by code. */
    public List<Centre> list() {
        return db.read(tx -> tx.query("SELECT * FROM centre ORDER BY code", CentreRepository::row));
    }

    /** The centre with {@code id}. */
    public Optional<Centre> find(long id) {
        return db.read(tx -> tx.one("SELECT * FROM centre WHERE id = ?", CentreRepository::row, id));
    }

    /** The centre with {@code code}. */
    public Optional<Centre> findByCode(String code) {
        return db.read(tx -> tx.one("SELECT * FROM centre WHERE code = ?", CentreRepository::row, code));
    }

    static Centre row(Tx.Row r) throws SQLException {
        return new Centre(r.longValue("id"), r.string("code"), r.string("name"));
    }
}

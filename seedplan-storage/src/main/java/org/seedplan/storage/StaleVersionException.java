package org.seedplan.storage;

/** Thrown when an update names a version of a record that is no longer the stored one (another writer came first). */
public final class StaleVersionException extends RuntimeException {

    private final String entity;
    private final long id;
    private final long expectedVersion;

    /** A stale write of {@code entity} {@code id}: the writer read {@code expectedVersion}. */
    public StaleVersionException(String entity, long id, long expectedVersion) {
        super(entity + " " + id + " was changed by someone else since version " + expectedVersion
                + " was read; reload it and apply the change again");
        this.entity = entity;
        this.id = id;
        this.expectedVersion = expectedVersion;
    }

    /** The entity (table) name. */
    public String entity() {
        return entity;
    }

    /** The record's id. */
    public long id() {
        return id;
    }

    /** The version the writer had read. */
    public long expectedVersion() {
        return expectedVersion;
    }
}

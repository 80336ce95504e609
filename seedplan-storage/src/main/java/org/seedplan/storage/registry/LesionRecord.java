package org.seedplan.storage.registry;

/**
 * A stored lesion.
 *
 * @param id      database id
 * @param version optimistic-locking version
 * @param data    the fields
 */
public record LesionRecord(long id, long version, LesionData data) {
}

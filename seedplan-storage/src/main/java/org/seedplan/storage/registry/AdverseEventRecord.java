package org.seedplan.storage.registry;

/**
 * A stored adverse event.
 *
 * @param id      database id
 * @param version optimistic-locking version
 * @param data    the fields
 */
public record AdverseEventRecord(long id, long version, AdverseEventData data) {
}

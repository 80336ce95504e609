package org.seedplan.storage.registry;

/**
 * A stored progression.
 *
 * @param id      database id
 * @param version optimistic-locking version
 * @param data    the fields
 */
public record ProgressionRecord(long id, long version, ProgressionData data) {
}

package org.seedplan.storage.registry;

/**
 * A stored implant.
 *
 * @param id      database id
 * @param version optimistic-locking version
 * @param data    the fields
 */
public record ImplantRecord(long id, long version, ImplantData data) {
}

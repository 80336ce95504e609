package org.seedplan.storage.registry;

/**
 * A treating centre (hospital); every patient belongs to one, and rights are granted per centre.
 *
 * @param id   database id
 * @param code short unique code, e.g. "ZS-SH"
 * @param name full name
 */
public record Centre(long id, String code, String name) {
}

package org.seedplan.storage.registry;

/**
 * A stored visit.
 *
 * @param id                 database id
 * @param version            optimistic-locking version
 * @param monthsSinceImplant months from the patient's first implant (days / 30.4375), or {@code null} without implant
 * @param data               the fields
 */
public record VisitRecord(long id, long version, Double monthsSinceImplant, VisitData data) {
}

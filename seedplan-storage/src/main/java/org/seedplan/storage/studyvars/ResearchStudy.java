package org.seedplan.storage.studyvars;

/**
 * A research study of a centre, owner of study variables.
 *
 * @param id       database id
 * @param centreId the centre
 * @param code     short code, unique in the centre
 * @param name     title
 * @param version  optimistic-locking version
 */
public record ResearchStudy(long id, long centreId, String code, String name, long version) {
}

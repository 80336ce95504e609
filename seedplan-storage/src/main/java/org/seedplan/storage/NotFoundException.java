package org.seedplan.storage;

/** Thrown when a record named by id does not exist (the server maps it to 404). */
public final class NotFoundException extends RuntimeException {

    /** {@code entity} {@code id} does not exist. */
    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " does not exist");
    }
}

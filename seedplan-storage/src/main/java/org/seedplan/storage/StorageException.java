package org.seedplan.storage;

/** A database fault that is not the caller's mistake (connection lost, disk full, constraint broken by a bug). */
public final class StorageException extends RuntimeException {

    /** Wraps {@code cause} with what was being done. */
    public StorageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}

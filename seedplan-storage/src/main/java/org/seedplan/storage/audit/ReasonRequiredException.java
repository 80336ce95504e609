package org.seedplan.storage.audit;

/** Thrown when a change that needs a reason (a delete, or a change of approved or locked data) comes without one. */
public final class ReasonRequiredException extends IllegalArgumentException {

    /** {@code what} needs a reason. */
    public ReasonRequiredException(String what) {
        super(what + " needs a reason; give field \"reason\" saying why");
    }

    /** Throws when {@code reason} is missing or blank. */
    public static void require(String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new ReasonRequiredException(what);
        }
    }
}

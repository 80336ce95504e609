package org.seedplan.storage.studyvars;

/** A study-variable definition or value refused, naming the field at fault (the server shows the message there). */
public final class InvalidValueException extends IllegalArgumentException {

    private final String field;

    /** Refuses {@code field} with a message that names the input and the fix. */
    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault: a definition field ("levels", "min") or the name of the variable whose value was refused. */
    public String field() {
        return field;
    }
}

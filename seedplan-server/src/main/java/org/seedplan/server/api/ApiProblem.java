package org.seedplan.server.api;

/**
 * An error answered as {@code application/problem+json} (RFC 9457): status, title, detail and, where
 * one request field is at fault, its name.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ApiProblem(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    /** 400: a request field is missing or invalid. */
    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, "Invalid request", detail, field);
    }

    /** 401: no valid session, or wrong credentials. */
    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Not signed in", detail, null);
    }

    /** 403: the caller's role does not allow this, or the CSRF/Origin check failed. */
    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail, null);
    }

    /** 404: no such object visible to the caller (objects of other centres included). */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "Not found", what + " not found", null);
    }

    /** 409: the object changed since the caller read it, or its state forbids the request. */
    public static ApiProblem conflict(String detail, String field) {
        return new ApiProblem(409, "Conflict", detail, field);
    }
}

package org.seedplan.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.seedplan.server.security.Permission;

import java.util.Map;

/**
 * One route of the REST API: method, path (Javalin syntax, {@code {id}} for path parameters), the
 * permission it needs, the status it answers on success (set before the handler runs), any other success
 * status the handler itself sets with what it means, a one-line summary (for the OpenAPI document), the handler, and the JSON
 * Schema of the success answers' body for the OpenAPI document (null where the route documents none).
 */
public record Route(HandlerType method, String path, Permission permission, int successStatus,
                    Map<Integer, String> otherSuccessStatuses, String summary, Handler handler, JsonNode responseSchema) {

    /** A route with one success status. */
    public Route(HandlerType method, String path, Permission permission, int successStatus, String summary, Handler handler) {
        this(method, path, permission, successStatus, Map.of(), summary, handler, null);
    }

    /** A route whose success answers' body the OpenAPI document does not describe. */
    public Route(HandlerType method, String path, Permission permission, int successStatus, Map<Integer, String> otherSuccessStatuses,
                 String summary, Handler handler) {
        this(method, path, permission, successStatus, otherSuccessStatuses, summary, handler, null);
    }

    /** A route's code: {@code caller} is null only for {@link Permission#PUBLIC} routes without a session. */
    @FunctionalInterface
    public interface Handler {
        /** Handles one request. */
        void handle(Context ctx, Caller caller) throws Exception;
    }

    /** Whether the route changes state (and so needs the CSRF token). */
    public boolean changesState() {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH || method == HandlerType.DELETE;
    }
}

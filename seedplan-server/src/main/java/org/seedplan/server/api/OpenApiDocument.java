package org.seedplan.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seedplan.server.security.Permission;

/**
 * The OpenAPI 3.1 document of the routes, generated from the route table so that it cannot drift:
 * each operation names its required permission ({@code x-permission}), its success status (with its body's schema where the
 * route gives one) and the problem-details answers 401/403/404/409.
 */
public final class OpenApiDocument {

    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    private final String json;

    public OpenApiDocument(List<Route> routes) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info").put("title", "seedplan API").put("version", "1")
                .put("description", "REST API of seedplan serve. Sessions by cookie seedplan_session; state-changing requests need"
                        + " the X-CSRF-Token header; errors are application/problem+json.");
        ObjectNode comps = root.putObject("components");
        comps.putObject("securitySchemes").putObject("session").put("type", "apiKey").put("in", "cookie").put("name", "seedplan_session");
        ObjectNode problem = comps.putObject("schemas").putObject("Problem").put("type", "object");
        ObjectNode props = problem.putObject("properties");
        for (String f : List.of("type", "title", "detail", "field")) {
            props.putObject(f).put("type", "string");
        }
        props.putObject("status").put("type", "integer");
        ObjectNode paths = root.putObject("paths");
        for (Route r : routes) {
            ObjectNode path = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            ObjectNode op = path.putObject(r.method().name().toLowerCase(Locale.ROOT));
            op.put("summary", r.summary());
            op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
            op.put("x-permission", r.permission().name());
            if (r.permission() == Permission.PUBLIC) {
                op.putArray("security");
            } else {
                op.putArray("security").addObject().putArray("session");
            }
            Matcher m = PARAM.matcher(r.path());
            ArrayNode params = null;
            while (m.find()) {
                if (params == null) {
                    params = op.putArray("parameters");
                }
                params.addObject().put("name", m.group(1)).put("in", "path").put("required", true).putObject("schema").put("type", "integer");
            }
            if (r.changesState() && r.permission() != Permission.PUBLIC) {
                if (params == null) {
                    params = op.putArray("parameters");
                }
                params.addObject().put("name", "X-CSRF-Token").put("in", "header").put("required", true).putObject("schema").put("type", "string");
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode success = responses.putObject(Integer.toString(r.successStatus())).put("description", "success");
            List<ObjectNode> successes = new java.util.ArrayList<>(List.of(success));
            r.otherSuccessStatuses().forEach((status, meaning) -> successes.add(responses.putObject(Integer.toString(status)).put("description", meaning)));
            if (r.responseSchema() != null) {
                successes.forEach(o -> o.putObject("content").putObject("application/json").set("schema", r.responseSchema().deepCopy()));
            }
            if (r.permission() != Permission.PUBLIC) {
                problemResponse(responses, 401, "no valid session");
                problemResponse(responses, 403, "the caller's role does not allow it, or the CSRF/Origin check failed");
                problemResponse(responses, 404, "not found, or of a centre the caller has no role in");
            }
            if (r.changesState()) {
                problemResponse(responses, 400, "a request field is missing or invalid (field names it)");
                problemResponse(responses, 409, "stale version or a state that forbids the change");
            }
        }
        this.json = root.toPrettyString();
    }

    private static void problemResponse(ObjectNode responses, int status, String description) {
        ObjectNode r = responses.putObject(Integer.toString(status)).put("description", description);
        r.putObject("content").putObject("application/problem+json").putObject("schema").put("$ref", "#/components/schemas/Problem");
    }

    /** GET /api/openapi.json. */
    public void serve(Context ctx, Caller caller) {
        ctx.contentType("application/json").result(json);
    }

    /** The document as JSON text. */
    public String json() {
        return json;
    }
}

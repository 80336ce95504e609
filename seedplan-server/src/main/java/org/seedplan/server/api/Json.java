package org.seedplan.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The API's JSON: one Jackson mapper (ISO-8601 dates) and checked access to request fields. */
public final class Json {

    /** The mapper of every request and answer. */
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    /** The request body as a JSON object (400 when it is not one). */
    public static ObjectNode body(Context ctx) {
        try {
            JsonNode n = MAPPER.readTree(ctx.body());
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (Exception e) {
            // answered below
        }
        throw ApiProblem.badRequest(null, "the request body must be a JSON object");
    }

    /** A required text field. */
    public static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
            throw ApiProblem.badRequest(field, field + " is missing or empty");
        }
        return n.asText().trim();
    }

    /** An optional text field (null when absent or blank). */
    public static String optText(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
    }

    /** A required whole number. */
    public static long number(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.canConvertToLong()) {
            throw ApiProblem.badRequest(field, field + " must be a whole number");
        }
        return n.asLong();
    }

    /** An optional number (null when absent). */
    public static Double optDouble(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw ApiProblem.badRequest(field, field + " must be a number");
        }
        return n.asDouble();
    }

    /** An optional whole number (null when absent). */
    public static Integer optInt(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt()) {
            throw ApiProblem.badRequest(field, field + " must be a whole number");
        }
        return n.asInt();
    }

    /** An optional calendar date yyyy-MM-dd. */
    public static LocalDate optDate(ObjectNode o, String field) {
        String s = optText(o, field);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, field + " must be a date yyyy-MM-dd, got " + s);
        }
    }

    /** Text field {@code field} when the body has it (null when null or blank), else {@code old}: a partial update. */
    public static String text(ObjectNode o, String field, String old) {
        return o.has(field) ? optText(o, field) : old;
    }

    /** Number {@code field} when the body has it, else {@code old}. */
    public static Double decimal(ObjectNode o, String field, Double old) {
        return o.has(field) ? optDouble(o, field) : old;
    }

    /** Whole number {@code field} when the body has it, else {@code old}. */
    public static Integer integer(ObjectNode o, String field, Integer old) {
        return o.has(field) ? optInt(o, field) : old;
    }

    /** Date {@code field} (yyyy-MM-dd) when the body has it, else {@code old}. */
    public static LocalDate date(ObjectNode o, String field, LocalDate old) {
        return o.has(field) ? optDate(o, field) : old;
    }

    /** Boolean {@code field} (true, false or null) when the body has it, else {@code old}. */
    public static Boolean bool(ObjectNode o, String field, Boolean old) {
        if (!o.has(field)) {
            return old;
        }
        JsonNode n = o.get(field);
        if (n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw ApiProblem.badRequest(field, field + " must be true or false");
        }
        return n.asBoolean();
    }

    /** A path parameter that must be a whole number (404 otherwise: no such object). */
    public static long pathId(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound(name + " " + ctx.pathParam(name));
        }
    }

    /** An optional whole-number query parameter: {@code dflt} when absent or blank, 400 naming it when it is not a whole number. */
    public static long optQueryNumber(Context ctx, String name, long dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name, name + " must be a whole number, got '" + v + "'");
        }
    }

    /** A required whole-number query parameter. */
    public static long queryId(Context ctx, String name) {
        String v = ctx.queryParam(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiProblem.badRequest(name, "query parameter " + name + " must be a whole number");
        }
    }
}

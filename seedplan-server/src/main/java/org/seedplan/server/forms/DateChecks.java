package org.seedplan.server.forms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Json;
import org.seedplan.storage.registry.PartialDate;

/**
 * The order a patient's dates must keep: nothing before birth, nothing after death, nothing after today (the
 * server's clock, in UTC), and — for events of the treatment (progression) — nothing before the first implant. A
 * refusal names the form field.
 *
 * @param birth        birth date, or null
 * @param death        death date, or null
 * @param firstImplant date of the first implant, or null
 * @param today        today's date
 */
public record DateChecks(LocalDate birth, LocalDate death, LocalDate firstImplant, LocalDate today) {

    /** The full date (yyyy-MM-dd) of {@code field}, checked; null when absent and not required. */
    public LocalDate check(ObjectNode b, String field, boolean required, String what) {
        String s = Json.optText(b, field);
        if (s == null) {
            if (required) {
                throw ApiProblem.badRequest(field, "the date of " + what + " is required (yyyy-MM-dd)");
            }
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (java.time.DateTimeException e) {
            throw ApiProblem.badRequest(field, "'" + s + "' is not a date; give yyyy-MM-dd (e.g. 2026-04-01)");
        }
        order(field, d, d, what);
        return d;
    }

    /** A partial date (yyyy, yyyy-MM or yyyy-MM-dd) of {@code field}, checked on its whole period; null when absent. */
    public PartialDate checkPartial(ObjectNode b, String field, String what) {
        String s = Json.optText(b, field);
        if (s == null) {
            return null;
        }
        PartialDate p;
        try {
            p = PartialDate.parse(s, field);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, "'" + s + "' is not a date; give yyyy, yyyy-MM or yyyy-MM-dd");
        }
        order(field, p.first(), p.last(), what);
        return p;
    }

    /** Refuses a date after today, before birth or after death (a period [first, last] only when wholly outside). */
    private void order(String field, LocalDate first, LocalDate last, String what) {
        if (first.isAfter(today)) {
            throw ApiProblem.badRequest(field, "the date of " + what + " " + first + " is in the future (today is " + today + ")");
        }
        if (birth != null && last.isBefore(birth)) {
            throw ApiProblem.badRequest(field, "the date of " + what + " " + first + " is before the patient's birth (" + birth + ")");
        }
        if (death != null && first.isAfter(death)) {
            throw ApiProblem.badRequest(field, "the date of " + what + " " + first + " is after the patient's death (" + death + ")");
        }
    }

    /** Refuses {@code date} of {@code field} before the first implant (an event of the treatment). */
    public void afterImplant(String field, LocalDate date, String what) {
        if (firstImplant == null) {
            throw ApiProblem.badRequest(field, what + ": no implant is recorded; record the implant first");
        }
        if (date.isBefore(firstImplant)) {
            throw ApiProblem.badRequest(field, "the date of " + what + " " + date + " is before the implant (" + firstImplant + ")");
        }
    }
}

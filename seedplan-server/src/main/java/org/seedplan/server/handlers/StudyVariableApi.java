package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.Actor;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.studyvars.InvalidValueException;
import org.seedplan.storage.studyvars.RecordLevel;
import org.seedplan.storage.studyvars.ResearchStudy;
import org.seedplan.storage.studyvars.StudyTemplate;
import org.seedplan.storage.studyvars.StudyValue;
import org.seedplan.storage.studyvars.StudyVariable;
import org.seedplan.storage.studyvars.StudyVariableRepository;
import org.seedplan.storage.studyvars.ValueType;
import org.seedplan.storage.studyvars.VariableDefinition;

/**
 * Research studies and their variables (defined by a centre's administrator, permission DEFINE_STUDY; the seed-implant
 * template applied in one step) and the variables' values per patient, lesion or visit (entered with EDIT_REGISTRY).
 * Refused definitions and values name the field: a definition field, or the variable's name for a value.
 */
public final class StudyVariableApi {

    private final StudyVariableRepository repo;
    private final PatientRepository patients;

    public StudyVariableApi(Services s) {
        this.repo = new StudyVariableRepository(s.db());
        this.patients = new PatientRepository(s.db());
    }

    /** GET /api/centres/{centreId}/research-studies: the centre's studies with their variables. */
    public void studies(Context ctx, Caller c) {
        long centreId = Json.pathId(ctx, "centreId");
        c.require(Permission.READ_REGISTRY, centreId, "centre " + centreId);
        ArrayNode out = Json.MAPPER.createArrayNode();
        repo.studiesOf(centreId).forEach(st -> {
            ObjectNode o = json(st);
            ArrayNode vs = o.putArray("variables");
            repo.variablesOf(st.id()).forEach(v -> vs.add(json(v)));
            out.add(o);
        });
        ctx.json(out);
    }

    /** POST /api/centres/{centreId}/research-studies {"code","name","template"?} → 201. */
    public void createStudy(Context ctx, Caller c) {
        long centreId = Json.pathId(ctx, "centreId");
        Actor a = admin(c, centreId, "centre " + centreId);
        ObjectNode b = Json.body(ctx);
        String template = Json.optText(b, "template");
        if (template != null && !StudyTemplate.SEED_IMPLANT.equals(template)) {
            throw ApiProblem.badRequest("template", "template '" + template + "' is not known; the shipped one is " + StudyTemplate.SEED_IMPLANT);
        }
        ResearchStudy st = fielded(() -> repo.createStudy(a, centreId, Json.optText(b, "code"), Json.optText(b, "name")));
        if (template != null) {
            repo.defineAll(a, st.id(), StudyTemplate.seedImplant());
        }
        ObjectNode o = json(st);
        ArrayNode vs = o.putArray("variables");
        repo.variablesOf(st.id()).forEach(v -> vs.add(json(v)));
        ctx.status(201).json(o);
    }

    /** POST /api/research-studies/{studyId}/template {"template":"seed-implant"}: defines the template's missing variables. */
    public void applyTemplate(Context ctx, Caller c) {
        ResearchStudy st = study(ctx);
        Actor a = admin(c, st.centreId(), "study " + st.id());
        ObjectNode b = Json.body(ctx);
        String template = Json.optText(b, "template");
        if (!StudyTemplate.SEED_IMPLANT.equals(template)) {
            throw ApiProblem.badRequest("template", "template '" + template + "' is not known; the shipped one is " + StudyTemplate.SEED_IMPLANT);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        repo.defineAll(a, st.id(), StudyTemplate.seedImplant()).forEach(v -> out.add(json(v)));
        ctx.json(out);
    }

    /** POST /api/research-studies/{studyId}/variables {name, label, type, unit, min, max, levels, level, repeated} → 201. */
    public void define(Context ctx, Caller c) {
        ResearchStudy st = study(ctx);
        Actor a = admin(c, st.centreId(), "study " + st.id());
        VariableDefinition d = definition(Json.body(ctx));
        ctx.status(201).json(json(fielded(() -> repo.define(a, st.id(), d))));
    }

    /** PUT /api/study-variables/{variableId} {"version", definition…, "retired", "reason"}: a new version of the definition. */
    public void update(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "variableId");
        StudyVariable old = repo.variable(id).orElseThrow(() -> ApiProblem.notFound("study variable " + id));
        Actor a = admin(c, repo.centreOfVariable(id), "study variable " + id);
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        VariableDefinition d = definition(merge(b, old.definition()));
        boolean retired = Boolean.TRUE.equals(Json.bool(b, "retired", old.retired()));
        ctx.json(json(fielded(() -> repo.update(a, id, version, d, retired, Json.optText(b, "reason")))));
    }

    /** GET /api/patients/{id}/study-values: the values of a patient (all levels). */
    public void values(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "id");
        Patient p = patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
        c.require(Permission.READ_REGISTRY, p.centreId(), "patient " + id);
        ArrayNode out = Json.MAPPER.createArrayNode();
        repo.valuesOfPatient(p.id()).forEach(v -> out.add(json(v)));
        ctx.json(out);
    }

    /**
     * PUT /api/study-values {"variableId","recordId","instance","value","version"?,"reason"?}: records a value (no version)
     * or changes the one read at "version"; an empty value with a version deletes it (reason required).
     */
    public void setValue(Context ctx, Caller c) {
        ObjectNode b = Json.body(ctx);
        long variableId = Json.number(b, "variableId");
        StudyVariable v = repo.variable(variableId).orElseThrow(() -> ApiProblem.notFound("study variable " + variableId));
        long centreId = repo.centreOfVariable(variableId);
        Actor a = PatientApi.actor(c, c.require(Permission.EDIT_REGISTRY, centreId, "study variable " + variableId), centreId);
        long recordId = Json.number(b, "recordId");
        Integer instance = Json.optInt(b, "instance");
        Long version = b.hasNonNull("version") ? Json.number(b, "version") : null;
        String value = Json.optText(b, "value");
        String reason = Json.optText(b, "reason");
        if (value == null && version != null) {
            StudyValue old = repo.value(variableId, recordId, instance == null ? 1 : instance)
                    .orElseThrow(() -> ApiProblem.notFound("study value of " + v.definition().name()));
            fielded(() -> {
                repo.deleteValue(a, old.id(), version, reason);
                return null;
            });
            ctx.json(Json.MAPPER.createObjectNode().put("variableId", variableId).put("recordId", recordId).putNull("value"));
            return;
        }
        ctx.json(json(fielded(() -> repo.setValue(a, variableId, recordId, instance == null ? 1 : instance, value, version, reason))));
    }

    private static VariableDefinition definition(ObjectNode b) {
        ValueType type = enumOf(ValueType.class, b, "type");
        RecordLevel level = enumOf(RecordLevel.class, b, "level");
        List<String> levels = new ArrayList<>();
        JsonNode ls = b.get("levels");
        if (ls != null && ls.isArray()) {
            ls.forEach(l -> levels.add(l.asText()));
        }
        return fielded(() -> new VariableDefinition(Json.optText(b, "name"), Json.optText(b, "label"), type, Json.optText(b, "unit"),
                Json.optDouble(b, "min"), Json.optDouble(b, "max"), levels, level, Boolean.TRUE.equals(Json.bool(b, "repeated", false))));
    }

    /** The body with the fields it lacks taken from {@code old}. */
    private static ObjectNode merge(ObjectNode b, VariableDefinition old) {
        ObjectNode o = json(old);
        b.fields().forEachRemaining(e -> o.set(e.getKey(), e.getValue()));
        return o;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, ObjectNode b, String field) {
        String v = Json.optText(b, field);
        try {
            return Enum.valueOf(type, v == null ? "" : v);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " '" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Runs storage work, turning a refused definition or value into a problem naming its field. */
    private static <T> T fielded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidValueException e) {
            throw ApiProblem.badRequest(e.field(), e.getMessage());
        }
    }

    private ResearchStudy study(Context ctx) {
        long id = Json.pathId(ctx, "studyId");
        return repo.study(id).orElseThrow(() -> ApiProblem.notFound("study " + id));
    }

    private static Actor admin(Caller c, long centreId, String what) {
        return PatientApi.actor(c, c.require(Permission.DEFINE_STUDY, centreId, what), centreId);
    }

    static ObjectNode json(ResearchStudy st) {
        return Json.MAPPER.createObjectNode().put("id", st.id()).put("centreId", st.centreId()).put("code", st.code()).put("name", st.name())
                .put("version", st.version());
    }

    static ObjectNode json(StudyVariable v) {
        ObjectNode o = json(v.definition());
        return o.put("id", v.id()).put("studyId", v.studyId()).put("version", v.version()).put("retired", v.retired());
    }

    private static ObjectNode json(VariableDefinition d) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("name", d.name()).put("label", d.label()).put("type", d.type().name())
                .put("unit", d.unit()).put("min", d.min()).put("max", d.max()).put("level", d.level().name()).put("repeated", d.repeated());
        ArrayNode ls = o.putArray("levels");
        d.levels().forEach(ls::add);
        return o;
    }

    static ObjectNode json(StudyValue v) {
        return Json.MAPPER.createObjectNode().put("id", v.id()).put("variableId", v.variableId()).put("recordId", v.recordId())
                .put("instance", v.instance()).put("value", v.text()).put("version", v.version());
    }
}

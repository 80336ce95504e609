package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.hyperthermia.HyperthermiaRules;
import org.seedplan.outcomes.hyperthermia.SessionAnalysis;
import org.seedplan.outcomes.hyperthermia.SessionSummary;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.outcomes.response.Criterion;
import org.seedplan.outcomes.response.TimePointResponse;
import org.seedplan.outcomes.scales.QlqC30Scoring;
import org.seedplan.outcomes.scales.QlqScale;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.forms.DateChecks;
import org.seedplan.server.forms.VisitForm;
import org.seedplan.server.forms.VisitResponses;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.Actor;
import org.seedplan.storage.registry.AdverseEventData;
import org.seedplan.storage.registry.AdverseEventRecord;
import org.seedplan.storage.registry.HyperthermiaRecord;
import org.seedplan.storage.registry.HyperthermiaRepository;
import org.seedplan.storage.registry.ImplantRecord;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.OutcomeEventRepository;
import org.seedplan.storage.registry.PartialDate;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.ProgressionData;
import org.seedplan.storage.registry.ProgressionRecord;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRecord;
import org.seedplan.storage.registry.VisitRepository;

/**
 * The follow-up forms' API: the whole follow-up of a patient, the visit form (measurements with the RECIST 1.1 /
 * mRECIST response checked against the browser's, NRS, KPS, QLQ-C30 answers with their scores, labs), adverse
 * events, progressions and hyperthermia sessions (upload of a temperature log with its analysis). Creates answer
 * 201; edits name the version read (409 when stale). Every refusal names the form field.
 */
public final class FollowUpApi {

    private final Services s;
    private final PatientRepository patients;
    private final LesionRepository lesions;
    private final VisitRepository visits;
    private final ImplantRepository implants;
    private final OutcomeEventRepository events;
    private final HyperthermiaRepository hyperthermia;

    public FollowUpApi(Services s) {
        this.s = s;
        this.patients = new PatientRepository(s.db());
        this.lesions = new LesionRepository(s.db());
        this.visits = new VisitRepository(s.db());
        this.implants = new ImplantRepository(s.db());
        this.events = new OutcomeEventRepository(s.db());
        this.hyperthermia = new HyperthermiaRepository(s.db());
    }

    /** GET /api/patients/{id}/follow-up: lesions, first implant, visits with responses and scores, events, sessions. */
    public void followUp(Context ctx, Caller c) {
        Patient p = patient(ctx);
        c.require(Permission.READ_REGISTRY, p.centreId(), "patient " + p.id());
        ObjectNode o = Json.MAPPER.createObjectNode().put("id", p.id()).put("centreId", p.centreId()).put("patientId", p.data().patientId())
                .put("familyName", p.data().familyName()).put("givenName", p.data().givenName())
                .put("birthDate", str(p.data().birthDate())).put("deathDate", str(p.data().deathDate()))
                .put("firstImplantDate", str(firstImplant(p.id()))).put("today", today().toString());
        ArrayNode ls = o.putArray("lesions");
        lesions.ofPatient(p.id()).forEach(l -> ls.add(ClinicalApi.json(l)));
        List<VisitRecord> vs = visits.ofPatient(p.id());
        Map<Criterion, List<TimePointResponse>> responses = responses(p.id(), vs.stream().map(VisitRecord::data).toList());
        ArrayNode va = o.putArray("visits");
        vs.forEach(v -> va.add(visitJson(v, responses)));
        ArrayNode ae = o.putArray("adverseEvents");
        events.adverseEventsOf(p.id()).forEach(e -> ae.add(json(e)));
        ArrayNode pr = o.putArray("progressions");
        events.progressionsOf(p.id()).forEach(e -> pr.add(json(e)));
        ArrayNode hy = o.putArray("hyperthermiaSessions");
        hyperthermia.ofPatient(p.id()).forEach(h -> hy.add(json(h)));
        ctx.json(o);
    }

    /** POST /api/patients/{id}/visit-forms → 201: the visit with its measurements, answers and labs, in one step. */
    public void createVisit(Context ctx, Caller c) {
        Patient p = patient(ctx);
        Actor a = editor(c, p.centreId(), "patient " + p.id());
        ObjectNode b = Json.body(ctx);
        VisitData d = VisitForm.read(b, p.id(), dates(p), lesions.ofPatient(p.id()));
        List<VisitData> all = new ArrayList<>(visits.ofPatient(p.id()).stream().map(VisitRecord::data).toList());
        all.add(d);
        checkResponse(b, p.id(), all, d);
        VisitRecord v = visits.create(a, d);
        ctx.status(201).json(visitJson(v, responses(p.id(), visits.ofPatient(p.id()).stream().map(VisitRecord::data).toList())));
    }

    /** PUT /api/visit-forms/{recordId} {"version", …, "reason"}: replaces the visit and what was measured at it. */
    public void updateVisit(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "recordId");
        VisitRecord old = visits.find(id).orElseThrow(() -> ApiProblem.notFound("visit " + id));
        Patient p = patients.find(old.data().patientId()).orElseThrow(() -> ApiProblem.notFound("visit " + id));
        Actor a = editor(c, p.centreId(), "visit " + id);
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        VisitData d = VisitForm.read(b, p.id(), dates(p), lesions.ofPatient(p.id()));
        List<VisitData> all = new ArrayList<>();
        for (VisitRecord v : visits.ofPatient(p.id())) {
            all.add(v.id() == id ? d : v.data());
        }
        checkResponse(b, p.id(), all, d);
        VisitRecord v = visits.update(a, id, version, d, Json.optText(b, "reason"));
        ctx.json(visitJson(v, responses(p.id(), visits.ofPatient(p.id()).stream().map(VisitRecord::data).toList())));
    }

    /** POST /api/patients/{id}/adverse-events → 201. */
    public void createAdverseEvent(Context ctx, Caller c) {
        Patient p = patient(ctx);
        Actor a = editor(c, p.centreId(), "patient " + p.id());
        ctx.status(201).json(json(events.createAdverseEvent(a, adverseEvent(Json.body(ctx), p))));
    }

    /** PUT /api/adverse-events/{recordId} {"version", …, "reason"}. */
    public void updateAdverseEvent(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "recordId");
        AdverseEventRecord old = events.adverseEvent(id).orElseThrow(() -> ApiProblem.notFound("adverse event " + id));
        Patient p = patients.find(old.data().patientId()).orElseThrow(() -> ApiProblem.notFound("adverse event " + id));
        Actor a = editor(c, p.centreId(), "adverse event " + id);
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        ctx.json(json(events.updateAdverseEvent(a, id, version, adverseEvent(b, p), Json.optText(b, "reason"))));
    }

    /** POST /api/patients/{id}/progressions → 201. */
    public void createProgression(Context ctx, Caller c) {
        Patient p = patient(ctx);
        Actor a = editor(c, p.centreId(), "patient " + p.id());
        ctx.status(201).json(json(events.createProgression(a, progression(Json.body(ctx), p))));
    }

    /** PUT /api/progressions/{recordId} {"version", …, "reason"}. */
    public void updateProgression(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "recordId");
        ProgressionRecord old = events.progression(id).orElseThrow(() -> ApiProblem.notFound("progression " + id));
        Patient p = patients.find(old.data().patientId()).orElseThrow(() -> ApiProblem.notFound("progression " + id));
        Actor a = editor(c, p.centreId(), "progression " + id);
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        ctx.json(json(events.updateProgression(a, id, version, progression(b, p), Json.optText(b, "reason"))));
    }

    /**
     * POST /api/patients/{id}/hyperthermia (multipart: session, start yyyy-MM-ddTHH:mm, file = CSV time_min,channel,temp_c)
     * → 201 with the session's analysis.
     */
    public void uploadHyperthermia(Context ctx, Caller c) throws IOException {
        Patient p = patient(ctx);
        Actor a = editor(c, p.centreId(), "patient " + p.id());
        int number = sessionNumber(ctx);
        LocalDateTime start = start(ctx, p);
        List<TemperatureSample> samples = samples(ctx);
        HyperthermiaRecord r;
        try {
            r = hyperthermia.create(a, p.id(), new HyperthermiaSession(p.data().patientId(), number, start, samples));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("session", e.getMessage());
        }
        ctx.status(201).json(json(r));
    }

    /** POST /api/hyperthermia/{recordId}/log (multipart: version, start, file, reason): replaces the session's log. */
    public void replaceHyperthermia(Context ctx, Caller c) throws IOException {
        long id = Json.pathId(ctx, "recordId");
        HyperthermiaRecord old = hyperthermia.find(id).orElseThrow(() -> ApiProblem.notFound("hyperthermia session " + id));
        Patient p = patients.find(old.patientId()).orElseThrow(() -> ApiProblem.notFound("hyperthermia session " + id));
        Actor a = editor(c, p.centreId(), "hyperthermia session " + id);
        long version;
        try {
            version = Long.parseLong(String.valueOf(ctx.formParam("version")).trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("version", "form field version must be the version read");
        }
        ctx.json(json(hyperthermia.replace(a, id, version, start(ctx, p), samples(ctx), ctx.formParam("reason"))));
    }

    private void checkResponse(ObjectNode b, long patientId, List<VisitData> all, VisitData d) {
        JsonNode r = b.get("response");
        if (r == null || r.isNull()) {
            return;
        }
        String criterionText = r.path("criterion").asText("RECIST_1_1");
        Criterion criterion;
        try {
            criterion = Criterion.valueOf(criterionText);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("response", "criterion '" + criterionText + "' is not RECIST_1_1 or MRECIST");
        }
        TimePointResponse server = VisitResponses.at(VisitResponses.assess(criterion, firstImplant(patientId), lesions.ofPatient(patientId), all),
                d.visitDate()).orElse(null);
        String target = server == null || server.target() == null ? null : server.target().name();
        String overall = server == null ? null : server.overall().name();
        String browserTarget = r.hasNonNull("target") ? r.get("target").asText() : null;
        String browserOverall = r.hasNonNull("overall") ? r.get("overall").asText() : null;
        if (!java.util.Objects.equals(target, browserTarget) || !java.util.Objects.equals(overall, browserOverall)) {
            throw ApiProblem.badRequest("response", "the form computed target " + browserTarget + ", overall " + browserOverall + " by "
                    + criterion + ", but the server's rules give target " + target + ", overall " + overall
                    + (server == null || server.sumMm() == null ? "" : " (sum " + server.sumMm() + " mm, nadir " + server.nadirMm() + " mm)")
                    + "; nothing was saved — reload the page and enter the visit again, and report this if it happens again");
        }
    }

    private Map<Criterion, List<TimePointResponse>> responses(long patientId, List<VisitData> all) {
        List<LesionRecord> ls = lesions.ofPatient(patientId);
        LocalDate implant = firstImplant(patientId);
        Map<Criterion, List<TimePointResponse>> out = new java.util.EnumMap<>(Criterion.class);
        for (Criterion cr : Criterion.values()) {
            out.put(cr, VisitResponses.assess(cr, implant, ls, all));
        }
        return out;
    }

    private ObjectNode visitJson(VisitRecord v, Map<Criterion, List<TimePointResponse>> responses) {
        VisitData d = v.data();
        ObjectNode o = ClinicalApi.json(v);
        ArrayNode ms = o.putArray("measurements");
        d.measurements().forEach(m -> ms.addObject().put("lesionId", m.lesionId()).put("longestMm", m.longestMm())
                .put("shortAxisMm", m.shortAxisMm()).put("viableMm", m.viableMm()));
        ObjectNode q = o.putObject("qlqC30");
        d.qlqC30().forEach((k, val) -> q.put(Integer.toString(k), val));
        ObjectNode scores = o.putObject("qlqC30Scores");
        if (!d.qlqC30().isEmpty()) {
            List<Integer> items = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                items.add(d.qlqC30().get(i));
            }
            Map<QlqScale, Double> sc = QlqC30Scoring.score(items);
            sc.forEach((k, val) -> scores.put(k.name(), val));
            scores.put("SUMMARY", QlqC30Scoring.summary(sc));
        }
        ArrayNode labs = o.putArray("labs");
        d.labs().forEach(l -> labs.addObject().put("name", l.name()).put("value", l.value()).put("unit", l.unit()));
        ObjectNode rs = o.putObject("responses");
        responses.forEach((cr, list) -> VisitResponses.at(list, d.visitDate()).ifPresent(t -> rs.putObject(cr.name())
                .put("target", t.target() == null ? null : t.target().name()).put("overall", t.overall().name()).put("sumMm", t.sumMm())
                .put("nadirMm", t.nadirMm()).put("carried", t.carried())));
        return o;
    }

    private AdverseEventData adverseEvent(ObjectNode b, Patient p) {
        PartialDate onset = dates(p).checkPartial(b, "onsetDate", "the adverse event's onset");
        String term = Json.optText(b, "term");
        if (term == null) {
            throw ApiProblem.badRequest("term", "give the adverse event's term (CTCAE v5 or RTOG), e.g. Pneumothorax");
        }
        String scale = Json.optText(b, "scale");
        if (!"CTCAE_5".equals(scale) && !"RTOG".equals(scale)) {
            throw ApiProblem.badRequest("scale", "scale must be CTCAE_5 (CTCAE v5.0) or RTOG");
        }
        Integer grade = Json.optInt(b, "grade");
        if (grade == null || grade < 1 || grade > 5) {
            throw ApiProblem.badRequest("grade", "grade " + (grade == null ? "(none)" : grade) + " is outside 1–5; give the "
                    + ("RTOG".equals(scale) ? "RTOG" : "CTCAE v5") + " grade 1–5");
        }
        String attribution = Json.optText(b, "attribution");
        try {
            return new AdverseEventData(p.id(), onset == null ? null : onset.first(), term, grade, scale, attribution,
                    onset == null ? null : onset.precision());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("attribution", e.getMessage());
        }
    }

    private ProgressionData progression(ObjectNode b, Patient p) {
        DateChecks dates = dates(p);
        LocalDate date = dates.check(b, "date", true, "the progression");
        dates.afterImplant("date", date, "the progression");
        String type = Json.optText(b, "type");
        if (!"LOCAL".equals(type) && !"DISTANT".equals(type)) {
            throw ApiProblem.badRequest("type", "type must be LOCAL (the implanted lesion) or DISTANT");
        }
        return new ProgressionData(p.id(), date, type);
    }

    private static int sessionNumber(Context ctx) {
        try {
            int n = Integer.parseInt(String.valueOf(ctx.formParam("session")).trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badRequest("session", "session must be the session number 1, 2, …");
    }

    private LocalDateTime start(Context ctx, Patient p) {
        String text = ctx.formParam("start");
        LocalDateTime start;
        try {
            start = LocalDateTime.parse(String.valueOf(text).trim());
        } catch (java.time.DateTimeException e) {
            throw ApiProblem.badRequest("start", "start '" + text + "' is not a date and time; give yyyy-MM-ddTHH:mm");
        }
        LocalDate first = firstImplant(p.id());
        if (first != null && start.toLocalDate().isBefore(first.minusDays(30))) {
            throw ApiProblem.badRequest("start", "the session starts " + start.toLocalDate() + ", more than 30 days before the implant (" + first + ")");
        }
        if (start.toLocalDate().isAfter(today())) {
            throw ApiProblem.badRequest("start", "the session starts " + start.toLocalDate() + ", in the future (today is " + today() + ")");
        }
        return start;
    }

    /** The temperature log: CSV with the header time_min,channel,temp_c (°C; minutes from the start; channels 1–12). */
    private static List<TemperatureSample> samples(Context ctx) throws IOException {
        UploadedFile f = ctx.uploadedFile("file");
        if (f == null) {
            throw ApiProblem.badRequest("file", "no temperature log: send a CSV file with columns time_min,channel,temp_c as form field 'file'");
        }
        String text;
        try (InputStream in = f.content()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.replace("\r", "").split("\n");
        if (lines.length == 0 || !lines[0].trim().replace(" ", "").equalsIgnoreCase("time_min,channel,temp_c")) {
            throw ApiProblem.badRequest("file", f.filename() + ": the first line must be the header time_min,channel,temp_c");
        }
        List<TemperatureSample> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] c = lines[i].split(",");
            try {
                double t = Double.parseDouble(c[0].trim());
                int ch = Integer.parseInt(c[1].trim());
                double temp = Double.parseDouble(c[2].trim());
                if (t < 0 || ch < 1 || ch > HyperthermiaSession.MAX_CHANNELS || temp < 30 || temp > 50) {
                    throw new NumberFormatException();
                }
                out.add(new TemperatureSample(t, ch, temp));
            } catch (RuntimeException e) {
                throw ApiProblem.badRequest("file", f.filename() + " line " + (i + 1) + ": '" + lines[i]
                        + "' is not time_min ≥ 0, channel 1–12, temp_c 30–50 °C");
            }
        }
        if (out.isEmpty()) {
            throw ApiProblem.badRequest("file", f.filename() + " has no readings");
        }
        return out;
    }

    private ObjectNode json(HyperthermiaRecord r) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("id", r.id()).put("session", r.sessionNumber()).put("start", r.start().toString())
                .put("samples", r.samples().size()).put("version", r.version());
        SessionSummary sum = new SessionAnalysis(HyperthermiaRules.standard())
                .summarise(new HyperthermiaSession("patient", r.sessionNumber(), r.start(), r.samples()));
        o.putObject("analysis").put("channels", sum.channels()).put("durationMin", sum.durationMin()).put("minutesInRange", sum.minutesInRange())
                .put("t90C", sum.t90C()).put("t50C", sum.t50C()).put("maxC", sum.maxC()).put("cem43T90Min", sum.cem43T90())
                .put("minutesOverheat", sum.minutesOverheat()).put("overheating", sum.overheating()).put("missedTarget", sum.missedTarget());
        return o;
    }

    private static ObjectNode json(AdverseEventRecord r) {
        AdverseEventData d = r.data();
        return Json.MAPPER.createObjectNode().put("id", r.id()).put("onsetDate", d.onset() == null ? null : d.onset().toString())
                .put("term", d.term()).put("grade", d.grade()).put("scale", d.scale()).put("attribution", d.attribution()).put("version", r.version());
    }

    private static ObjectNode json(ProgressionRecord r) {
        return Json.MAPPER.createObjectNode().put("id", r.id()).put("date", r.data().date().toString()).put("type", r.data().type())
                .put("version", r.version());
    }

    private DateChecks dates(Patient p) {
        return new DateChecks(p.data().birthDate(), p.data().deathDate(), firstImplant(p.id()), today());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(s.now(), ZoneOffset.UTC);
    }

    private LocalDate firstImplant(long patientId) {
        return implants.ofPatient(patientId).stream().map(ImplantRecord::data).map(d -> d.implantDate()).min(LocalDate::compareTo).orElse(null);
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private Patient patient(Context ctx) {
        long id = Json.pathId(ctx, "id");
        return patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
    }

    private static Actor editor(Caller c, long centreId, String what) {
        return PatientApi.actor(c, c.require(Permission.EDIT_REGISTRY, centreId, what), centreId);
    }
}

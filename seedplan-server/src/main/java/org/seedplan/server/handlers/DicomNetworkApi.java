package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.dicom.net.FindScu;
import org.seedplan.dicom.net.GetScu;
import org.seedplan.dicom.net.QueryKey;
import org.seedplan.dicom.net.ReceivedObjectStore;
import org.seedplan.dicom.net.StoreScu;
import org.seedplan.dicom.net.Timeouts;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.api.Route;
import org.seedplan.server.dicom.RegistryDicomNode;
import org.seedplan.server.plans.RtPlanExport;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomPeer;
import org.seedplan.storage.dicom.DicomPeers;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.StoredInstance;
import org.seedplan.storage.dicom.StudyInfo;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The workstation's DICOM network actions: the centre's known peers (kept by its administrator), sending the RT Plan
 * of an approved revision to a PACS, querying a PACS for a patient's studies (C-FIND by Patient ID) and fetching one
 * of them into the patient's record (C-GET). A peer of another centre is never used: it answers 404 as if absent.
 */
public final class DicomNetworkApi {

    /** Our node's time limits when calling a peer: 10 s to connect and be answered, 60 s between PDUs. */
    static final Timeouts CALLS = new Timeouts(10_000, 60_000);

    private final Services s;
    private final DicomPeers peers;
    private final DicomStore store;
    private final PatientRepository patients;
    private final PlanRevisions plans;

    public DicomNetworkApi(Services s) {
        this.s = s;
        this.peers = new DicomPeers(s.db());
        this.store = DicomStore.open(s.db());
        this.patients = new PatientRepository(s.db());
        this.plans = new PlanRevisions(s.db());
    }

    /** The routes of these actions, bound to a new instance on {@code s} (Routes.all lists them with the rest). */
    public static List<Route> routes(Services s) {
        DicomNetworkApi n = new DicomNetworkApi(s);
        return List.of(
                new Route(GET, "/api/dicom/peers", Permission.READ_REGISTRY, 200, "Known DICOM peers of the caller's centres and our AE title", n::peers),
                new Route(POST, "/api/dicom/peers", Permission.MANAGE_DICOM_PEERS, 201, "Add a known DICOM peer to a centre", n::createPeer),
                new Route(PUT, "/api/dicom/peers/{peerId}", Permission.MANAGE_DICOM_PEERS, 200, "Change a known DICOM peer", n::updatePeer),
                new Route(DELETE, "/api/dicom/peers/{peerId}", Permission.MANAGE_DICOM_PEERS, 204, "Remove a known DICOM peer", n::deletePeer),
                new Route(POST, "/api/plans/{planId}/revisions/{rev}/send", Permission.EXPORT_PLAN, 200,
                        "Send the RT Plan of an approved revision to a PACS of the centre (409 otherwise); audited", n::sendPlan),
                new Route(GET, "/api/patients/{id}/pacs/studies", Permission.EDIT_REGISTRY, 200,
                        "Query a PACS of the centre for the patient's studies (C-FIND by Patient ID); audited", n::findStudies),
                new Route(POST, "/api/patients/{id}/pacs/fetch", Permission.EDIT_REGISTRY, 200,
                        "Fetch a study from a PACS of the centre into the patient's record (C-GET); audited", n::fetchStudy));
    }

    /** GET /api/dicom/peers: the known peers of the caller's centres, by AE title, with our own AE title. */
    public void peers(Context ctx, Caller c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("ourAeTitle", RegistryDicomNode.aeTitleFor(s.db()));
        ArrayNode a = o.putArray("peers");
        peers.ofCentres(c.centresWith(Permission.READ_REGISTRY)).forEach(p -> a.add(json(p)));
        ctx.json(o);
    }

    /** POST /api/dicom/peers {"centreId","aeTitle","host","port","maySend","mayReceive","description"} → 201. */
    public void createPeer(Context ctx, Caller c) {
        ObjectNode b = Json.body(ctx);
        long centreId = Json.number(b, "centreId");
        Role role = c.require(Permission.MANAGE_DICOM_PEERS, centreId, "centre " + centreId);
        DicomPeer p;
        try {
            p = peers.create(PatientApi.actor(c, role, centreId), data(b, centreId));
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
        ctx.status(201).json(json(p));
    }

    /** PUT /api/dicom/peers/{peerId} {…the fields of a peer, "reason"}: the centre stays the same. */
    public void updatePeer(Context ctx, Caller c) {
        DicomPeer old = peer(ctx, c, Permission.MANAGE_DICOM_PEERS);
        Role role = c.require(Permission.MANAGE_DICOM_PEERS, old.centreId(), "DICOM peer " + old.id());
        ObjectNode b = Json.body(ctx);
        try {
            ctx.json(json(peers.update(PatientApi.actor(c, role, old.centreId()), old.id(), data(b, old.centreId()), Json.optText(b, "reason"))));
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    /** DELETE /api/dicom/peers/{peerId} {"reason"} → 204: the peer's AE title is refused from now on. */
    public void deletePeer(Context ctx, Caller c) {
        DicomPeer old = peer(ctx, c, Permission.MANAGE_DICOM_PEERS);
        Role role = c.require(Permission.MANAGE_DICOM_PEERS, old.centreId(), "DICOM peer " + old.id());
        String reason = ctx.body().isBlank() ? null : Json.optText(Json.body(ctx), "reason");
        peers.delete(PatientApi.actor(c, role, old.centreId()), old.id(), reason);
        ctx.status(204);
    }

    /**
     * POST /api/plans/{planId}/revisions/{rev}/send {"peerId"}: the RT Plan of an approved revision (409 for a draft)
     * sent by C-STORE to a peer of the plan's centre that may be sent to; audited as an export, which locks the
     * revision. 502 when the peer cannot be reached or refuses the object.
     */
    public void sendPlan(Context ctx, Caller c) throws IOException {
        long planId = Json.pathId(ctx, "planId");
        PlanRevisions.PlanRef plan = plans.plan(planId).orElseThrow(() -> ApiProblem.notFound("plan " + planId));
        Role role = c.require(Permission.EXPORT_PLAN, plan.centreId(), "plan " + planId);
        long rev = Json.pathId(ctx, "rev");
        PlanRevisions.Revision r = plans.revision(planId, (int) rev).orElseThrow(() -> ApiProblem.notFound("revision " + rev + " of plan " + planId));
        DicomPeer peer = usablePeer(Json.number(Json.body(ctx), "peerId"), plan.centreId(), false);
        byte[] rtPlan;
        try {
            rtPlan = new RtPlanExport(s.db()).write(r, patients.find(plan.patientDbId()).orElseThrow().data());
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        Actor actor = PatientApi.actor(c, role, plan.centreId());
        AeAddress to = address(peer);
        Path tmp = s.scratch().newFile("rtplan-", ".dcm");
        StoreScu.Outcome outcome;
        try {
            Files.write(tmp, rtPlan);
            outcome = StoreScu.send(to, RegistryDicomNode.aeTitleFor(s.db()), List.of(tmp), CALLS).get(0);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            s.audit().event(actor, "SEND_FAILED", "plan_revision", r.id(), "DICOM RT Plan to " + to + ": " + e.getMessage());
            throw unreachable(to, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (!outcome.stored()) {
            s.audit().event(actor, "SEND_FAILED", "plan_revision", r.id(), "DICOM RT Plan to " + to + ": " + outcome.problem());
            throw new ApiProblem(502, "Peer refused the plan", to + ": " + outcome.problem(), "peerId");
        }
        plans.recordExport(actor, r, "DICOM RT Plan " + outcome.sopInstanceUid() + " sent to " + to);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("peer", to.toString()).put("sopInstanceUid", outcome.sopInstanceUid()).put("status", outcome.status());
        ctx.json(o);
    }

    /**
     * GET /api/patients/{id}/pacs/studies?peerId=: the studies a peer of the patient's centre holds under the patient's
     * Patient ID (C-FIND, study level), newest first, each marked when the registry holds it already. Audited.
     */
    public void findStudies(Context ctx, Caller c) {
        Patient p = patient(ctx, c);
        DicomPeer peer = usablePeer(Json.queryId(ctx, "peerId"), p.centreId(), true);
        AeAddress from = address(peer);
        Map<QueryKey, String> keys = new EnumMap<>(QueryKey.class);
        keys.put(QueryKey.PATIENT_ID, p.patientId());
        List<DataSet> found;
        try {
            found = FindScu.find(from, RegistryDicomNode.aeTitleFor(s.db()), "STUDY", keys, CALLS);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw unreachable(from, e);
        }
        Role role = c.require(Permission.EDIT_REGISTRY, p.centreId(), "patient " + p.id());
        s.audit().event(PatientApi.actor(c, role, p.centreId()), "PACS_QUERY", "patient", p.id(),
                "C-FIND of Patient ID " + p.patientId() + " at " + from + ": " + found.size() + " study(ies)");
        Set<String> stored = new HashSet<>();
        store.studies(p.id()).forEach(st -> stored.add(st.studyInstanceUid()));
        ArrayNode a = Json.MAPPER.createArrayNode();
        found.stream().sorted((x, y) -> text(y, QueryKey.STUDY_DATE).compareTo(text(x, QueryKey.STUDY_DATE))).forEach(d -> {
            String uid = text(d, QueryKey.STUDY_INSTANCE_UID);
            a.addObject().put("studyInstanceUid", uid).put("studyDate", text(d, QueryKey.STUDY_DATE))
                    .put("description", text(d, QueryKey.STUDY_DESCRIPTION)).put("modalities", text(d, QueryKey.MODALITIES_IN_STUDY))
                    .put("accessionNumber", text(d, QueryKey.ACCESSION_NUMBER))
                    .put("instances", text(d, QueryKey.NUMBER_OF_STUDY_RELATED_INSTANCES)).put("inRegistry", stored.contains(uid));
        });
        ctx.json(a);
    }

    /**
     * POST /api/patients/{id}/pacs/fetch {"peerId","studyInstanceUid"}: retrieves the study by C-GET into the patient's
     * record; each object is filed under this patient only (one with another Patient ID is refused) → counts.
     */
    public void fetchStudy(Context ctx, Caller c) {
        Patient p = patient(ctx, c);
        Role role = c.require(Permission.EDIT_REGISTRY, p.centreId(), "patient " + p.id());
        ObjectNode b = Json.body(ctx);
        DicomPeer peer = usablePeer(Json.number(b, "peerId"), p.centreId(), true);
        String study = Json.text(b, "studyInstanceUid");
        if (!study.matches("[0-9]+(\\.[0-9]+)*") || study.length() > 64) {
            throw ApiProblem.badRequest("studyInstanceUid", "studyInstanceUid '" + study + "' is not a UID (digits and dots, at most 64)");
        }
        Actor actor = PatientApi.actor(c, role, p.centreId());
        AeAddress from = address(peer);
        ReceivedObjectStore intoPatient = new ReceivedObjectStore(o -> {
            StoredInstance i = store.store(actor, p.id(), o.part10(), "object " + o.sopInstanceUid() + " from " + from);
            return new ReceivedObjectStore.StoredObject(s.db().dataFolder().resolve(i.filePath()), i.studyInstanceUid(), i.seriesInstanceUid());
        });
        GetScu.Result r;
        try {
            r = GetScu.getStudy(from, RegistryDicomNode.aeTitleFor(s.db()), study, intoPatient, CALLS);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            s.audit().event(actor, "PACS_RETRIEVE_FAILED", "patient", p.id(), "C-GET of study " + study + " from " + from + ": " + e.getMessage());
            throw unreachable(from, e);
        }
        s.audit().event(actor, "PACS_RETRIEVE", "patient", p.id(), "C-GET of study " + study + " from " + from + ": " + r.kept().size()
                + " object(s) stored, " + r.failed() + " failed");
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("studyInstanceUid", study).put("stored", r.kept().size()).put("completed", r.completed()).put("failed", r.failed())
                .put("warning", r.warning());
        StudyInfo info = store.studies(p.id()).stream().filter(st -> st.studyInstanceUid().equals(study)).findFirst().orElse(null);
        o.put("seriesCount", info == null ? 0 : info.series().size());
        ctx.json(o);
    }

    /** The patient of the path, with EDIT_REGISTRY in its centre (404 in another centre). */
    private Patient patient(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "id");
        Patient p = patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
        c.require(Permission.EDIT_REGISTRY, p.centreId(), "patient " + id);
        return p;
    }

    /** The peer of the path, visible to the caller with {@code perm} in its centre (404 otherwise). */
    private DicomPeer peer(Context ctx, Caller c, Permission perm) {
        long id = Json.pathId(ctx, "peerId");
        DicomPeer p = peers.find(id).orElseThrow(() -> ApiProblem.notFound("DICOM peer " + id));
        c.require(perm, p.centreId(), "DICOM peer " + id);
        return p;
    }

    /** A peer of {@code centreId} (404 for another centre's) that may be sent to, or (to query and fetch from) may send. */
    private DicomPeer usablePeer(long peerId, long centreId, boolean asSource) {
        DicomPeer p = peers.find(peerId).filter(x -> x.centreId() == centreId).orElseThrow(() -> ApiProblem.notFound("DICOM peer " + peerId));
        if (asSource ? !p.maySend() : !p.mayReceive()) {
            throw ApiProblem.conflict("peer " + p.aeTitle() + " is not allowed to " + (asSource ? "send to seedplan" : "be sent to")
                    + ": its administrator can allow it in the centre's DICOM peers", "peerId");
        }
        return p;
    }

    private static AeAddress address(DicomPeer p) {
        return new AeAddress(p.aeTitle(), p.host(), p.port());
    }

    private static ApiProblem unreachable(AeAddress peer, Exception e) {
        return new ApiProblem(502, "Peer unreachable", peer + ": " + e.getMessage(), "peerId");
    }

    private static DicomPeers.PeerData data(ObjectNode b, long centreId) {
        Integer port = Json.optInt(b, "port");
        Boolean maySend = Json.bool(b, "maySend", Boolean.FALSE);
        Boolean mayReceive = Json.bool(b, "mayReceive", Boolean.FALSE);
        try {
            return new DicomPeers.PeerData(centreId, Json.text(b, "aeTitle"), Json.text(b, "host"), port == null ? 0 : port,
                    Boolean.TRUE.equals(maySend), Boolean.TRUE.equals(mayReceive), Json.optText(b, "description"));
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    /** 400 naming the field a peer's message starts with (the storage layer names it first). */
    private static ApiProblem invalid(IllegalArgumentException e) {
        String m = e.getMessage();
        String field = m.startsWith("host") ? "host" : m.startsWith("port") ? "port" : m.startsWith("centreId") ? "centreId" : "aeTitle";
        return ApiProblem.badRequest(field, m);
    }

    private static ObjectNode json(DicomPeer p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", p.id()).put("centreId", p.centreId()).put("aeTitle", p.aeTitle()).put("host", p.host()).put("port", p.port())
                .put("maySend", p.maySend()).put("mayReceive", p.mayReceive()).put("description", p.description());
        return o;
    }

    private static String text(DataSet d, QueryKey k) {
        return d.string(k.tag(), "").strip();
    }
}

package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.rtstruct.FrameReference;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.geometry.Grid;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.imaging.BrowserVolume;
import org.seedplan.server.imaging.SeriesAccess;
import org.seedplan.server.security.Permission;
import org.seedplan.server.structures.StructureDerivation;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Structure sets on a CT series for the contouring screen: list, load (any version), create, save a new version
 * (409 when stale), import an RTSTRUCT of the same study and Frame of Reference, and derive a structure by margin
 * or boolean with the core functions.
 */
public final class StructureApi {

    /** How far a drawn contour may lie from a CT slice position, mm. */
    static final double SLICE_TOLERANCE_MM = 0.01;

    private final Services s;
    private final SeriesAccess access;
    private final StructureSetStore store;
    private final PatientRepository patients;

    public StructureApi(Services s, SeriesAccess access) {
        this.s = s;
        this.access = access;
        this.store = new StructureSetStore(s.db(), s.audit());
        this.patients = new PatientRepository(s.db());
    }

    /** GET /api/ct/{seriesUid}/structure-sets → [{id, name, version, savedAt, savedBy}]. */
    public void list(Context ctx, Caller c) {
        String series = ctx.pathParam("seriesUid");
        access.patient(c, series, Permission.READ_REGISTRY);
        ArrayNode a = Json.MAPPER.createArrayNode();
        store.ofSeries(series).forEach(x -> a.add(summary(x)));
        ctx.json(a);
    }

    /** POST /api/ct/{seriesUid}/structure-sets {name, structures} → 201 the set at version 1. */
    public void create(Context ctx, Caller c) {
        String series = ctx.pathParam("seriesUid");
        Patient p = access.patient(c, series, Permission.EDIT_PLAN);
        Role role = access.role(c, p, Permission.EDIT_PLAN);
        BrowserVolume v = access.volume(c, series, Permission.EDIT_PLAN);
        ObjectNode b = Json.body(ctx);
        String name = Json.text(b, "name");
        List<Structure> structures = StructureJson.read(b.get("structures"), "structures");
        requireOnSlices(structures, v.grid());
        long id = store.create(PatientApi.actor(c, role, p.centreId()), p.id(), series, v.frameOfReferenceUid(), name, "drawn",
                StructureJson.write(structures).toString(), s.now());
        ctx.status(201).json(load(id, null));
    }

    /** GET /api/structure-sets/{setId}[?version=N] → the set with the structures of its latest (or the given) version. */
    public void get(Context ctx, Caller c) {
        StructureSetStore.Summary set = set(ctx, c, Permission.READ_REGISTRY);
        String version = ctx.queryParam("version");
        Long n = null;
        if (version != null && !version.isBlank()) {
            try {
                n = Long.parseLong(version.trim());
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("version", "version must be a whole number");
            }
        }
        ctx.json(load(set.id(), n));
    }

    /** GET /api/structure-sets/{setId}/versions → [{version, savedAt, savedBy, source, sha256}], newest first. */
    public void versions(Context ctx, Caller c) {
        StructureSetStore.Summary set = set(ctx, c, Permission.READ_REGISTRY);
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (StructureSetStore.Version v : store.versions(set.id())) {
            a.addObject().put("version", v.version()).put("savedAt", v.savedAt().toString()).put("savedBy", v.savedBy())
                    .put("source", v.source()).put("sha256", v.sha256());
        }
        ctx.json(a);
    }

    /** PUT /api/structure-sets/{setId} {version, structures, note?} → the set at its new version; 409 when version is stale. */
    public void save(Context ctx, Caller c) {
        StructureSetStore.Summary set = set(ctx, c, Permission.EDIT_PLAN);
        Patient p = patients.find(set.patientDbId()).orElseThrow();
        Role role = access.role(c, p, Permission.EDIT_PLAN);
        ObjectNode b = Json.body(ctx);
        long read = Json.number(b, "version");
        List<Structure> structures = StructureJson.read(b.get("structures"), "structures");
        requireOnSlices(structures, access.volume(c, set.ctSeriesUid(), Permission.EDIT_PLAN).grid());
        String note = Json.optText(b, "note");
        long next = store.save(PatientApi.actor(c, role, p.centreId()), set.id(), read, note == null ? "drawn" : "drawn: " + note,
                StructureJson.write(structures).toString(), s.now());
        ctx.json(load(set.id(), next));
    }

    /**
     * POST /api/ct/{seriesUid}/structure-sets/import: an RTSTRUCT as multipart field {@code file}, or JSON
     * {@code {"seriesInstanceUid"}} of an RTSTRUCT series of the patient stored in the registry → 201 a new set of its ROIs with closed contours.
     * Refused when it is of another patient or study, or names another Frame of Reference than the CT's.
     */
    public void importRtStruct(Context ctx, Caller c) throws IOException {
        String series = ctx.pathParam("seriesUid");
        Patient p = access.patient(c, series, Permission.EDIT_PLAN);
        Role role = access.role(c, p, Permission.EDIT_PLAN);
        BrowserVolume v = access.volume(c, series, Permission.EDIT_PLAN);
        RtStructureSet rs;
        String origin;
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("multipart/")) {
            UploadedFile f = ctx.uploadedFile("file");
            if (f == null) {
                throw ApiProblem.badRequest("file", "no file part: send the RTSTRUCT file as form field 'file'");
            }
            byte[] bytes;
            try (InputStream in = f.content()) {
                bytes = in.readAllBytes();
            }
            origin = f.filename() == null ? "upload" : f.filename().replaceAll(".*[/\\\\]", "");
            rs = parse(bytes, origin);
        } else {
            String rsSeries = Json.text(Json.body(ctx), "seriesInstanceUid");
            if (access.store().patientOfSeries(rsSeries).orElse(-1L) != p.id()) {
                throw ApiProblem.notFound("RTSTRUCT series " + rsSeries + " of this patient");
            }
            List<Path> files = access.store().seriesFiles(rsSeries);
            if (files.size() != 1) {
                throw ApiProblem.badRequest("seriesInstanceUid", "series " + rsSeries + " holds " + files.size()
                        + " objects: name an RTSTRUCT series with one structure set, or upload the file");
            }
            origin = "stored series " + rsSeries;
            rs = parse(Files.readAllBytes(files.get(0)), origin);
        }
        requireSameFrame(rs, v, p, origin);
        List<Structure> structures = rs.structures();
        if (structures.isEmpty()) {
            throw ApiProblem.badRequest("file", origin + " holds no ROI with closed contours: nothing to import");
        }
        String name = rs.label() == null || rs.label().isBlank() ? "Imported RTSTRUCT" : rs.label();
        long id = store.create(PatientApi.actor(c, role, p.centreId()), p.id(), series, v.frameOfReferenceUid(), name,
                "RTSTRUCT import " + rs.sopInstanceUid() + " (" + origin + ")", StructureJson.write(structures).toString(), s.now());
        ctx.status(201).json(load(id, null));
    }

    /**
     * POST /api/ct/{seriesUid}/structures/derive {operation: expand|union|intersection|subtract, a, b?, marginMm?, name,
     * type?, colour?} → the derived structure (not saved: the screen adds it to its set and saves).
     */
    public void derive(Context ctx, Caller c) {
        BrowserVolume v = access.volume(c, ctx.pathParam("seriesUid"), Permission.EDIT_PLAN);
        ObjectNode b = Json.body(ctx);
        StructureDerivation.Operation op;
        try {
            op = StructureDerivation.Operation.valueOf(Json.text(b, "operation").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("operation", "operation must be expand, union, intersection or subtract");
        }
        Structure a = StructureJson.readOne(b.get("a"), "a");
        Structure second = op == StructureDerivation.Operation.EXPAND ? null : StructureJson.readOne(b.get("b"), "b");
        double margin = 0;
        if (op == StructureDerivation.Operation.EXPAND) {
            Double m = Json.optDouble(b, "marginMm");
            if (m == null || !Double.isFinite(m) || Math.abs(m) > 50) {
                throw ApiProblem.badRequest("marginMm", "marginMm must be a margin in mm between -50 and 50 (negative shrinks)");
            }
            margin = m;
        }
        String name = Json.text(b, "name");
        String typeText = Json.optText(b, "type");
        StructureType type = typeText == null ? a.type() : StructureType.parse(typeText);
        String colour = Json.optText(b, "colour");
        int rgb = colour == null ? a.colorRgb() : StructureJson.colour(colour, "colour");
        Structure result;
        try {
            result = StructureDerivation.derive(v.grid(), op, a, second, margin, name, type, rgb);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(op == StructureDerivation.Operation.EXPAND ? "marginMm" : "b", e.getMessage());
        }
        ctx.json(StructureJson.write(result));
    }

    private static RtStructureSet parse(byte[] bytes, String origin) {
        try {
            return RtStructReader.read(DicomReader.parse(bytes, origin).dataSet());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("file", e.getMessage());
        }
    }

    /** The RTSTRUCT must be of the CT's patient and study and name only the CT's Frame of Reference. */
    private static void requireSameFrame(RtStructureSet rs, BrowserVolume v, Patient p, String origin) {
        if (rs.patientId() != null && !rs.patientId().equals(p.patientId())) {
            throw ApiProblem.badRequest("file", origin + " is of Patient ID " + rs.patientId() + ", the CT of " + p.patientId()
                    + ": import the structure set of this patient");
        }
        if (rs.studyInstanceUid() != null && !rs.studyInstanceUid().equals(v.studyInstanceUid())) {
            throw ApiProblem.badRequest("file", origin + " belongs to study " + rs.studyInstanceUid() + ", the CT to study "
                    + v.studyInstanceUid() + ": import the RTSTRUCT drawn on this CT's study");
        }
        if (rs.frameOfReferenceUid() != null && !rs.frameOfReferenceUid().equals(v.frameOfReferenceUid())) {
            throw ApiProblem.badRequest("file", origin + " has Frame of Reference UID " + rs.frameOfReferenceUid() + ", the CT "
                    + v.frameOfReferenceUid() + ": its contours are in another coordinate system; register them first");
        }
        for (FrameReference f : rs.nestedFrames()) {
            if (f.uid() != null && !f.uid().equals(v.frameOfReferenceUid())) {
                throw ApiProblem.badRequest("file", origin + ": " + f.attribute() + " names Frame of Reference " + f.uid()
                        + ", the CT's is " + v.frameOfReferenceUid() + ": its contours are in another coordinate system");
            }
        }
    }

    /** Drawn contours must lie on the CT's slices (the screen draws on them; anything else is a fault). */
    private static void requireOnSlices(List<Structure> structures, Grid g) {
        for (int n = 0; n < structures.size(); n++) {
            List<Contour> cs = structures.get(n).contours();
            for (int k = 0; k < cs.size(); k++) {
                double z = cs.get(k).zMm();
                double index = (z - g.originMm().z()) / g.dzMm();
                long nearest = Math.round(index);
                if (nearest < 0 || nearest >= g.nz() || Math.abs(index - nearest) * g.dzMm() > SLICE_TOLERANCE_MM) {
                    throw ApiProblem.badRequest("structures[" + n + "].contours[" + k + "].zMm", String.format(Locale.ROOT,
                            "contour at z = %.3f mm of '%s' is not on a slice of the CT (slices from %.2f mm every %.2f mm, %d of them)",
                            z, structures.get(n).name(), g.originMm().z(), g.dzMm(), g.nz()));
                }
            }
        }
    }

    private StructureSetStore.Summary set(Context ctx, Caller c, Permission permission) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("setId"));
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("structure set " + ctx.pathParam("setId"));
        }
        StructureSetStore.Summary set = store.find(id).orElseThrow(() -> ApiProblem.notFound("structure set " + id));
        Patient p = patients.find(set.patientDbId()).orElseThrow(() -> ApiProblem.notFound("structure set " + id));
        c.require(permission, p.centreId(), "structure set " + id);
        return set;
    }

    private ObjectNode load(long id, Long version) {
        StructureSetStore.Summary set = store.find(id).orElseThrow();
        long n = version == null ? set.version() : version;
        StructureSetStore.Version v = store.version(id, n).orElseThrow(() -> ApiProblem.notFound("version " + n + " of structure set " + id));
        ObjectNode o = summary(set);
        o.put("shownVersion", v.version()).put("shownSavedAt", v.savedAt().toString()).put("shownSavedBy", v.savedBy())
                .put("source", v.source());
        try {
            JsonNode structures = Json.MAPPER.readTree(v.contentJson());
            o.set("structures", structures);
        } catch (IOException e) {
            throw new IllegalStateException("structure set " + id + " version " + n + " holds unreadable JSON", e);
        }
        return o;
    }

    private static ObjectNode summary(StructureSetStore.Summary x) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", x.id()).put("name", x.name()).put("version", x.version()).put("ctSeriesUid", x.ctSeriesUid())
                .put("frameOfReferenceUid", x.frameOfReferenceUid()).put("savedAt", x.savedAt().toString()).put("savedBy", x.savedBy());
        return o;
    }
}

package org.seedplan.server.imaging;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.seedplan.server.security.Permission.EDIT_PLAN;
import static org.seedplan.server.security.Permission.READ_REGISTRY;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.seedplan.server.Services;
import org.seedplan.server.api.Route;
import org.seedplan.server.handlers.CtVolumeApi;
import org.seedplan.server.handlers.StructureApi;
import org.seedplan.server.handlers.VerificationApi;
import org.seedplan.storage.Database;
import org.seedplan.storage.dicom.DicomStore;

/** The routes of the image screens (CT viewer, contouring, verification), sharing one cache of CT volumes. */
public final class ImagingRoutes {

    private static final Map<Database, CtVolumeCache> CACHES = new WeakHashMap<>();

    private ImagingRoutes() {
    }

    /**
     * The one volume cache of database {@code db}, its background preparation of stored CT series started with it
     * (the routes are listed more than once per server).
     */
    static CtVolumeCache cacheOf(Database db) {
        synchronized (CACHES) {
            return CACHES.computeIfAbsent(db, d -> {
                CtVolumeCache cache = new CtVolumeCache(CtVolumeCache.DEFAULT_BUDGET_BYTES,
                        new PreparedVolumes(d.dataFolder(), PreparedVolumes.DEFAULT_BUDGET_BYTES));
                StoredSeriesPreparer.start(d, DicomStore.open(d), cache);
                return cache;
            });
        }
    }

    /** The routes, their handlers bound to {@code s}. */
    public static List<Route> all(Services s) {
        SeriesAccess access = new SeriesAccess(s.db(), cacheOf(s.db()));
        CtVolumeApi ct = new CtVolumeApi(access);
        StructureApi structures = new StructureApi(s, access);
        VerificationApi verification = new VerificationApi(s, access);
        List<Route> routes = new java.util.ArrayList<>(List.of(
                new Route(GET, "/api/ct/{seriesUid}", READ_REGISTRY, 200, "Geometry of a CT series for the viewer (mm LPS)", ct::header),
                new Route(GET, "/api/ct/{seriesUid}/voxels", READ_REGISTRY, 200,
                        "Slices of a CT series as Int16 little-endian HU (query from, count; gzip)", ct::voxels),
                new Route(GET, "/api/ct/{seriesUid}/structure-sets", READ_REGISTRY, 200, "Structure sets drawn on a CT series", structures::list),
                new Route(POST, "/api/ct/{seriesUid}/structure-sets", EDIT_PLAN, 201, "Create a structure set (version 1); audited", structures::create),
                new Route(POST, "/api/ct/{seriesUid}/structure-sets/import", EDIT_PLAN, 201,
                        "Import an RTSTRUCT of the CT's study and Frame of Reference (multipart file, or a stored RTSTRUCT series)",
                        structures::importRtStruct),
                new Route(POST, "/api/ct/{seriesUid}/structures/derive", EDIT_PLAN, 200,
                        "Derive a structure: margin (expand) or boolean (union, intersection, subtract); not saved", structures::derive),
                new Route(GET, "/api/structure-sets/{setId}", READ_REGISTRY, 200, "A structure set at its latest (or ?version=N) version", structures::get),
                new Route(PUT, "/api/structure-sets/{setId}", EDIT_PLAN, 200, "Save a new version (version read required; 409 when stale); audited",
                        structures::save),
                new Route(GET, "/api/structure-sets/{setId}/versions", READ_REGISTRY, 200, "Saved versions of a structure set with their authors",
                        structures::versions),
                new Route(POST, "/api/verifications", EDIT_PLAN, 202,
                        "Start a post-implant verification: seed finding on the post-op CT (in the plan's frame through a stored rigid Spatial"
                                + " Registration when its frame differs), matching, pre/post dose, DVH, cold regions",
                        verification::start),
                new Route(GET, "/api/verifications/{jobId}", EDIT_PLAN, 200, "Progress and result of a verification (its starter only)",
                        verification::get),
                new Route(DELETE, "/api/verifications/{jobId}", EDIT_PLAN, 200,
                        "Cancel a verification (its starter only): it stops at its next step and ends cancelled, keeping nothing; audited",
                        verification::cancel),
                new Route(POST, "/api/verifications/{jobId}/post-plan", EDIT_PLAN, 201,
                        "Record the verified implant as a post-implant plan (DRAFT revision; approve with the approval route)",
                        verification::postPlan),
                new Route(GET, "/api/verifications/{jobId}/isodoses", EDIT_PLAN, 200,
                        "The post-implant dose's isodose lines (50/100/150/200 % of the prescription) on the slices asked for"
                                + " (?axial=&coronal=&sagittal= mm), with the plan screen's line styles (its starter only)",
                        verification::isodoses),
                new Route(POST, "/api/verifications/{jobId}/implant", EDIT_PLAN, 200,
                        "Save a finished verification's post-implant figures of a target (TG-43, or the stored model-based Dm,m/Dw,m) with"
                                + " their structure, run and engine into the implant recorded against the verified revision (its starter,"
                                + " EDIT_REGISTRY too; version required; replacing other figures needs replace and a reason); audited",
                        new org.seedplan.server.handlers.VerificationImplantApi(s, verification)::save)));
        routes.addAll(org.seedplan.server.modelbased.ModelBasedRoutes.ofVerifications(s, access, verification));
        return routes;
    }
}

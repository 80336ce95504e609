package org.seedplan.server.imaging;

import static io.javalin.http.HandlerType.GET;
import static org.seedplan.server.security.Permission.READ_REGISTRY;

import java.util.List;
import org.seedplan.server.Services;
import org.seedplan.server.api.Route;
import org.seedplan.server.handlers.CtVolumeApi;

/** The routes of the image screens (CT viewer, contouring, verification), sharing one cache of CT volumes. */
public final class ImagingRoutes {

    private ImagingRoutes() {
    }

    /** The routes, their handlers bound to {@code s}. */
    public static List<Route> all(Services s) {
        SeriesAccess access = new SeriesAccess(s.db(), new CtVolumeCache(CtVolumeCache.DEFAULT_BUDGET_BYTES));
        CtVolumeApi ct = new CtVolumeApi(access);
        return List.of(
                new Route(GET, "/api/ct/{seriesUid}", READ_REGISTRY, 200, "Geometry of a CT series for the viewer (mm LPS)", ct::header),
                new Route(GET, "/api/ct/{seriesUid}/voxels", READ_REGISTRY, 200,
                        "Slices of a CT series as Int16 little-endian HU (query from, count; gzip)", ct::voxels));
    }
}

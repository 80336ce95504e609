package org.seedplan.server.handlers;

import io.javalin.http.Context;
import java.util.List;
import org.seedplan.server.Services;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.cohort.DeidentifiedExport;

/** The statistician's de-identified export of a centre's cohort. */
public final class ExportApi {

    private final Services s;

    public ExportApi(Services s) {
        this.s = s;
    }

    /** GET /api/export/deidentified?centreId=N: a zip of CSV tables (see {@link DeidentifiedExport}); audited. */
    public void deidentified(Context ctx, Caller c) {
        long centreId = Json.queryId(ctx, "centreId");
        Role role = c.require(Permission.EXPORT_DEIDENTIFIED, centreId, "centre " + centreId);
        byte[] zip = new DeidentifiedExport(s.db()).export(PatientApi.actor(c, role, centreId), List.of(centreId)).zip();
        ctx.header("Content-Disposition", "attachment; filename=\"seedplan-deidentified-centre" + centreId + ".zip\"");
        ctx.contentType("application/zip").result(zip);
    }
}

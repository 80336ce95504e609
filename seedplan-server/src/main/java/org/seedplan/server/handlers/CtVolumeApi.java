package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.seedplan.geometry.Grid;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.imaging.BrowserVolume;
import org.seedplan.server.imaging.SeriesAccess;
import org.seedplan.server.security.Permission;

/** The CT of a stored series for the viewer: its geometry as JSON, its voxels as Int16 little-endian HU (gzip). */
public final class CtVolumeApi {

    private final SeriesAccess access;

    public CtVolumeApi(SeriesAccess access) {
        this.access = access;
    }

    /** GET /api/ct/{seriesUid} → the geometry header (docs/viewer.md). */
    public void header(Context ctx, Caller c) {
        ctx.json(header(access.volume(c, ctx.pathParam("seriesUid"), Permission.READ_REGISTRY)));
    }

    /** The header of a volume: grid in mm LPS, slice positions, voxel encoding. */
    static ObjectNode header(BrowserVolume v) {
        Grid g = v.grid();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seriesInstanceUid", v.seriesInstanceUid()).put("studyInstanceUid", v.studyInstanceUid())
                .put("frameOfReferenceUid", v.frameOfReferenceUid()).put("patientDbId", v.patientDbId())
                .put("columns", g.nx()).put("rows", g.ny()).put("slices", g.nz());
        o.putArray("originMm").add(g.originMm().x()).add(g.originMm().y()).add(g.originMm().z());
        o.putArray("spacingMm").add(g.dxMm()).add(g.dyMm()).add(g.dzMm());
        o.putArray("rowDirection").add(1).add(0).add(0);
        o.putArray("columnDirection").add(0).add(1).add(0);
        ArrayNode z = o.putArray("slicePositionsMm");
        for (int k = 0; k < g.nz(); k++) {
            z.add(g.z(k));
        }
        o.put("voxelType", "int16").put("byteOrder", "little-endian").put("units", "HU");
        return o;
    }

    /** GET /api/ct/{seriesUid}/voxels?from=K&amp;count=N → N slices from K, Int16 little-endian, gzip when accepted. */
    public void voxels(Context ctx, Caller c) throws IOException {
        BrowserVolume v = access.volume(c, ctx.pathParam("seriesUid"), Permission.READ_REGISTRY);
        int from = intParam(ctx, "from");
        int count = intParam(ctx, "count");
        if (from < 0 || from >= v.grid().nz() || count < 1 || from + count > v.grid().nz()) {
            throw ApiProblem.badRequest("from", "slices " + from + " to " + (from + count - 1) + " are outside the series' "
                    + v.grid().nz() + " slices: from must be 0–" + (v.grid().nz() - 1) + " and from + count at most " + v.grid().nz());
        }
        byte[] raw = v.sliceBytes(from, count);
        ctx.contentType("application/octet-stream");
        String accept = ctx.header("Accept-Encoding");
        if (accept != null && accept.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(gzip(raw));
        } else {
            ctx.result(raw);
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    private static int intParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        try {
            return Integer.parseInt(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name, "query parameter " + name + " must be a whole number of slices");
        }
    }
}

package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedplan.server.ScratchFolder;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.dicom.ImportResult;
import org.seedplan.storage.dicom.StoredInstance;

/**
 * DICOM upload: files or one zip in a multipart request, imported into a centre all or nothing; the
 * patient is found (or created) from the DICOM Patient ID in that centre.
 */
public final class StudyApi {

    private final Services s;
    private final DicomStore store;

    public StudyApi(Services s) {
        this.s = s;
        this.store = DicomStore.open(s.db());
    }

    /** POST /api/studies (multipart: centreId, file…) → 201 {"patientId","id","studyInstanceUid","seriesCount","instanceCount","studies"}. */
    public void upload(Context ctx, Caller c) throws IOException {
        String centre = ctx.formParam("centreId");
        long centreId;
        try {
            centreId = Long.parseLong(centre == null ? "" : centre.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("centreId", "form field centreId must be the centre's id");
        }
        Role role = c.require(Permission.EDIT_REGISTRY, centreId, "centre " + centreId);
        List<UploadedFile> files = ctx.uploadedFiles("file");
        if (files.isEmpty()) {
            throw ApiProblem.badRequest("file", "no file part: send one or more DICOM files, or one .zip, as form field 'file'");
        }
        Path tmp = s.scratch().newFolder("upload-");
        try {
            List<Path> paths = new ArrayList<>();
            int i = 0;
            for (UploadedFile f : files) {
                String name = f.filename() == null ? "" : f.filename().replaceAll(".*[/\\\\]", "");
                Path p = tmp.resolve((i++) + "_" + (name.toLowerCase().endsWith(".zip") ? "upload.zip" : "object.dcm"));
                try (InputStream in = f.content()) {
                    Files.copy(in, p);
                }
                paths.add(p);
            }
            ImportResult result;
            try {
                result = store.importIntoCentre(PatientApi.actor(c, role, centreId), centreId, paths, ImportLimits.DEFAULT);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("file", e.getMessage());
            }
            if (result.instances().isEmpty()) {
                throw ApiProblem.badRequest("file", "no DICOM object in the upload (skipped: " + result.skipped() + ")");
            }
            ctx.status(201).json(answer(result));
        } finally {
            ScratchFolder.delete(tmp);
        }
    }

    private ObjectNode answer(ImportResult r) {
        Map<String, List<StoredInstance>> byStudy = new LinkedHashMap<>();
        for (StoredInstance i : r.instances()) {
            byStudy.computeIfAbsent(i.studyInstanceUid(), k -> new ArrayList<>()).add(i);
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode studies = o.putArray("studies");
        for (Map.Entry<String, List<StoredInstance>> e : byStudy.entrySet()) {
            Set<String> series = new LinkedHashSet<>();
            e.getValue().forEach(i -> series.add(i.seriesInstanceUid()));
            long patientDbId = e.getValue().get(0).patientDbId();
            String patientId = s.db().read(tx -> tx.one("SELECT patient_id FROM patient WHERE id = ?", x -> x.string("patient_id"), patientDbId)).orElse(null);
            studies.addObject().put("patientId", patientId).put("id", patientDbId).put("studyInstanceUid", e.getKey())
                    .put("seriesCount", series.size()).put("instanceCount", e.getValue().size());
        }
        o.setAll((ObjectNode) studies.get(0));
        ArrayNode skipped = o.putArray("skipped");
        r.skipped().forEach(skipped::add);
        return o;
    }
}

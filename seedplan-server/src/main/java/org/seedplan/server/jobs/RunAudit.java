package org.seedplan.server.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.seedplan.storage.Actor;
import org.seedplan.storage.audit.AuditTrail;

/**
 * A background run's start and end in the audit trail (docs/storage.md, docs/server.md): a row {@code ACTION_START} when the run
 * is queued and one {@code ACTION_DONE}, {@code ACTION_FAILED} or {@code ACTION_CANCELLED} when it ends, both on {@code entity} with
 * the run's id and about the run's patient, so that a run id kept elsewhere (an implant's post-op figures) is found in the trail
 * after the server that held the run in memory has gone, and a patient's runs are listed by patient. Both rows name who started it
 * (the end row too: the run acted for them), in which centre, and what it ran on; the end row adds the headline figures, the
 * error, or who cancelled it and where it stopped. Never the dose: a row is a line of text.
 *
 * @param <O> the owner of the registry's jobs
 */
public final class RunAudit<O> implements BackgroundJobs.Lifecycle<O> {

    private final AuditTrail audit;
    private final Actor actor;
    private final String entity;
    private final String action;
    private final String subject;
    private final Function<ObjectNode, String> headline;
    private final long patientDbId;

    /**
     * Records runs as {@code actor} on {@code entity} (e.g. "verification_run") under {@code action} (e.g. "VERIFICATION"), the rows
     * about patient {@code patientDbId} (registry id), so that {@code GET /api/audit?patientId=} lists the patient's runs;
     * {@code subject} names the objects the run is on (patient, plan revision, series UIDs, registration); {@code headline} turns a
     * finished run's result into its headline figures.
     */
    public RunAudit(AuditTrail audit, Actor actor, String entity, String action, String subject, Function<ObjectNode, String> headline,
            long patientDbId) {
        this.audit = audit;
        this.actor = actor;
        this.entity = entity;
        this.action = action;
        this.subject = subject;
        this.headline = headline;
        this.patientDbId = patientDbId;
    }

    @Override
    public void started(BackgroundJobs.Job<O> job) {
        audit.event(actor, action + "_START", entity, job.id(), subject, patientDbId);
    }

    @Override
    public void ended(BackgroundJobs.Job<O> job, String state, ObjectNode result, String error) {
        switch (state) {
            case "done" -> end(job, "_DONE", "finished: " + headline.apply(result));
            case "cancelled" -> end(job, "_CANCELLED", "cancelled (" + job.cancelNote() + ")");
            default -> end(job, "_FAILED", "failed: " + error);
        }
    }

    private void end(BackgroundJobs.Job<O> job, String suffix, String outcome) {
        audit.event(actor, action + suffix, entity, job.id(), outcome + "; " + subject, patientDbId);
    }
}

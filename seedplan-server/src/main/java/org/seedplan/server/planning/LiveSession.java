package org.seedplan.server.planning;

import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.edit.EditSession;
import org.seedplan.server.plans.TemplateHoles;

/**
 * One plan being made in the browser: whose it is (patient, centre), the intent form and images it was
 * started from, the planner's progress, and, once the first optimisation is done, the edit session.
 * Progress fields are written by the planning thread and read by the requests.
 */
public final class LiveSession implements ProgressListener {

    /** What the session is doing. */
    public enum Status { RUNNING, READY, FAILED }

    private final String id;
    private final long patientDbId;
    private final long centreId;
    private final IntentForm form;
    private final String ctSeriesUid;
    private volatile Status status = Status.RUNNING;
    private volatile String stage = "queued";
    private volatile double fraction;
    private volatile String error;
    private volatile PlanningSession planning;
    private volatile EditSession edit;
    private volatile long lastUsedMillis = System.currentTimeMillis();
    private volatile double lastRunSeconds;
    private volatile TemplateHoles template;

    LiveSession(String id, long patientDbId, long centreId, IntentForm form, String ctSeriesUid) {
        this.id = id;
        this.patientDbId = patientDbId;
        this.centreId = centreId;
        this.form = form;
        this.ctSeriesUid = ctSeriesUid;
    }

    @Override
    public void progress(String stage, double fraction) {
        this.stage = stage;
        this.fraction = fraction;
    }

    void running(String what) {
        error = null;
        stage = what;
        fraction = 0;
        status = Status.RUNNING;
    }

    void ready(PlanningSession planning, EditSession edit, double seconds) {
        this.template = planning == null ? null : TemplateHoles.of(planning.availableNeedles());
        this.planning = planning;
        this.edit = edit;
        this.lastRunSeconds = seconds;
        stage = "done";
        fraction = 1;
        status = Status.READY;
    }

    void failed(String message) {
        error = message;
        status = edit == null ? Status.FAILED : Status.READY;
    }

    void touch() {
        lastUsedMillis = System.currentTimeMillis();
    }

    public String id() {
        return id;
    }

    public long patientDbId() {
        return patientDbId;
    }

    public long centreId() {
        return centreId;
    }

    public IntentForm form() {
        return form;
    }

    public String ctSeriesUid() {
        return ctSeriesUid;
    }

    public Status status() {
        return status;
    }

    public String stage() {
        return stage;
    }

    public double fraction() {
        return fraction;
    }

    /** The message of the last failed run, or null. */
    public String error() {
        return error;
    }

    /** The edit session, null until the first optimisation is done. */
    public EditSession edit() {
        return edit;
    }

    PlanningSession planning() {
        return planning;
    }

    /** The coplanar template the needles go through (from the planner's labelled template holes), or null for other approaches. */
    public TemplateHoles template() {
        return template;
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }

    /** Wall time of the last optimisation or re-plan, s. */
    public double lastRunSeconds() {
        return lastRunSeconds;
    }
}

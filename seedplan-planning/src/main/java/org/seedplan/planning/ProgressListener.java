package org.seedplan.planning;

/** Receives progress of a long planning run; a run stops with a {@link java.util.concurrent.CancellationException} when cancelled. */
public interface ProgressListener {

    /** A listener that ignores progress and never cancels. */
    ProgressListener NONE = (stage, fraction) -> { };

    /** Called as work advances: what is being done and the fraction of the whole run done, 0–1. */
    void progress(String stage, double fraction);

    /** Whether the caller wants the run to stop. */
    default boolean cancelled() {
        return false;
    }
}

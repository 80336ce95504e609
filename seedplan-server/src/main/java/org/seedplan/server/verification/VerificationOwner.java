package org.seedplan.server.verification;

import java.time.Duration;

/** Who started a verification run and for which patient (the run is shown to its starter only, in the patient's centre). */
public record VerificationOwner(long userId, long patientDbId) {

    /** How long a finished verification's result is kept for the screen (and for its post-plan and model-based dose). */
    public static final Duration KEEP = Duration.ofHours(1);
}

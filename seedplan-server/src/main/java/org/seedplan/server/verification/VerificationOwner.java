package org.seedplan.server.verification;

import java.time.Duration;

/** Who started a verification run and for which patient (the run is shown to its starter only, in the patient's centre). */
public record VerificationOwner(long userId, long patientDbId) {

    /** How long a finished verification's result is kept for the screen (and for its post-plan and model-based dose). */
    public static final Duration KEEP = Duration.ofHours(1);

    /**
     * How many finished verifications one server keeps at most (the oldest forgotten first): each holds its post-implant dose,
     * 1 mm over the structures + 10 mm, a few MB (a 10 cm liver target about 14 MB), so this bounds them near 200 MB.
     */
    public static final int MAX_KEPT = 16;
}

package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedplan.server.jobs.BackgroundJobs;

/**
 * A cancel asked of a verification stops {@link PostImplantCheck} inside the seed finding and inside the matching and dose (the
 * seed finder and the TG-43 engine poll it: {@code cancelledWhen}), at the next step after the DVHs, and during the supplementary
 * seeds between the planner's stages (instead of the supplement being dropped with a note as if the intent did not allow one);
 * a stopped check returns nothing, so the run keeps nothing. Without a cancel every step runs. On {@link VerificationFixture}'s
 * post-op CT, four seeds.
 */
class PostImplantCheckCancelTest {

    private static final List<String> STEPS = List.of("finding the seeds on the post-op CT",
            "matching the seeds and computing the pre- and post-plan dose", "DVHs", "supplementary seeds");

    /**
     * Records the steps begun and asks for a cancel once the step {@code cancelAt} has begun (null: never); counts the polls the
     * work makes inside the step after the cancel was asked (the step's own poll at its start comes before it is begun).
     */
    private static final class Steps implements BackgroundJobs.Progress {
        private final String cancelAt;
        private final List<String> begun = new ArrayList<>();
        private volatile boolean cancel;
        private final java.util.concurrent.atomic.AtomicInteger pollsAfterCancel = new java.util.concurrent.atomic.AtomicInteger();

        Steps(String cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void progress(String stepName, double fraction) {
            begun.add(stepName);
            cancel |= stepName.equals(cancelAt);
        }

        @Override
        public boolean cancelRequested() {
            if (cancel) {
                pollsAfterCancel.incrementAndGet();
            }
            return cancel;
        }
    }

    private static PostImplantCheck.Result run(Steps steps, String intentJson) {
        return PostImplantCheck.run(VerificationFixture.plan(intentJson, "1.2.826.0.1.3680043.2.1125.1", 120, null), VerificationFixture.postOpCt(),
                VerificationFixture.structures(), "the fixture's CTV", null, steps);
    }

    /**
     * Asked as the seed finding or the matching and dose begins, the cancel stops that step from inside: its work polls it and
     * throws, "stopped while" the step, and the next step never begins. The bound: no pass of the finder and no dose slice begins
     * after the cancel, so the step ends within the pass or the slices under way (docs/verify.md, "Cancelling a run").
     */
    @ParameterizedTest
    @ValueSource(strings = {"finding the seeds on the post-op CT", "matching the seeds and computing the pre- and post-plan dose"})
    void aCancelStopsTheSeedFindingAndTheDoseFromInside(String cancelAt) {
        Steps steps = new Steps(cancelAt);
        assertThatThrownBy(() -> run(steps, VerificationFixture.INTENT_FORM)).isInstanceOf(CancellationException.class)
                .hasMessage("stopped while " + cancelAt);
        assertThat(steps.begun).containsExactlyElementsOf(STEPS.subList(0, STEPS.indexOf(cancelAt) + 1));
        assertThat(steps.pollsAfterCancel.get()).as("the step's work polled the cancel").isPositive();
    }

    @Test
    void aCancelDuringTheDvhsStopsTheCheckBeforeItsNextStep() {
        Steps steps = new Steps("DVHs");
        assertThatThrownBy(() -> run(steps, VerificationFixture.INTENT_FORM)).isInstanceOf(CancellationException.class)
                .hasMessage("stopped before supplementary seeds");
        assertThat(steps.begun).containsExactlyElementsOf(STEPS.subList(0, 3));
    }

    @Test
    void aCancelDuringTheSupplementStopsThePlanner() {
        Steps steps = new Steps("supplementary seeds");
        assertThatThrownBy(() -> run(steps, VerificationFixture.INTENT_FORM)).isInstanceOf(CancellationException.class)
                .hasMessageContaining("planning cancelled");
        assertThat(steps.begun).containsExactlyElementsOf(STEPS);
    }

    @Test
    void withoutACancelEveryStepRunsAndTheSupplementIsProposed() {
        Steps steps = new Steps(null);
        PostImplantCheck.Result r = run(steps, VerificationFixture.INTENT_FORM);
        assertThat(steps.begun).containsExactlyElementsOf(STEPS);
        assertThat(r.json().has("supplement")).as(r.json().path("supplementNote").asText()).isTrue();
        assertThat(r.postDose()).isNotNull();
    }
}

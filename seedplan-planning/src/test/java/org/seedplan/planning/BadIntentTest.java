package org.seedplan.planning;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** Intents the planner must refuse, each with a message naming the field and the fix. */
class BadIntentTest {

    private static final Structure GTV = TestCases.sphere("GTV", StructureType.GTV, TestCases.ORIGIN, 5);

    @Test
    void prescriptionOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> new TargetGoal("GTV", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prescription_gy").hasMessageContaining("GTV");
        assertThatThrownBy(() -> new TargetGoal("GTV", -120)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prescription_gy");
    }

    @Test
    void intentWithoutTargetsIsRefused() {
        assertThatThrownBy(() -> PlanIntent.of(List.of(), List.of(), TestCases.seeds("0.6 mCi"), TestCases.template(TestCases.DOWN_Z)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets");
    }

    @Test
    void targetWithNoVolumeIsRefused() {
        // A "contour" whose points are collinear encloses no area.
        Structure flat = new Structure("GTV", StructureType.GTV, List.of(new Contour(0, new double[] {0, 5, 10}, new double[] {0, 5, 10})));
        PlanIntent intent = TestCases.single("GTV", 120, TestCases.seeds("0.6 mCi"), TestCases.template(TestCases.DOWN_Z), List.of());
        assertThatThrownBy(() -> Planner.builtIn().plan(new PlanningCase("X", "flat", List.of(flat), null), intent, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GTV");
    }

    @Test
    void targetMissingFromTheCaseIsRefusedWithTheNamesThereAre() {
        PlanIntent intent = TestCases.single("PTV", 120, TestCases.seeds("0.6 mCi"), TestCases.template(TestCases.DOWN_Z), List.of());
        assertThatThrownBy(() -> Planner.builtIn().plan(new PlanningCase("X", "x", List.of(GTV), null), intent, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'PTV'").hasMessageContaining("GTV");
    }

    @Test
    void templateThatCannotReachTheTargetIsRefused() {
        // Template 10 mm in front of the target, needles at most 5 mm long.
        Approach.CoplanarTemplate shortNeedles = new Approach.CoplanarTemplate(TestCases.DOWN_Z, null, 5, 10, 5);
        PlanIntent intent = TestCases.single("GTV", 120, TestCases.seeds("0.6 mCi"), shortNeedles, List.of());
        assertThatThrownBy(() -> Planner.builtIn().plan(new PlanningCase("X", "x", List.of(GTV), null), intent, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot reach the target")
                .hasMessageContaining("max_length_mm");
    }

    @Test
    void templateBlockedByAnOrganIsRefused() {
        // An organ plate in front of the whole target blocks every hole of a template along +z.
        Structure plate = Phantom.ellipsoid("Liver", StructureType.ORGAN, new Vec3(0, 0, -25), new Vec3(60, 60, 4), 2.0);
        OarLimit limit = new OarLimit("Liver", OarLimit.Kind.DMAX, 200, 0, 3);
        PlanIntent intent = TestCases.single("GTV", 120, TestCases.seeds("0.6 mCi"),
                new Approach.CoplanarTemplate(TestCases.DOWN_Z, new Vec3(0, 0, -60), 5, 10, 200), List.of(limit));
        assertThatThrownBy(() -> Planner.builtIn().plan(new PlanningCase("X", "x", List.of(GTV, plate), null), intent, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot reach the target")
                .hasMessageContaining("Liver");
    }

    @Test
    void badLoadingRulesAreRefused() {
        assertThatThrownBy(() -> new PlanIntent(List.of(new TargetGoal("GTV", 120)), List.of(), TestCases.seeds("0.6 mCi"),
                TestCases.template(TestCases.DOWN_Z), 5, 2, 10, 10, 0, 300, 59.4, 10, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min_seed_gap_mm");
        assertThatThrownBy(() -> new Approach.FreeHand(new Vec3(0, -100, 0), 20, 10, 95, 150))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_angle_deg");
        assertThatThrownBy(() -> new OarLimit("Rectum", OarLimit.Kind.D2CC, -1, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dose_gy");
    }
}

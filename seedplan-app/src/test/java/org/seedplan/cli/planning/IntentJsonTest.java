package org.seedplan.cli.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;

/** An intent written by {@link IntentJson#write} reads back equal, so the demo's intent.json can be planned again. */
class IntentJsonTest {

    @Test
    void theDemoIntentReadsBackEqual() {
        PlanIntent demo = DemoPlan.intent();
        assertThat(IntentJson.parse("intent.json", IntentJson.write(demo))).isEqualTo(demo);
    }

    @Test
    void aFreeHandIntentWithTwoPrescriptionsAndAFixedNeedleReadsBackEqual() {
        PlanIntent base = DemoPlan.intent();
        PlanIntent intent = new PlanIntent(List.of(new TargetGoal("GTV", 140), new TargetGoal("CTV", 100, 90, 55, 25)),
                List.of(new OarLimit("Liver", OarLimit.Kind.VX, 30, 20, 5), new OarLimit("Cord", OarLimit.Kind.D0_1CC, 40, 0, 8)),
                base.seed(), new Approach.FreeHand(new Vec3(0, -110, 0), 40, 10, 30, 200), 5, 5, 40, 100, 3, 300, 59.4, 10,
                List.of(new FixedNeedle(new Vec3(-45, -74, 0), new Vec3(-45, 15, 0), List.of(0.0, 10.0, 20.0))));
        assertThat(IntentJson.parse("intent.json", IntentJson.write(intent))).isEqualTo(intent);
    }

    @Test
    void aNeedleInThePatientStaysInThePatientThroughTheFile() {
        PlanIntent intent = DemoPlan.intent().withFixedNeedles(List.of(
                new FixedNeedle(new Vec3(-45, -74, 0), new Vec3(-45, 15, 0), List.of(2.5, 12.5), true),
                new FixedNeedle(new Vec3(-35, -74, 0), new Vec3(-35, 15, 0), null, true),
                new FixedNeedle(new Vec3(-25, -74, 0), new Vec3(-25, 15, 0), null, false)));
        String json = IntentJson.write(intent);
        assertThat(json).contains("\"in_patient\" : true").contains("\"in_patient\" : false");
        PlanIntent read = IntentJson.parse("intent.json", json);
        assertThat(read.fixedNeedles()).extracting(FixedNeedle::inPatient).containsExactly(true, true, false);
        assertThat(read).isEqualTo(intent);
    }

    @Test
    void anInPatientFlagThatIsNotABooleanIsNamedWithItsField() {
        String json = IntentJson.write(DemoPlan.intent().withFixedNeedles(List.of(new FixedNeedle(new Vec3(0, -74, 0), new Vec3(0, 15, 0), null, true))))
                .replace("\"in_patient\" : true", "\"in_patient\" : \"yes\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IntentJson.parse("intent.json", json))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("intent.json, field fixed_needles[0].in_patient: '\"yes\"' is not true or false");
    }
}

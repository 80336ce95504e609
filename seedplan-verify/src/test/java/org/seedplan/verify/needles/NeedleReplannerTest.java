package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.Phantom;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.source.SeedStrength;
import org.seedplan.structure.StructureType;

/** Re-planning around found needles: they become fixed needles on their measured tip and tip axis, and the rest is planned around them. */
class NeedleReplannerTest {

    @Test
    void foundNeedlesAreKeptAsFixedNeedlesAndTheTargetIsStillCovered() {
        var gtv = Phantom.ellipsoid("GTV", StructureType.GTV, new Vec3(0, 0, 0), new Vec3(14, 14, 14), 2.0);
        PlanningCase c = new PlanningCase("N1", "sphere", List.of(gtv), null);
        PlanIntent intent = PlanIntent.of(List.of(new TargetGoal("GTV", 120)), List.of(),
                new SeedSpec("amersham6711", SeedStrength.parse("0.6 mCi"), 0), new Approach.CoplanarTemplate(new Vec3(0, 1, 0), null, 10, 10, 250));
        // Two needles found slightly off a template row: tips 2 mm apart from the row, axes tilted 2°.
        double t = Math.toRadians(2);
        List<FoundNeedle> found = List.of(needle(new Vec3(-4, 9, 1), new Vec3(Math.sin(t), Math.cos(t), 0)),
                needle(new Vec3(6, 8, -2), new Vec3(0, Math.cos(t), Math.sin(t))));
        NeedleReplanner.Replanned re = new NeedleReplanner(Planner.builtIn()).replan(c, intent, found, ProgressListener.NONE);
        List<PlannedNeedle> fixed = re.plan().needles().stream().filter(n -> n.needle().fixed()).toList();
        assertThat(fixed).hasSize(2);
        for (int k = 0; k < 2; k++) {
            assertThat(fixed.get(k).needle().tipMm().distanceTo(found.get(k).tipMm())).isLessThan(1e-9);
            assertThat(NeedleMatcher.angleDeg(fixed.get(k).needle().direction(), found.get(k).axisAtTip())).isLessThan(1e-6);
        }
        assertThat(re.intent().fixedNeedles()).hasSize(2);
        assertThat(re.plan().seedCount()).isGreaterThan(0);
        // D90 of the target at least 95 % of the prescription (the planner aims at 100 %; two needles forced off the template may cost a little).
        assertThat(re.plan().structure("GTV").dvh().doseAtPercent(90)).isGreaterThanOrEqualTo(120 * 0.95);
    }

    @Test
    void aFoundNeedleLeftOutIsNeitherFixedNorLoadedAndWarningsKeepTheFoundNumbers() {
        var gtv = Phantom.ellipsoid("GTV", StructureType.GTV, new Vec3(0, 0, 0), new Vec3(14, 14, 14), 2.0);
        var organ = Phantom.ellipsoid("Vessel", StructureType.ORGAN, new Vec3(6, -30, -2), new Vec3(3, 3, 3), 2.0);
        PlanningCase c = new PlanningCase("N3", "sphere and vessel", List.of(gtv, organ), null);
        PlanIntent intent = PlanIntent.of(List.of(new TargetGoal("GTV", 120)),
                List.of(new OarLimit("Vessel", OarLimit.Kind.DMAX, 1000, 0, OarLimit.DEFAULT_NEEDLE_MARGIN_MM)),
                new SeedSpec("amersham6711", SeedStrength.parse("0.6 mCi"), 0), new Approach.CoplanarTemplate(new Vec3(0, 1, 0), null, 10, 10, 250));
        // Needle 1 lies between template holes (x, z = 5, 5), so no template needle comes within 7 mm of its line once it is left out;
        // needle 2 goes through the vessel's margin.
        FoundNeedle between = needle(new Vec3(5, 8, 5), new Vec3(0, 1, 0));
        List<FoundNeedle> found = List.of(between, needle(new Vec3(6, 8, -2), new Vec3(0, 1, 0)));
        NeedleReplanner replanner = new NeedleReplanner(Planner.builtIn());
        NeedleReplanner.Replanned kept = replanner.replan(c, intent, found, ProgressListener.NONE);
        NeedleReplanner.Replanned re = replanner.replan(c, intent, found, java.util.Set.of(0), ProgressListener.NONE);
        List<PlannedNeedle> fixed = re.plan().needles().stream().filter(n -> n.needle().fixed()).toList();
        assertThat(fixed).singleElement().satisfies(n -> assertThat(n.needle().tipMm().distanceTo(found.get(1).tipMm())).isLessThan(1e-9));
        assertThat(re.intent().fixedNeedles()).hasSize(1);
        // The warning names the needle by its number in the finding (2), not by its place among the fixed needles (1).
        assertThat(re.warnings()).singleElement().asString().contains("found needle 2", "Vessel");
        // Kept, needle 1 carries seeds; left out, no seed centre lies within a needle radius (0.635 mm) plus a seed's length (4.5 mm) of
        // its line: none is on it.
        assertThat(seedsNear(kept, between, 0.635 + 4.5)).isPositive();
        assertThat(seedsNear(re, between, 0.635 + 4.5)).isZero();
        assertThatThrownBy(() -> replanner.replan(c, intent, found, java.util.Set.of(2), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found needle 3").hasMessageContaining("1 to 2");
    }

    /** How many of the plan's seeds lie within {@code mm} of the found needle's line. */
    private static long seedsNear(NeedleReplanner.Replanned re, FoundNeedle f, double mm) {
        long near = 0;
        for (PlannedNeedle n : re.plan().needles()) {
            for (double d : n.seedDistancesFromTipMm()) {
                Vec3 r = n.needle().pointFromTip(d).minus(f.tipMm());
                near += r.minus(f.axisAtTip().times(r.dot(f.axisAtTip()))).norm() < mm ? 1 : 0;
            }
        }
        return near;
    }

    @Test
    void aFoundNeedleCrossingAnOrgansMarginIsKeptWithAWarningWhileAChosenOneIsStillRefused() {
        var gtv = Phantom.ellipsoid("GTV", StructureType.GTV, new Vec3(0, 0, 0), new Vec3(14, 14, 14), 2.0);
        // A small organ on the needles' way in, 20 mm in front of the target; 5 mm needle margin.
        var organ = Phantom.ellipsoid("Vessel", StructureType.ORGAN, new Vec3(-4, -30, 1), new Vec3(3, 3, 3), 2.0);
        PlanningCase c = new PlanningCase("N2", "sphere and vessel", List.of(gtv, organ), null);
        PlanIntent intent = PlanIntent.of(List.of(new TargetGoal("GTV", 120)),
                List.of(new OarLimit("Vessel", OarLimit.Kind.DMAX, 1000, 0, OarLimit.DEFAULT_NEEDLE_MARGIN_MM)),
                new SeedSpec("amersham6711", SeedStrength.parse("0.6 mCi"), 0), new Approach.CoplanarTemplate(new Vec3(0, 1, 0), null, 10, 10, 250));
        // Found through the vessel's margin: in the patient already, so the re-plan keeps it and says so.
        FoundNeedle throughVessel = needle(new Vec3(-4, 9, 1), new Vec3(0, 1, 0));
        NeedleReplanner.Replanned re = new NeedleReplanner(Planner.builtIn()).replan(c, intent, List.of(throughVessel), ProgressListener.NONE);
        assertThat(re.plan().needles().stream().filter(n -> n.needle().fixed()).toList()).hasSize(1);
        assertThat(re.warnings()).singleElement().asString().contains("found needle 1", "Vessel", "kept");
        // The same path chosen by the physicist (not known to be in the patient) is still refused, naming the organ.
        PlanIntent chosen = intent.withFixedNeedles(List.of(new FixedNeedle(new Vec3(-4, -71, 1), new Vec3(-4, 9, 1), null)));
        assertThatThrownBy(() -> Planner.builtIn().prepare(c, chosen, ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixed_needles[0]").hasMessageContaining("Vessel");
    }

    private static FoundNeedle needle(Vec3 tip, Vec3 axis) {
        Vec3 hub = tip.minus(axis.times(80));
        return new FoundNeedle(tip, hub, axis, 80, List.of(hub, tip), false, true, 0.3, 0, 0, 0, 0);
    }
}

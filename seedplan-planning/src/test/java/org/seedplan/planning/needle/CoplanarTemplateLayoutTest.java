package org.seedplan.planning.needle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.Phantom;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.source.SeedStrength;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

class CoplanarTemplateLayoutTest {

    @Test
    void needlesAreParallelOnTheHoleLatticeAndKeepOffTheOrgan() {
        Structure gtv = Phantom.ellipsoid("GTV", StructureType.GTV, Vec3.ZERO, new Vec3(15, 15, 15), 2.0);
        // An organ lying in front of part of the target along the needle direction (+z).
        Vec3 organCentre = new Vec3(12, 0, -30);
        Structure organ = Phantom.ellipsoid("Rectum", StructureType.ORGAN, organCentre, new Vec3(8, 8, 8), 2.0);
        Vec3 direction = new Vec3(0, 0, 1);
        Vec3 templatePoint = new Vec3(0.5, 0.5, -60);
        PlanIntent intent = PlanIntent.of(List.of(new TargetGoal("GTV", 120)), List.of(new OarLimit("Rectum", OarLimit.Kind.DMAX, 200, 0, 4)),
                new SeedSpec("amersham6711", SeedStrength.parse("0.5 mCi"), 0),
                new Approach.CoplanarTemplate(direction, templatePoint, 5, 10, 200));
        PlanningGeometry geometry = PlanningGeometry.build(new PlanningCase("L", "layout", List.of(gtv, organ), null), intent);
        NeedleLayout.Result result = new CoplanarTemplateLayout().layout(geometry, intent);
        assertThat(result.needles()).hasSizeGreaterThan(20);
        assertThat(result.refused()).containsKey("crosses organ at risk 'Rectum' (with its 4.0 mm needle margin) before reaching the target");
        for (Needle n : result.needles()) {
            // Parallel to the template direction and entering in the template plane (floating point only).
            assertThat(n.direction().dot(direction)).isCloseTo(1, within(1e-12));
            assertThat(n.entryMm().z()).isCloseTo(templatePoint.z(), within(1e-9));
            // Holes every 5 mm from the template point: offsets are whole multiples of 5 mm.
            double a = (n.entryMm().x() - templatePoint.x()) / 5;
            double b = (n.entryMm().y() - templatePoint.y()) / 5;
            assertThat(a).isCloseTo(Math.rint(a), within(1e-9));
            assertThat(b).isCloseTo(Math.rint(b), within(1e-9));
            assertThat(n.hole()).matches("[A-Z]+[0-9]+");
            for (double t = 0; t <= n.depthMm(); t += 0.5) {
                Vec3 p = n.entryMm().plus(n.direction().times(t));
                // Organ radius 8 mm + 4 mm margin, less 1 mm for the 1–2 mm planning grid.
                assertThat(p.distanceTo(organCentre)).isGreaterThan(8 + 4 - 1);
            }
        }
    }
}

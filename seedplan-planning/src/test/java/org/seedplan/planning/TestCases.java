package org.seedplan.planning;

import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.source.SeedStrength;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** Planning test cases of known shape and volume, and the intents that go with them. */
final class TestCases {

    static final Vec3 ORIGIN = new Vec3(0, 0, 0);
    static final Vec3 DOWN_Z = new Vec3(0, 0, 1);

    private TestCases() {
    }

    /** Radius of a sphere of the given volume, mm. */
    static double sphereRadiusMm(double volumeCc) {
        return Math.cbrt(volumeCc * 1000 * 3 / (4 * Math.PI));
    }

    static Structure sphere(String name, StructureType type, Vec3 centre, double volumeCc) {
        double r = sphereRadiusMm(volumeCc);
        return Phantom.ellipsoid(name, type, centre, new Vec3(r, r, r), 2.0);
    }

    static SeedSpec seeds(String strength) {
        return new SeedSpec("amersham6711", SeedStrength.parse(strength), 0);
    }

    static Approach.CoplanarTemplate template(Vec3 direction) {
        return new Approach.CoplanarTemplate(direction, null, 5, 10, 250);
    }

    static PlanIntent single(String target, double rxGy, SeedSpec seeds, Approach approach, List<OarLimit> organs) {
        return PlanIntent.of(List.of(new TargetGoal(target, rxGy)), organs, seeds, approach);
    }

    /**
     * A CT of a body (ellipse 150 × 110 mm semi-axes around the origin, soft tissue) with a bone
     * cylinder of radius 8 mm along z at {@code bone}.
     */
    static org.seedplan.geometry.Volume ct(Vec3 bone) {
        Grid grid = new Grid(new Vec3(-160, -120, -80), 2, 2, 2, 161, 121, 81);
        return Phantom.ct(grid, ORIGIN, new double[] {150, 110}, bone, 8);
    }
}

package org.seedplan.verify.phantom;

import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/** A synthetic post-operative CT together with its ground truth: where every seed really is. */
public record PostOpPhantom(PhantomSpec spec, Volume ct, List<SeedPose> seeds) {

    public PostOpPhantom {
        seeds = List.copyOf(seeds);
    }

    /** Makes the phantom a spec describes: lays the seeds out, then images them. */
    public static PostOpPhantom generate(PhantomSpec spec) {
        double x0 = -(spec.nx() - 1) * spec.pixelMm() / 2;
        double y0 = -(spec.ny() - 1) * spec.pixelMm() / 2;
        double z0 = -(spec.nz() - 1) * spec.sliceMm() / 2;
        Grid grid = new Grid(new Vec3(x0, y0, z0), spec.pixelMm(), spec.pixelMm(), spec.sliceMm(),
                spec.nx(), spec.ny(), spec.nz());
        List<SeedPose> seeds = PhantomLayout.place(spec, grid);
        Volume ct = new PostOpCtRenderer(spec.imaging()).render(grid, seeds, spec.randomSeed() * 31 + 7);
        return new PostOpPhantom(spec, ct, seeds);
    }
}

package org.seedplan.dose.montecarlo;

import java.util.List;
import java.util.Map;
import org.seedplan.source.SourceModel;

/**
 * The physical geometry of an I-125 seed model for photon transport: nested coaxial cylinders (innermost first, the
 * outermost is the capsule) with the I-125 on the side of the innermost one.
 *
 * <p>The shipped models are a silver rod carrying the I-125 (adsorbed as silver halide, a coating of a few µm that is
 * not modelled), an air gap and a titanium tube with welded ends. Dimensions:
 * <ul>
 * <li><b>6711</b> (TG-43U1 §V.A.1 and Fig. 1; Dolan, Li &amp; Williamson, Med Phys 33:4675, 2006): silver rod 0.50 mm
 * diameter × 3.0 mm; titanium capsule 0.80 mm outer diameter, 0.05 mm wall, 4.5 mm long. The end welds are
 * modelled as flat titanium plugs 0.1 mm thick (their real shape is roughly hemispherical), which affects the dose
 * only near the long axis (θ &lt; 10°).</li>
 * <li><b>IAI-125A</b> (TG-43U1S1; Solberg et al., J Appl Clin Med Phys 3(2):91, 2002): silver rod 0.50 mm × 3.0 mm in a
 * titanium capsule 0.80 mm × 4.5 mm with 0.05 mm wall and laser-welded ends, modelled as the 6711.</li>
 * </ul>
 * Model 6702 (I-125 on resin beads, no silver) is not modelled yet: asking for it names the models that are.
 *
 * @param regions innermost first; each nested inside the next
 */
public record SeedGeometry(String modelKey, List<SeedRegion> regions) {

    private static final SeedGeometry SILVER_ROD_IN_TITANIUM = new SeedGeometry("silver-rod", List.of(
            new SeedRegion("silver", 10.5, 0.025, 0.150),
            new SeedRegion("air", 0.001205, 0.035, 0.215),
            new SeedRegion("titanium", 4.54, 0.040, 0.225)));
    private static final Map<String, SeedGeometry> MODELS = Map.of(
            "amersham6711", new SeedGeometry("amersham6711", SILVER_ROD_IN_TITANIUM.regions),
            "isoaid_iai125a", new SeedGeometry("isoaid_iai125a", SILVER_ROD_IN_TITANIUM.regions));

    public SeedGeometry {
        regions = List.copyOf(regions);
        for (int i = 1; i < regions.size(); i++) {
            if (regions.get(i).radiusCm() < regions.get(i - 1).radiusCm() || regions.get(i).halfLengthCm() < regions.get(i - 1).halfLengthCm()) {
                throw new IllegalArgumentException("seed geometry " + modelKey + ": region " + i + " must enclose region " + (i - 1));
            }
        }
    }

    /** The geometry of the seed model behind these TG-43 data; IllegalArgumentException naming the modelled ones. */
    public static SeedGeometry of(SourceModel model) {
        SeedGeometry g = MODELS.get(model.key());
        if (g == null) {
            throw new IllegalArgumentException("no Monte Carlo seed geometry for source model '" + model.key()
                    + "': model-based dose is available for " + new java.util.TreeSet<>(MODELS.keySet()));
        }
        return g;
    }

    /** The capsule: the outermost region. */
    public SeedRegion capsule() {
        return regions.get(regions.size() - 1);
    }

    /** Volume of the capsule, cm³. */
    public double capsuleVolumeCm3() {
        return Math.PI * capsule().radiusCm() * capsule().radiusCm() * 2 * capsule().halfLengthCm();
    }
}

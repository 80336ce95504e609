package org.seedplan.dose.montecarlo;

import java.util.List;
import java.util.Map;
import org.seedplan.source.SourceModel;

/**
 * The physical geometry of an I-125 seed model for photon transport: nested coaxial regions (innermost first, the
 * outermost is the capsule) with the I-125 on the surface of the innermost one.
 *
 * <p><b>6711</b>, after the measured geometry of Dolan, Li &amp; Williamson (Med Phys 33:4675, 2006) as described in
 * TOPAS's seed documentation: silver rod 0.50 mm diameter × 2.80 mm with 45° end bevels of 0.075 mm (end faces 0.35 mm
 * across; transported with its bevels, {@code BevelledRod}); titanium tube 0.80 mm outer
 * diameter, 0.070 mm wall, 3.75 mm long, closed by solid hemispherical end welds (modelled as hemispheres of the tube's radius, 0.40 mm thick on the axis against Dolan's 0.375 mm; overall
 * length 4.55 mm); air inside. The coating (1.75 µm of AgI/AgBr, not modelled as a layer) covers the whole rod; the
 * rod may move 0.475 mm along the axis and 0.08 mm sideways in the real seed, here it is centred.
 *
 * <p><b>IAI-125A</b> (TG-43U1S1; Solberg et al., J Appl Clin Med Phys 3(2):91, 2002) is also a silver rod carrying
 * the I-125 in a 0.8 mm × 4.5 mm titanium capsule; its detailed dimensions were not available here, so it is given
 * the 6711's geometry — an assumption docs/monte-carlo.md repeats.
 *
 * <p>Model 6702 (I-125 on resin beads, no silver) is not modelled: asking for it names the models that are.
 *
 * @param regions innermost first; each nested inside the next
 * @param rodBevelCm depth of the 45° bevel at each end of the innermost (active) cylinder
 */
public record SeedGeometry(String modelKey, List<SeedRegion> regions, double rodBevelCm) {

    private static final List<SeedRegion> SILVER_ROD_IN_TITANIUM = List.of(
            new SeedRegion("silver", 10.5, 0.025, 0.140, false),
            new SeedRegion("air", 0.001205, 0.033, 0.1875, false),
            new SeedRegion("titanium", 4.54, 0.040, 0.1875, true));
    private static final Map<String, SeedGeometry> MODELS = Map.of(
            "amersham6711", new SeedGeometry("amersham6711", SILVER_ROD_IN_TITANIUM, 0.0075),
            "isoaid_iai125a", new SeedGeometry("isoaid_iai125a", SILVER_ROD_IN_TITANIUM, 0.0075));

    public SeedGeometry {
        regions = List.copyOf(regions);
        for (int i = 1; i < regions.size(); i++) {
            if (regions.get(i).radiusCm() < regions.get(i - 1).radiusCm()
                    || regions.get(i).outerHalfLengthCm() < regions.get(i - 1).outerHalfLengthCm()) {
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

}

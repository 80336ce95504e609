package org.seedplan.dose.montecarlo;

import java.util.List;
import java.util.Map;
import org.seedplan.source.SourceModel;

/**
 * The physical geometry of an I-125 seed model for photon transport: nested coaxial regions (innermost first, the
 * outermost is the capsule) with the I-125 on the surface of the innermost one (a rod) or in the volume of its beads
 * (6702).
 *
 * <p><b>6711</b>, after the measured geometry of Dolan, Li &amp; Williamson (Med Phys 33:4675, 2006) as described in
 * TOPAS's seed documentation: silver rod 0.50 mm diameter × 2.80 mm with 45° end bevels of 0.075 mm (end faces 0.35 mm
 * across; transported with its bevels, {@code BevelledRod}); titanium tube 0.80 mm outer
 * diameter, 0.070 mm wall, 3.75 mm long, closed by solid hemispherical end welds (modelled as hemispheres of the tube's radius, 0.40 mm thick on the axis against Dolan's 0.375 mm; overall
 * length 4.55 mm); air inside. The I-125 is in a 1.75 µm coating of AgBr/AgI (2.5:1, 6.2 g/cm³) over the whole rod —
 * side, bevels and end faces — modelled as a layer of its own around a silver core 0.49650 mm × 2.79650 mm
 * ({@link #coatingCm()}), with the I-125 uniform in its volume: this is the CLRP TG-43 database's model of the 6711
 * (egs_brachy OncoSeed_6711.geom, Safigholi et al., Med Phys 47:4656, 2020), whose rod, bevels, coating, 0.033/0.040 cm
 * tube and solid 0.040 cm titanium hemispheres centred at ±0.1875 cm these dimensions are. The rod may move 0.475 mm
 * along the axis and 0.08 mm sideways in the real seed; here, as in the CLRP model, it is centred.
 *
 * <p><b>IAI-125A</b> (IsoAid Advantage), as the CLRP TG-43 database models it after Solberg et al. (J Appl Clin Med
 * Phys 3(2):91, 2002): silver rod 0.50 mm × 3.00 mm, flat ends (no bevels), carrying the I-125 in a 1 µm AgI coating
 * (6.003 g/cm³) on its side and end faces, modelled as a layer outside the rod (0.502 mm × 3.002 mm overall, as
 * egs_brachy's Advantage_IAI_125A.geom and .shape: I-125 uniform in the coating's volume); titanium tube 0.80 mm outer diameter, 0.05 mm wall, 3.70 mm
 * long (cylinder |z| ≤ 1.85 mm), closed by solid titanium hemispheres of 0.40 mm radius centred at ±1.85 mm (overall
 * 4.50 mm) into which an air sphere of 0.35 mm radius centred at ±1.65 mm reaches (welds 0.25 mm thick on the axis);
 * air inside; rod centred (free to move 0.95 mm axially in the real seed). Sources: the CLRP database page
 * "IsoAid, LLC, Advantage I-125, IAI-125A" and egs_brachy's Advantage_IAI_125A.geom (Safigholi et al., Med Phys
 * 47:4656, 2020). Here the air is the tube radius up to ±1.65 mm closed by those air hemispheres; egs_brachy's air
 * tube runs to ±1.70 mm, so the thin ring between z = 1.65 and 1.70 mm outside the air sphere (1.3·10⁻⁴ mm³ per end)
 * is titanium here and air there.
 *
 * <p><b>6702</b> (I-125 on ion-exchange resin beads, no marker), as the CLRP database models it (egs_brachy
 * OncoSeed_6702.geom, Safigholi et al. 2020): three resin spheres of 0.60 mm diameter centred at z = −1.1, 0, +1.1 mm,
 * resin C12H18NCl at 1.2 g/cm³; titanium tube 0.80 mm outer, 0.70 mm inner diameter, air inside over |z| ≤ 1.75 mm,
 * solid titanium end plugs from 1.75 to 1.85 mm closed by hemispheres of 0.40 mm radius centred at ±1.85 mm (overall
 * 4.50 mm). The I-125 is taken as uniform in the beads' volume (adsorbed throughout the resin), equal in each bead.
 *
 * @param regions innermost first; each nested inside the next (for a bead seed the innermost is the capsule-shaped
 *     envelope of the beads, giving their material, density and radius)
 * @param rodBevelCm depth of the 45° bevel at each end of the innermost (active) cylinder; 0 for flat ends
 * @param beadCentresCm axial centres of the active spheres of a bead seed (radius that of the innermost region);
 *     empty for a rod seed
 * @param coatingCm thickness of the I-125 carrying coating of a rod seed, modelled as a layer: region 1 is then that
 *     coating (its outer surface the bevelled rod, bevel {@code rodBevelCm}) around the core, region 0 (radius and
 *     half-length {@code coatingCm} less, bevel {@code rodBevelCm − coatingCm}, or flat if the rod's ends are), and the
 *     I-125 is uniform in the coating's volume; 0 puts the I-125 on the surface of the innermost region
 */
public record SeedGeometry(String modelKey, List<SeedRegion> regions, double rodBevelCm, List<Double> beadCentresCm,
        double coatingCm) {

    /** The 6711's coating, cm (CLRP model: 1.75 µm on the side, the bevels and the end faces). */
    private static final double COATING_6711_CM = 0.000175;

    private static final List<SeedRegion> COATED_SILVER_ROD_IN_TITANIUM = List.of(
            new SeedRegion("silver", 10.5, 0.025 - COATING_6711_CM, 0.140 - COATING_6711_CM, false),
            new SeedRegion("silver-halide", 6.2, 0.025, 0.140, false),
            new SeedRegion("air", 0.001205, 0.033, 0.1875, false),
            new SeedRegion("titanium", 4.54, 0.040, 0.1875, true));
    /** The IAI-125A's AgI coating, cm (CLRP model: 1 µm outside the 0.50 × 3.00 mm rod, on the side and the ends). */
    private static final double COATING_IAI125A_CM = 0.0001;

    private static final List<SeedRegion> IAI125A_SILVER_ROD_IN_TITANIUM = List.of(
            new SeedRegion("silver", 10.5, 0.025, 0.150, false),
            new SeedRegion("silver-iodide", 6.003, 0.025 + COATING_IAI125A_CM, 0.150 + COATING_IAI125A_CM, false),
            new SeedRegion("air", 0.001205, 0.035, 0.165, true),
            new SeedRegion("titanium", 4.54, 0.040, 0.185, true));
    private static final List<SeedRegion> RESIN_BEADS_IN_TITANIUM = List.of(
            new SeedRegion("resin", 1.2, 0.030, 0.110, true),
            new SeedRegion("air", 0.001205, 0.035, 0.175, false),
            new SeedRegion("titanium", 4.54, 0.040, 0.185, true));
    private static final Map<String, SeedGeometry> MODELS = Map.of(
            "amersham6711", new SeedGeometry("amersham6711", COATED_SILVER_ROD_IN_TITANIUM, 0.0075, List.of(), COATING_6711_CM),
            "isoaid_iai125a", new SeedGeometry("isoaid_iai125a", IAI125A_SILVER_ROD_IN_TITANIUM, 0, List.of(), COATING_IAI125A_CM),
            "amersham6702", new SeedGeometry("amersham6702", RESIN_BEADS_IN_TITANIUM, 0, List.of(-0.110, 0.0, 0.110)));

    /** A rod seed: the I-125 on the surface of the innermost region. */
    public SeedGeometry(String modelKey, List<SeedRegion> regions, double rodBevelCm) {
        this(modelKey, regions, rodBevelCm, List.of(), 0);
    }

    /** A rod seed with the I-125 on the surface of the innermost region, or a bead seed. */
    public SeedGeometry(String modelKey, List<SeedRegion> regions, double rodBevelCm, List<Double> beadCentresCm) {
        this(modelKey, regions, rodBevelCm, beadCentresCm, 0);
    }

    public SeedGeometry {
        regions = List.copyOf(regions);
        beadCentresCm = List.copyOf(beadCentresCm);
        double beadRadiusCm = regions.get(0).radiusCm();
        for (int i = 0; i < beadCentresCm.size(); i++) {
            if (Math.abs(beadCentresCm.get(i)) > regions.get(0).halfLengthCm()
                    || i > 0 && beadCentresCm.get(i) - beadCentresCm.get(i - 1) <= 2 * beadRadiusCm) {
                throw new IllegalArgumentException("seed geometry " + modelKey + ": bead " + i
                        + " must lie inside the innermost region, in ascending order and apart from the one before");
            }
        }
        for (int i = 1; i < regions.size(); i++) {
            if (regions.get(i).radiusCm() < regions.get(i - 1).radiusCm()
                    || regions.get(i).outerHalfLengthCm() < regions.get(i - 1).outerHalfLengthCm()) {
                throw new IllegalArgumentException("seed geometry " + modelKey + ": region " + i + " must enclose region " + (i - 1));
            }
        }
        if (coatingCm < 0 || coatingCm > 0 && (!beadCentresCm.isEmpty() || regions.size() < 3 || rodBevelCm > 0 && coatingCm > rodBevelCm
                || Math.abs(regions.get(1).radiusCm() - regions.get(0).radiusCm() - coatingCm) > 1e-12
                || Math.abs(regions.get(1).halfLengthCm() - regions.get(0).halfLengthCm() - coatingCm) > 1e-12)) {
            throw new IllegalArgumentException("seed geometry " + modelKey + ": a coating of " + coatingCm
                    + " cm needs a rod seed whose region 1 is region 0 grown by it in radius and half-length, with flat ends"
                    + " or a bevel at least as deep");
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

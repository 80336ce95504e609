package org.seedplan.dose.tissue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.seedplan.dose.Seed;
import org.seedplan.dose.montecarlo.MaterialLibrary;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Builds the voxel phantom of a patient for model-based dose (TG-186, Beaulieu et al. 2012, §IV): the CT
 * resampled onto the dose grid, each dose voxel with the mass-weighted mean density of the CT voxels it
 * overlaps (HU → g/cm³ by the calibration curve) and the tissue class holding most of its volume, soft tissue and liver
 * told apart on a density averaged over a neighbourhood large against the CT's noise ({@link CtClassMap}); then the seeds'
 * own voxels; then the contours' compositions in their order (a later one wins; each on the voxels of the CT classes it
 * names: an automatic one, {@link StructureTissues}, leaves air, lung, bone and metal; a user's changes all, the water
 * outside the CT too). The phantom records, for each contour that set a composition, what its voxels became and why
 * ({@link StructureTissue}).
 *
 * <p><b>Seeds.</b> The transport models each seed's capsule and marker itself, so the CT's image of a seed
 * (metal, and the bright and dark streaks beside it) must not be counted again: every dose voxel whose centre
 * lies within {@value #SEED_ARTEFACT_RADIUS_MM} mm of a seed centre (the seed's half-length, 2.25 mm, plus the
 * blooming of a metal seed on CT) takes the tissue around the seed — the material holding most voxels of the
 * shell out to {@value #SHELL_MM} mm further, metal and other seeds' voxels left out, at that material's mean
 * density there, by the CT's classes; the contours' compositions come after, so a seed inside a target sits in the
 * target's composition (its organ's, the default soft tissue or the user's override), whatever the shell around it.
 *
 * <p>The part of a dose voxel outside the CT counts as water at 1.00 g/cm³: the patient continues beyond the
 * scanned slices, and water is TG-43's own assumption there.
 */
public final class TissueAssignment {

    /** Dose voxels with centres this close to a seed centre take the surrounding tissue, mm. */
    public static final double SEED_ARTEFACT_RADIUS_MM = 3.0;
    /** Thickness of the shell around that sphere whose tissue the seed's voxels take, mm. */
    static final double SHELL_MM = 3.0;
    /** A dose voxel at least this much inside an override structure takes its material. */
    static final double OVERRIDE_FRACTION = 0.5;
    private static final int OUTSIDE = TissueClass.values().length;
    private static final double WATER_DENSITY_G_PER_CM3 = 1.0;

    private TissueAssignment() {
    }

    /**
     * The phantom on {@code doseGrid} from the CT, the calibration curve, the overrides (masks on the dose
     * grid, applied in order) and the seeds.
     */
    public static TissuePhantom assign(Volume ct, Grid doseGrid, HuDensityCurve curve, List<TissueOverride> overrides,
                                       List<Seed> seeds, MaterialLibrary library) {
        return assign(ct, doseGrid, curve, overrides, seeds, TissueClass.DEFAULT_SOFT_TISSUE, library);
    }

    /**
     * As {@link #assign(Volume, Grid, HuDensityCurve, List, List, MaterialLibrary)}, with {@code softTissue} the material of
     * the soft-tissue class (voxels no contour assigns; TG-186's mean male or female soft tissue, or another).
     */
    public static TissuePhantom assign(Volume ct, Grid doseGrid, HuDensityCurve curve, List<TissueOverride> overrides,
                                       List<Seed> seeds, String softTissue, MaterialLibrary library) {
        if (!library.names().contains(softTissue)) {
            throw new IllegalArgumentException("default soft tissue: unknown material '" + softTissue + "': use one of "
                    + String.join(", ", library.names()));
        }
        List<String> names = new ArrayList<>();
        for (TissueClass c : TissueClass.values()) {
            names.add(c == TissueClass.SOFT_TISSUE ? softTissue : c.material());
        }
        names.add("water");
        for (TissueOverride o : overrides) {
            if (!o.mask().grid().equals(doseGrid)) {
                throw new IllegalArgumentException("tissue override of '" + o.structure() + "': its mask is not on the dose grid:"
                        + " rasterise the structure on the dose grid");
            }
            if (!library.names().contains(o.material())) {
                throw new IllegalArgumentException("tissue override of '" + o.structure() + "': unknown material '" + o.material()
                        + "': use one of " + String.join(", ", library.names()));
            }
            if (!names.contains(o.material())) {
                names.add(o.material());
            }
        }
        for (String n : names) {
            library.material(n);
        }
        if (names.size() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException(names.size() + " materials in one phantom: at most " + Byte.MAX_VALUE);
        }
        int n = doseGrid.voxelCount();
        byte[] material = new byte[n];
        float[] density = new float[n];
        double outside = resample(ct, doseGrid, curve, material, density);
        // the seeds' own voxels first, so that a contour's composition reaches the seeds inside it
        int artefacts = replaceSeedVoxels(doseGrid, seeds, material, density, (byte) TissueClass.METAL.ordinal(),
                (byte) TissueClass.SOFT_TISSUE.ordinal(), (float) library.material(softTissue).nominalDensityGPerCm3());
        byte[] ctClass = material.clone();
        List<TissueOverride> resolved = overrides.stream().map(o -> oneComposition(o, ctClass)).toList();
        for (TissueOverride o : resolved) {
            byte m = (byte) names.indexOf(o.material());
            float[] f = o.mask().fraction();
            boolean[] changes = new boolean[OUTSIDE + 1];
            o.ctClasses().forEach(c -> changes[c.ordinal()] = true);
            changes[OUTSIDE] = o.ctClasses().size() == TissueClass.values().length;
            for (int v = 0; v < n; v++) {
                if (f[v] >= OVERRIDE_FRACTION && changes[ctClass[v]]) {
                    material[v] = m;
                    if (o.densityGPerCm3() != null) {
                        density[v] = o.densityGPerCm3().floatValue();
                    }
                }
            }
        }
        double[] volume = new double[names.size()];
        for (byte m : material) {
            volume[m] += doseGrid.voxelVolumeCc();
        }
        Map<String, Double> byMaterial = new LinkedHashMap<>();
        for (int m = 0; m < names.size(); m++) {
            byMaterial.put(names.get(m), volume[m]);
        }
        VoxelPhantom phantom = new VoxelPhantom(doseGrid, List.copyOf(names), material, density);
        List<StructureTissue> given = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            TissueOverride o = resolved.get(i);
            given.removeIf(g -> g.structure().equals(o.structure()));
            given.add(StructureTissue.of(o.structure(), o.basis() + overriddenBy(o, resolved.subList(i + 1, resolved.size())), o.mask(),
                    phantom));
        }
        return new TissuePhantom(phantom, byMaterial, artefacts, outside * doseGrid.voxelVolumeCc(), softTissue, given);
    }

    /**
     * For an automatic composition, "; CTV's user's override on 100 % of its voxels" for each user's override of another structure
     * applied after it that covers some of its voxels (a CTV given muscle covers the GTV inside it): the report must not give the
     * GTV's rule as the reason for voxels the user decided; "" when none does.
     */
    private static String overriddenBy(TissueOverride o, List<TissueOverride> later) {
        if (o.basis().equals(TissueOverride.GIVEN)) {
            return "";
        }
        float[] f = o.mask().fraction();
        int inside = 0;
        for (float x : f) {
            inside += x >= OVERRIDE_FRACTION ? 1 : 0;
        }
        StringBuilder b = new StringBuilder();
        for (TissueOverride u : later) {
            if (!u.basis().equals(TissueOverride.GIVEN) || u.structure().equals(o.structure())) {
                continue;
            }
            float[] g = u.mask().fraction();
            int both = 0;
            for (int v = 0; v < f.length; v++) {
                both += f[v] >= OVERRIDE_FRACTION && g[v] >= OVERRIDE_FRACTION ? 1 : 0;
            }
            if (both > 0) {
                b.append(String.format(java.util.Locale.ROOT, "; %s's %s on %.0f %% of its voxels", u.structure(), TissueOverride.GIVEN,
                        100.0 * both / inside));
            }
        }
        return b.toString();
    }

    /**
     * The override with its material decided when it asks for one composition ({@link TissueOverride.OneComposition}): liver when
     * the CT's liver class holds more of the target's own voxels of the classes it changes than the other classes it changes
     * together (adipose counted with soft tissue: a tumour's fat-dense voxels are not fat), its material otherwise; the basis
     * says which and the share. Own voxels: at least half inside the target, not at least half inside a target within it;
     * when there are none, all the target's voxels. The others unchanged.
     */
    private static TissueOverride oneComposition(TissueOverride o, byte[] ctClass) {
        if (o.oneComposition() == null) {
            return o;
        }
        float[] f = o.mask().fraction();
        List<String> insideNames = List.copyOf(o.oneComposition().insideTargets().keySet());
        List<float[]> inside = o.oneComposition().insideTargets().values().stream().map(m -> m.fraction()).toList();
        boolean[] covers = new boolean[inside.size()];
        int[] own = new int[2];
        int[] all = new int[2];
        for (int v = 0; v < f.length; v++) {
            if (f[v] < OVERRIDE_FRACTION || ctClass[v] == OUTSIDE || !o.ctClasses().contains(TissueClass.values()[ctClass[v]])) {
                continue;
            }
            int liver = ctClass[v] == TissueClass.LIVER.ordinal() ? 1 : 0;
            all[liver]++;
            boolean isOwn = true;
            for (int t = 0; t < inside.size(); t++) {
                if (inside.get(t)[v] >= OVERRIDE_FRACTION) {
                    covers[t] = true;
                    isOwn = false;
                }
            }
            own[liver] += isOwn ? 1 : 0;
        }
        List<String> covering = new ArrayList<>();
        for (int t = 0; t < covers.length; t++) {
            if (covers[t]) {
                covering.add(insideNames.get(t));
            }
        }
        boolean owned = own[0] + own[1] > 0;
        int[] counted = owned ? own : all;
        int total = counted[0] + counted[1];
        boolean liver = counted[1] > counted[0];
        String material = liver ? TissueClass.LIVER.material() : o.material();
        String basis = String.format(java.util.Locale.ROOT, "%s: %s, one composition (the CT's %s %.0f %% of its soft-tissue, adipose"
                        + " and liver voxels%s)", o.basis(), liver ? "liver" : "default soft tissue",
                liver ? "liver class holds" : "soft-tissue and adipose classes hold", total == 0 ? 0.0 : 100.0 * counted[liver ? 1 : 0] / total,
                owned && !covering.isEmpty() ? " outside " + String.join(", ", covering) : "");
        return new TissueOverride(o.structure(), o.mask(), material, o.densityGPerCm3(), basis, o.ctClasses(), null);
    }

    /** Fills material (a class ordinal, or OUTSIDE for water) and density; returns the voxels' summed fraction outside the CT. */
    private static double resample(Volume ct, Grid dose, HuDensityCurve curve, byte[] material, float[] density) {
        Grid g = ct.grid();
        AxisOverlap xs = AxisOverlap.of(g.x(0), g.dxMm(), g.nx(), dose.x(0), dose.dxMm(), dose.nx());
        AxisOverlap ys = AxisOverlap.of(g.y(0), g.dyMm(), g.ny(), dose.y(0), dose.dyMm(), dose.ny());
        AxisOverlap zs = AxisOverlap.of(g.z(0), g.dzMm(), g.nz(), dose.z(0), dose.dzMm(), dose.nz());
        if (xs.isEmpty() || ys.isEmpty() || zs.isEmpty()) {
            java.util.Arrays.fill(material, (byte) OUTSIDE);
            java.util.Arrays.fill(density, (float) WATER_DENSITY_G_PER_CM3);
            return dose.voxelCount();
        }
        CtClassMap classes = CtClassMap.of(ct, curve, xs.first(), xs.last(), ys.first(), ys.last(), zs.first(), zs.last());
        return IntStream.range(0, dose.nz()).parallel().mapToDouble(k -> {
            double outsideSum = 0;
            double[] classVolume = new double[OUTSIDE + 1];
            for (int j = 0; j < dose.ny(); j++) {
                for (int i = 0; i < dose.nx(); i++) {
                    java.util.Arrays.fill(classVolume, 0);
                    double mass = 0;
                    double inside = 0;
                    for (int c = 0; c < zs.count(k); c++) {
                        for (int b = 0; b < ys.count(j); b++) {
                            double wzy = zs.fraction(k, c) * ys.fraction(j, b);
                            int row = g.nx() * (ys.index(j, b) + g.ny() * zs.index(k, c));
                            for (int a = 0; a < xs.count(i); a++) {
                                double w = wzy * xs.fraction(i, a);
                                double hu = ct.hu()[row + xs.index(i, a)];
                                mass += w * curve.densityGPerCm3(hu);
                                inside += w;
                                classVolume[classes.at(xs.index(i, a), ys.index(j, b), zs.index(k, c)).ordinal()] += w;
                            }
                        }
                    }
                    double out = Math.max(0, 1 - inside);
                    classVolume[OUTSIDE] += out;
                    outsideSum += out;
                    int best = 0;
                    for (int c = 1; c < classVolume.length; c++) {
                        if (classVolume[c] > classVolume[best]) {
                            best = c;
                        }
                    }
                    int v = dose.index(i, j, k);
                    material[v] = (byte) best;
                    density[v] = (float) (mass + out * WATER_DENSITY_G_PER_CM3);
                }
            }
            return outsideSum;
        }).sum();
    }

    /** Gives each seed's voxels the tissue of the shell around it; returns how many voxels were replaced. */
    private static int replaceSeedVoxels(Grid grid, List<Seed> seeds, byte[] material, float[] density, byte metal, byte fallback,
                                         float fallbackDensity) {
        boolean[] core = new boolean[material.length];
        for (Seed s : seeds) {
            forVoxelsWithin(grid, s.centreMm(), SEED_ARTEFACT_RADIUS_MM, v -> core[v] = true);
        }
        int nMaterials = 0;
        for (byte m : material) {
            nMaterials = Math.max(nMaterials, m + 1);
        }
        byte[] newMaterial = new byte[seeds.size()];
        float[] newDensity = new float[seeds.size()];
        for (int s = 0; s < seeds.size(); s++) {
            int[] count = new int[Math.max(nMaterials, fallback + 1)];
            double[] mass = new double[count.length];
            forVoxelsWithin(grid, seeds.get(s).centreMm(), SEED_ARTEFACT_RADIUS_MM + SHELL_MM, v -> {
                if (!core[v] && material[v] != metal) {
                    count[material[v]]++;
                    mass[material[v]] += density[v];
                }
            });
            int best = -1;
            for (int m = 0; m < count.length; m++) {
                if (count[m] > 0 && (best < 0 || count[m] > count[best])) {
                    best = m;
                }
            }
            newMaterial[s] = best < 0 ? fallback : (byte) best;
            newDensity[s] = best < 0 ? fallbackDensity : (float) (mass[best] / count[best]);
        }
        for (int s = 0; s < seeds.size(); s++) {
            byte m = newMaterial[s];
            float rho = newDensity[s];
            forVoxelsWithin(grid, seeds.get(s).centreMm(), SEED_ARTEFACT_RADIUS_MM, v -> {
                material[v] = m;
                density[v] = rho;
            });
        }
        int replaced = 0;
        for (boolean c : core) {
            replaced += c ? 1 : 0;
        }
        return replaced;
    }

    private static void forVoxelsWithin(Grid g, Vec3 p, double radiusMm, java.util.function.IntConsumer visitor) {
        int i0 = Math.max(0, (int) Math.floor((p.x() - radiusMm - g.x(0)) / g.dxMm()));
        int i1 = Math.min(g.nx() - 1, (int) Math.ceil((p.x() + radiusMm - g.x(0)) / g.dxMm()));
        int j0 = Math.max(0, (int) Math.floor((p.y() - radiusMm - g.y(0)) / g.dyMm()));
        int j1 = Math.min(g.ny() - 1, (int) Math.ceil((p.y() + radiusMm - g.y(0)) / g.dyMm()));
        int k0 = Math.max(0, (int) Math.floor((p.z() - radiusMm - g.z(0)) / g.dzMm()));
        int k1 = Math.min(g.nz() - 1, (int) Math.ceil((p.z() + radiusMm - g.z(0)) / g.dzMm()));
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    if (sq(g.x(i) - p.x()) + sq(g.y(j) - p.y()) + sq(g.z(k) - p.z()) <= radiusMm * radiusMm) {
                        visitor.accept(g.index(i, j, k));
                    }
                }
            }
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}

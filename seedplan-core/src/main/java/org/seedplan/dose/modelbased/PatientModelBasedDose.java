package org.seedplan.dose.modelbased;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dose.montecarlo.MaterialLibrary;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dose.tissue.StructureTissue;
import org.seedplan.dose.tissue.StructureTissues;
import org.seedplan.dose.tissue.TissueAssignment;
import org.seedplan.dose.tissue.TissueClass;
import org.seedplan.dose.tissue.TissueOverride;
import org.seedplan.dose.tissue.TissuePhantom;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * The model-based dose of an implant in a patient, beside its TG-43 dose (TG-186 §V): the CT's tissues on a
 * phantom {@value ModelBasedDose#SCATTER_MARGIN_MM} mm wider than the dose grid ({@link TissueAssignment}; organs and
 * targets given their TG-186 compositions by {@link StructureTissues} — the drawn targets the calculator does not report on
 * included, so that a GTV decides its own voxels inside the CTV made from it, and the drawn organs the contour rules know by
 * name ({@link StructureTissues#shapesTissue}), so that a Liver no intent lists still makes its voxels liver — then the user's
 * overrides by structure name (a structure of the calculator, derived ones included, or a drawn one); what
 * every structure of the calculator was given is in {@link TissuePhantom#structures()}), Monte Carlo transport stopped at the requested mean uncertainty over the target
 * voxels, the metrics with their statistical σ and the TG-43 vs model-based comparison, all on one dose grid
 * and one set of structure masks.
 */
public final class PatientModelBasedDose {

    /** A contour override asked for by structure name: material, and density in g/cm³ or null to keep the CT's. */
    public record OverrideRequest(String structure, String material, Double densityGPerCm3) {
    }

    /**
     * What to compute: the patient's CT, structures and overrides, the seeds and their source, the dose asked for, and the soft
     * tissue of voxels no contour assigns ({@code softTissue}, a material name).
     */
    public record Request(Volume ct, List<Structure> structures, List<OverrideRequest> overrides, HuDensityCurve curve,
                          SourceModel source, List<Seed> seeds, DecayIntegral time, DoseSpecification specification,
                          MonteCarloSettings settings, String softTissue) {

        /** A request with TG-186's mean male soft tissue as the default soft tissue ({@link TissueClass#DEFAULT_SOFT_TISSUE}). */
        public Request(Volume ct, List<Structure> structures, List<OverrideRequest> overrides, HuDensityCurve curve, SourceModel source,
                       List<Seed> seeds, DecayIntegral time, DoseSpecification specification, MonteCarloSettings settings) {
            this(ct, structures, overrides, curve, source, seeds, time, specification, settings, TissueClass.DEFAULT_SOFT_TISSUE);
        }
    }

    /**
     * The result: tissues, the model-based dose and its metrics with σ and noise bias ({@link MetricUncertainty.Result}), each
     * structure's DVH band, the TG-43 dose and its DVHs
     * (both lists in the calculator's order) and the comparison.
     */
    public record Evaluation(TissuePhantom tissues, SpecifiedDose modelBased, PlanMetrics modelBasedMetrics,
                             Map<String, Map<String, Double>> sigma, Map<String, Map<String, Double>> noiseBias, List<DvhBand> dvhBands,
                             DoseGrid tg43, List<Dvh> tg43Dvhs,
                             ModelBasedComparison comparison, long photons, double seconds) {

        /** One line saying what the model-based dose is and how it was computed. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%s (%s): Monte Carlo, %d photons in %.1f s; %s", modelBased.specification().label(),
                    modelBased.specification().description(), photons, seconds, tissues.describe());
        }
    }

    private PatientModelBasedDose() {
    }

    /**
     * Evaluates the request on {@code calculator}'s dose grid and structure masks ({@code doseGrid} is that grid);
     * the Monte Carlo stop rule reads the mean uncertainty over the voxels at least half inside a target.
     */
    public static Evaluation evaluate(Request r, Grid doseGrid, DoseMetricsCalculator calculator, DoubleConsumer progress,
                                      BooleanSupplier cancelled) {
        Grid phantomGrid = ModelBasedDose.phantomGrid(doseGrid);
        Map<String, Mask> masks = new LinkedHashMap<>();
        List<StructureTissues.Contoured> reported = new ArrayList<>();
        for (RoiMask roi : calculator.rois()) {
            if (roi.mask().grid().equals(doseGrid)) {
                Mask m = embed(roi.mask(), phantomGrid);
                masks.put(roi.name(), m);
                reported.add(new StructureTissues.Contoured(roi.name(), roi.type(), m));
            }
        }
        // drawn targets the calculator does not report on (the GTV a CTV = GTV + margin is made from) still decide the composition
        // of their own voxels: without them the CTV's one composition would be chosen over lesion and margin together
        for (Structure s : r.structures()) {
            if (s.type().isTarget() && !masks.containsKey(s.name())
                    && MaskRasterizer.boundsMm(s, phantomGrid.dzMm()).isInside(phantomGrid, 0)) {
                Mask m = MaskRasterizer.rasterize(s, phantomGrid);
                masks.put(s.name(), m);
                reported.add(new StructureTissues.Contoured(s.name(), s.type(), m));
            }
        }
        // so do drawn organs the contour rules know by name (a Liver no intent lists: TG-186, contours override the CT), as far as
        // they reach into the phantom; before the "mc" session of 2026-12-04 only the calculator's organs took part
        for (Structure s : r.structures()) {
            if (!s.type().isTarget() && s.type() != StructureType.EXTERNAL && !masks.containsKey(s.name())
                    && StructureTissues.shapesTissue(s.name())) {
                Mask m = rasterizeWithin(s, phantomGrid);
                masks.put(s.name(), m);
                reported.add(new StructureTissues.Contoured(s.name(), s.type(), m));
            }
        }
        List<TissueOverride> overrides = new ArrayList<>(StructureTissues.automatic(reported, r.softTissue()));
        for (OverrideRequest o : r.overrides()) {
            // a structure the calculator reports on (derived ones too: a CTV = GTV + margin has no contours of its own), else a drawn one
            Mask m = masks.get(o.structure());
            if (m == null) {
                Structure s = r.structures().stream().filter(x -> x.name().equals(o.structure())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("tissue override: no structure named '" + o.structure() + "': use one of "
                                + java.util.stream.Stream.concat(masks.keySet().stream(), r.structures().stream().map(Structure::name))
                                .distinct().toList()));
                m = rasterizeWithin(s, phantomGrid);
                masks.put(s.name(), m);
            }
            overrides.add(new TissueOverride(o.structure(), m, o.material(), o.densityGPerCm3()));
        }
        TissuePhantom assigned = TissueAssignment.assign(r.ct(), phantomGrid, r.curve(), overrides, r.seeds(), r.softTissue(),
                MaterialLibrary.standard());
        List<StructureTissue> byStructure = new ArrayList<>();
        Map<String, StructureType> types = new LinkedHashMap<>();
        reported.forEach(c -> types.put(c.name(), c.type()));
        masks.forEach((name, m) -> byStructure.add(assigned.structure(name).orElseGet(() -> StructureTissue.of(name,
                StructureTissues.basisByCt(name, types.getOrDefault(name, StructureType.ORGAN)), m, assigned.phantom()))));
        TissuePhantom tissues = assigned.withStructures(byStructure);
        boolean[] region = targetVoxels(calculator.rois(), doseGrid);
        ModelBasedDose.Result mb = ModelBasedDose.compute(r.source(), tissues.phantom(), r.seeds(), doseGrid, r.time(),
                r.specification(), r.settings(), region, progress, cancelled);
        DoseGrid tg43 = new FastDoseEngine(new Tg43Kernel(r.source(), DoseModel.LINE_2D)).cancelledWhen(cancelled)
                .dose(r.seeds(), doseGrid, r.time());
        MetricUncertainty.Result uncertainty = MetricUncertainty.withDvhBands(calculator, mb.dose());
        ModelBasedComparison comparison = ModelBasedComparison.of(calculator, tg43, mb.dose(), uncertainty);
        return new Evaluation(tissues, mb.dose(), calculator.compute(mb.dose().dose()), uncertainty.sigma(), uncertainty.noiseBias(),
                uncertainty.bands(), tg43,
                calculator.dvhs(tg43), comparison, mb.photons(), mb.seconds());
    }

    /**
     * A mask on the dose grid as a mask on the phantom grid (the same spacing, whole voxels wider on every side): zero outside the
     * dose grid, which holds every structure the calculator rasterised. Derived structures (a CTV = GTV + margin) have no contours
     * of their own to rasterise again.
     */
    static Mask embed(Mask doseMask, Grid phantomGrid) {
        Grid d = doseMask.grid();
        int ox = (int) Math.round((d.x(0) - phantomGrid.x(0)) / d.dxMm());
        int oy = (int) Math.round((d.y(0) - phantomGrid.y(0)) / d.dyMm());
        int oz = (int) Math.round((d.z(0) - phantomGrid.z(0)) / d.dzMm());
        float[] f = new float[phantomGrid.voxelCount()];
        float[] src = doseMask.fraction();
        for (int k = 0; k < d.nz(); k++) {
            for (int j = 0; j < d.ny(); j++) {
                for (int i = 0; i < d.nx(); i++) {
                    f[phantomGrid.index(i + ox, j + oy, k + oz)] = src[d.index(i, j, k)];
                }
            }
        }
        return new Mask(doseMask.name(), phantomGrid, f);
    }

    /**
     * The partial-volume mask of {@code s} on {@code grid}, the part of it inside the grid when it reaches beyond (a liver is larger
     * than the phantom around a lesion): rasterised on the grid widened by whole voxels to cover the structure, then cut back.
     */
    static Mask rasterizeWithin(Structure s, Grid grid) {
        var bounds = MaskRasterizer.boundsMm(s, grid.dzMm());
        if (bounds.isInside(grid, 0)) {
            return MaskRasterizer.rasterize(s, grid);
        }
        Vec3 lo = grid.minCornerMm();
        Vec3 hi = grid.maxCornerMm();
        int bx = beyond(lo.x() - bounds.minMm().x(), grid.dxMm());
        int by = beyond(lo.y() - bounds.minMm().y(), grid.dyMm());
        int bz = beyond(lo.z() - bounds.minMm().z(), grid.dzMm());
        Grid wide = new Grid(new Vec3(grid.x(0) - bx * grid.dxMm(), grid.y(0) - by * grid.dyMm(), grid.z(0) - bz * grid.dzMm()),
                grid.dxMm(), grid.dyMm(), grid.dzMm(), grid.nx() + bx + beyond(bounds.maxMm().x() - hi.x(), grid.dxMm()),
                grid.ny() + by + beyond(bounds.maxMm().y() - hi.y(), grid.dyMm()), grid.nz() + bz + beyond(bounds.maxMm().z() - hi.z(), grid.dzMm()));
        float[] all = MaskRasterizer.rasterize(s, wide).fraction();
        float[] f = new float[grid.voxelCount()];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    f[grid.index(i, j, k)] = all[wide.index(i + bx, j + by, k + bz)];
                }
            }
        }
        return new Mask(s.name(), grid, f);
    }

    /** Whole voxels of {@code spacingMm} that cover {@code overMm} (0 when it is not positive), and one more. */
    private static int beyond(double overMm, double spacingMm) {
        return overMm > 0 ? (int) Math.ceil(overMm / spacingMm) + 1 : 0;
    }

    /** The voxels at least half inside a target (all voxels when there is no target). */
    static boolean[] targetVoxels(List<RoiMask> rois, Grid grid) {
        boolean[] region = new boolean[grid.voxelCount()];
        boolean any = false;
        for (RoiMask roi : rois) {
            if (roi.type().isTarget() && roi.mask().grid().equals(grid)) {
                float[] f = roi.mask().fraction();
                for (int v = 0; v < f.length; v++) {
                    if (f[v] >= 0.5f) {
                        region[v] = true;
                        any = true;
                    }
                }
            }
        }
        if (!any) {
            java.util.Arrays.fill(region, true);
        }
        return region;
    }
}

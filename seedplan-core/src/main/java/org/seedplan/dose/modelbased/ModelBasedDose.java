package org.seedplan.dose.modelbased;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.dose.montecarlo.MonteCarloDose;
import org.seedplan.dose.montecarlo.MonteCarloDoseEngine;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceModel;

/**
 * The model-based dose of an implant on a dose grid: Monte Carlo transport in the patient's voxel phantom,
 * the chosen specification (Dm,m or Dw,m) integrated over the decay window like TG-43's, with each voxel's
 * statistical uncertainty.
 */
public final class ModelBasedDose {

    /**
     * Margin of patient around the dose grid in the phantom, mm: outside the phantom is vacuum, and photons
     * scattered back from up to 4 cm beyond a point carry most of the backscatter at I-125 energies (the mean free
     * path in soft tissue is about 2.5 cm).
     */
    public static final double SCATTER_MARGIN_MM = 40;

    private ModelBasedDose() {
    }

    /** The grid of the phantom for a dose grid: the same spacing, {@value #SCATTER_MARGIN_MM} mm wider on every side. */
    public static Grid phantomGrid(Grid doseGrid) {
        int ax = (int) Math.ceil(SCATTER_MARGIN_MM / doseGrid.dxMm());
        int ay = (int) Math.ceil(SCATTER_MARGIN_MM / doseGrid.dyMm());
        int az = (int) Math.ceil(SCATTER_MARGIN_MM / doseGrid.dzMm());
        Vec3 o = doseGrid.originMm();
        return new Grid(new Vec3(o.x() - ax * doseGrid.dxMm(), o.y() - ay * doseGrid.dyMm(), o.z() - az * doseGrid.dzMm()),
                doseGrid.dxMm(), doseGrid.dyMm(), doseGrid.dzMm(), doseGrid.nx() + 2 * ax, doseGrid.ny() + 2 * ay, doseGrid.nz() + 2 * az);
    }

    /**
     * Runs the transport and returns the dose in Gy over {@code time} with its specification and uncertainty, plus the run;
     * the stop rule's mean uncertainty is taken over {@code uncertaintyRegion} (one flag per dose voxel; null: the engine's default).
     */
    public static Result compute(SourceModel model, VoxelPhantom phantom, List<Seed> seeds, Grid doseGrid, DecayIntegral time,
                                 DoseSpecification specification, MonteCarloSettings settings, boolean[] uncertaintyRegion,
                                 DoubleConsumer progress, BooleanSupplier cancelled) {
        if (specification == DoseSpecification.TG43_WATER) {
            throw new IllegalArgumentException("a Monte Carlo dose is Dm,m or Dw,m, not " + specification.label());
        }
        MonteCarloDose mc = new MonteCarloDoseEngine(model, phantom, settings).run(seeds, doseGrid, uncertaintyRegion, progress, cancelled);
        return new Result(specified(mc, specification, time), mc.photons(), mc.seconds());
    }

    /** A Monte Carlo result as a specified dose in Gy over {@code time}. */
    private static SpecifiedDose specified(MonteCarloDose mc, DoseSpecification specification, DecayIntegral time) {
        boolean mm = specification == DoseSpecification.DM_M;
        float factor = (float) time.gyPerCGyPerH();
        float[][] groups = mm ? mc.groupDoseRateMediumInMediumCGyPerH() : mc.groupDoseRateWaterInMediumCGyPerH();
        float[][] groupGy = new float[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            groupGy[g] = scaled(groups[g], factor);
        }
        return new SpecifiedDose(new DoseGrid(mc.grid(), scaled(mm ? mc.doseRateMediumInMediumCGyPerH() : mc.doseRateWaterInMediumCGyPerH(),
                factor)), specification, mc.relativeUncertainty().clone(), groupGy, mc.groupPhotons().clone());
    }

    private static float[] scaled(float[] rate, float factor) {
        float[] gy = new float[rate.length];
        for (int v = 0; v < gy.length; v++) {
            gy[v] = rate[v] * factor;
        }
        return gy;
    }

    /** A model-based dose with the photons it took and the transport's wall-clock seconds. */
    public record Result(SpecifiedDose dose, long photons, double seconds) {
    }
}

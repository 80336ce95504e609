package org.seedplan.dose.tissue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.Seed;
import org.seedplan.dose.montecarlo.MaterialLibrary;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

class TissueAssignmentTest {

    private static final MaterialLibrary LIBRARY = MaterialLibrary.standard();
    private static final HuDensityCurve CURVE = HuDensityCurve.standard();

    @Test
    void densityIsMassWeightedAndTheClassIsTheOneHoldingMostOfTheVoxel() {
        // CT of 1 mm voxels over [0, 20] mm: inflated lung (-741 HU, 0.26 g/cm³) for x < 10 mm, water beyond
        Grid ctGrid = new Grid(new Vec3(0.5, 0.5, 0.5), 1, 1, 1, 20, 4, 4);
        Volume ct = volume(ctGrid, p -> p.x() < 10 ? -741.0 : 0.0);
        // 3 mm dose voxels: the one over [9, 12] mm holds one lung and two water CT voxels
        Grid dose = new Grid(new Vec3(1.5, 2, 2), 3, 4, 4, 6, 1, 1);
        VoxelPhantom p = TissueAssignment.assign(ct, dose, CURVE, List.of(), List.of(), LIBRARY).phantom();
        assertThat(p.densityGPerCm3()[3]).isCloseTo((float) ((0.26 + 1 + 1) / 3), within(1e-6f));
        assertThat(material(p, 3)).isEqualTo(TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(p.densityGPerCm3()[2]).isCloseTo(0.26f, within(1e-6f));
        assertThat(material(p, 2)).isEqualTo("lung-inflated");
    }

    @Test
    void massIsConservedWhenTheDoseGridCoversTheCt() {
        Grid ctGrid = new Grid(new Vec3(0.5, 0.5, 1.25), 1, 1, 2.5, 20, 20, 8);
        Random rnd = new Random(7);
        float[] hu = new float[ctGrid.voxelCount()];
        for (int v = 0; v < hu.length; v++) {
            hu[v] = (float) (-1000 + 2500 * rnd.nextDouble());
        }
        Volume ct = new Volume(ctGrid, hu);
        Grid dose = new Grid(new Vec3(1, 1, 2), 2, 2, 4, 10, 10, 5);
        TissuePhantom t = TissueAssignment.assign(ct, dose, CURVE, List.of(), List.of(), LIBRARY);
        double ctMass = 0;
        for (float h : hu) {
            ctMass += CURVE.densityGPerCm3(h) * ctGrid.voxelVolumeCc();
        }
        double doseMass = 0;
        for (float rho : t.phantom().densityGPerCm3()) {
            doseMass += rho * dose.voxelVolumeCc();
        }
        // float densities: 1e-6 relative per voxel
        assertThat(doseMass).isCloseTo(ctMass, within(1e-5 * ctMass));
        assertThat(t.outsideCtVolumeCc()).isCloseTo(0, within(1e-9));
    }

    @Test
    void thePartOfTheGridOutsideTheCtIsWater() {
        Grid ctGrid = new Grid(new Vec3(0.5, 0.5, 0.5), 1, 1, 1, 10, 10, 10);
        Volume ct = volume(ctGrid, p -> -1000.0);
        Grid dose = new Grid(new Vec3(1, 1, 1), 2, 2, 2, 10, 5, 5);
        TissuePhantom t = TissueAssignment.assign(ct, dose, CURVE, List.of(), List.of(), LIBRARY);
        assertThat(material(t.phantom(), dose.index(9, 0, 0))).isEqualTo("water");
        assertThat(t.phantom().densityGPerCm3()[dose.index(9, 0, 0)]).isEqualTo(1f);
        assertThat(material(t.phantom(), dose.index(2, 0, 0))).isEqualTo("air");
        assertThat(t.outsideCtVolumeCc()).isCloseTo(0.5 * dose.voxelCount() * dose.voxelVolumeCc(), within(1e-9));
        assertThat(t.describe()).contains("outside the CT taken as water");
    }

    @Test
    void aGroundGlassTumourInLungBecomesSoftTissueAtItsCtDensityByItsContour() {
        // lung at -800 HU with a part-solid tumour of -98 HU (0.95 g/cm³: the density of fat, the composition of tissue)
        Grid ctGrid = new Grid(new Vec3(-29.5, -29.5, -29.5), 1, 1, 1, 60, 60, 60);
        Volume ct = volume(ctGrid, p -> p.norm() <= 12 ? -98.0 : -800.0);
        Grid dose = new Grid(new Vec3(-28, -28, -28), 2, 2, 2, 29, 29, 29);
        Mask gtv = MaskRasterizer.rasterize(sphere("GTV", 12, 2), dose);
        int centre = dose.index(14, 14, 14);
        VoxelPhantom plain = TissueAssignment.assign(ct, dose, CURVE, List.of(), List.of(), LIBRARY).phantom();
        assertThat(material(plain, centre)).isEqualTo("mean-adipose");
        VoxelPhantom overridden = TissueAssignment.assign(ct, dose, CURVE,
                List.of(TissueOverride.keepingCtDensity(gtv, "soft-tissue")), List.of(), LIBRARY).phantom();
        assertThat(material(overridden, centre)).isEqualTo("soft-tissue");
        assertThat(overridden.densityGPerCm3()[centre]).isCloseTo(0.95f, within(1e-5f));
        assertThat(material(overridden, dose.index(0, 0, 0))).isEqualTo("lung-inflated");
        VoxelPhantom fixed = TissueAssignment.assign(ct, dose, CURVE,
                List.of(new TissueOverride("GTV", gtv, "muscle", 1.05)), List.of(), LIBRARY).phantom();
        assertThat(material(fixed, centre)).isEqualTo("muscle");
        assertThat(fixed.densityGPerCm3()[centre]).isEqualTo(1.05f);
    }

    @Test
    void aSeedsMetalAndStreaksInsideTheTargetTakeTheTargetsTissue() {
        // liver (60 HU) with a seed at the origin: metal at 3071 HU within 1 mm, a dark and a bright streak along x out to 2.5 mm
        Grid ctGrid = new Grid(new Vec3(-19.5, -19.5, -19.5), 1, 1, 1, 40, 40, 40);
        Vec3 clip = new Vec3(12, 0, 0);
        Volume ct = volume(ctGrid, p -> {
            if (p.norm() <= 1 || p.minus(clip).norm() <= 1) {
                return 3071.0;
            }
            if (Math.abs(p.y()) < 1 && Math.abs(p.z()) < 1 && Math.abs(p.x()) <= 2.5) {
                return p.x() < 0 ? -1000.0 : 3071.0;
            }
            return 60.0;
        });
        Grid dose = new Grid(new Vec3(-19.5, -19.5, -19.5), 1, 1, 1, 40, 40, 40);
        TissuePhantom t = TissueAssignment.assign(ct, dose, CURVE, List.of(),
                List.of(new Seed(new Vec3(0, 0, 0), new Vec3(0, 0, 1), 0.5)), LIBRARY);
        VoxelPhantom p = t.phantom();
        int replaced = 0;
        for (int v = 0; v < dose.voxelCount(); v++) {
            if (dose.centre(v).norm() <= TissueAssignment.SEED_ARTEFACT_RADIUS_MM) {
                assertThat(material(p, v)).isEqualTo("liver");
                assertThat(p.densityGPerCm3()[v]).isCloseTo(1.06f, within(1e-5f));
                replaced++;
            }
        }
        assertThat(t.seedArtefactVoxels()).isEqualTo(replaced).isGreaterThan(100);
        // a clip far from every seed stays metal
        assertThat(material(p, dose.index(31, 19, 19))).isEqualTo("steel");
    }

    @Test
    void aSeedInsideASmallTargetTakesTheTargetsCompositionNotTheShellsAroundIt() {
        // a 4 mm lesion (25 HU) in liver (65 HU) with a seed at its centre: the seed's 3 mm voxels take the shell 3-6 mm out,
        // mostly liver; the user's override of the lesion must still reach them (before the "mc-tissue" session the seeds
        // came after the overrides, and the lesion's core became liver)
        Grid grid = new Grid(new Vec3(-19.5, -19.5, -19.5), 1, 1, 1, 40, 40, 40);
        Volume ct = volume(grid, p -> p.norm() <= 4 ? 25.0 : 65.0);
        Mask gtv = MaskRasterizer.rasterize(sphere("GTV", 4, 1), grid);
        TissuePhantom t = TissueAssignment.assign(ct, grid, CURVE, List.of(new TissueOverride("GTV", gtv, "muscle", null)),
                List.of(new Seed(new Vec3(0, 0, 0), new Vec3(0, 0, 1), 0.5)), LIBRARY);
        int centre = grid.index(20, 20, 20);
        assertThat(material(t.phantom(), centre)).isEqualTo("muscle");
        assertThat(t.structure("GTV").orElseThrow().fractionByMaterial()).containsOnlyKeys("muscle");
        assertThat(material(t.phantom(), grid.index(20, 20, 27))).as("liver 7 mm from the seed").isEqualTo("liver");
    }

    @Test
    void refusesAnUnknownOverrideMaterialNamingTheKnownOnes() {
        Grid grid = new Grid(new Vec3(-9.5, -9.5, -9.5), 1, 1, 1, 20, 20, 20);
        Volume ct = volume(grid, p -> 0.0);
        Mask m = MaskRasterizer.rasterize(sphere("GTV", 5, 1), grid);
        assertThatThrownBy(() -> TissueAssignment.assign(ct, grid, CURVE, List.of(TissueOverride.keepingCtDensity(m, "tumor")),
                List.of(), LIBRARY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'GTV'").hasMessageContaining("unknown material 'tumor'").hasMessageContaining("soft-tissue");
    }

    private static String material(VoxelPhantom p, int voxel) {
        return p.materialNames().get(p.materialIndex()[voxel]);
    }

    private static Volume volume(Grid g, Function<Vec3, Double> huAt) {
        float[] hu = new float[g.voxelCount()];
        for (int v = 0; v < hu.length; v++) {
            hu[v] = huAt.apply(g.centre(v)).floatValue();
        }
        return new Volume(g, hu);
    }

    /** A sphere of radius r mm at the origin, contoured every {@code stepMm}. */
    static Structure sphere(String name, double r, double stepMm) {
        List<Contour> contours = new ArrayList<>();
        for (double z = -r + stepMm / 2; z < r; z += stepMm) {
            double rr = Math.sqrt(r * r - z * z);
            double[] x = new double[64];
            double[] y = new double[64];
            for (int n = 0; n < 64; n++) {
                x[n] = rr * Math.cos(2 * Math.PI * n / 64);
                y[n] = rr * Math.sin(2 * Math.PI * n / 64);
            }
            contours.add(new Contour(z, x, y));
        }
        return new Structure(name, StructureType.GTV, contours);
    }
}

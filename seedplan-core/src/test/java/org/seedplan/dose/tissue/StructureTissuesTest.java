package org.seedplan.dose.tissue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.montecarlo.MaterialLibrary;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Contour;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * The compositions contours give (TG-186 Table III): a liver lesion is liver, a lung tumour is soft tissue, an organ keeps
 * its CT's air, lung and bone, the user's override wins, and the default soft tissue fills what no contour assigns.
 */
class StructureTissuesTest {

    private static final MaterialLibrary LIBRARY = MaterialLibrary.standard();
    private static final HuDensityCurve CURVE = HuDensityCurve.standard();
    private static final Grid CT = new Grid(new Vec3(-39.5, -39.5, -39.5), 1, 1, 1, 80, 80, 80);
    private static final Grid DOSE = new Grid(new Vec3(-39, -39, -39), 2, 2, 2, 40, 40, 40);

    @Test
    void aLiverLesionIsLiverItsOrgansCalcificationStaysBoneAndTheUsersOverrideWins() {
        Vec3 lesion = new Vec3(10, 0, 0);
        Vec3 calcification = new Vec3(-15, 0, 0);
        Vec3 stomach = new Vec3(25, 25, 25);
        // body 40 HU; liver (r 30 mm) 65 HU; a hypodense lesion (r 8 mm) of 25 HU, the soft-tissue class by its CT number;
        // a calcification (r 3 mm) of 600 HU; a stomach (r 5 mm) with a gas bubble (r 2 mm) outside the liver
        Volume ct = volume(p -> p.distanceTo(stomach) <= 2 ? -1000.0 : p.distanceTo(lesion) <= 8 ? 25.0
                : p.distanceTo(calcification) <= 3 ? 600.0 : p.norm() <= 30 ? 65.0 : 40.0);
        List<StructureTissues.Contoured> contoured = List.of(contoured("Liver", StructureType.ORGAN, new Vec3(0, 0, 0), 30),
                contoured("GTV", StructureType.GTV, lesion, 8), contoured("CTV", StructureType.CTV, lesion, 12),
                contoured("Stomach", StructureType.ORGAN, stomach, 5));
        List<TissueOverride> automatic = StructureTissues.automatic(contoured, TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(automatic).extracting(TissueOverride::structure).containsExactly("Liver", "CTV", "GTV");
        TissuePhantom t = TissueAssignment.assign(ct, DOSE, CURVE, automatic, List.of(), LIBRARY);
        VoxelPhantom p = t.phantom();

        assertThat(material(p, lesion)).isEqualTo("liver");
        assertThat(p.densityGPerCm3()[at(lesion)]).as("the CT's density kept").isCloseTo(1.025f, within(0.002f));
        StructureTissue gtv = t.structure("GTV").orElseThrow();
        assertThat(gtv.fractionByMaterial()).containsOnlyKeys("liver");
        assertThat(gtv.basis()).isEqualTo("target in Liver");
        assertThat(gtv.describe()).startsWith("GTV: liver 100 %");
        assertThat(material(p, new Vec3(0, -20, 0))).isEqualTo("liver");
        assertThat(material(p, calcification)).as("bone inside an organ stays bone").isEqualTo("cortical-bone");
        assertThat(material(p, stomach)).as("no Table III stomach: the CT's classes").isEqualTo("air");
        assertThat(material(p, new Vec3(-35, -35, -35))).isEqualTo(TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(t.structure("Stomach")).isEmpty();
        assertThat(StructureTissue.of("Stomach", StructureTissue.BY_CT, contoured.get(3).mask(), p).fractionByMaterial())
                .containsOnlyKeys("mean-male-soft-tissue", "air");

        List<TissueOverride> withUser = new ArrayList<>(automatic);
        withUser.add(new TissueOverride("GTV", contoured.get(1).mask(), "muscle", null));
        TissuePhantom overridden = TissueAssignment.assign(ct, DOSE, CURVE, withUser, List.of(), "mean-female-soft-tissue", LIBRARY);
        assertThat(material(overridden.phantom(), lesion)).isEqualTo("muscle");
        assertThat(overridden.structure("GTV").orElseThrow().basis()).isEqualTo(TissueOverride.GIVEN);
        assertThat(material(overridden.phantom(), new Vec3(-35, -35, -35))).isEqualTo("mean-female-soft-tissue");
        assertThat(overridden.describe()).contains("soft tissue no contour assigns: mean-female-soft-tissue").contains("GTV: muscle 100 % (user's override)");
    }

    @Test
    void aLungTumourIsSoftTissueGroundGlassIncludedWhileItsMarginInLungStaysLung() {
        // inflated lung (-800 HU) in a 35 mm sphere, body 40 HU around; tumour: solid core (r 8 mm, 20 HU) in a ground-glass
        // rim to 11 mm (-150 HU, 0.89 g/cm³: the adipose class by density)
        Volume ct = volume(p -> p.norm() <= 8 ? 20.0 : p.norm() <= 11 ? -150.0 : p.norm() <= 35 ? -800.0 : 40.0);
        List<StructureTissues.Contoured> contoured = List.of(contoured("Lung_R", StructureType.ORGAN, new Vec3(0, 0, 0), 35),
                contoured("GTV", StructureType.GTV, new Vec3(0, 0, 0), 11), contoured("CTV", StructureType.CTV, new Vec3(0, 0, 0), 15));
        List<TissueOverride> automatic = StructureTissues.automatic(contoured, TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(automatic).extracting(TissueOverride::structure).as("lung itself is left to the CT's classes").containsExactly("CTV", "GTV");
        TissuePhantom t = TissueAssignment.assign(ct, DOSE, CURVE, automatic, List.of(), LIBRARY);
        VoxelPhantom p = t.phantom();
        Vec3 rim = new Vec3(9, 1, 1);
        assertThat(TissueClass.of(-150, CURVE.densityGPerCm3(-150))).isEqualTo(TissueClass.ADIPOSE);
        assertThat(material(p, new Vec3(1, 1, 1))).isEqualTo("mean-male-soft-tissue");
        assertThat(material(p, rim)).as("ground glass in the GTV").isEqualTo("mean-male-soft-tissue");
        assertThat(p.densityGPerCm3()[at(rim)]).isCloseTo((float) CURVE.densityGPerCm3(-150), within(0.01f));
        assertThat(material(p, new Vec3(13, 1, 1))).as("the CTV's margin in lung").isEqualTo("lung-inflated");
        assertThat(material(p, new Vec3(25, 1, 1))).isEqualTo("lung-inflated");
        StructureTissue gtv = t.structure("GTV").orElseThrow();
        // voxels on the GTV's edge that the CT shows mostly as lung stay lung (1 of 85 here)
        assertThat(gtv.main()).isEqualTo("mean-male-soft-tissue");
        assertThat(gtv.fractionByMaterial().get("mean-male-soft-tissue")).isGreaterThan(0.95);
        assertThat(gtv.basis()).contains("target in lung: tumour as soft tissue");
        // the CTV (r 15 mm) around it is 60 % lung by volume: lung where the CT shows lung, soft tissue in the tumour
        assertThat(t.structure("CTV").orElseThrow().fractionByMaterial()).containsOnlyKeys("lung-inflated", "mean-male-soft-tissue");
        assertThat(t.structure("CTV").orElseThrow().main()).isEqualTo("lung-inflated");

        List<TissueOverride> noLungContour = StructureTissues.automatic(contoured.subList(1, 3), TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(noLungContour.get(1).basis()).contains("default soft tissue");
        assertThat(noLungContour.get(1).material()).isEqualTo("mean-male-soft-tissue");
        // without an organ contour the CT's liver class is the only sign of liver in a margin: kept
        assertThat(noLungContour.get(1).ctClasses()).containsExactlyInAnyOrder(TissueClass.ADIPOSE, TissueClass.SOFT_TISSUE);
        assertThat(automatic.get(1).ctClasses()).containsExactlyInAnyOrder(TissueClass.ADIPOSE, TissueClass.SOFT_TISSUE, TissueClass.LIVER);
    }

    @Test
    void organsAreRecognisedByAWordOfTheirName() {
        assertThat(StructureTissues.Organ.named("Liver")).contains(StructureTissues.Organ.LIVER);
        assertThat(StructureTissues.Organ.named("LIVER_total")).contains(StructureTissues.Organ.LIVER);
        assertThat(StructureTissues.Organ.named("Lung_L")).contains(StructureTissues.Organ.LUNG);
        assertThat(StructureTissues.Organ.named("lungs")).contains(StructureTissues.Organ.LUNG);
        assertThat(StructureTissues.Organ.named("Prostate")).contains(StructureTissues.Organ.PROSTATE);
        assertThat(StructureTissues.Organ.named("Lens_R")).contains(StructureTissues.Organ.EYE_LENS);
        assertThat(StructureTissues.Organ.named("Stomach")).isEqualTo(Optional.empty());
        assertThat(StructureTissues.Organ.named("Oliver")).isEqualTo(Optional.empty());
        // a prostate drawn as the CTV, with no organ around it: prostate
        List<TissueOverride> o = StructureTissues.automatic(List.of(contoured("Prostate", StructureType.CTV, new Vec3(0, 0, 0), 15)),
                TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(o).singleElement().extracting(TissueOverride::material).isEqualTo("prostate");
    }

    private static StructureTissues.Contoured contoured(String name, StructureType type, Vec3 centre, double r) {
        List<Contour> contours = new ArrayList<>();
        for (double z = -r + 0.5; z < r; z += 1) {
            double rr = Math.sqrt(r * r - z * z);
            double[] x = new double[64];
            double[] y = new double[64];
            for (int n = 0; n < 64; n++) {
                x[n] = centre.x() + rr * Math.cos(2 * Math.PI * n / 64);
                y[n] = centre.y() + rr * Math.sin(2 * Math.PI * n / 64);
            }
            contours.add(new Contour(centre.z() + z, x, y));
        }
        Structure s = new Structure(name, type, contours);
        return new StructureTissues.Contoured(name, type, MaskRasterizer.rasterize(s, DOSE));
    }

    /** The dose voxel whose centre is nearest {@code p}. */
    private static int at(Vec3 p) {
        return DOSE.index((int) Math.round((p.x() - DOSE.x(0)) / DOSE.dxMm()), (int) Math.round((p.y() - DOSE.y(0)) / DOSE.dyMm()),
                (int) Math.round((p.z() - DOSE.z(0)) / DOSE.dzMm()));
    }

    private static String material(VoxelPhantom p, Vec3 at) {
        return p.materialNames().get(p.materialIndex()[at(at)]);
    }

    private static Volume volume(Function<Vec3, Double> huAt) {
        float[] hu = new float[CT.voxelCount()];
        for (int v = 0; v < hu.length; v++) {
            hu[v] = huAt.apply(CT.centre(v)).floatValue();
        }
        return new Volume(CT, hu);
    }
}

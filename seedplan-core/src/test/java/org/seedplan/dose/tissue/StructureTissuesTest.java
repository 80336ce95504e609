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
        assertThat(gtv.basis()).isEqualTo("target in Liver (Liver: TG-263 name)");
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
        // the user gives the CTV muscle: the GTV inside it is muscle too, and its report says whose choice that was
        List<TissueOverride> ctvByUser = new ArrayList<>(automatic);
        ctvByUser.add(new TissueOverride("CTV", contoured.get(2).mask(), "muscle", 1.05));
        StructureTissue gtvInCtv = TissueAssignment.assign(ct, DOSE, CURVE, ctvByUser, List.of(), LIBRARY).structure("GTV").orElseThrow();
        assertThat(gtvInCtv.fractionByMaterial()).containsOnlyKeys("muscle");
        assertThat(gtvInCtv.basis()).isEqualTo("target in Liver (Liver: TG-263 name); CTV's user's override on 100 % of its voxels");
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
        assertThat(gtv.basis()).isEqualTo("target in lung: tumour as soft tissue (TG-186; Lung_R: TG-263 name)");
        // the CTV (r 15 mm) around it is 60 % lung by volume: lung where the CT shows lung, soft tissue in the tumour
        assertThat(t.structure("CTV").orElseThrow().fractionByMaterial()).containsOnlyKeys("lung-inflated", "mean-male-soft-tissue");
        assertThat(t.structure("CTV").orElseThrow().main()).isEqualTo("lung-inflated");

        // without the lung contour the GTV is a target in no organ: one composition, chosen on the CT (soft tissue here)
        List<TissueOverride> noLungContour = StructureTissues.automatic(contoured.subList(1, 3), TissueClass.DEFAULT_SOFT_TISSUE);
        TissuePhantom alone = TissueAssignment.assign(ct, DOSE, CURVE, noLungContour, List.of(), LIBRARY);
        assertThat(alone.structure("GTV").orElseThrow().basis()).startsWith("target in no Table III organ: default soft tissue, one composition");
        assertThat(alone.structure("GTV").orElseThrow().main()).isEqualTo("mean-male-soft-tissue");
        assertThat(material(alone.phantom(), rim)).isEqualTo("mean-male-soft-tissue");
        assertThat(noLungContour.get(1).ctClasses()).containsExactlyInAnyOrder(TissueClass.ADIPOSE, TissueClass.SOFT_TISSUE, TissueClass.LIVER);
        assertThat(automatic.get(1).ctClasses()).containsExactlyInAnyOrder(TissueClass.ADIPOSE, TissueClass.SOFT_TISSUE, TissueClass.LIVER);
    }

    @Test
    void aTargetInNoOrganIsOneCompositionWhateverTheNoiseItsRibStaysBoneAndItsGtvDecidesItsOwnVoxels() {
        // a lesion (GTV, r 8 mm) of 52 HU, 3 HU under the 55 HU boundary, with noise σ 20 HU, touching a rib (700 HU, r 4 mm),
        // in liver parenchyma (62 HU, σ 20 HU) that no contour names; CTV = the lesion + 4 mm. The smoothing's window (11 mm) is
        // wider than the lesion's radius and takes in the liver around it, so the CT's classes split this lesion; the target's
        // rule must not.
        Vec3 rib = new Vec3(0, 10, 0);
        java.util.Random rnd = new java.util.Random(55);
        Volume ct = volume(p -> (p.distanceTo(rib) <= 4 ? 700.0 : p.norm() <= 8 ? 52.0 : 62.0) + 20 * rnd.nextGaussian());
        List<StructureTissues.Contoured> contoured = List.of(contoured("GTV", StructureType.GTV, new Vec3(0, 0, 0), 8),
                contoured("CTV", StructureType.CTV, new Vec3(0, 0, 0), 12));
        TissuePhantom plain = TissueAssignment.assign(ct, DOSE, CURVE, List.of(), List.of(), LIBRARY);
        StructureTissue byCt = StructureTissue.of("GTV", StructureTissue.BY_CT, contoured.get(0).mask(), plain.phantom());
        // measured: liver 70 %, mean male soft tissue 28 %, bone 1 %
        assertThat(byCt.fractionByMaterial().get("liver")).as("the CT's classes split the lesion").isBetween(0.1, 0.9);
        assertThat(byCt.fractionByMaterial().get("mean-male-soft-tissue")).isBetween(0.1, 0.9);

        List<TissueOverride> automatic = StructureTissues.automatic(contoured, TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(automatic.get(0).oneComposition().insideTargets()).containsOnlyKeys("GTV");
        TissuePhantom t = TissueAssignment.assign(ct, DOSE, CURVE, automatic, List.of(), LIBRARY);
        StructureTissue gtv = t.structure("GTV").orElseThrow();
        String tissue = gtv.main();
        assertThat(tissue).isIn("liver", "mean-male-soft-tissue");
        assertThat(gtv.fractionByMaterial()).as("one composition, and the rib").containsOnlyKeys(tissue, "cortical-bone");
        assertThat(gtv.basis()).startsWith("target in no Table III organ: ").contains(", one composition (the CT's");
        assertThat(material(t.phantom(), new Vec3(1, 7, 1))).as("the rib in the GTV").isEqualTo("cortical-bone");
        // the CTV's own voxels (outside the GTV) are liver parenchyma: liver, decided on them, not on the lesion inside
        StructureTissue ctv = t.structure("CTV").orElseThrow();
        assertThat(ctv.basis()).startsWith("target in no Table III organ: liver, one composition (the CT's liver class holds")
                .endsWith("outside GTV)");
        assertThat(material(t.phantom(), new Vec3(11, 1, 1))).isEqualTo("liver");
        assertThat(ctv.fractionByMaterial().keySet()).contains("liver").isSubsetOf("liver", tissue, "cortical-bone");
    }

    @Test
    void organsAreRecognisedByTheirTg263NamesThenByTheReadingRulesAndAWordAndEachSaysWhichRuleMatched() {
        // AAPM TG-263 (Mayo et al. 2018) names, as TG-263 spells them
        for (String name : List.of("Liver", "Prostate", "Heart", "Skin", "Lens", "Lens_L", "Lens_R", "Lungs", "Lung_L", "Lung_R",
                "Lung_RUL", "Lung_LLL", "Kidneys", "Kidney_L", "Kidney_R")) {
            StructureTissues.Recognition r = StructureTissues.recognise(name).orElseThrow(() -> new AssertionError(name));
            assertThat(r.rule()).as(name).isEqualTo(StructureTissues.Recognition.Rule.TG263);
            assertThat(r.describe()).isEqualTo("TG-263 name");
        }
        assertThat(organ("Liver")).isEqualTo(StructureTissues.Organ.LIVER);
        assertThat(organ("Lens_R")).isEqualTo(StructureTissues.Organ.EYE_LENS);
        assertThat(organ("Lung_RML")).isEqualTo(StructureTissues.Organ.LUNG);
        assertThat(organ("Kidney_L")).isEqualTo(StructureTissues.Organ.KIDNEY);
        // the same letters in capitals or lower case
        assertThat(StructureTissues.recognise("LIVER").orElseThrow().describe()).isEqualTo("TG-263 Liver, case ignored");
        assertThat(StructureTissues.recognise("lung_r").orElseThrow().describe()).isEqualTo("TG-263 Lung_R, case ignored");
        // other separators, the side spelt out or first
        assertThat(StructureTissues.recognise("Lung Left").orElseThrow().describe()).isEqualTo("read as TG-263 Lung_L");
        assertThat(StructureTissues.recognise("L Kidney").orElseThrow().describe()).isEqualTo("read as TG-263 Kidney_L");
        assertThat(StructureTissues.recognise("lens-rt").orElseThrow().describe()).isEqualTo("read as TG-263 Lens_R");
        assertThat(StructureTissues.recognise("RT LUNG").orElseThrow().describe()).isEqualTo("read as TG-263 Lung_R");
        // not TG-263 but a word of the name begins with the organ's English word
        assertThat(StructureTissues.recognise("LIVER_1").orElseThrow().describe()).isEqualTo("name word 'liver'");
        assertThat(organ("liver_total")).isEqualTo(StructureTissues.Organ.LIVER);
        assertThat(organ("Lungs-GTV")).isEqualTo(StructureTissues.Organ.LUNG);
        assertThat(organ("Prostate_5mm")).isEqualTo(StructureTissues.Organ.PROSTATE);
        // never guessed: other languages, other organs, names that only contain the word, TG-263's prostate bed (no prostate)
        for (String name : List.of("Leber", "Hepar", "Foie", "Poumon_G", "Stomach", "Oliver", "Bowel_Small", "ProstateBed", "prostate bed",
                "Urethra_Prostatc", "SpinalCord", "Eye_L", "")) {
            assertThat(StructureTissues.recognise(name)).as(name).isEqualTo(Optional.empty());
        }
        // a prostate drawn as the CTV, with no organ around it: prostate, and the report says it came from the target's name
        List<TissueOverride> o = StructureTissues.automatic(List.of(contoured("Prostate", StructureType.CTV, new Vec3(0, 0, 0), 15)),
                TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(o).singleElement().extracting(TissueOverride::material).isEqualTo("prostate");
        assertThat(o.get(0).basis()).isEqualTo("target named for the organ (Prostate: TG-263 name)");
        // an organ contour whose name is the organ's in capitals: the organ's composition, and the rule in its basis
        List<TissueOverride> heart = StructureTissues.automatic(List.of(contoured("HEART", StructureType.ORGAN, new Vec3(0, 0, 0), 15)),
                TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(heart).singleElement().satisfies(h -> {
            assertThat(h.material()).isEqualTo("heart");
            assertThat(h.basis()).isEqualTo("organ contour (TG-186 Table III; TG-263 Heart, case ignored)");
        });
        // lung and kidney keep the CT's classes; their report says the name was recognised and why nothing was given
        assertThat(StructureTissues.basisByCt("Kidney_L", StructureType.ORGAN))
                .isEqualTo("CT classes (TG-263 name; no Table III composition)");
        assertThat(StructureTissues.basisByCt("Lung Left", StructureType.ORGAN))
                .isEqualTo("CT classes (read as TG-263 Lung_L; lung parenchyma as the CT shows it)");
        assertThat(StructureTissues.basisByCt("Leber", StructureType.ORGAN)).isEqualTo(StructureTissue.BY_CT);
        assertThat(StructureTissues.basisByCt("Kidney_L", StructureType.GTV)).isEqualTo(StructureTissue.BY_CT);
    }

    @Test
    void aKidneyLesionIsNotGivenAKidneyCompositionTableIiiHasNoneAndALeberContourIsNotTakenForLiver() {
        Vec3 lesion = new Vec3(0, 0, 0);
        List<StructureTissues.Contoured> contoured = List.of(contoured("Kidney_L", StructureType.ORGAN, new Vec3(0, 0, 0), 30),
                contoured("GTV", StructureType.GTV, lesion, 8));
        List<TissueOverride> automatic = StructureTissues.automatic(contoured, TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(automatic).singleElement().satisfies(g -> {
            assertThat(g.structure()).isEqualTo("GTV");
            assertThat(g.material()).isEqualTo(TissueClass.DEFAULT_SOFT_TISSUE);
            assertThat(g.basis()).isEqualTo("target in no Table III organ");
            assertThat(g.oneComposition()).as("its composition is chosen on the CT's classes").isNotNull();
        });
        List<TissueOverride> leber = StructureTissues.automatic(List.of(contoured("Leber", StructureType.ORGAN, new Vec3(0, 0, 0), 30),
                contoured("GTV", StructureType.GTV, lesion, 8)), TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(leber).extracting(TissueOverride::structure).containsExactly("GTV");
        assertThat(leber.get(0).material()).isEqualTo(TissueClass.DEFAULT_SOFT_TISSUE);
        // the same liver named the TG-263 way, in capitals: the lesion in it is liver
        List<TissueOverride> liver = StructureTissues.automatic(List.of(contoured("LIVER", StructureType.ORGAN, new Vec3(0, 0, 0), 30),
                contoured("GTV", StructureType.GTV, lesion, 8)), TissueClass.DEFAULT_SOFT_TISSUE);
        assertThat(liver).extracting(TissueOverride::material).containsExactly("liver", "liver");
        assertThat(liver.get(1).basis()).isEqualTo("target in LIVER (LIVER: TG-263 Liver, case ignored)");
    }

    private static StructureTissues.Organ organ(String name) {
        return StructureTissues.Organ.named(name).orElseThrow(() -> new AssertionError(name));
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

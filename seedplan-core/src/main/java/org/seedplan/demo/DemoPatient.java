package org.seedplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.seedplan.cases.DerivedStructure;
import org.seedplan.cases.PatientCase;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SeedStrength;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * The built-in demo patient: a synthetic abdominal CT-like volume (body, liver, vertebra with spinal
 * canal, stomach) with a hypodense liver lesion drawn as GTV, two organs at risk (stomach next to the
 * lesion, spinal cord) and the body outline, all as axial contours on the CT slices. Also a fixed
 * demo implant: 0.6 mCi seeds on parallel anterior–posterior needles 10 mm apart, seeds 10 mm apart
 * along each needle, staggered by 5 mm between neighbouring needles, within the GTV grown by 3 mm.
 * Deterministic.
 */
public final class DemoPatient {

    /** The demo patient's one identity, the same in plan.json, the DICOM export and the workstation's registry. */
    public static final String NAME = "DEMO^LIVER";
    public static final String ID = "DEMO-0001";
    public static final String BIRTH_DATE = "19580317";
    public static final String SEX = "M";
    public static final double PRESCRIPTION_GY = 120.0;
    public static final double CTV_MARGIN_MM = 5.0;
    public static final SeedStrength SEED_STRENGTH = new SeedStrength(0.6, SeedStrength.Unit.MCI);

    /** Lesion ellipsoid (GTV): centre and semi-axes in mm. */
    static final Vec3 GTV_CENTRE = new Vec3(-45, 0, 0);
    static final Vec3 GTV_SEMI_AXES = new Vec3(16, 14, 12);
    static final Vec3 STOMACH_CENTRE = new Vec3(-6, -22, 0);
    static final Vec3 STOMACH_SEMI_AXES = new Vec3(14, 12, 18);
    static final double CORD_X = 0;
    static final double CORD_Y = 48;
    static final double CORD_RADIUS = 5;
    static final double VERTEBRA_Y = 30;
    static final double VERTEBRA_RADIUS = 16;
    static final double CANAL_RADIUS = 8;
    static final double BODY_A = 95;
    static final double BODY_B = 72;
    /** Seeds of the fixed implant lie within the GTV grown by this much (mm). */
    static final double IMPLANT_REACH_MM = 3;

    private final Grid grid = new Grid(new Vec3(-100, -80, -40), 1.0, 1.0, 2.5, 201, 161, 33);

    /** The CT grid: 201 × 161 × 33 voxels of 1 × 1 × 2.5 mm. */
    public Grid ctGrid() {
        return grid;
    }

    /** A CT-like volume in HU with mild deterministic noise. */
    public Volume ct() {
        float[] hu = new float[grid.voxelCount()];
        Random noise = new Random(20261122L);
        for (int k = 0; k < grid.nz(); k++) {
            double z = grid.z(k);
            for (int j = 0; j < grid.ny(); j++) {
                double y = grid.y(j);
                for (int i = 0; i < grid.nx(); i++) {
                    double x = grid.x(i);
                    hu[grid.index(i, j, k)] = (float) (tissue(x, y, z) + (tissue(x, y, z) > -900 ? 8 * noise.nextGaussian() : 0));
                }
            }
        }
        return new Volume(grid, hu);
    }

    private static double tissue(double x, double y, double z) {
        if (sq(x / BODY_A) + sq(y / BODY_B) > 1) {
            return -1000;
        }
        if (inEllipsoid(new Vec3(x, y, z), GTV_CENTRE, GTV_SEMI_AXES)) {
            return 25;
        }
        if (inEllipsoid(new Vec3(x, y, z), STOMACH_CENTRE, STOMACH_SEMI_AXES)) {
            return 10;
        }
        double canal = Math.hypot(x - CORD_X, y - CORD_Y);
        if (canal <= CORD_RADIUS) {
            return 35;
        }
        if (canal <= CANAL_RADIUS) {
            return 15;
        }
        if (Math.hypot(x - CORD_X, y - VERTEBRA_Y) <= VERTEBRA_RADIUS || canal <= CANAL_RADIUS + 5) {
            return 650;
        }
        if (sq((x + 45) / 48) + sq((y - 2) / 50) <= 1) {
            return 60;
        }
        return 40;
    }

    /** GTV, the two organs at risk and the body, contoured on every CT slice they cross. */
    public List<Structure> structures() {
        List<Structure> out = new ArrayList<>();
        out.add(new Structure("GTV", StructureType.GTV, 0xFF0000, ellipsoidContours(GTV_CENTRE, GTV_SEMI_AXES)));
        out.add(new Structure("Stomach", StructureType.ORGAN, 0xFFC000, ellipsoidContours(STOMACH_CENTRE, STOMACH_SEMI_AXES)));
        List<Contour> cord = new ArrayList<>();
        List<Contour> body = new ArrayList<>();
        for (int k = 0; k < grid.nz(); k++) {
            cord.add(ellipse(grid.z(k), CORD_X, CORD_Y, CORD_RADIUS, CORD_RADIUS));
            body.add(ellipse(grid.z(k), 0, 0, BODY_A - 0.5, BODY_B - 0.5));
        }
        out.add(new Structure("SpinalCord", StructureType.ORGAN, 0x00C0FF, cord));
        out.add(new Structure("Body", StructureType.EXTERNAL, 0x40FF40, body));
        return out;
    }

    /** The fixed demo implant: seeds along parallel A–P needles covering the GTV and its edge. */
    public List<Seed> implant() {
        List<Seed> seeds = new ArrayList<>();
        double sk = SEED_STRENGTH.skU();
        Vec3 needleAxis = new Vec3(0, 1, 0);
        Vec3 reach = GTV_SEMI_AXES.plus(new Vec3(IMPLANT_REACH_MM, IMPLANT_REACH_MM, IMPLANT_REACH_MM));
        int column = 0;
        for (double dx = -20; dx <= 20.01; dx += 10, column++) {
            int row = 0;
            for (double dz = -15; dz <= 15.01; dz += 10, row++) {
                double stagger = ((column + row) % 2) * 5.0;
                for (double dy = -25 + stagger; dy <= 25.01; dy += 10) {
                    Vec3 p = GTV_CENTRE.plus(new Vec3(dx, dy, dz));
                    if (inEllipsoid(p, GTV_CENTRE, reach)) {
                        seeds.add(new Seed(p, needleAxis, sk));
                    }
                }
            }
        }
        return seeds;
    }

    /** The demo as a case: dose on the CT grid, CTV = GTV + 5 mm, the fixed implant. */
    public PatientCase asCase() {
        return new PatientCase(NAME, grid, structures(),
                List.of(DerivedStructure.expand("CTV", StructureType.CTV, "GTV", CTV_MARGIN_MM)),
                PRESCRIPTION_GY, SourceLibrary.DEFAULT_KEY, DecayIntegral.I125_HALF_LIFE_DAYS, SEED_STRENGTH, implant());
    }

    private List<Contour> ellipsoidContours(Vec3 c, Vec3 semi) {
        List<Contour> out = new ArrayList<>();
        for (int k = 0; k < grid.nz(); k++) {
            double z = grid.z(k);
            double s = 1 - sq((z - c.z()) / semi.z());
            if (s > 0.0025) {
                double f = Math.sqrt(s);
                out.add(ellipse(z, c.x(), c.y(), semi.x() * f, semi.y() * f));
            }
        }
        return out;
    }

    private static Contour ellipse(double z, double cx, double cy, double a, double b) {
        int n = 96;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            xs[i] = cx + a * Math.cos(t);
            ys[i] = cy + b * Math.sin(t);
        }
        return new Contour(z, xs, ys);
    }

    private static boolean inEllipsoid(Vec3 p, Vec3 c, Vec3 semi) {
        return sq((p.x() - c.x()) / semi.x()) + sq((p.y() - c.y()) / semi.y()) + sq((p.z() - c.z()) / semi.z()) <= 1;
    }

    private static double sq(double v) {
        return v * v;
    }
}

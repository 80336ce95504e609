package org.seedplan.dicom;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** A small synthetic plan set for export tests: analytic CT, circle contours (one with a hole), seeds on two needles. */
public final class TestPlans {

    private TestPlans() {
    }

    public static final SeedSourceInfo I125_6711 = new SeedSourceInfo("I-125", "Amersham", "6711", 59.40, 3.0, 0.8,
            LocalDate.of(2026, 1, 15));

    public static Grid ctGrid() {
        return new Grid(new Vec3(-40, -30, -20), 2, 2, 2.5, 41, 31, 17);
    }

    public static Volume ct() {
        Grid g = ctGrid();
        float[] hu = new float[g.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            Vec3 c = g.centre(n);
            hu[n] = c.norm() < 15 ? 40f : (c.x() * c.x() / 1600 + c.y() * c.y() / 900 < 1 ? 0f : -1000f);
            hu[n] += (float) (c.z() * 0.5); // a gradient so that slice order matters
        }
        return new Volume(g, hu);
    }

    public static Contour circle(double cx, double cy, double r, double z, int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            double a = 2 * Math.PI * i / points;
            x[i] = cx + r * Math.cos(a) + 1e-4 * i;
            y[i] = cy + r * Math.sin(a);
        }
        return new Contour(z, x, y);
    }

    public static List<Structure> structures() {
        List<Contour> gtv = new ArrayList<>();
        List<Contour> ring = new ArrayList<>();
        for (int k = -3; k <= 3; k++) {
            double z = k * 2.5;
            gtv.add(circle(0, 0, 12 - Math.abs(k), z, 48));
            ring.add(circle(10, 5, 8, z, 40));
            ring.add(circle(10, 5, 3, z, 24)); // hole
        }
        return List.of(new Structure("GTV", StructureType.GTV, 0xFF0000, gtv),
                new Structure("Organ ring ü", StructureType.ORGAN, 0x00FF80, ring));
    }

    public static List<List<Seed>> needles() {
        Vec3 axis = new Vec3(0, 0.2, 1).normalized();
        List<List<Seed>> out = new ArrayList<>();
        for (double x : new double[] {-5, 5}) {
            List<Seed> n = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                n.add(new Seed(new Vec3(x, 1, -5).plus(axis.times(5.0 * i)), axis, 0.762));
            }
            out.add(n);
        }
        out.get(1).set(2, new Seed(out.get(1).get(2).centreMm(), axis, 0.5)); // mixed strengths in one needle
        return out;
    }

    public static DoseGrid dose() {
        Grid g = new Grid(new Vec3(-20, -16, -10), 2, 2, 2.5, 21, 17, 9);
        float[] d = new float[g.voxelCount()];
        for (int n = 0; n < d.length; n++) {
            double r = g.centre(n).norm();
            d[n] = (float) (200 * Math.exp(-r * r / (2 * 15 * 15)));
        }
        return new DoseGrid(g, d);
    }

    public static PlanSet planSet() {
        return new PlanSet(new PatientInfo("Test^Patient", "SP-001", "19500101", "F"), ct(), structures(), needles(),
                I125_6711, 120.0, "GTV", dose());
    }
}

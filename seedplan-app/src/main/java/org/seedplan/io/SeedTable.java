package org.seedplan.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;

/** Reads seeds ({@code x_mm,y_mm,z_mm,dx,dy,dz,sk_U}) and points ({@code x_mm,y_mm,z_mm}) from CSV files. */
public final class SeedTable {

    public static final String[] SEED_COLUMNS = {"x_mm", "y_mm", "z_mm", "dx", "dy", "dz", "sk_U"};
    public static final String[] POINT_COLUMNS = {"x_mm", "y_mm", "z_mm"};

    private SeedTable() {
    }

    public static List<Seed> readSeeds(Path file) {
        CsvTable t = CsvTable.read(file);
        t.requireColumns(SEED_COLUMNS);
        if (t.rowCount() == 0) {
            throw new IllegalArgumentException(file + ": no seeds: add one row per seed under the header " + String.join(",", SEED_COLUMNS));
        }
        List<Seed> seeds = new ArrayList<>();
        for (int row = 0; row < t.rowCount(); row++) {
            Vec3 c = new Vec3(t.number(row, "x_mm"), t.number(row, "y_mm"), t.number(row, "z_mm"));
            Vec3 axis = new Vec3(t.number(row, "dx"), t.number(row, "dy"), t.number(row, "dz"));
            double sk = t.number(row, "sk_U");
            if (!(axis.norm() > 0)) {
                throw new IllegalArgumentException(file + " row " + (row + 2) + ": dx,dy,dz is the zero vector: give the seed's axis direction (any length)");
            }
            if (!(sk > 0)) {
                throw new IllegalArgumentException(file + " row " + (row + 2) + ", column sk_U: " + sk
                        + " is not a positive air-kerma strength: give the strength of this seed in U");
            }
            seeds.add(new Seed(c, axis, sk));
        }
        return seeds;
    }

    public static List<Vec3> readPoints(Path file) {
        CsvTable t = CsvTable.read(file);
        t.requireColumns(POINT_COLUMNS);
        List<Vec3> points = new ArrayList<>();
        for (int row = 0; row < t.rowCount(); row++) {
            points.add(new Vec3(t.number(row, "x_mm"), t.number(row, "y_mm"), t.number(row, "z_mm")));
        }
        return points;
    }
}

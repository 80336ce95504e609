package org.seedplan.dicom.rtplan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;

/**
 * Groups loose seeds into needles for export: two seeds share a needle when their axes are
 * parallel (within 1°) and each centre lies within 0.5 mm of the line through the other along its
 * axis. Each needle's seeds are ordered along the axis; needles keep the order of their first seed.
 */
public final class NeedleGrouping {

    private static final double COS_1_DEG = Math.cos(Math.toRadians(1));
    private static final double LINE_TOLERANCE_MM = 0.5;

    private NeedleGrouping() {
    }

    public static List<List<Seed>> byAxisLine(List<Seed> seeds) {
        List<List<Seed>> needles = new ArrayList<>();
        for (Seed s : seeds) {
            List<Seed> home = null;
            for (List<Seed> n : needles) {
                if (collinear(n.get(0), s)) {
                    home = n;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                needles.add(home);
            }
            home.add(s);
        }
        for (List<Seed> n : needles) {
            Vec3 axis = n.get(0).axis();
            n.sort(Comparator.comparingDouble(x -> x.centreMm().dot(axis)));
        }
        return needles;
    }

    private static boolean collinear(Seed a, Seed b) {
        if (Math.abs(a.axis().dot(b.axis())) < COS_1_DEG) {
            return false;
        }
        Vec3 d = b.centreMm().minus(a.centreMm());
        return d.minus(a.axis().times(d.dot(a.axis()))).norm() <= LINE_TOLERANCE_MM
                && d.minus(b.axis().times(d.dot(b.axis()))).norm() <= LINE_TOLERANCE_MM;
    }
}

package org.seedplan.cli.needles;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.needles.FoundNeedle;
import org.seedplan.verify.needles.NeedleMatch;
import org.seedplan.verify.needles.NeedleMatching;

/**
 * needles.csv: one row per planned needle (with its found needle, or empty when not found) and one
 * per found needle not in the plan; positions in patient (LPS) mm, errors in mm and degrees. tip_z_uncertainty_mm is how far
 * along the CT's z the tip may lie from tip_z_mm because the image does not tell ({@link FoundNeedle#tipZUncertaintyMm()}); used,
 * whether the re-plan keeps the found needle as a needle in the patient (false: left out with --leave-out; empty where no needle
 * was found); tip_axis_uncertainty_mm, how far along the needle's axis the tip may lie
 * ({@link FoundNeedle#tipAxisUncertaintyMm()}); axis_uncertainty_deg, how far the needle's axis may be
 * from the found one because the image does not tell: its tilt out of the slices' plane, with its turn in the plane where two
 * needles' steel ran together ({@link FoundNeedle#axisUncertaintyDeg()}); the last column, tip_in_plane_uncertainty_mm, how far
 * across the needle in the slices' plane the tip may lie ({@link FoundNeedle#tipInPlaneUncertaintyMm()}); each added after the others so that
 * every earlier column keeps its place.
 */
final class NeedlesCsv {

    static final String HEADER = "planned_needle,found_needle,tip_x_mm,tip_y_mm,tip_z_mm,axis_dx,axis_dy,axis_dz,visible_length_mm,"
            + "tip_error_mm,depth_error_mm,lateral_error_mm,angle_error_deg,hub_outside_scan,tip_certain,tip_z_uncertainty_mm,used,"
            + "tip_axis_uncertainty_mm,axis_uncertainty_deg,tip_in_plane_uncertainty_mm";

    private NeedlesCsv() {
    }

    static String write(List<PlannedNeedles.Numbered> planned, NeedleMatching m, Set<Integer> leftOut) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < planned.size(); i++) {
            int number = planned.get(i).number();
            NeedleMatch x = null;
            for (NeedleMatch c : m.matches()) {
                if (c.planned() == i) {
                    x = c;
                }
            }
            if (x == null) {
                b.append(number).append(",,,,,,,,,,,,,,,,,,,\n");
            } else {
                row(b, String.valueOf(number), x.found(), m.found().get(x.found()));
                b.append(String.format(Locale.ROOT, ",%.2f,%.2f,%.2f,%.2f", x.tipErrorMm(), x.depthErrorMm(), x.lateralErrorMm(),
                        x.angleErrorDeg()));
                flags(b, m.found().get(x.found()), !leftOut.contains(x.found()));
            }
        }
        for (int j : m.unmatchedFound()) {
            row(b, "", j, m.found().get(j));
            b.append(",,,,");
            flags(b, m.found().get(j), !leftOut.contains(j));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String planned, int found, FoundNeedle f) {
        Vec3 t = f.tipMm();
        Vec3 a = f.axisAtTip();
        b.append(String.format(Locale.ROOT, "%s,%d,%.2f,%.2f,%.2f,%.5f,%.5f,%.5f,%.1f", planned, found + 1, t.x(), t.y(), t.z(), a.x(), a.y(),
                a.z(), f.visibleLengthMm()));
    }

    private static void flags(StringBuilder b, FoundNeedle f, boolean used) {
        b.append(',').append(f.leavesFieldOfView()).append(',').append(f.tipCertain())
                .append(String.format(Locale.ROOT, ",%.2f", f.tipZUncertaintyMm())).append(',').append(used)
                .append(String.format(Locale.ROOT, ",%.2f,%.2f,%.2f", f.tipAxisUncertaintyMm(), f.axisUncertaintyDeg(),
                        f.tipInPlaneUncertaintyMm())).append('\n');
    }
}

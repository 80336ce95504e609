package org.seedplan.dicom.consistency;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;

/**
 * Carries axial contours through a rigid matrix into another Frame of Reference. Only matrices that
 * keep axial planes axial (rotation about the z axis, or a flip of it, within 1e-6) can do so;
 * any other rotation would tilt the contours, and is refused.
 */
public final class ContourTransfer {

    private ContourTransfer() {
    }

    public static Structure transfer(Structure s, double[] m, String source) {
        if (Math.abs(m[2]) > 1e-6 || Math.abs(m[6]) > 1e-6 || Math.abs(m[8]) > 1e-6 || Math.abs(m[9]) > 1e-6) {
            throw new IllegalArgumentException(source + ": the registration tilts the axial planes, so the contours of '" + s.name()
                    + "' would no longer be axial: leave out the post-op structure set (the plan's contours are used) or"
                    + " contour on a CT in the plan's frame");
        }
        List<Contour> out = new ArrayList<>();
        for (Contour c : s.contours()) {
            double[] x = new double[c.size()];
            double[] y = new double[c.size()];
            for (int i = 0; i < c.size(); i++) {
                double px = c.xMm()[i];
                double py = c.yMm()[i];
                x[i] = m[0] * px + m[1] * py + m[2] * c.zMm() + m[3];
                y[i] = m[4] * px + m[5] * py + m[6] * c.zMm() + m[7];
            }
            out.add(new Contour(m[10] * c.zMm() + m[11], x, y));
        }
        return new Structure(s.name(), s.type(), s.colorRgb(), out);
    }
}

package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Emission points of the 6711's coating: inside the shell, and spread over it as uniform sampling in volume finds. */
class ActiveCoatingTest {

    private static final double R = 0.025;
    private static final double H = 0.140;
    private static final double B = 0.0075;
    private static final double T = 0.000175;

    /** Inside the bevelled rod of radius r, half-length h and bevel b (BevelledRod's shape). */
    private static boolean inRod(double x, double y, double z, double r, double h, double b) {
        double rho = Math.hypot(x, y);
        return rho <= r && Math.abs(z) <= h && rho + Math.abs(z) <= h + r - b;
    }

    private static boolean inShell(double x, double y, double z) {
        return inRod(x, y, z, R + 1e-12, H + 1e-12, B) && !inRod(x, y, z, R - T, H - T, B - T);
    }

    @Test
    void pointsLieInTheShellAndFillItUniformly() {
        ActiveCoating coating = new ActiveCoating(R, H, B, T);
        SplittableRandom rng = new SplittableRandom(3);
        Photon p = new Photon();
        int n = 400_000;
        int outside = 0;
        int ends = 0;
        for (int i = 0; i < n; i++) {
            coating.placeUniformly(p, rng);
            if (!inShell(p.x, p.y, p.z)) {
                outside++;
            }
            if (Math.abs(p.z) > H - B) {
                ends++;
            }
        }
        // independent: uniform points in the bounding cylinder, kept if in the shell (about 1.4 % are)
        long kept = 0;
        long keptEnds = 0;
        for (int i = 0; i < 20_000_000; i++) {
            double rho = R * Math.sqrt(rng.nextDouble());
            double z = H * (2 * rng.nextDouble() - 1);
            if (inShell(rho, 0, z)) {
                kept++;
                if (Math.abs(z) > H - B) {
                    keptEnds++;
                }
            }
        }
        // only the corners where side, bevels and faces meet (volume of order t² per unit length of edge) may fall out
        assertThat((double) outside / n).isLessThan(0.001);
        // share of the shell's volume in the end zones (bevels and faces, about 9 %): 1σ ≈ 0.05 % (sampling) here and
        // 0.06 % (kept ≈ 280 000) there; the bevels' curvature, neglected in the depth, moves it by < 0.1 %
        assertThat((double) ends / n).isCloseTo((double) keptEnds / kept, within(0.003));
    }
}

package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Emission points of a rod's coating — the 6711's (bevelled, 1.75 µm) and the IAI-125A's (flat ends, 1 µm): inside the
 * shell, and spread over it as uniform sampling in volume finds.
 */
class ActiveCoatingTest {

    /** Inside the bevelled rod of radius r, half-length h and bevel b (BevelledRod's shape; b = 0: a plain cylinder). */
    private static boolean inRod(double x, double y, double z, double r, double h, double b) {
        double rho = Math.hypot(x, y);
        return rho <= r && Math.abs(z) <= h && rho + Math.abs(z) <= h + r - b;
    }

    private static boolean inShell(double x, double y, double z, double r, double h, double b, double t) {
        return inRod(x, y, z, r + 1e-12, h + 1e-12, b) && !inRod(x, y, z, r - t, h - t, b > 0 ? b - t : 0);
    }

    /**
     * Draws from the coating and, independently, uniform points in the bounding cylinder kept if in the shell; compares
     * the share of the shell's volume beyond |z| = endZone (1σ about 0.05 % for the sampling, 0.06 % for the rejection).
     */
    private static void assertUniformInShell(double r, double h, double b, double t, double endZone, int rejectionPoints) {
        ActiveCoating coating = new ActiveCoating(r, h, b, t);
        SplittableRandom rng = new SplittableRandom(3);
        Photon p = new Photon();
        int n = 400_000;
        int outside = 0;
        int ends = 0;
        for (int i = 0; i < n; i++) {
            coating.placeUniformly(p, rng);
            if (!inShell(p.x, p.y, p.z, r, h, b, t)) {
                outside++;
            }
            if (Math.abs(p.z) > endZone) {
                ends++;
            }
        }
        long kept = 0;
        long keptEnds = 0;
        for (int i = 0; i < rejectionPoints; i++) {
            double rho = r * Math.sqrt(rng.nextDouble());
            double z = h * (2 * rng.nextDouble() - 1);
            if (inShell(rho, 0, z, r, h, b, t)) {
                kept++;
                if (Math.abs(z) > endZone) {
                    keptEnds++;
                }
            }
        }
        // only the corners where side, bevels and faces meet (volume of order t² per unit length of edge) may fall out
        assertThat((double) outside / n).isLessThan(0.001);
        // the bevels' curvature, neglected in the depth, moves the share by < 0.1 %
        assertThat((double) ends / n).isCloseTo((double) keptEnds / kept, within(0.003));
    }

    @Test
    void pointsOfThe6711CoatingLieInTheShellAndFillItUniformly() {
        // end zones (bevels and faces): about 9 % of the 1.75 µm shell (kept ≈ 280 000 of 20 million)
        assertUniformInShell(0.025, 0.140, 0.0075, 0.000175, 0.140 - 0.0075, 20_000_000);
    }

    @Test
    void pointsOfTheFlatEndedIai125aCoatingLieInTheShellAndFillItUniformly() {
        // the two 1 µm end discs: 7.7 % of the shell, as egs_brachy's Advantage_IAI_125A.shape weights them (0.0387 each)
        assertUniformInShell(0.0251, 0.1501, 0, 0.0001, 0.1501 - 0.0001, 30_000_000);
    }
}

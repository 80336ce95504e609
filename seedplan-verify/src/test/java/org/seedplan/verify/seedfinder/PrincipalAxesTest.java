package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

class PrincipalAxesTest {

    @Test
    void pointsOnATiltedLineHaveThatLineAsFirstAxisAndItsVariance() {
        Vec3 d = new Vec3(1, 2, 2).normalized();
        int n = 101;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] w = new double[n];
        for (int q = 0; q < n; q++) {
            double t = -5 + 10.0 * q / (n - 1);
            x[q] = 1 + t * d.x();
            y[q] = 2 + t * d.y();
            z[q] = 3 + t * d.z();
            w[q] = 1;
        }
        PrincipalAxes pa = PrincipalAxes.of(x, y, z, w, null, n);
        // Exact arithmetic: variance of 101 equally spaced points on [-5, 5] is (n+1)/(n-1)·L²/12 with L = 10 (discrete uniform).
        assertThat(pa.variances()[0]).isCloseTo(102.0 / 100.0 * 100 / 12, within(1e-9));
        assertThat(Math.abs(pa.axes()[0].dot(d))).isCloseTo(1, within(1e-12));
        assertThat(pa.meanMm().distanceTo(new Vec3(1, 2, 3))).isLessThan(1e-12);
        assertThat(pa.variances()[1]).isLessThan(1e-12);
    }

    @Test
    void theInPlaneAxisIgnoresTheSpreadAlongZ() {
        // A segment 4 mm long along (1, 1, 0.3) sampled with z spread ±3 mm (a thick profile sampled finely): the 3D principal
        // axis is mostly z, the in-plane axis is the segment's projection (1, 1, 0)/√2, exactly (symmetric points).
        int n = 0;
        double[] x = new double[63];
        double[] y = new double[63];
        double[] z = new double[63];
        for (int q = -10; q <= 10; q++) {
            for (int dz = -1; dz <= 1; dz++) {
                double t = 0.2 * q / Math.sqrt(2.09);
                x[n] = t;
                y[n] = t;
                z[n] = 0.3 * t + 3 * dz;
                n++;
            }
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        assertThat(Math.abs(PrincipalAxes.of(x, y, z, w, null, n).axes()[0].z())).isGreaterThan(0.9);
        Vec3 a = PrincipalAxes.inPlaneAxis(x, y, w, n);
        assertThat(a.z()).isZero();
        assertThat(Math.abs(a.dot(new Vec3(1, 1, 0).normalized()))).isCloseTo(1, within(1e-12));
    }

    @Test
    void erfMatchesTabulatedValues() {
        // Abramowitz & Stegun table 7.1: erf(0.5) = 0.5204998778, erf(1) = 0.8427007929, erf(2) = 0.9953222650; A&S 7.1.26 error < 1.5e-7.
        assertThat(SeedImageModel.erf(0.5)).isCloseTo(0.5204998778, within(2e-7));
        assertThat(SeedImageModel.erf(1.0)).isCloseTo(0.8427007929, within(2e-7));
        assertThat(SeedImageModel.erf(-2.0)).isCloseTo(-0.9953222650, within(2e-7));
    }
}

package org.seedplan.dose;

import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceModel;
import org.seedplan.source.Table1D;

/**
 * Direct evaluation of the TG-43U1 dose rate of one seed (Rivard et al., Med Phys 31:633, 2004),
 * interpolating the consensus tables as reference/tg43 §5 describes: g linear in r (nearest below the
 * table, linear extrapolation clamped at 0 above), F bilinear in (r, θ) with nearest r outside the
 * table, φan linear with nearest r outside.
 *
 * <p><b>Inside the seed.</b> TG-43 data hold in water outside the capsule. Points inside the capsule
 * (a 0.8 mm × 4.5 mm cylinder: radius {@value #CAPSULE_RADIUS_CM} cm, half-length
 * {@value #CAPSULE_HALF_LENGTH_CM} cm) are evaluated on its surface: for the 2D model the distance
 * from the axis is raised to the capsule radius; for the 1D models, which ignore orientation, r is
 * raised to the capsule radius. This only affects voxels that contain a seed.
 */
public final class Tg43Kernel {

    public static final double CAPSULE_RADIUS_CM = 0.04;
    public static final double CAPSULE_HALF_LENGTH_CM = 0.225;

    private final SourceModel source;
    private final DoseModel model;
    private final double geometryReference;
    private final double lambda;

    public Tg43Kernel(SourceModel source, DoseModel model) {
        this.source = source;
        this.model = model;
        this.geometryReference = source.geometryLineReference();
        this.lambda = source.doseRateConstantCGyPerHPerU();
    }

    public SourceModel source() {
        return source;
    }

    public DoseModel model() {
        return model;
    }

    /**
     * Dose rate per unit air-kerma strength, cGy·h⁻¹·U⁻¹, at distance {@code rMm} from the seed centre
     * and {@code axialMm} along its axis (z = r·cos θ). The 1D models ignore {@code axialMm}.
     */
    public double doseRatePerU(double rMm, double axialMm) {
        double r = rMm / 10.0;
        return switch (model) {
            case LINE_2D -> line2d(r, Math.abs(axialMm) / 10.0);
            case POINT_1D -> {
                double re = Math.max(r, CAPSULE_RADIUS_CM);
                yield lambda / (re * re) * source.gPoint().at(re) * source.phiAn().at(re);
            }
            case LINE_1D -> {
                double re = Math.max(r, CAPSULE_RADIUS_CM);
                yield lambda * source.geometryLine(re, 0) / geometryReference * source.gLine().at(re) * source.phiAn().at(re);
            }
        };
    }

    private double line2d(double r, double z) {
        double y2 = Math.max(r * r - z * z, 0);
        double y = Math.sqrt(y2);
        if (y < CAPSULE_RADIUS_CM && z < CAPSULE_HALF_LENGTH_CM) {
            y = CAPSULE_RADIUS_CM;
            r = Math.sqrt(y * y + z * z);
        }
        double thetaDeg = Math.toDegrees(Math.atan2(y, z));
        return lambda * source.geometryLine(y, z) / geometryReference * source.gLine().at(r)
                * source.anisotropy().at(r, thetaDeg);
    }

    /** Initial dose rate of one seed at a point, cGy/h. */
    public double doseRateCGyPerH(Seed seed, Vec3 pointMm) {
        Vec3 d = pointMm.minus(seed.centreMm());
        double r = d.norm();
        return seed.skU() * doseRatePerU(r, d.dot(seed.axis()));
    }

    /**
     * Distance from the seed centre, mm, at and beyond which this model's dose is exactly zero: where the
     * linear extrapolation of g beyond its last node reaches zero (about 118 mm for the IAI-125A line
     * source); infinite when g does not fall to zero.
     */
    public double zeroDoseFromMm() {
        Table1D g = radialFunction();
        int n = g.x().length;
        if (!g.extrapolateAbove() || n < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double slope = (g.y()[n - 1] - g.y()[n - 2]) / (g.x()[n - 1] - g.x()[n - 2]);
        return slope < 0 ? 10.0 * (g.max() + g.y()[n - 1] / -slope) : Double.POSITIVE_INFINITY;
    }

    /** Last radius of this model's tabulated g(r), mm: beyond it g is extrapolated. */
    public double radialFunctionEndMm() {
        return 10.0 * radialFunction().max();
    }

    private Table1D radialFunction() {
        return model == DoseModel.POINT_1D ? source.gPoint() : source.gLine();
    }

    /**
     * Whether a distance lies outside the tabulated data of this model (g below its first or above
     * its last radius; for the 2D model also F outside its radii), so the value rests on the
     * extrapolation rules of reference/tg43 §5.
     */
    public boolean outsideTables(double rMm) {
        double r = rMm / 10.0;
        boolean g = r < source.gLine().min() || r > source.gLine().max();
        return switch (model) {
            case LINE_2D -> g || r < source.anisotropy().minRCm() || r > source.anisotropy().maxRCm();
            case POINT_1D, LINE_1D -> g || r < source.phiAn().min() || r > source.phiAn().max();
        };
    }

    /**
     * Tabulates r²·Ḋ/S_K over r ∈ [fromMm, toMm] (step {@code stepMm}) and, for the 2D model, over
     * q = y/(y + |z|) ∈ [0, 1] in {@code angleSteps} steps; the 1D models need no angle.
     */
    public Table table(double fromMm, double toMm, double stepMm, int angleSteps) {
        int nr = (int) Math.ceil((toMm - fromMm) / stepMm) + 2;
        int nq = angleSteps + 1;
        float[] h = new float[nr * nq];
        for (int i = 0; i < nr; i++) {
            double r = fromMm + i * stepMm;
            for (int j = 0; j < nq; j++) {
                double q = angleSteps == 0 ? 1 : (double) j / angleSteps;
                double axial = r * (1 - q) / Math.hypot(q, 1 - q);
                h[j * nr + i] = (float) (r * r * doseRatePerU(r, axial));
            }
        }
        return new Table(fromMm, stepMm, nr, nq, h);
    }

    /**
     * r²·Ḋ/S_K tabulated on a regular (r, q) grid, read by bilinear interpolation. Stored q-major
     * (consecutive radii adjacent) because neighbouring voxels differ mostly in r: this keeps the
     * lookups of a grid row within a few cache lines.
     */
    public record Table(double fromMm, double stepMm, int nr, int nq, float[] h) {

        /**
         * Dose rate per U (cGy·h⁻¹·U⁻¹) at distance r (mm; r² given too, mm²) and along-axis offset
         * {@code axialMm}; r at or below the table start reads the first row, beyond its end the last.
         */
        public double doseRatePerU(double rMm, double r2, double axialMm) {
            double fr = Math.max((rMm - fromMm) / stepMm, 0);
            int ir = Math.min((int) fr, nr - 2);
            double tr = Math.min(fr - ir, 1.0);
            if (nq == 1) {
                return (h[ir] + tr * (h[ir + 1] - h[ir])) / r2;
            }
            double z = Math.abs(axialMm);
            double y = Math.sqrt(Math.max(r2 - z * z, 0));
            double fq = y / (y + z) * (nq - 1);
            int iq = Math.min((int) fq, nq - 2);
            double tq = fq - iq;
            int a = iq * nr + ir;
            double lo = h[a] + tr * (h[a + 1] - h[a]);
            double hi = h[a + nr] + tr * (h[a + nr + 1] - h[a + nr]);
            return (lo + tq * (hi - lo)) / r2;
        }
    }
}

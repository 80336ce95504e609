package org.seedplan.verify.scanner;

import org.seedplan.geometry.Vec3;

/**
 * A solid piece of one material: a flat-ended cylinder (or tube, with an inner radius) along the
 * segment a–b, or a ball of the outer radius around a when a = b. Objects are unions of
 * non-overlapping primitives.
 */
public record Primitive(Vec3 a, Vec3 b, double outerRadiusMm, double innerRadiusMm, Material material) {

    public Primitive {
        if (!(outerRadiusMm > 0) || innerRadiusMm < 0 || innerRadiusMm >= outerRadiusMm) {
            throw new IllegalArgumentException("primitive radii must satisfy 0 ≤ inner < outer, got " + innerRadiusMm + " and "
                    + outerRadiusMm + " mm");
        }
    }

    /** A solid ball of material around a centre. */
    public static Primitive ball(Vec3 centreMm, double radiusMm, Material material) {
        return new Primitive(centreMm, centreMm, radiusMm, 0, material);
    }

    /** Receives one sample of a primitive: its position (mm) and its content (CT number × volume, HU·mm³). */
    @FunctionalInterface
    public interface SampleSink {
        /** Takes one sample. */
        void add(double x, double y, double z, double contentHuMm3);
    }

    /**
     * Cuts the primitive into cells no larger than {@code stepMm} and hands each cell's centre and
     * content to the sink; the contents add up to the material's CT number times the exact volume.
     */
    public void sample(double stepMm, SampleSink sink) {
        double len = a.distanceTo(b);
        double hu = material.hu();
        if (len == 0) {
            int n = (int) Math.ceil(outerRadiusMm / stepMm);
            double h = outerRadiusMm / n;
            int inside = 0;
            for (int pass = 0; pass < 2; pass++) {
                double w = pass == 0 ? 0 : hu * 4.0 / 3.0 * Math.PI * Math.pow(outerRadiusMm, 3) / inside;
                for (int i = -n; i < n; i++) {
                    for (int j = -n; j < n; j++) {
                        for (int k = -n; k < n; k++) {
                            double x = (i + 0.5) * h;
                            double y = (j + 0.5) * h;
                            double z = (k + 0.5) * h;
                            if (x * x + y * y + z * z <= outerRadiusMm * outerRadiusMm) {
                                if (pass == 0) {
                                    inside++;
                                } else {
                                    sink.add(a.x() + x, a.y() + y, a.z() + z, w);
                                }
                            }
                        }
                    }
                }
            }
            return;
        }
        Vec3 u = b.minus(a).times(1 / len);
        Vec3 helper = Math.abs(u.z()) < 0.9 ? Vec3.UNIT_Z : new Vec3(1, 0, 0);
        Vec3 e1 = u.cross(helper).normalized();
        Vec3 e2 = u.cross(e1).normalized();
        int nAlong = (int) Math.ceil(len / stepMm);
        int nRad = (int) Math.ceil((outerRadiusMm - innerRadiusMm) / stepMm);
        double dr = (outerRadiusMm - innerRadiusMm) / nRad;
        for (int r = 0; r < nRad; r++) {
            double r0 = innerRadiusMm + r * dr;
            double rc = r0 + dr / 2;
            int nAng = Math.max(6, (int) Math.ceil(2 * Math.PI * rc / stepMm));
            // Each cell: ring area share × length share.
            double w = hu * Math.PI * ((r0 + dr) * (r0 + dr) - r0 * r0) / nAng * len / nAlong;
            for (int q = 0; q < nAng; q++) {
                double phi = 2 * Math.PI * (q + 0.5 * (r % 2)) / nAng;
                Vec3 off = e1.times(rc * Math.cos(phi)).plus(e2.times(rc * Math.sin(phi)));
                for (int s = 0; s < nAlong; s++) {
                    Vec3 p = a.plus(u.times((s + 0.5) * len / nAlong)).plus(off);
                    sink.add(p.x(), p.y(), p.z(), w);
                }
            }
        }
    }

    /** Lower corner of the primitive's bounding box, mm. */
    public Vec3 min() {
        return new Vec3(Math.min(a.x(), b.x()) - outerRadiusMm, Math.min(a.y(), b.y()) - outerRadiusMm,
                Math.min(a.z(), b.z()) - outerRadiusMm);
    }

    /** Upper corner of the primitive's bounding box, mm. */
    public Vec3 max() {
        return new Vec3(Math.max(a.x(), b.x()) + outerRadiusMm, Math.max(a.y(), b.y()) + outerRadiusMm,
                Math.max(a.z(), b.z()) + outerRadiusMm);
    }
}

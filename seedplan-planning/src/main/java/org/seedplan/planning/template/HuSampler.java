package org.seedplan.planning.template;

import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/** Trilinear interpolation of a CT volume in HU at any point; NaN outside the voxel centres' box. */
final class HuSampler {

    private final Volume ct;

    HuSampler(Volume ct) {
        this.ct = ct;
    }

    boolean inside(Vec3 p) {
        Grid g = ct.grid();
        double fi = (p.x() - g.originMm().x()) / g.dxMm();
        double fj = (p.y() - g.originMm().y()) / g.dyMm();
        double fk = (p.z() - g.originMm().z()) / g.dzMm();
        return fi >= 0 && fj >= 0 && fk >= 0 && fi <= g.nx() - 1 && fj <= g.ny() - 1 && fk <= g.nz() - 1;
    }

    double hu(Vec3 p) {
        return hu(p.x(), p.y(), p.z());
    }

    double hu(double x, double y, double z) {
        Grid g = ct.grid();
        double fi = (x - g.originMm().x()) / g.dxMm();
        double fj = (y - g.originMm().y()) / g.dyMm();
        double fk = (z - g.originMm().z()) / g.dzMm();
        if (!(fi >= 0 && fj >= 0 && fk >= 0 && fi <= g.nx() - 1 && fj <= g.ny() - 1 && fk <= g.nz() - 1)) {
            return Double.NaN;
        }
        int i = Math.min((int) fi, Math.max(0, g.nx() - 2));
        int j = Math.min((int) fj, Math.max(0, g.ny() - 2));
        int k = Math.min((int) fk, Math.max(0, g.nz() - 2));
        double u = g.nx() > 1 ? fi - i : 0;
        double v = g.ny() > 1 ? fj - j : 0;
        double w = g.nz() > 1 ? fk - k : 0;
        int i1 = Math.min(i + 1, g.nx() - 1);
        int j1 = Math.min(j + 1, g.ny() - 1);
        int k1 = Math.min(k + 1, g.nz() - 1);
        double c00 = ct.at(i, j, k) * (1 - u) + ct.at(i1, j, k) * u;
        double c10 = ct.at(i, j1, k) * (1 - u) + ct.at(i1, j1, k) * u;
        double c01 = ct.at(i, j, k1) * (1 - u) + ct.at(i1, j, k1) * u;
        double c11 = ct.at(i, j1, k1) * (1 - u) + ct.at(i1, j1, k1) * u;
        return (c00 * (1 - v) + c10 * v) * (1 - w) + (c01 * (1 - v) + c11 * v) * w;
    }
}

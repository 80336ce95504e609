package org.seedplan.planning.optimiser;

import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.planning.candidate.Candidate;

/**
 * The sparse dose-influence matrix: for each candidate seed position, the total dose (Gy) one seed
 * there gives to each sample point within {@code cutoffMm}, evaluated with the TG-43 kernel ({@link org.seedplan.dose.Tg43Kernel})
 * (TG-43U1 Eq. 1 with the seed along its needle). Row j holds the point indices and doses of
 * candidate j, as primitive arrays. The kernel is read through a {@link UnitDoseTable}.
 */
public final class InfluenceMatrix {

    /** Default reach of a row, mm: beyond it one 0.6 mCi seed gives under 0.4 Gy of total dose. */
    public static final double DEFAULT_CUTOFF_MM = 50;
    /** Side of the cells the points are bucketed in, mm. */
    private static final double CELL_MM = 10;

    private final int[][] index;
    private final float[][] doseGy;
    private final double cutoffMm;

    private InfluenceMatrix(int[][] index, float[][] doseGy, double cutoffMm) {
        this.index = index;
        this.doseGy = doseGy;
        this.cutoffMm = cutoffMm;
    }

    /** Rows of point indices, one per candidate. */
    public int[] indices(int candidate) {
        return index[candidate];
    }

    /** Rows of doses per seed (Gy), aligned with {@link #indices}. */
    public float[] doses(int candidate) {
        return doseGy[candidate];
    }

    public int rows() {
        return index.length;
    }

    public double cutoffMm() {
        return cutoffMm;
    }

    /** Number of stored (candidate, point) pairs. */
    public long nonZeros() {
        long n = 0;
        for (int[] r : index) {
            n += r.length;
        }
        return n;
    }

    /**
     * Fills the matrix in parallel: for each candidate, every point in the cells within reach is
     * evaluated with the kernel's table, times S_K and the decay integral.
     */
    public static InfluenceMatrix build(List<Candidate> candidates, SamplePoints points, UnitDoseTable table, double skU,
                                        DecayIntegral decay, double cutoffMm) {
        return build(candidates, points, table, skU, decay, cutoffMm, List.of(), null);
    }

    /**
     * As {@link #build(List, SamplePoints, UnitDoseTable, double, DecayIntegral, double)}, but a candidate at the position and
     * with the axis of one of {@code earlierCandidates} takes that candidate's row of {@code earlier} instead of computing it
     * again; {@code earlier} must have been built on the same points, table, strength, decay and cutoff (a re-plan of the same
     * case around other fixed needles, whose other candidates are the same).
     */
    public static InfluenceMatrix build(List<Candidate> candidates, SamplePoints points, UnitDoseTable table, double skU,
                                        DecayIntegral decay, double cutoffMm, List<Candidate> earlierCandidates, InfluenceMatrix earlier) {
        java.util.Map<List<Object>, Integer> earlierRow = new java.util.HashMap<>();
        for (Candidate c : earlierCandidates) {
            earlierRow.put(List.of(c.positionMm(), c.axis()), c.index());
        }
        PointBuckets buckets = new PointBuckets(points, CELL_MM);
        double scale = skU * decay.gyPerCGyPerH();
        int[][] index = new int[candidates.size()][];
        float[][] dose = new float[candidates.size()][];
        double cut2 = cutoffMm * cutoffMm;
        IntStream.range(0, candidates.size()).parallel().forEach(j -> {
            Candidate c = candidates.get(j);
            Integer k = earlierRow.get(List.of(c.positionMm(), c.axis()));
            if (k != null) {
                index[j] = earlier.index[k];
                dose[j] = earlier.doseGy[k];
                return;
            }
            double cx = c.positionMm().x();
            double cy = c.positionMm().y();
            double cz = c.positionMm().z();
            double ax = c.axis().x();
            double ay = c.axis().y();
            double az = c.axis().z();
            int[] idx = new int[Math.min(points.size(), 4096)];
            float[] val = new float[idx.length];
            int n = 0;
            int[] cells = buckets.cellRange(cx, cy, cz, cutoffMm);
            for (int kz = cells[2]; kz <= cells[5]; kz++) {
                for (int ky = cells[1]; ky <= cells[4]; ky++) {
                    for (int kx = cells[0]; kx <= cells[3]; kx++) {
                        int cell = buckets.cell(kx, ky, kz);
                        for (int p = buckets.start[cell]; p < buckets.start[cell + 1]; p++) {
                            int i = buckets.order[p];
                            double dx = points.x()[i] - cx;
                            double dy = points.y()[i] - cy;
                            double dz = points.z()[i] - cz;
                            double r2 = dx * dx + dy * dy + dz * dz;
                            if (r2 > cut2) {
                                continue;
                            }
                            double axial = dx * ax + dy * ay + dz * az;
                            if (n == idx.length) {
                                idx = java.util.Arrays.copyOf(idx, n * 2);
                                val = java.util.Arrays.copyOf(val, n * 2);
                            }
                            idx[n] = i;
                            val[n] = (float) (scale * table.doseRatePerU(r2, axial));
                            n++;
                        }
                    }
                }
            }
            index[j] = java.util.Arrays.copyOf(idx, n);
            dose[j] = java.util.Arrays.copyOf(val, n);
        });
        return new InfluenceMatrix(index, dose, cutoffMm);
    }

    /** Sample points bucketed in cubic cells (counting sort), for range queries. */
    private static final class PointBuckets {
        final double x0, y0, z0, cellMm;
        final int nx, ny, nz;
        final int[] start;
        final int[] order;

        PointBuckets(SamplePoints p, double cellMm) {
            this.cellMm = cellMm;
            double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, minZ = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY, maxZ = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < p.size(); i++) {
                minX = Math.min(minX, p.x()[i]);
                minY = Math.min(minY, p.y()[i]);
                minZ = Math.min(minZ, p.z()[i]);
                maxX = Math.max(maxX, p.x()[i]);
                maxY = Math.max(maxY, p.y()[i]);
                maxZ = Math.max(maxZ, p.z()[i]);
            }
            x0 = minX;
            y0 = minY;
            z0 = minZ;
            nx = (int) ((maxX - minX) / cellMm) + 1;
            ny = (int) ((maxY - minY) / cellMm) + 1;
            nz = (int) ((maxZ - minZ) / cellMm) + 1;
            int[] count = new int[nx * ny * nz + 1];
            int[] cellOf = new int[p.size()];
            for (int i = 0; i < p.size(); i++) {
                cellOf[i] = cell((int) ((p.x()[i] - x0) / cellMm), (int) ((p.y()[i] - y0) / cellMm), (int) ((p.z()[i] - z0) / cellMm));
                count[cellOf[i] + 1]++;
            }
            for (int c = 1; c < count.length; c++) {
                count[c] += count[c - 1];
            }
            start = count.clone();
            order = new int[p.size()];
            int[] fill = count;
            for (int i = 0; i < p.size(); i++) {
                order[fill[cellOf[i]]++] = i;
            }
        }

        int cell(int kx, int ky, int kz) {
            return kx + nx * (ky + ny * kz);
        }

        /** Cell index bounds {x0, y0, z0, x1, y1, z1} of the cells touching the sphere (clamped to the grid). */
        int[] cellRange(double cx, double cy, double cz, double radius) {
            return new int[] {
                clamp((int) Math.floor((cx - radius - x0) / cellMm), nx), clamp((int) Math.floor((cy - radius - y0) / cellMm), ny),
                clamp((int) Math.floor((cz - radius - z0) / cellMm), nz), clamp((int) Math.floor((cx + radius - x0) / cellMm), nx),
                clamp((int) Math.floor((cy + radius - y0) / cellMm), ny), clamp((int) Math.floor((cz + radius - z0) / cellMm), nz)};
        }

        private static int clamp(int v, int n) {
            return Math.max(0, Math.min(n - 1, v));
        }
    }
}

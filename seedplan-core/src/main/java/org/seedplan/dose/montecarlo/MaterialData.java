package org.seedplan.dose.montecarlo;

/**
 * The photon interaction data of one material on the common energy grid, as the transport samples it: cross sections
 * per unit mass, the molecular form factor and incoherent scattering function, and the K-shell share of
 * photoabsorption of its elements with Z ≥ 20.
 */
final class MaterialData {

    /** Spacing of the momentum-transfer grid x = sin(θ/2)/λ of the scattering table, Å⁻¹. */
    static final double X_STEP = 0.01;

    final Material material;
    final double[] photo;
    final double[] coherent;
    final double[] incoherent;
    final double[] total;
    final double[] muEn;
    /** F²(x)/F²(0) and S(x)/S(∞) on x = i·X_STEP. */
    final double[] formFactorSquared;
    final double[] incoherentFunction;
    /** ∫₀^x² F² d(x²) at x = i·X_STEP (the coherent sampling cumulative). */
    final double[] formFactorCumulative;
    /** Elements with Z ≥ 20 and, per energy, the share of photoabsorptions that are K-shell absorptions in them. */
    final int[] kShellZ;
    final double[][] kShellProbability;

    MaterialData(Material material, double[] photo, double[] coherent, double[] incoherent, double[] muEn,
            double[] formFactorSquared, double[] incoherentFunction, int[] kShellZ, double[][] kShellProbability) {
        this.material = material;
        this.photo = photo;
        this.coherent = coherent;
        this.incoherent = incoherent;
        this.muEn = muEn;
        this.total = new double[photo.length];
        for (int i = 0; i < photo.length; i++) {
            total[i] = photo[i] + coherent[i] + incoherent[i];
        }
        this.formFactorSquared = formFactorSquared;
        this.incoherentFunction = incoherentFunction;
        this.formFactorCumulative = new double[formFactorSquared.length];
        for (int i = 1; i < formFactorSquared.length; i++) {
            double x0 = (i - 1) * X_STEP;
            double x1 = i * X_STEP;
            formFactorCumulative[i] = formFactorCumulative[i - 1]
                    + 0.5 * (formFactorSquared[i - 1] + formFactorSquared[i]) * (x1 * x1 - x0 * x0);
        }
        this.kShellZ = kShellZ;
        this.kShellProbability = kShellProbability;
    }

    static double at(double[] table, int i, double f) {
        return table[i] + f * (table[i + 1] - table[i]);
    }

    /** S(x)/S(∞), linear in x, 1 beyond the table. */
    double incoherentFunction(double x) {
        double u = x / X_STEP;
        int i = (int) u;
        if (i >= incoherentFunction.length - 1) {
            return 1;
        }
        return at(incoherentFunction, i, u - i);
    }

    /** ∫₀^x² F² d(x²) at x, linear between nodes. */
    double formFactorCumulative(double x) {
        double u = x / X_STEP;
        int i = (int) u;
        if (i >= formFactorCumulative.length - 1) {
            return formFactorCumulative[formFactorCumulative.length - 1];
        }
        return at(formFactorCumulative, i, u - i);
    }

    /** The x² at which the coherent cumulative reaches {@code a} (inverse of {@link #formFactorCumulative}). */
    double xSquaredAtCumulative(double a) {
        int lo = 0;
        int hi = formFactorCumulative.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (formFactorCumulative[mid] < a) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double a0 = formFactorCumulative[lo];
        double a1 = formFactorCumulative[hi];
        double x0 = lo * X_STEP;
        double x1 = hi * X_STEP;
        double t = a1 > a0 ? (a - a0) / (a1 - a0) : 0;
        return x0 * x0 + t * (x1 * x1 - x0 * x0);
    }
}

package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The emitted I-125 lines (TG-43U1 Table I) against xraylib's radionuclide table for I-125 (GetRadioNuclideDataByName,
 * from NNDC data; Debian python3-xraylib, read at test time, not typed here): each of our lines against the xraylib
 * lines within 0.35 keV of it and nearer to it than to another of ours — Kα2, Kα1, the Kβ1,3 group (30.94–31.24 keV), the Kβ2 group (31.70–31.77 keV) and the
 * 35.49 keV gamma — yield per decay within 1 % and intensity-weighted energy within 0.05 keV (TG-43U1 rounds to three
 * figures and merges each Kβ group into one line). Needs /usr/bin/python3 with xraylib; fails without it when CI=true,
 * skips otherwise.
 */
class I125SpectrumTest {

    private static final String SCRIPT = String.join("\n",
            "import xraylib as x",
            "d = x.GetRadioNuclideDataByName('125I')",
            "for l, i in zip(d['XrayLines'], d['XrayIntensities']):",
            "    print(x.LineEnergy(d['Z_xray'], l), i)",
            "for e, i in zip(d['GammaEnergies'], d['GammaIntensities']):",
            "    print(e, i)");

    @Test
    void linesAndYieldsAgreeWithXraylibsRadionuclideTable() throws IOException, InterruptedException {
        List<double[]> lines = xraylibLines();
        double[] energies = I125Spectrum.ENERGY_KEV;
        double[] yields = I125Spectrum.YIELD_PER_DECAY;
        for (int k = 0; k < energies.length; k++) {
            double sum = 0;
            double weighted = 0;
            for (double[] line : lines) {
                if (nearest(energies, line[0]) == k && Math.abs(line[0] - energies[k]) <= 0.35) {
                    sum += line[1];
                    weighted += line[0] * line[1];
                }
            }
            System.out.printf(Locale.ROOT, "I-125 line %.3f keV, %.4f per decay: xraylib %.4f keV, %.4f per decay%n", energies[k], yields[k],
                    weighted / sum, sum);
            assertThat(yields[k]).as("yield of the %s keV line", energies[k]).isCloseTo(sum, within(0.01 * sum));
            assertThat(energies[k]).as("energy of the %s keV line", energies[k]).isCloseTo(weighted / sum, within(0.05));
        }
    }

    private static int nearest(double[] energies, double e) {
        int best = 0;
        for (int k = 1; k < energies.length; k++) {
            if (Math.abs(energies[k] - e) < Math.abs(energies[best] - e)) {
                best = k;
            }
        }
        return best;
    }

    private static List<double[]> xraylibLines() throws IOException, InterruptedException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Process run = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes());
        boolean ok = run.waitFor(60, TimeUnit.SECONDS) && run.exitValue() == 0;
        if (!ok) {
            if (ci) {
                fail("python3-xraylib is missing or failed (/usr/bin/python3 with xraylib): install the Debian package python3-xraylib; output: " + out);
            }
            assumeTrue(false, "python3-xraylib not available: skipping (set CI=true to make this fail)");
        }
        List<double[]> lines = new ArrayList<>();
        for (String row : out.strip().split("\n")) {
            String[] f = row.trim().split("\\s+");
            lines.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
        }
        return lines;
    }
}

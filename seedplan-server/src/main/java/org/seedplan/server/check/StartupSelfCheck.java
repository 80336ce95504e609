package org.seedplan.server.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

/**
 * The check run before the server accepts a request: the built-in source-model data files have the
 * SHA-256 sums they were released with, and the TG-43 engine reproduces two reference points of the
 * Amersham 6711 seed from the published consensus numbers (TG-43U1, Rivard et al. 2004, Tables 1, 2, 4):
 * Ḋ(1 cm, 90°)/S_K = Λ = 0.965 cGy·h⁻¹·U⁻¹, and Ḋ(2 cm, 90°)/S_K = Λ·G_L(2 cm, 90°)/G_L(1 cm, 90°)·g_L(2 cm)·F(2 cm, 90°)
 * with g_L(2 cm) = 0.814, F(2 cm, 90°) = 1.000, L = 0.3 cm, G_L computed here from TG-43U1 Eq. 4.
 * Both points must agree within 1e-9 relative: the engine interpolates nothing at table nodes, so only
 * floating-point rounding may differ.
 */
public final class StartupSelfCheck {

    /** Relative tolerance of the reference points (rounding only, see the class comment). */
    public static final double TOLERANCE = 1e-9;
    /** TG-43U1 Table 1: Λ of the Amersham 6711, cGy·h⁻¹·U⁻¹. */
    static final double LAMBDA_6711 = 0.965;
    /** TG-43U1 Table 2: g_L(2 cm) of the Amersham 6711. */
    static final double G_L_2CM_6711 = 0.814;
    /** TG-43U1 Table 4: F(2 cm, 90°) (1 by definition of F). */
    static final double F_2CM_90_6711 = 1.000;
    /** TG-43U1 Table 1: effective active length L of the Amersham 6711, cm. */
    static final double L_6711_CM = 0.30;

    private static final String DATA_DIR = "/org/seedplan/source/tg43/";
    private static final String MANIFEST = "/org/seedplan/server/source-data.sha256";

    private StartupSelfCheck() {
    }

    /** Runs the check on the built-in data; returns the failures (empty when all is well). */
    public static List<String> runBuiltIn() {
        return run(SourceLibrary.builtIn().model(SourceLibrary.DEFAULT_KEY), builtInFile(), manifest());
    }

    /**
     * Checks {@code model} (which must carry the Amersham 6711 data) at the two reference points and
     * each file of {@code expectedSha256} (name → hex) read through {@code files}.
     */
    public static List<String> run(SourceModel model, Function<String, byte[]> files, Map<String, String> expectedSha256) {
        List<String> failures = new ArrayList<>();
        Tg43Kernel kernel = new Tg43Kernel(model, DoseModel.LINE_2D);
        check(failures, "dose rate per U at (1 cm, 90°)", kernel.doseRatePerU(10.0, 0.0), LAMBDA_6711);
        double expected2cm = LAMBDA_6711 * geometry90(2.0) / geometry90(1.0) * G_L_2CM_6711 * F_2CM_90_6711;
        check(failures, "dose rate per U at (2 cm, 90°)", kernel.doseRatePerU(20.0, 0.0), expected2cm);
        for (Map.Entry<String, String> e : expectedSha256.entrySet()) {
            byte[] bytes = files.apply(e.getKey());
            if (bytes == null) {
                failures.add("source data file " + e.getKey() + " is missing");
                continue;
            }
            String actual = sha256(bytes);
            if (!actual.equals(e.getValue())) {
                failures.add("source data file " + e.getKey() + " has SHA-256 " + actual + ", expected " + e.getValue());
            }
        }
        return failures;
    }

    /** G_L(r, 90°) = 2·atan(L/(2r))/(L·r), TG-43U1 Eq. 4 on the transverse axis, cm⁻². */
    private static double geometry90(double rCm) {
        return 2 * Math.atan(L_6711_CM / (2 * rCm)) / (L_6711_CM * rCm);
    }

    private static void check(List<String> failures, String what, double actual, double expected) {
        if (!(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected))) {
            failures.add("TG-43 " + what + " of " + SourceLibrary.DEFAULT_KEY + " is " + actual + " cGy/h/U, expected " + expected
                    + " (TG-43U1 consensus data)");
        }
    }

    /** The release SHA-256 of each built-in data file. */
    public static Map<String, String> manifest() {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = StartupSelfCheck.class.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException(MANIFEST + " missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] a = line.trim().split("\\s+");
                    m.put(a[1], a[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static Function<String, byte[]> builtInFile() {
        return name -> {
            try (InputStream in = SourceLibrary.class.getResourceAsStream(DATA_DIR + name)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

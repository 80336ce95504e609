package org.seedplan.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.seedplan.io.CsvTable;

/**
 * The seed models seedplan knows: the built-in TG-43 consensus data (resources
 * {@code org/seedplan/source/tg43/}, provenance in PROVENANCE.md there) and any folder a user adds in
 * the same layout: a {@code seeds.csv} index naming, per model, its g(r), F(r, θ) and φan(r) files
 * (format in docs/source-data.md).
 */
public final class SourceLibrary {

    public static final String DEFAULT_KEY = "amersham6711";
    private static final String RESOURCE_DIR = "/org/seedplan/source/tg43/";
    private static final SourceLibrary BUILT_IN = load("built-in seeds.csv", name -> resourceText(RESOURCE_DIR + name));

    private final Map<String, SourceModel> models;

    private SourceLibrary(Map<String, SourceModel> models) {
        this.models = Map.copyOf(models);
    }

    /** The built-in consensus data sets. */
    public static SourceLibrary builtIn() {
        return BUILT_IN;
    }

    /** The built-in data sets plus those in {@code dir} (its seeds.csv); a user model may not reuse a built-in key. */
    public static SourceLibrary withDirectory(Path dir) {
        Path index = dir.resolve("seeds.csv");
        if (!Files.isRegularFile(index)) {
            throw new IllegalArgumentException("--source-dir " + dir + ": no seeds.csv there: the folder needs a seeds.csv index"
                    + " and the table files it names (see docs/source-data.md)");
        }
        SourceLibrary user = load(index.toString(), name -> fileText(dir.resolve(name)));
        Map<String, SourceModel> all = new LinkedHashMap<>(BUILT_IN.models);
        for (SourceModel m : user.models.values()) {
            if (all.containsKey(m.key())) {
                throw new IllegalArgumentException(index + ": seed_key '" + m.key() + "' is a built-in model: give your model another key");
            }
            all.put(m.key(), m);
        }
        return new SourceLibrary(all);
    }

    /** The model with this key; refuses unknown keys, listing the known ones. */
    public SourceModel model(String key) {
        SourceModel m = models.get(key);
        if (m == null) {
            throw new IllegalArgumentException("unknown source model '" + key + "': use one of " + keys()
                    + " or add yours with --source-dir");
        }
        return m;
    }

    public List<String> keys() {
        return new ArrayList<>(new TreeSet<>(models.keySet()));
    }

    /** Reads one file of a data set, named relative to its folder. */
    private interface TextSource {
        String read(String name);
    }

    private static SourceLibrary load(String indexName, TextSource texts) {
        CsvTable index = CsvTable.parse(indexName, texts.read("seeds.csv"));
        index.requireColumns("seed_key", "manufacturer_model", "dose_rate_constant_cGy_per_h_per_U", "effective_length_L_cm",
                "half_life_d", "gL_file", "F_file", "phian_file");
        Map<String, SourceModel> models = new LinkedHashMap<>();
        for (int row = 0; row < index.rowCount(); row++) {
            String key = index.text(row, "seed_key");
            try {
                CsvTable g = CsvTable.parse(index.text(row, "gL_file"), texts.read(index.text(row, "gL_file")));
                CsvTable f = CsvTable.parse(index.text(row, "F_file"), texts.read(index.text(row, "F_file")));
                CsvTable phi = CsvTable.parse(index.text(row, "phian_file"), texts.read(index.text(row, "phian_file")));
                double[] rG = g.numbers(0);
                models.put(key, new SourceModel(key, index.text(row, "manufacturer_model"),
                        index.number(row, "dose_rate_constant_cGy_per_h_per_U"),
                        index.number(row, "effective_length_L_cm"),
                        index.number(row, "half_life_d"),
                        new Table1D(rG, g.numbers(1), true),
                        new Table1D(rG, g.numbers(2), true),
                        anisotropy(f),
                        new Table1D(phi.numbers(0), phi.numbers(1), false),
                        index.hasColumn("data_status") ? index.text(row, "data_status") : ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(indexName + " row " + (row + 2) + " (" + key + "): " + e.getMessage(), e);
            }
        }
        return new SourceLibrary(models);
    }

    /** Builds the rectangular F(r, θ) table from long format (r_cm, theta_deg, F). */
    private static AnisotropyTable anisotropy(CsvTable t) {
        double[] r = t.numbers(0);
        double[] th = t.numbers(1);
        double[] v = t.numbers(2);
        TreeMap<Double, TreeMap<Double, Double>> rows = new TreeMap<>();
        for (int i = 0; i < r.length; i++) {
            if (rows.computeIfAbsent(r[i], k -> new TreeMap<>()).put(th[i], v[i]) != null) {
                throw new IllegalArgumentException(t.source() + " row " + (i + 2) + ": radius " + r[i] + " cm, angle " + th[i]
                        + " degrees appears twice: keep one value per (r, theta)");
            }
        }
        double[] thetas = rows.firstEntry().getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] f = new double[rows.size()][];
        int i = 0;
        for (Map.Entry<Double, TreeMap<Double, Double>> e : rows.entrySet()) {
            if (!e.getValue().keySet().equals(rows.firstEntry().getValue().keySet())) {
                throw new IllegalArgumentException(t.source() + ": radius " + e.getKey()
                        + " cm has different angles from the first radius: every radius needs the same θ values");
            }
            f[i++] = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
        }
        double[] radii = rows.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        return new AnisotropyTable(radii, thetas, f);
    }

    private static String resourceText(String name) {
        try (InputStream in = SourceLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in source data " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileText(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(p + ": file named in seeds.csv not found: check the file name in seeds.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
    }
}

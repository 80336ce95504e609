package org.seedplan.dose.montecarlo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The materials the engine has cross sections for (the tables generated from xraylib by
 * {@code seedplan-core/tools/make-cross-sections.py}, resources of this package), looked up by name.
 */
public final class MaterialLibrary {

    private static final String[] FILES = {"materials.csv", "cross-sections.csv", "scattering.csv", "k-shell.csv", "k-lines.csv"};
    private static volatile MaterialLibrary standard;

    private final EnergyGrid energyGrid;
    private final Map<String, MaterialData> materials;
    private final Map<Integer, KLines> kLines;

    private MaterialLibrary(EnergyGrid energyGrid, Map<String, MaterialData> materials, Map<Integer, KLines> kLines) {
        this.energyGrid = energyGrid;
        this.materials = materials;
        this.kLines = kLines;
    }

    /** The shipped tables, loaded once. */
    public static MaterialLibrary standard() {
        MaterialLibrary s = standard;
        if (s == null) {
            synchronized (MaterialLibrary.class) {
                s = standard;
                if (s == null) {
                    s = load();
                    standard = s;
                }
            }
        }
        return s;
    }

    /** The material with this name; IllegalArgumentException naming the known names if there is none. */
    public Material material(String name) {
        return data(name).material;
    }

    /** The known material names, in the order of the tables. */
    public List<String> names() {
        return List.copyOf(materials.keySet());
    }

    /** μen/ρ of the material at the energy, cm²/g (energy 1–50 keV). */
    public double massEnergyAbsorptionCm2PerG(String name, double energyKeV) {
        return interpolate(data(name).muEn, energyKeV);
    }

    /** μ/ρ of the material at the energy, cm²/g: photoelectric + coherent + incoherent (energy 1–50 keV). */
    public double massAttenuationCm2PerG(String name, double energyKeV) {
        return interpolate(data(name).total, energyKeV);
    }

    MaterialData data(String name) {
        MaterialData d = materials.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown Monte Carlo material '" + name + "': use one of " + names());
        }
        return d;
    }

    EnergyGrid energyGrid() {
        return energyGrid;
    }

    /** K fluorescence data of element z, or null when the tables have none (z < 20). */
    KLines kLines(int z) {
        return kLines.get(z);
    }

    private double interpolate(double[] table, double energyKeV) {
        if (!(energyKeV >= energyGrid.minKeV() && energyKeV <= energyGrid.maxKeV())) {
            throw new IllegalArgumentException("photon energy " + energyKeV + " keV is outside the cross-section tables ("
                    + energyGrid.minKeV() + "–" + energyGrid.maxKeV() + " keV)");
        }
        int i = energyGrid.interval(energyKeV);
        return MaterialData.at(table, i, energyGrid.fraction(i, energyKeV));
    }

    private static MaterialLibrary load() {
        Map<String, List<String[]>> rows = new HashMap<>();
        for (String f : FILES) {
            rows.put(f, read(f));
        }
        Map<String, Material> defs = new LinkedHashMap<>();
        for (String[] r : rows.get("materials.csv")) {
            TreeMap<Integer, Double> comp = new TreeMap<>();
            for (String zw : r[2].trim().split(" ")) {
                String[] p = zw.split(":");
                comp.put(Integer.parseInt(p[0]), Double.parseDouble(p[1]));
            }
            defs.put(r[0], new Material(r[0], Double.parseDouble(r[1]), comp));
        }
        Map<String, List<double[]>> xs = groupByMaterial(rows.get("cross-sections.csv"));
        Map<String, List<double[]>> sc = groupByMaterial(rows.get("scattering.csv"));
        List<double[]> first = xs.get(defs.keySet().iterator().next());
        double[] energies = first.stream().mapToDouble(v -> v[0]).toArray();
        EnergyGrid grid = new EnergyGrid(energies);
        Map<String, Map<Integer, double[]>> kShell = new HashMap<>();
        for (String[] r : rows.get("k-shell.csv")) {
            double e = Double.parseDouble(r[1]);
            int idx = java.util.Arrays.binarySearch(energies, e);
            if (idx < 0) {
                throw new IllegalStateException("k-shell.csv energy " + e + " keV is not on the cross-section grid");
            }
            kShell.computeIfAbsent(r[0], k -> new TreeMap<>()).computeIfAbsent(Integer.parseInt(r[2]), k -> new double[energies.length])[idx] =
                    Double.parseDouble(r[3]);
        }
        Map<String, MaterialData> materials = new LinkedHashMap<>();
        for (Material m : defs.values()) {
            List<double[]> t = xs.get(m.name());
            List<double[]> s = sc.get(m.name());
            if (t == null || t.size() != energies.length || s == null) {
                throw new IllegalStateException("cross-section tables incomplete for material " + m.name());
            }
            for (int i = 0; i < s.size(); i++) {
                if (Math.abs(s.get(i)[0] - i * MaterialData.X_STEP) > 1e-9) {
                    throw new IllegalStateException("scattering.csv x grid for " + m.name() + " is not uniform in " + MaterialData.X_STEP);
                }
            }
            Map<Integer, double[]> k = kShell.getOrDefault(m.name(), Map.of());
            materials.put(m.name(), new MaterialData(m, column(t, 1), column(t, 2), column(t, 3), column(t, 4), column(s, 1), column(s, 2),
                    k.keySet().stream().mapToInt(Integer::intValue).toArray(), k.values().toArray(new double[0][])));
        }
        Map<Integer, List<double[]>> lines = new TreeMap<>();
        for (String[] r : rows.get("k-lines.csv")) {
            lines.computeIfAbsent(Integer.parseInt(r[0]), z -> new ArrayList<>()).add(
                    new double[] {Double.parseDouble(r[1]), Double.parseDouble(r[2]), Double.parseDouble(r[3]), Double.parseDouble(r[4])});
        }
        Map<Integer, KLines> kLines = new HashMap<>();
        lines.forEach((z, l) -> kLines.put(z, new KLines(z, l.get(0)[0], l.get(0)[1], column(l, 2), column(l, 3))));
        return new MaterialLibrary(grid, Collections.unmodifiableMap(materials), kLines);
    }

    private static Map<String, List<double[]>> groupByMaterial(List<String[]> rows) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (String[] r : rows) {
            double[] v = new double[r.length - 1];
            for (int i = 1; i < r.length; i++) {
                v[i - 1] = Double.parseDouble(r[i]);
            }
            out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(v -> v[c]).toArray();
    }

    /** Data rows of one table: comment lines (#) and the header skipped; the last field may be quoted. */
    private static List<String[]> read(String file) {
        try (InputStream in = MaterialLibrary.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("Monte Carlo table " + file + " missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> out = new ArrayList<>();
            boolean header = true;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                int quote = line.indexOf('"');
                String[] fields = (quote >= 0 ? line.substring(0, quote) : line).split(",", -1);
                out.add(quote >= 0 ? java.util.Arrays.copyOf(fields, fields.length - 1) : fields);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading Monte Carlo table " + file, e);
        }
    }
}

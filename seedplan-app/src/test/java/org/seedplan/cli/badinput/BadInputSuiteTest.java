package org.seedplan.cli.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;

/**
 * The bad-input suite (docs/bad-input.md lists every case): each case runs one command line
 * in-process on inputs written to a fresh folder and checks the exit code (2 bad input, 0 accepted),
 * that the one-line message names the input and the fault, and that nothing was written: the output
 * path does not exist afterwards and no hidden staging folder is left beside it.
 */
class BadInputSuiteTest {

    static final String SEEDS_HEADER = "x_mm,y_mm,z_mm,dx,dy,dz,sk_U\n";
    static final String SEED = "0,0,0,0,0,1,0.762\n";
    static final String POINTS = "x_mm,y_mm,z_mm\n10,0,0\n";

    /** A small valid case: 41 × 41 × 5 grid of 1 × 1 × 2.5 mm, a 10 mm square GTV, one seed. */
    static final String CASE = """
            {"format": "seedplan-case/1", "name": "bad-input",
             "dose_grid": {"origin_mm": [-20, -20, -5], "spacing_mm": [1, 1, 2.5], "size": [41, 41, 5]},
             "prescription_gy": 120, "seed_strength": "0.6 mCi",
             "structures": [{"name": "GTV", "type": "GTV", "contours": [
               {"z_mm": -2.5, "points_mm": [[-5,-5],[5,-5],[5,5],[-5,5]]},
               {"z_mm": 0, "points_mm": [[-5,-5],[5,-5],[5,5],[-5,5]]},
               {"z_mm": 2.5, "points_mm": [[-5,-5],[5,-5],[5,5],[-5,5]]}]}],
             "seeds": [{"x_mm": 0, "y_mm": 0, "z_mm": 0}]}
            """;

    static final String INTENT = """
            {"format": "seedplan-intent/1", "targets": [{"structure": "GTV", "prescription_gy": 120}],
             "seed": {"source": "amersham6711", "strength": "0.6 mCi"},
             "approach": {"type": "coplanar_template", "needle_direction": [0, 1, 0], "hole_spacing_mm": 5, "standoff_mm": 10,
                          "max_length_mm": 200}}
            """;

    @TempDir
    Path dir;

    /** One case: a name for the table, the files to write, the command line, and what it must get. */
    record Case(String name, Function<Path, List<String>> setup, int exit, String message, String output) {
    }

    static Case refused(String name, Function<Path, List<String>> setup, String message) {
        return new Case(name, setup, 2, message, null);
    }

    static Case refusedNothingWritten(String name, Function<Path, List<String>> setup, String message, String output) {
        return new Case(name, setup, 2, message, output);
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> dosePoints(Path d, String seeds, String... more) {
        List<String> a = new ArrayList<>(List.of("dose-points", "--seeds", write(d, "seeds.csv", seeds).toString(), "--points",
                write(d, "points.csv", POINTS).toString()));
        a.addAll(List.of(more));
        return a;
    }

    static List<String> evaluate(Path d, String json) {
        return List.of("evaluate", "--case", write(d, "case.json", json).toString(), "--out", d.resolve("out").toString());
    }

    /** A copy of the built-in amersham6711 data in a user folder with one table edited. */
    static List<String> sourceDir(Path d, String file, java.util.function.UnaryOperator<String> edit) {
        try {
            Path src = d.resolve("src");
            Files.createDirectories(src);
            String index = resource("seeds.csv");
            String header = index.lines().findFirst().orElseThrow();
            String row = index.lines().filter(l -> l.startsWith("amersham6711,")).findFirst().orElseThrow();
            Files.writeString(src.resolve("seeds.csv"), header + "\n" + row + "\n");
            for (String f : List.of("i125_amersham6711_gL.csv", "i125_amersham6711_F.csv", "i125_amersham6711_phian.csv")) {
                String text = resource(f);
                Files.writeString(src.resolve(f), f.equals(file) ? edit.apply(text) : text);
            }
            return dosePoints(d, SEEDS_HEADER + SEED, "--source-dir", src.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String resource(String name) throws IOException {
        try (var in = org.seedplan.source.SourceLibrary.class.getResourceAsStream("tg43/" + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in source file " + name + " not found beside SourceLibrary");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The cohort of 10 synthetic patients with one edit of one table. */
    static List<String> cohort(Path d, String table, java.util.function.UnaryOperator<String> edit) {
        CliRun made = CliRun.of("cohort", "demo", "--out", d.resolve("cohort").toString(), "--patients", "10");
        assertThat(made.exitCode()).as(made.err()).isZero();
        Path t = d.resolve("cohort").resolve(table);
        try {
            Files.writeString(t, edit.apply(Files.readString(t)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.of("cohort", "report", "--data", d.resolve("cohort").toString(), "--out", d.resolve("out").toString());
    }

    static Stream<Case> cases() {
        return Stream.of(
                // CSV tables
                refused("seed CSV row with one field too many", d -> dosePoints(d, SEEDS_HEADER + "0,0,2,5,0,0,1,0.762\n"),
                        "seeds.csv row 2: 8 fields, but the header has 7"),
                refused("seed CSV with a decimal comma", d -> dosePoints(d, SEEDS_HEADER + "0,0,0,0,0,1,0,762\n"), "8 fields"),
                refused("seed CSV row with a field missing", d -> dosePoints(d, SEEDS_HEADER + "0,0,0,0,1,0.762\n"), "6 fields"),
                refused("seed CSV with a duplicated column", d -> dosePoints(d, "x_mm,y_mm,z_mm,dx,dy,dz,sk_U,sk_U\n0,0,0,0,0,1,0.762,0.3\n"),
                        "'sk_U' appears twice"),
                refused("seed CSV with a hexadecimal float", d -> dosePoints(d, SEEDS_HEADER + "0x1p3,0,0,0,0,1,0.762\n"),
                        "column x_mm: '0x1p3' is not a number"),
                refused("seed CSV with NaN", d -> dosePoints(d, SEEDS_HEADER + "0,0,0,0,0,1,NaN\n"), "column sk_U: 'NaN' is not a number"),
                refused("seed CSV with Infinity", d -> dosePoints(d, SEEDS_HEADER + "Infinity,0,0,0,0,1,0.762\n"), "'Infinity' is not a number"),
                refused("seed CSV with a Java float suffix", d -> dosePoints(d, SEEDS_HEADER + "0,0,0,0,0,1,0.762d\n"), "'0.762d'"),
                refused("seed of 10⁹ U", d -> dosePoints(d, SEEDS_HEADER + "0,0,0,0,0,1,1e9\n"), "above 10.0 U"),
                refused("seed with a zero axis", d -> dosePoints(d, SEEDS_HEADER + "0,0,0,0,0,0,0.762\n"), "zero vector"),
                new Case("seed CSV with a UTF-8 byte order mark is read", d -> dosePoints(d, "\uFEFF" + SEEDS_HEADER + SEED), 0, "", null),
                refused("--days NaN", d -> dosePoints(d, SEEDS_HEADER + SEED, "--days", "NaN"), "--days must be a positive, finite"),
                refused("--half-life-days Infinity", d -> dosePoints(d, SEEDS_HEADER + SEED, "--half-life-days", "Infinity"),
                        "--half-life-days must lie in"),
                // source data
                refused("source table with a negative g_L", d -> sourceDir(d, "i125_amersham6711_gL.csv",
                        t -> t.replaceFirst("\n([0-9.]+),([0-9.]+),", "\n$1,-$2,")), "seeds.csv row 2 (amersham6711): source 'amersham6711': g_L(r) at 0.1 cm = -1.055 lies outside"),
                refused("source table with radii out of order", d -> sourceDir(d, "i125_amersham6711_phian.csv", BadInputSuiteTest::swapRows),
                        "must increase"),
                refused("source F table with an angle twice", d -> sourceDir(d, "i125_amersham6711_F.csv", BadInputSuiteTest::repeatRow),
                        "appears twice"),
                // case files
                refusedNothingWritten("case whose seed_strength contradicts every seed's sk_U",
                        d -> evaluate(d, CASE.replace("{\"x_mm\": 0, \"y_mm\": 0, \"z_mm\": 0}", "{\"x_mm\": 0, \"y_mm\": 0, \"z_mm\": 0,"
                                + " \"sk_U\": 0.762}").replace("0.6 mCi", "0.3 mCi")), "case.json, field seeds[0]: seeds[0].sk_U = 0.762 U contradicts seed_strength = 0.3 mCi",
                        "out"),
                refusedNothingWritten("case with a key given twice", d -> evaluate(d, CASE.replace("\"prescription_gy\": 120,",
                        "\"prescription_gy\": 120, \"prescription_gy\": 12000,")), "Duplicate field 'prescription_gy'", "out"),
                refusedNothingWritten("case with 10⁹ mCi seeds", d -> evaluate(d, CASE.replace("0.6 mCi", "1e9 mCi")), "above 10 U", "out"),
                refusedNothingWritten("case with a prescription of 10⁹ Gy", d -> evaluate(d, CASE.replace("120,", "1e9,")),
                        "above 1000.0 Gy", "out"),
                refusedNothingWritten("case with a dose grid beyond 2³¹ voxels", d -> evaluate(d, CASE.replace("[41, 41, 5]",
                        "[3000, 3000, 3000]")), "too large", "out"),
                refusedNothingWritten("case with a dose grid larger than memory", d -> evaluate(d, CASE.replace("[41, 41, 5]",
                        "[1200, 1200, 1400]")), "grids up to about", "out"),
                refusedNothingWritten("case with a seed axis that is not a number", d -> evaluate(d, CASE.replace("\"z_mm\": 0}",
                        "\"z_mm\": 0, \"dx\": \"left\"}")), "seeds[0].dx", "out"),
                refused("evaluate --out onto the folder holding its case.json", d -> List.of("evaluate", "--case",
                        write(d, "case.json", CASE).toString(), "--out", d.toString()), "would overwrite the input"),
                // planning
                refusedNothingWritten("plan --out equal to the intent file", d -> List.of("plan", "--case", write(d, "case.json", CASE).toString(),
                        "--intent", write(d, "intent.json", INTENT).toString(), "--out", d.resolve("intent.json").toString()),
                        "would overwrite the input", null),
                refusedNothingWritten("plan --robustness --samples 0", d -> plan(d, "--robustness", "--samples", "0"), "--samples 0", "out"),
                refusedNothingWritten("plan --robustness --samples 10⁹", d -> plan(d, "--robustness", "--samples", "1000000000"),
                        "--samples 1000000000", "out"),
                refusedNothingWritten("plan --robustness --tip-error-mm NaN", d -> plan(d, "--robustness", "--tip-error-mm", "NaN"),
                        "--tip-error-mm NaN", "out"),
                refusedNothingWritten("plan intent with a prescription of 10⁹ Gy", d -> List.of("plan", "--case",
                        write(d, "case.json", CASE).toString(), "--intent", write(d, "intent.json", INTENT.replace("120", "1e9")).toString(),
                        "--out", d.resolve("out").toString()), "above 1000.0 Gy", "out"),
                refusedNothingWritten("plan intent with a half-life of 10⁹ days", d -> List.of("plan", "--case",
                        write(d, "case.json", CASE).toString(), "--intent", write(d, "intent.json", INTENT.replace("\"seed\":",
                                "\"half_life_days\": 1e9, \"seed\":")).toString(), "--out", d.resolve("out").toString()),
                        "half_life_days must lie in (0, 1000.0] days", "out"),
                refusedNothingWritten("plan intent with a 10 m needle", d -> List.of("plan", "--case", write(d, "case.json", CASE).toString(),
                        "--intent", write(d, "intent.json", INTENT.replace("\"max_length_mm\": 200", "\"max_length_mm\": 10000")).toString(),
                        "--out", d.resolve("out").toString()), "max_length_mm must lie in (0, 300.0] mm", "out"),
                refused("plan intent with 1.5 seeds in stock", d -> List.of("plan", "--case", write(d, "case.json", CASE).toString(),
                        "--intent", write(d, "intent.json", INTENT.replace("\"0.6 mCi\"", "\"0.6 mCi\", \"stock\": 1.5")).toString()),
                        "field seed.stock: '1.5' is not a count"),
                refusedNothingWritten("plan on a target 4 m wide (a planning grid larger than memory)", d -> List.of("plan", "--case",
                        write(d, "case.json", CASE.replace("[[-5,-5],[5,-5],[5,5],[-5,5]]", "[[-2000,-2000],[2000,-2000],[2000,2000],[-2000,2000]]"))
                                .toString(), "--intent", write(d, "intent.json", INTENT).toString(), "--out", d.resolve("out").toString()),
                        "the planning grid over the targets and organs", "out"),
                refusedNothingWritten("demo --out and --dicom-out the same folder", d -> List.of("demo", "--out", d.resolve("out").toString(),
                        "--dicom-out", d.resolve("out").toString()), "same folder", "out"),
                refused("demo --out is a file", d -> List.of("demo", "--out", write(d, "file.txt", "x").toString()), "is a file"),
                // DICOM dose: both are refused before any file is read, computed or written
                refusedNothingWritten("dose --rx-gy -1", d -> dose(d, "--out-file", d.resolve("rd.dcm").toString(), "--rx-gy", "-1"),
                        "--rx-gy must be a positive dose in Gy, got -1.0", "rd.dcm"),
                refused("dose --out-file equal to its own RT Plan", d -> dose(d, "--out-file", d.resolve("RP.dcm").toString()),
                        "RP.dcm would overwrite or land inside the input"),
                refused("dose --out-file inside the CT folder", d -> dose(d, "--out-file", d.resolve("ct/RD.dcm").toString()),
                        "would overwrite or land inside the input"),
                // seed finding and verification: options are refused before the CT or the plan is read
                refusedNothingWritten("find-seeds --expected 10⁹", d -> findSeeds(d, "--expected", "1000000000"),
                        "--expected 1000000000: give the number of seeds implanted, 1 to 10000", "seeds.csv"),
                refusedNothingWritten("find-seeds --expected 0", d -> findSeeds(d, "--expected", "0"), "--expected 0: give the number",
                        "seeds.csv"),
                refused("find-seeds --out is a folder", d -> List.of("find-seeds", "--ct", ctFolder(d).toString(), "--out-file", ctFolder(d)
                        .getParent().toString()), "is a folder: give the name of the seed CSV file"),
                refused("find-seeds --out over a CT slice", d -> List.of("find-seeds", "--ct", ctFolder(d).toString(), "--out-file",
                        write(d, "ct/CT.0001.dcm", "slice").toString()), "would overwrite a file of the CT folder"),
                refusedNothingWritten("find-seeds --roi without --rtstruct", d -> findSeeds(d, "--roi", "CTV"),
                        "--roi and --rtstruct go together", "seeds.csv"),
                refusedNothingWritten("find-seeds on a folder without CT images", d -> findSeeds(d), "holds no CT images", "seeds.csv"),
                refusedNothingWritten("find-seeds --previous-seeds missing", d -> findSeeds(d, "--previous-seeds",
                        d.resolve("old.csv").toString()), "--previous-seeds", "seeds.csv"),
                refusedNothingWritten("find-seeds --previous-seeds neither an RT Plan nor a seed table", d -> findSeeds(d,
                        "--previous-seeds", write(d, "old.csv", "a,b\n1,2\n").toString()), "old.csv: missing columns x_mm, y_mm, z_mm", "seeds.csv"),
                refusedNothingWritten("find-seeds on a missing folder", d -> List.of("find-seeds", "--ct", d.resolve("nowhere").toString(),
                        "--out-file", d.resolve("seeds.csv").toString()), "no such folder", "seeds.csv"),
                refused("verify --out is the post-op CT folder", d -> verify(d, ctFolder(d)), "would overwrite the input"),
                refused("verify --out is a file", d -> verify(d, write(d, "file.txt", "x")), "is a file, not a folder"),
                refusedNothingWritten("verify --max-added -1", d -> verify(d, d.resolve("out"), "--max-added", "-1"),
                        "--max-added -1: give 0 to 1000", "out"),
                refusedNothingWritten("verify --rx-gy -1", d -> verify(d, d.resolve("out"), "--rx-gy", "-1"),
                        "--rx-gy must be a positive dose in Gy, got -1.0", "out"),
                refusedNothingWritten("verify --expected 10⁶", d -> verify(d, d.resolve("out"), "--expected", "1000000"),
                        "--expected 1000000: give the number of seeds implanted", "out"),
                refusedNothingWritten("verify --grid-mm 0", d -> verify(d, d.resolve("out"), "--grid-mm", "0"),
                        "--grid-mm must be a positive spacing", "out"),
                refusedNothingWritten("verify with a plan that is not DICOM", d -> verify(d, d.resolve("out")), "RP.dcm", "out"),
                // statistics and outcomes
                refused("stats km --times NaN", d -> List.of("stats", "km", "--data", write(d, "s.csv", "t,e\n1,1\n2,0\n3,1\n").toString(),
                        "--time", "t", "--event", "e", "--times", "NaN"), "--times NaN"),
                refused("stats km --times -5", d -> List.of("stats", "km", "--data", write(d, "s.csv", "t,e\n1,1\n2,0\n3,1\n").toString(),
                        "--time", "t", "--event", "e", "--times", "-5"), "--times -5.0"),
                refused("stats km with a hexadecimal time", d -> List.of("stats", "km", "--data",
                        write(d, "s.csv", "t,e\n0x1p3,1\n2,0\n3,1\n").toString(), "--time", "t", "--event", "e"), "value '0x1p3' is not a number"),
                refusedNothingWritten("cohort demo --patients 10⁸", d -> List.of("cohort", "demo", "--out", d.resolve("out").toString(),
                        "--patients", "100000000"), "ask for 1 to 100000", "out"),
                refused("bench plan --runs 10⁹", d -> List.of("bench", "plan", "--runs", "1000000000"), "--runs must lie in 5 … 1000"),
                refused("bench plan --warmup -1", d -> List.of("bench", "plan", "--warmup", "-1"), "--warmup must lie in 0 … 1000"),
                refused("bench stats --rows 10⁹", d -> List.of("bench", "stats", "--rows", "1000000000"), "--rows must lie in 10 … 10000000"),
                refusedNothingWritten("cohort: death recorded before the implant", d -> cohort(d, "followups.csv",
                        t -> setCell(t, "P001", "yes", "date", "2019-01-01")), "cannot precede the implant", "out"),
                refusedNothingWritten("cohort: implant date in the future", d -> cohort(d, "patients.csv",
                        t -> setCell(t, "P002", null, "implant_date", "2999-01-01")),
                        "lies in the future", "out"));
    }

    /** {@code dose} on placeholder files (the options are refused before they are read). */
    static List<String> dose(Path d, String... more) {
        try {
            Files.createDirectories(d.resolve("ct"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> a = new ArrayList<>(List.of("dose", "--ct", d.resolve("ct").toString(), "--rtstruct",
                write(d, "RS.dcm", "not read").toString(), "--rtplan", write(d, "RP.dcm", "not read").toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** An empty CT folder (options are refused before it is read). */
    static Path ctFolder(Path d) {
        try {
            return Files.createDirectories(d.resolve("ct"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> findSeeds(Path d, String... more) {
        List<String> a = new ArrayList<>(List.of("find-seeds", "--ct", ctFolder(d).toString(), "--out-file", d.resolve("seeds.csv").toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** {@code verify} of a placeholder plan (not DICOM) on an empty CT folder into {@code out}. */
    static List<String> verify(Path d, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("verify", "--plan", write(d, "RP.dcm", "not DICOM").toString(), "--ct",
                ctFolder(d).toString(), "--implant-date", "2025-03-03", "--out", out.toString()));
        a.addAll(List.of(more));
        return a;
    }

    static List<String> plan(Path d, String... more) {
        List<String> a = new ArrayList<>(List.of("plan", "--case", write(d, "case.json", CASE).toString(), "--intent",
                write(d, "intent.json", INTENT).toString(), "--out", d.resolve("out").toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** Sets one cell of the first row of patient {@code id} (whose last cell is {@code lastCell}, when given). */
    static String setCell(String csv, String id, String lastCell, String column, String value) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        int c = List.of(lines.get(0).split(",", -1)).indexOf(column);
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split(",", -1);
            if (f[0].equals(id) && (lastCell == null || f[f.length - 1].equals(lastCell))) {
                f[c] = value;
                lines.set(n, String.join(",", f));
                return String.join("\n", lines) + "\n";
            }
        }
        throw new IllegalStateException("no row of " + id + " in the cohort table");
    }

    static String swapRows(String csv) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        String a = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, a);
        return String.join("\n", lines) + "\n";
    }

    static String repeatRow(String csv) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        lines.add(2, lines.get(1));
        return String.join("\n", lines) + "\n";
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGetsItsAnswer() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path d = Files.createDirectories(dir.resolve(Integer.toHexString(c.name().hashCode())));
            List<String> args = c.setup().apply(d);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(c.name() + ": " + r.err()).isEqualTo(c.exit());
            if (c.exit() == 2) {
                assertThat(r.err()).as(c.name()).contains(c.message());
                if (args.get(0).equals("evaluate")) {
                    assertThat(r.err()).as("names the file").contains("case.json");
                }
                assertThat(r.err().strip().lines().count()).as("one line: " + r.err()).isEqualTo(1);
                assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
            }
            if (c.output() != null) {
                assertThat(d.resolve(c.output())).as(c.name() + ": nothing written").doesNotExist();
            }
            try (Stream<Path> left = Files.list(d)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no staging folder left").noneMatch(n -> n.contains(".tmp-"));
            }
        }));
    }
}

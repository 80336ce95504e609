package org.seedplan.cli.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.Main;

/** {@code seedplan cohort demo|report} and {@code seedplan hyperthermia} end to end, including the user-error path. */
class OutcomesCommandsTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void demoThenReportThenHyperthermia(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Run demo = run("cohort", "demo", "--out", data.toString(), "--patients", "40", "--logged-hyperthermia", "2");
        assertThat(demo.code()).as(demo.err()).isZero();
        Path out = dir.resolve("report");
        Run report = run("cohort", "report", "--data", data.toString(), "--out", out.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("Cohort report of 40 patients");
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("figures/km_lpfs.png")).exists();

        Run json = run("hyperthermia", "--log", data.resolve("hyperthermia.csv").toString(), "--json",
                "--plot", dir.resolve("plots").toString());
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("patients")).hasSize(2);
        JsonNode s = root.get("sessions").get(0);
        assertThat(s.get("cem43_t90_min").asDouble()).isPositive();
        assertThat(s.has("missed_target")).isTrue();
        try (var files = Files.list(dir.resolve("plots"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(root.get("sessions").size());
        }
        Run table = run("hyperthermia", "--log", data.resolve("hyperthermia.csv").toString());
        assertThat(table.out()).contains("Hyperthermia schedule adherence per patient", "CEM43");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("patients.csv"), "patient_id,implant_date\nA1,2024-13-01\n");
        Files.writeString(data.resolve("followups.csv"), "patient_id,date\nA1,2024-01-01\n");
        Path out = dir.resolve("report");
        Run r = run("cohort", "report", "--data", data.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("patients.csv row 2 column 'implant_date'").contains("2024-13-01");
        assertThat(out).doesNotExist();
        Run missing = run("hyperthermia", "--log", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
    }

    @Test
    void reportRunsAPlanByTemplateNameOrFileAndABadPlanWritesNothing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertThat(run("cohort", "demo", "--out", data.toString(), "--patients", "40").code()).isZero();
        Path out = dir.resolve("report");
        Run byName = run("cohort", "report", "--plan", "default", "--data", data.toString(), "--out", out.toString());
        assertThat(byName.code()).as(byName.err()).isZero();
        assertThat(out.resolve("tables/survival.csv")).exists();
        assertThat(out.resolve("figures/km_os_by_d90_ge120.svg")).exists();
        assertThat(Files.readString(out.resolve("tables/survival.csv"))).startsWith("endpoint,factor,level,n,events,median_months");

        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"version\": 1, \"endpoints\": [{\"name\": \"os\", \"events\": [\"death\"]}],"
                + " \"factors\": [{\"name\": \"afp\", \"variable\": \"afp_ng_ml\", \"cut\": 400}],"
                + " \"survival\": {\"by\": [\"afp\"]}, \"outputs\": [\"survival\", \"km\"]}");
        Path out2 = dir.resolve("report2");
        Run bad = run("cohort", "report", "--plan", plan.toString(), "--data", data.toString(), "--out", out2.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("$.factors[0].variable: no column 'afp_ng_ml'");
        assertThat(out2).doesNotExist();

        Run list = run("cohort", "plan");
        assertThat(list.out()).contains("hcc-pvtt", "thyroid-nodes", "lesion-dosimetry", "pain-qol", "hyperthermia-combined");
        Run template = run("cohort", "plan", "hcc-pvtt");
        assertThat(new ObjectMapper().readTree(template.out()).get("version").asInt()).isEqualTo(1);
        assertThat(run("cohort", "plan", "nope").code()).isEqualTo(2);
    }
}

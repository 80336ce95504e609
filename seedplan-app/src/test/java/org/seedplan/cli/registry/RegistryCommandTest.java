package org.seedplan.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.Main;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.storage.Database;
import org.seedplan.storage.audit.AuditTrail;

/**
 * {@code seedplan registry import|export} both ways on the demo cohort: cohort demo → registry import → registry
 * export → cohort report gives the same patient count and the same report (Kaplan–Meier medians included) as the
 * original files; bad input is one line, exit 2, and changes nothing.
 */
class RegistryCommandTest {

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
    void demoCohortGoesIntoTheRegistryAndComesBackWithTheSameReport(@TempDir Path dir) throws Exception {
        Path original = dir.resolve("cohort");
        Run demo = run("cohort", "demo", "--out", original.toString());
        assertThat(demo.code()).as(demo.err()).isZero();
        Path data = dir.resolve("data");
        Run imported = run("registry", "import", "--data", data.toString(), "--centre", "DEMO", "--cohort", original.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported 130 patients");
        Path exported = dir.resolve("exported");
        Run export = run("registry", "export", "--data", data.toString(), "--centre", "DEMO", "--out", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("Exported 130 patients");

        Run before = run("cohort", "report", "--data", original.toString(), "--out", dir.resolve("report-original").toString());
        Run after = run("cohort", "report", "--data", exported.toString(), "--out", dir.resolve("report-registry").toString());
        assertThat(before.code()).as(before.err()).isZero();
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out()).contains("Cohort report of 130 patients");
        assertThat(CohortImport.read(exported).cohort().size()).isEqualTo(CohortImport.read(original).cohort().size());
        List<String> reportOriginal = Files.readAllLines(dir.resolve("report-original/report.md"));
        List<String> reportRegistry = Files.readAllLines(dir.resolve("report-registry/report.md"));
        List<String> medians = reportOriginal.stream().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("median")).toList();
        assertThat(medians).as("the report states Kaplan–Meier medians").isNotEmpty();
        assertThat(reportRegistry).containsAll(medians);
        // exact equality but for the line naming the data folder: the registry keeps every value the report uses
        // (no tolerance: the same numbers give the same text)
        assertThat(withoutDataLine(reportRegistry)).isEqualTo(withoutDataLine(reportOriginal));

        try (Database db = Database.open(data)) {
            long exports = db.read(tx -> tx.number("SELECT COUNT(*) FROM audit_event WHERE action = 'EXPORT' AND username = 'system'"));
            assertThat(exports).as("the export is audited as made by the system user").isEqualTo(1);
            assertThat(new AuditTrail(db).verify().intact()).isTrue();
        }
    }

    private static List<String> withoutDataLine(List<String> report) {
        return report.stream().filter(l -> !l.startsWith("Data: ")).toList();
    }

    @Test
    void badInputIsOneLineExitTwoAndChangesNothing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path cohort = dir.resolve("bad");
        Files.createDirectories(cohort);
        Files.writeString(cohort.resolve("patients.csv"), "patient_id,implant_date\nA1,2024-13-01\n");
        Files.writeString(cohort.resolve("followups.csv"), "patient_id,date\nA1,2024-01-01\n");
        Run bad = run("registry", "import", "--data", data.toString(), "--centre", "DEMO", "--cohort", cohort.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("implant_date");
        assertThat(data).as("nothing written on failure").doesNotExist();

        Run noDatabase = run("registry", "export", "--data", data.toString(), "--centre", "DEMO", "--out", dir.resolve("out").toString());
        assertThat(noDatabase.code()).isEqualTo(2);
        assertThat(noDatabase.err().strip()).doesNotContain("\n").contains("holds no registry database");
        assertThat(data).as("an export creates no database").doesNotExist();

        assertThat(run("registry", "import", "--data", data.toString(), "--centre", "DEMO", "--cohort",
                dir.resolve("nothing-here").toString()).code()).isEqualTo(2);
        try (Database db = Database.open(data)) {
            long patients = db.read(tx -> tx.number("SELECT COUNT(*) FROM patient"));
            assertThat(patients).isZero();
        }
        Run unknown = run("registry", "export", "--data", data.toString(), "--centre", "NOPE", "--out", dir.resolve("out").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("--centre NOPE");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}

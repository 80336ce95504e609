package org.seedplan.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * {@code registry undated-implants} lists exactly the revisions with a calibration date and no implant date (not those
 * with both dates or neither), naming centre, patient, plan and revision; exit 1 when it lists some, 0 when none.
 */
class RegistryUndatedImplantsCommandTest {

    @Test
    void onlyTheRevisionWithACalibrationDateAndNoImplantDateIsListed(@TempDir Path dir) {
        Path data = dir.resolve("data");
        Database.open(data).close();
        CliRun none = CliRun.of("registry", "undated-implants", "--data", data.toString());
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).contains("no plan revision");

        long undated;
        try (Database db = Database.open(data)) {
            Centre centre = new CentreRepository(db).create(Actor.SYSTEM, "C1", "Centre One");
            long patient = new PatientRepository(db).create(Actor.SYSTEM, PatientData.of(centre.id(), "P-17").withName("Test", "Pat")).id();
            PlanRevisions plans = new PlanRevisions(db);
            LocalDate calibration = LocalDate.parse("2024-05-02");
            undated = plans.createPlan(Actor.SYSTEM, patient, "Old plan", content(calibration, null), Instant.now()).planId();
            plans.createPlan(Actor.SYSTEM, patient, "Dated plan", content(calibration, calibration.plusDays(6)), Instant.now());
            plans.createPlan(Actor.SYSTEM, patient, "Strength at implant", content(null, null), Instant.now());
        }
        CliRun listed = CliRun.of("registry", "undated-implants", "--data", data.toString());
        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(1);
        List<String> lines = listed.out().lines().filter(l -> l.startsWith("Centre One")).toList();
        assertThat(lines).containsExactly("Centre One  patient P-17  plan " + undated
                + " \"Old plan\" revision 1 (DRAFT): calibration 2024-05-02, S_K 0.7600 U, no implant date");
        assertThat(listed.out()).startsWith("1 plan revision(s)");
    }

    private static PlanContent content(LocalDate calibration, LocalDate implant) {
        return new PlanContent("{\"target\":\"CTV\"}", "1.2.3", 120.0, "amersham6711", 0.76, calibration, implant, List.of(),
                List.of(new PlanContent.PlannedSeed(new Vec3(0, 0, 0), -1)), null);
    }
}

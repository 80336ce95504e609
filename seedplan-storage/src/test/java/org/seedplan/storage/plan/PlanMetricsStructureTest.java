package org.seedplan.storage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * A revision's stored metrics name the structure (ROI) they were computed for (migration V010); a row stored before
 * V010 reads back with no structure, never a guessed one, and its checksum stays valid; the name is covered by the checksum.
 */
class PlanMetricsStructureTest {

    private static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theStructureIsStoredWithTheMetricsAndAnOlderRowReadsBackWithoutOne(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            long centre = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan").id();
            long patient = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(centre, "P1")).id();
            PlanRevisions plans = new PlanRevisions(t.db);

            PlanRevisions.Revision named = plans.createPlan(Actor.SYSTEM, patient, "Liver S7",
                    content(new PlanContent.Metrics("CTV left lobe", 135.2, 89.7, 96.3, 33.2, 9.5, 29.08)), NOW);
            PlanRevisions.Revision read = plans.revision(named.planId(), 1).orElseThrow();
            assertThat(read.content().metrics().structure()).isEqualTo("CTV left lobe");
            assertThat(read.content().metrics().d90Gy()).isEqualTo(135.2);
            assertThat(read.intact()).isTrue();

            // a row as stored before V010: metrics, but no structure recorded
            PlanRevisions.Revision older = plans.createPlan(Actor.SYSTEM, patient, "Liver S8",
                    content(new PlanContent.Metrics(null, 120.1, 80.0, 95.0, 30.0, 9.0, 12.5)), NOW);
            PlanRevisions.Revision olderRead = plans.revision(older.planId(), 1).orElseThrow();
            assertThat(olderRead.content().metrics().structure()).isNull();
            assertThat(olderRead.content().metrics().d90Gy()).isEqualTo(120.1);
            assertThat(olderRead.intact()).isTrue();

            // the name is part of what the checksum covers: renaming it in the table is detected
            t.raw("UPDATE plan_revision SET metrics_structure = 'GTV' WHERE id = " + named.id());
            assertThat(plans.revision(named.planId(), 1).orElseThrow().intact()).isFalse();
        }
    }

    /** The canonical text of a revision without a recorded structure is the one used before V010, so older checksums still match. */
    @Test
    void aRevisionWithoutAStructureKeepsThePreV010Checksum() throws Exception {
        PlanContent c = new PlanContent("{}", "1.2.3", 120.0, "amersham6711", 0.5, null, null, List.of(),
                List.of(new PlanContent.PlannedSeed(new Vec3(1, 2, 3), -1)), new PlanContent.Metrics(null, 130.0, null, null, null, null, null));
        String text = "7|1|{}|1.2.3|" + g(120.0) + "|amersham6711|" + g(0.5) + "|null|null|S:" + g(1.0) + "," + g(2.0) + "," + g(3.0) + "@-1|"
                + g(130.0) + "|-|-|-|-|-|";
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(c.checksum(7, 1)).isEqualTo(sha);
        PlanContent named = new PlanContent("{}", "1.2.3", 120.0, "amersham6711", 0.5, null, null, List.of(), c.seeds(),
                new PlanContent.Metrics("CTV", 130.0, null, null, null, null, null));
        assertThat(named.checksum(7, 1)).isNotEqualTo(sha);
    }

    @Test
    void aBlankStructureNameIsRefused() {
        assertThatThrownBy(() -> new PlanContent.Metrics(" ", 130.0, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("structure name is blank");
    }

    private static PlanContent content(PlanContent.Metrics m) {
        return new PlanContent("{\"target\":\"CTV\"}", "1.2.3", 120.0, "amersham6711", 0.5, LocalDate.of(2026, 1, 20), LocalDate.of(2026, 2, 1),
                List.of(new PlanContent.Needle(new Vec3(0, 0, 50), new Vec3(0, 0, 0))),
                List.of(new PlanContent.PlannedSeed(new Vec3(0, 0, 5), 0), new PlanContent.PlannedSeed(new Vec3(0, 0, 10), 0)), m);
    }

    private static String g(double v) {
        return String.format(java.util.Locale.ROOT, "%.17g", v);
    }
}

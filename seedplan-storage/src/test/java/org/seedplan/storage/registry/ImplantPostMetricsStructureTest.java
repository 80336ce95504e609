package org.seedplan.storage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.audit.AuditTrail;

/**
 * An implant's post-operative metrics name the structure (ROI) they are of (migration V012, {@code post_metrics_structure}):
 * stored and audited when the verification's figures are saved; a row stored before V012 (NULL) reads as "structure not
 * recorded", never a guess. On SQLite and PostgreSQL.
 */
class ImplantPostMetricsStructureTest {

    private static final ImplantMetrics POST = new ImplantMetrics(131.4, null, 94.2, null, null, 38, null);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void thePostOperativeStructureIsStoredAndAuditedAndAnOlderRowSaysItWasNotRecorded(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            long centre = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan").id();
            long patient = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(centre, "P-POST")).id();
            ImplantRepository implants = new ImplantRepository(t.db);

            // as stored before V012 (no column, so NULL): post-operative figures without their structure
            ImplantRecord older = implants.create(Actor.SYSTEM, implant(patient, POST, null));
            ImplantData read = implants.find(older.id()).orElseThrow().data();
            assertThat(read.verifiedMetricsStructure()).isNull();
            assertThat(read.verifiedStructureOrNotRecorded()).isEqualTo("structure not recorded");

            // the verification's figures saved with the structure they are of
            implants.update(Actor.SYSTEM, older.id(), older.version(), implant(patient, POST, "CTV"), "post-op CT verified");
            ImplantData saved = implants.find(older.id()).orElseThrow().data();
            assertThat(saved.verifiedMetricsStructure()).isEqualTo("CTV");
            assertThat(saved.verified().d90Gy()).isEqualTo(131.4);
            assertThat(new AuditTrail(t.db).forEntity("implant", older.id())).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo("post_metrics_structure");
                assertThat(e.oldValue()).isNull();
                assertThat(e.newValue()).isEqualTo("CTV");
            });
            assertThat(new AuditTrail(t.db).verify().intact()).isTrue();
        }
    }

    @Test
    void aBlankStructureNameIsRefused() {
        assertThatThrownBy(() -> implant(1, POST, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("post-operative metrics' structure name is blank");
    }

    private static ImplantData implant(long patient, ImplantMetrics post, String structure) {
        return new ImplantData(patient, null, LocalDate.of(2026, 2, 1), 38, 0.6, null, null, null, null, null, null, post, structure);
    }
}

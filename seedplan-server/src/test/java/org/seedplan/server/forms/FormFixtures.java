package org.seedplan.server.forms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.registry.AdverseEventData;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantMetrics;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.HyperthermiaRepository;
import org.seedplan.storage.registry.OutcomeEventRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.ProgressionData;
import org.seedplan.storage.studyvars.ResearchStudy;
import org.seedplan.storage.studyvars.StudyTemplate;
import org.seedplan.storage.studyvars.StudyVariable;
import org.seedplan.storage.studyvars.StudyVariableRepository;

/** Fresh records of a centre for the follow-up form and study-variable routes' tests (each call makes new ones). */
public final class FormFixtures {

    private final Database db;

    public FormFixtures(Database db) {
        this.db = db;
    }

    /** A new patient of the centre with an implant on 2026-10-01. */
    public Patient implanted(long centreId) {
        Patient p = new PatientRepository(db).create(Actor.SYSTEM, PatientData.of(centreId, "F" + rnd()));
        new ImplantRepository(db).create(Actor.SYSTEM, new ImplantData(p.id(), null, LocalDate.of(2026, 10, 1), 40, 0.6, null, false, null, null,
                ImplantMetrics.NONE, null, ImplantMetrics.NONE, null));
        return p;
    }

    /** A new adverse event (version 1) of a new patient of the centre; its id. */
    public long adverseEvent(long centreId) {
        return new OutcomeEventRepository(db).createAdverseEvent(Actor.SYSTEM, new AdverseEventData(implanted(centreId).id(),
                LocalDate.of(2026, 10, 5), "Pneumothorax", 1, "CTCAE_5", "POSSIBLE")).id();
    }

    /** A new local progression (version 1) of a new patient of the centre; its id. */
    public long progression(long centreId) {
        return new OutcomeEventRepository(db).createProgression(Actor.SYSTEM, new ProgressionData(implanted(centreId).id(),
                LocalDate.of(2026, 11, 20), "LOCAL")).id();
    }

    /** A new hyperthermia session (version 1) of a new patient of the centre; its id. */
    public long hyperthermiaSession(long centreId) {
        return new HyperthermiaRepository(db).create(Actor.SYSTEM, implanted(centreId).id(), new HyperthermiaSession("x", 1,
                LocalDateTime.of(2026, 10, 2, 9, 0), List.of(new TemperatureSample(0, 1, 40.0), new TemperatureSample(1, 1, 41.0)))).id();
    }

    /** A new research study of the centre with the seed-implant template. */
    public ResearchStudy study(long centreId) {
        StudyVariableRepository repo = new StudyVariableRepository(db);
        ResearchStudy s = repo.createStudy(Actor.SYSTEM, centreId, "S" + rnd(), "Study");
        repo.defineAll(Actor.SYSTEM, s.id(), StudyTemplate.seedImplant());
        return s;
    }

    /** The variable {@code name} of a new study of the centre. */
    public StudyVariable variable(long centreId, String name) {
        return new StudyVariableRepository(db).variablesOf(study(centreId).id()).stream().filter(v -> v.definition().name().equals(name))
                .findFirst().orElseThrow();
    }

    /** A thermometry log CSV of two channels over 50 minutes at 41–42 °C, written in {@code folder}. */
    public static Path thermometryLog(Path folder) {
        StringBuilder sb = new StringBuilder("time_min,channel,temp_c\n");
        for (int t = 0; t <= 50; t++) {
            sb.append(t).append(",1,").append(41.0 + (t % 3) * 0.5).append('\n');
            sb.append(t).append(",2,").append(41.5).append('\n');
        }
        try {
            Path f = folder.resolve("thermometry.csv");
            Files.writeString(f, sb.toString());
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rnd() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}

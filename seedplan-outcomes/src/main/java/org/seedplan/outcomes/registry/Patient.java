package org.seedplan.outcomes.registry;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry patient: baseline characteristics, the implant, lesions, follow-up records in date order
 * and adverse events. Unknown baseline values are {@code null}.
 *
 * @param id               patient identifier
 * @param ageYears         age at implant, years
 * @param sex              sex
 * @param tumourType       tumour type, e.g. "HCC", "NSCLC"
 * @param stage            stage as recorded, e.g. "IIIB"
 * @param ecog             ECOG performance status 0–4
 * @param kps              Karnofsky performance status 0–100
 * @param childPugh        Child-Pugh class A/B/C (liver patients)
 * @param tumourMarker     the tumour marker the study follows (AFP ng/mL, Tg ng/mL …) at baseline
 * @param priorTreatments  prior treatments, e.g. ["chemotherapy", "EBRT"]
 * @param hyperthermia     true when hyperthermia was given with the implant
 * @param implant          the implant
 * @param lesions          lesions recorded at baseline
 * @param followUps        follow-up records, sorted by date
 * @param adverseEvents    adverse events
 */
public record Patient(String id, Double ageYears, Sex sex, String tumourType, String stage, Integer ecog,
                      Integer kps, String childPugh, Double tumourMarker, List<String> priorTreatments,
                      Boolean hyperthermia, Implant implant, List<Lesion> lesions, List<FollowUp> followUps,
                      List<AdverseEvent> adverseEvents) {

    public Patient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(implant, "implant");
        priorTreatments = List.copyOf(priorTreatments);
        lesions = List.copyOf(lesions);
        followUps = followUps.stream().sorted(Comparator.comparing(FollowUp::date)).toList();
        adverseEvents = List.copyOf(adverseEvents);
    }

    /** Days from the implant to {@code date}. */
    public long day(LocalDate date) {
        return date.toEpochDay() - implant.date().toEpochDay();
    }

    /** The baseline visit: the last follow-up record on or before the implant date, if any. */
    public Optional<FollowUp> baselineVisit() {
        FollowUp found = null;
        for (FollowUp f : followUps) {
            if (!f.date().isAfter(implant.date())) {
                found = f;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Follow-up records after the implant date, in date order. */
    public List<FollowUp> visitsAfterImplant() {
        return followUps.stream().filter(f -> f.date().isAfter(implant.date())).toList();
    }
}

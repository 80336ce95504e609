package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.Sex;

/** Table 1 of the papers: baseline characteristics of the cohort, n (%) or mean ± SD and median (P25, P75). */
final class BaselineTable {

    private BaselineTable() {
    }

    static Table build(List<Patient> ps) {
        int n = ps.size();
        Table.Builder t = Table.builder("baseline", "Baseline characteristics (n = " + n + ")", "Characteristic", "Value", "n with data");
        Describe age = Describe.of(ps.stream().map(Patient::ageYears).toList());
        t.row("Age, years, mean ± SD", age.meanSd(1), Integer.toString(age.n()));
        t.row("Age, years, median (P25, P75)", age.medianIqr(1), Integer.toString(age.n()));
        categorical(t, "Sex", ps, p -> p.sex() == null ? null : p.sex() == Sex.MALE ? "male" : "female");
        categorical(t, "Tumour type", ps, Patient::tumourType);
        categorical(t, "Stage", ps, Patient::stage);
        categorical(t, "ECOG performance status", ps, p -> p.ecog() == null ? null : Integer.toString(p.ecog()));
        Describe kps = Describe.of(ps.stream().map(Patient::kps).toList());
        t.row("KPS, median (P25, P75)", kps.medianIqr(0), Integer.toString(kps.n()));
        categorical(t, "Child-Pugh class", ps, Patient::childPugh);
        Describe marker = Describe.of(ps.stream().map(Patient::tumourMarker).toList());
        t.row("Tumour marker, median (P25, P75)", marker.medianIqr(1), Integer.toString(marker.n()));
        Map<String, Integer> prior = new TreeMap<>();
        ps.forEach(p -> p.priorTreatments().forEach(x -> prior.merge(x, 1, Integer::sum)));
        long anyPrior = ps.stream().filter(p -> !p.priorTreatments().isEmpty()).count();
        t.row("Prior treatment, any", Format.nPct((int) anyPrior, n), Integer.toString(n));
        prior.forEach((k, v) -> t.row("  " + k, Format.nPct(v, n), Integer.toString(n)));
        categorical(t, "Hyperthermia with the implant", ps, p -> p.hyperthermia() == null ? null : p.hyperthermia() ? "yes" : "no");
        Describe targets = Describe.of(ps.stream().map(p -> (Number) p.lesions().stream().filter(Lesion::target).count()).toList());
        t.row("Target lesions per patient, median (P25, P75)", targets.medianIqr(0), Integer.toString(targets.n()));
        Describe size = Describe.of(ps.stream().map(p -> p.lesions().stream().filter(Lesion::target)
                .map(Lesion::baselineDiameterMm).filter(Objects::nonNull).max(Double::compare).orElse(null)).toList());
        t.row("Largest target diameter, mm, mean ± SD", size.meanSd(1), Integer.toString(size.n()));
        Describe ptv = Describe.of(ps.stream().map(p -> p.implant().prePlan().ptvCc()).toList());
        t.row("PTV (pre-plan), cm³, median (P25, P75)", ptv.medianIqr(1), Integer.toString(ptv.n()));
        Describe act = Describe.of(ps.stream().map(p -> p.implant().seedActivityMCi()).toList());
        t.row("Seed activity, mCi, median (P25, P75)", act.medianIqr(2), Integer.toString(act.n()));
        t.note("Category percentages are of the patients with the value recorded (\"n with data\"); prior treatments are of all " + n + " patients.");
        t.note("Quartiles: SPSS definition (Hyndman–Fan type 6).");
        return t.build();
    }

    private static void categorical(Table.Builder t, String label, List<Patient> ps, Function<Patient, String> value) {
        Map<String, Integer> counts = new TreeMap<>();
        int present = 0;
        for (Patient p : ps) {
            String v = value.apply(p);
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
                present++;
            }
        }
        if (present == 0) {
            return;
        }
        t.row(label, "", Integer.toString(present));
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        for (Map.Entry<String, Integer> e : entries) {
            t.row("  " + e.getKey(), Format.nPct(e.getValue(), present), "");
        }
    }
}

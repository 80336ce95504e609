package org.seedplan.cases;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.source.SeedStrength;
import org.seedplan.structure.Structure;

/**
 * Everything needed to compute and judge the dose of an implant without DICOM: the dose grid, the
 * drawn and derived structures, the prescription, the seed model, and the seeds (JSON format in
 * docs/case-format.md).
 *
 * @param seedStrength the strength as the user gave it (unit kept for reports); seeds carry S_K in U
 */
public record PatientCase(String name, Grid doseGrid, List<Structure> structures, List<DerivedStructure> derived,
        double prescriptionGy, String sourceKey, double halfLifeDays, SeedStrength seedStrength, List<Seed> seeds) {

    public PatientCase {
        structures = List.copyOf(structures);
        derived = List.copyOf(derived);
        seeds = List.copyOf(seeds);
        org.seedplan.dvh.DoseMetricsCalculator.requirePrescription("case '" + name + "': prescription_gy", prescriptionGy);
        if (!(halfLifeDays > 0)) {
            throw new IllegalArgumentException("case '" + name + "': half_life_days must be positive, got " + halfLifeDays);
        }
        Set<String> names = new HashSet<>();
        for (Structure s : structures) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("case '" + name + "': two structures are named '" + s.name() + "': give each a unique name");
            }
        }
        for (DerivedStructure d : derived) {
            for (String operand : d.operands()) {
                if (!names.contains(operand)) {
                    throw new IllegalArgumentException("case '" + name + "': derived structure '" + d.name() + "' uses '" + operand
                            + "', which is not a structure defined before it");
                }
            }
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("case '" + name + "': two structures are named '" + d.name() + "': give each a unique name");
            }
        }
    }

    public PatientCase withSeeds(List<Seed> newSeeds) {
        return new PatientCase(name, doseGrid, structures, derived, prescriptionGy, sourceKey, halfLifeDays, seedStrength, newSeeds);
    }
}

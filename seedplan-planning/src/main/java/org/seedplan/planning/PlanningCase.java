package org.seedplan.planning;

import java.util.List;
import org.seedplan.cases.DerivedStructure;
import org.seedplan.cases.PatientCase;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Structure;

/**
 * The patient data a plan is made on: an identity for the report, the contoured structures, the
 * structures derived from them (margins, unions …, as in a case file), and the planning CT (null
 * when planning on contours alone: no bone or skin checks then).
 */
public record PlanningCase(String patientId, String patientName, List<Structure> structures, List<DerivedStructure> derived,
                           Volume ct) {

    public PlanningCase {
        structures = List.copyOf(structures);
        derived = List.copyOf(derived == null ? List.of() : derived);
        if (structures.isEmpty()) {
            throw new IllegalArgumentException("case has no structures: give at least the target contours");
        }
    }

    /** A case of drawn structures only. */
    public PlanningCase(String patientId, String patientName, List<Structure> structures, Volume ct) {
        this(patientId, patientName, structures, List.of(), ct);
    }

    /** The structures of a case file, with a CT if there is one (the case's seeds are not used). */
    public static PlanningCase of(PatientCase c, Volume ct) {
        return new PlanningCase(c.name(), c.name(), c.structures(), c.derived(), ct);
    }
}

package org.seedplan.cases;

import java.util.List;
import org.seedplan.structure.StructureType;

/**
 * A structure made from others rather than drawn: an isotropic margin expansion (CTV = GTV + 5 mm,
 * PTV = CTV + x mm) or a boolean combination (union, intersection, subtraction such as
 * "CTV minus stomach"). Operands name drawn or earlier derived structures.
 */
public record DerivedStructure(String name, StructureType type, Operation operation, List<String> operands, double marginMm) {

    /** How the operands are combined. */
    public enum Operation { EXPAND, UNION, INTERSECT, SUBTRACT }

    public DerivedStructure {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a derived structure needs a name");
        }
        operands = List.copyOf(operands);
        int expected = operation == Operation.EXPAND ? 1 : 2;
        if (operation == Operation.EXPAND ? operands.size() != 1 : operands.size() < 2) {
            throw new IllegalArgumentException("derived structure '" + name + "': " + operation.name().toLowerCase()
                    + " needs " + (expected == 1 ? "exactly one structure" : "at least two structures") + ", got " + operands);
        }
        if (operation == Operation.EXPAND && !(marginMm >= 0 && Double.isFinite(marginMm))) {
            throw new IllegalArgumentException("derived structure '" + name + "': margin_mm must be zero or positive, got " + marginMm);
        }
    }

    public static DerivedStructure expand(String name, StructureType type, String of, double marginMm) {
        return new DerivedStructure(name, type, Operation.EXPAND, List.of(of), marginMm);
    }
}

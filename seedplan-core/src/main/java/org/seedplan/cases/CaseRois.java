package org.seedplan.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.seedplan.dvh.RoiMask;
import org.seedplan.structure.MarginExpansion;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskOps;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;

/** Rasterises a case's drawn structures on its dose grid and builds the derived ones, in order. */
public final class CaseRois {

    private CaseRois() {
    }

    /** One mask per drawn structure, then one per derived structure, in the case's order. */
    public static List<RoiMask> of(PatientCase c) {
        List<Structure> drawn = c.structures();
        Mask[] masks = new Mask[drawn.size()];
        IntStream.range(0, masks.length).parallel().forEach(n -> masks[n] = MaskRasterizer.rasterize(drawn.get(n), c.doseGrid()));
        Map<String, RoiMask> byName = new LinkedHashMap<>();
        for (int n = 0; n < masks.length; n++) {
            byName.put(drawn.get(n).name(), RoiMask.of(drawn.get(n), masks[n]));
        }
        for (DerivedStructure d : c.derived()) {
            Mask first = byName.get(d.operands().get(0)).mask();
            Mask result = switch (d.operation()) {
                case EXPAND -> MarginExpansion.expand(first, d.marginMm(), d.name());
                case UNION, INTERSECT, SUBTRACT -> combine(d, first, byName);
            };
            byName.put(d.name(), new RoiMask(d.name(), d.type(), result));
        }
        return new ArrayList<>(byName.values());
    }

    private static Mask combine(DerivedStructure d, Mask first, Map<String, RoiMask> byName) {
        Mask acc = first;
        for (String operand : d.operands().subList(1, d.operands().size())) {
            Mask m = byName.get(operand).mask();
            acc = switch (d.operation()) {
                case UNION -> MaskOps.union(acc, m, d.name());
                case INTERSECT -> MaskOps.intersection(acc, m, d.name());
                case SUBTRACT -> MaskOps.subtract(acc, m, d.name());
                case EXPAND -> throw new IllegalStateException("expand is not a combination");
            };
        }
        return acc;
    }
}

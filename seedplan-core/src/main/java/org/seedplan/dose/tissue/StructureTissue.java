package org.seedplan.dose.tissue;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.structure.Mask;

/**
 * What a structure's voxels (those at least half inside it) are made of in the phantom the transport reads, by material as a
 * fraction of those voxels (largest first), and why ({@code basis}: the organ rule, a user's override, or the CT's classes).
 */
public record StructureTissue(String structure, String basis, Map<String, Double> fractionByMaterial) {

    /** The basis of a structure no contour rule or override assigned. */
    public static final String BY_CT = "CT classes";

    public StructureTissue {
        fractionByMaterial = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fractionByMaterial));
    }

    /** The composition of {@code mask}'s voxels (same grid as the phantom) in {@code phantom}; none inside: an empty map. */
    public static StructureTissue of(String structure, String basis, Mask mask, VoxelPhantom phantom) {
        if (!mask.grid().equals(phantom.grid())) {
            throw new IllegalArgumentException("structure '" + structure + "': its mask is not on the phantom's grid");
        }
        float[] f = mask.fraction();
        byte[] m = phantom.materialIndex();
        int[] count = new int[phantom.materialNames().size()];
        int total = 0;
        for (int v = 0; v < f.length; v++) {
            if (f[v] >= TissueAssignment.OVERRIDE_FRACTION) {
                count[m[v]]++;
                total++;
            }
        }
        Map<String, Double> fractions = new LinkedHashMap<>();
        final int all = total;
        java.util.stream.IntStream.range(0, count.length).boxed().filter(i -> count[i] > 0)
                .sorted((a, b) -> Integer.compare(count[b], count[a]))
                .forEach(i -> fractions.put(phantom.materialNames().get(i), count[i] / (double) all));
        return new StructureTissue(structure, basis, fractions);
    }

    /** The material holding most of the structure's voxels (null when none lies inside). */
    public String main() {
        return fractionByMaterial.isEmpty() ? null : fractionByMaterial.keySet().iterator().next();
    }

    /** "GTV: liver 100 % (target in Liver: liver)"; materials under 1 % left out. */
    public String describe() {
        StringJoiner parts = new StringJoiner(", ");
        fractionByMaterial.forEach((k, v) -> {
            if (v >= 0.01) {
                parts.add(String.format(Locale.ROOT, "%s %.0f %%", k, 100 * v));
            }
        });
        return structure + ": " + (fractionByMaterial.isEmpty() ? "no voxel inside" : parts.toString()) + " (" + basis + ")";
    }
}

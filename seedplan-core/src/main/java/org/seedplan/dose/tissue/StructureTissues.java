package org.seedplan.dose.tissue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;

/**
 * The compositions contours give (TG-186, Beaulieu et al. 2012, §IV.C and Table III): an organ contour whose name names an
 * organ of Table III gets that organ's composition; a target gets the composition of the organ it lies in (a liver
 * lesion: liver; a prostate CTV: prostate) — except in lung, where the tumour is soft tissue, not lung parenchyma — and,
 * outside any such organ, the run's default soft tissue. Every automatic composition keeps the CT's density and changes only
 * voxels the CT classes as adipose, soft tissue or liver ({@link #SOFT}); a target in no such organ only its adipose and
 * soft-tissue voxels ({@link #SOFT_NO_LIVER}: without a liver contour the CT's liver class is the only sign of liver in a
 * margin). Air, lung, bone and metal stay as the CT shows them. A user's override (applied after these) changes every voxel.
 */
public final class StructureTissues {

    /** The CT classes an organ's composition, or a target's in an organ, replaces. */
    static final Set<TissueClass> SOFT = EnumSet.of(TissueClass.ADIPOSE, TissueClass.SOFT_TISSUE, TissueClass.LIVER);
    /** The CT classes the default soft tissue of a target in no Table III organ replaces. */
    static final Set<TissueClass> SOFT_NO_LIVER = EnumSet.of(TissueClass.ADIPOSE, TissueClass.SOFT_TISSUE);
    /** A target lies in an organ when at least this fraction of its voxels lies in the organ's contour. */
    static final double HOST_FRACTION = 0.5;

    /** An organ of TG-186 Table III recognised by a structure's name; {@code tumourMaterial} null: the default soft tissue. */
    enum Organ {
        LIVER("liver", "liver", "liver"),
        PROSTATE("prostate", "prostate", "prostate"),
        HEART("heart", "heart", "heart"),
        SKIN("skin", "mean-skin", "mean-skin"),
        EYE_LENS("lens", "eye-lens", "eye-lens"),
        /** Lung: its contour is left to the CT's classes (inflated lung at the CT's density); a tumour in it is soft tissue. */
        LUNG("lung", null, null);

        final String token;
        final String organMaterial;
        final String tumourMaterial;

        Organ(String token, String organMaterial, String tumourMaterial) {
            this.token = token;
            this.organMaterial = organMaterial;
            this.tumourMaterial = tumourMaterial;
        }

        /** The organ a structure's name names: a word of the name (split at non-letters) starting with the organ's word. */
        static Optional<Organ> named(String structureName) {
            for (String word : structureName.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                for (Organ o : values()) {
                    if (word.startsWith(o.token)) {
                        return Optional.of(o);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** A structure's mask on the phantom grid with its name and type. */
    public record Contoured(String name, StructureType type, Mask mask) {
    }

    private StructureTissues() {
    }

    /**
     * The automatic compositions of {@code structures} (masks on the phantom grid), in the order they are to be applied: organs,
     * then PTV, CTV, GTV (the innermost wins); {@code defaultSoftTissue} is the soft tissue a target outside a Table III organ gets.
     */
    public static List<TissueOverride> automatic(List<Contoured> structures, String defaultSoftTissue) {
        List<TissueOverride> out = new ArrayList<>();
        for (Contoured s : structures) {
            if (!s.type().isTarget() && s.type() != StructureType.EXTERNAL) {
                Organ.named(s.name()).filter(o -> o.organMaterial != null).ifPresent(o -> out.add(new TissueOverride(s.name(), s.mask(),
                        o.organMaterial, null, "organ contour (TG-186 Table III)", SOFT)));
            }
        }
        List<Contoured> targets = structures.stream().filter(s -> s.type().isTarget())
                .sorted(Comparator.comparingInt((Contoured s) -> -s.type().ordinal())).toList();
        for (Contoured t : targets) {
            Optional<Contoured> host = host(t, structures);
            Optional<Organ> organ = host.flatMap(h -> Organ.named(h.name())).or(() -> Organ.named(t.name()));
            String material = organ.map(o -> o.tumourMaterial).orElse(null);
            String basis;
            Set<TissueClass> replaces = SOFT;
            if (material != null) {
                basis = host.isPresent() ? "target in " + host.get().name() : "target named for the organ";
            } else {
                material = defaultSoftTissue;
                if (organ.isPresent()) {
                    basis = "target in lung: tumour as soft tissue (TG-186)";
                } else {
                    basis = "target in no Table III organ: default soft tissue, CT's liver kept";
                    replaces = SOFT_NO_LIVER;
                }
            }
            out.add(new TissueOverride(t.name(), t.mask(), material, null, basis, replaces));
        }
        return out;
    }

    /** The organ contour (a Table III organ or lung) holding at least half the target's voxels, the one holding most. */
    static Optional<Contoured> host(Contoured target, List<Contoured> structures) {
        float[] t = target.mask().fraction();
        int inTarget = 0;
        for (float f : t) {
            inTarget += f >= 0.5f ? 1 : 0;
        }
        Contoured best = null;
        int bestCount = 0;
        for (Contoured s : structures) {
            if (s.type().isTarget() || s.type() == StructureType.EXTERNAL || Organ.named(s.name()).isEmpty()
                    || !s.mask().grid().equals(target.mask().grid())) {
                continue;
            }
            float[] o = s.mask().fraction();
            int both = 0;
            for (int v = 0; v < t.length; v++) {
                if (t[v] >= 0.5f && o[v] >= 0.5f) {
                    both++;
                }
            }
            if (both > bestCount) {
                best = s;
                bestCount = both;
            }
        }
        return inTarget > 0 && bestCount >= HOST_FRACTION * inTarget ? Optional.of(best) : Optional.empty();
    }
}

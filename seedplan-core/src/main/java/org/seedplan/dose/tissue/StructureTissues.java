package org.seedplan.dose.tissue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;

/**
 * The compositions contours give (TG-186, Beaulieu et al. 2012, §IV.C and Table III): an organ contour whose name names an
 * organ of Table III (by its AAPM TG-263 name, or by the rules of {@link Recognition}) gets that organ's composition; a
 * target gets the composition of the organ it lies in (a liver lesion: liver; a prostate CTV: prostate) — except in lung,
 * where the tumour is soft tissue, not lung parenchyma. A target in no such organ gets <b>one</b> composition for all its
 * adipose, soft-tissue and liver voxels: liver when the CT's liver class (noise-smoothed, {@link CtClassMap}) holds most of
 * its own such voxels (those not inside a target within it, which decides its own), the run's default soft tissue otherwise —
 * TG-186 §IV.C: soft tissues of similar density cannot be told apart by CT number, so the CT's noise must not split one
 * target into two compositions. Every automatic composition keeps the CT's density and changes only voxels the CT classes
 * as adipose, soft tissue or liver ({@link #SOFT}); air, lung, bone and metal stay as the CT shows them (a lung tumour
 * touching a rib keeps its bone). A user's override (applied after these) changes every voxel.
 */
public final class StructureTissues {

    /** The CT classes an organ's composition, or a target's in an organ, replaces. */
    static final Set<TissueClass> SOFT = EnumSet.of(TissueClass.ADIPOSE, TissueClass.SOFT_TISSUE, TissueClass.LIVER);
    /** The basis of a target in no Table III organ, before {@link TissueAssignment} adds the composition chosen and why. */
    static final String NO_ORGAN = "target in no Table III organ";
    /** A target lies in an organ when at least this fraction of its voxels lies in the organ's contour. */
    static final double HOST_FRACTION = 0.5;

    /**
     * An organ recognised by a structure's name: one of TG-186 Table III, lung (a tumour in it is soft tissue) or kidney (named by
     * TG-263 but without a Table III composition: recognised only to say so). {@code organMaterial} null: the organ keeps the CT's
     * classes; {@code tumourMaterial} null: a target in it gets the default soft tissue.
     */
    enum Organ {
        LIVER("liver", "liver", "liver", "Liver"),
        PROSTATE("prostate", "prostate", "prostate", "Prostate"),
        HEART("heart", "heart", "heart", "Heart"),
        SKIN("skin", "mean-skin", "mean-skin", "Skin"),
        EYE_LENS("lens", "eye-lens", "eye-lens", "Lens", "Lens_L", "Lens_R"),
        /** Lung: its contour is left to the CT's classes (inflated lung at the CT's density); a tumour in it is soft tissue. */
        LUNG("lung", null, null, "Lungs", "Lung_L", "Lung_R", "Lung_LLL", "Lung_LUL", "Lung_RLL", "Lung_RML", "Lung_RUL"),
        /** Kidney: no row of Table III; its contour keeps the CT's classes and is not a host organ for a target. */
        KIDNEY("kidney", null, null, "Kidneys", "Kidney_L", "Kidney_R");

        final String word;
        final String organMaterial;
        final String tumourMaterial;
        /** The organ's whole-organ names in AAPM TG-263 (Mayo et al., Int J Radiat Oncol Biol Phys 100:1057, 2018, doi
         * 10.1016/j.ijrobp.2017.12.013; checked against the TG-263 to SNOMED CT concept map of HL7 mCODE), as spelt there. */
        final List<String> tg263;

        Organ(String word, String organMaterial, String tumourMaterial, String... tg263) {
            this.word = word;
            this.organMaterial = organMaterial;
            this.tumourMaterial = tumourMaterial;
            this.tg263 = List.of(tg263);
        }

        /** Whether a target lying in this organ takes a composition from it (Table III organs and lung; not kidney). */
        boolean hosts() {
            return this != KIDNEY;
        }

        /** The organ a structure's name names (see {@link StructureTissues#recognise}); empty when none does. */
        static Optional<Organ> named(String structureName) {
            return recognise(structureName).map(Recognition::organ);
        }
    }

    /**
     * How a name was recognised, tried in this order: {@code TG263} the name is an AAPM TG-263 name as TG-263 spells it;
     * {@code TG263_CASE} the same letters in another case ("LIVER", "lung_r": DICOM ROI names carry no case rule and many systems
     * write capitals; no two TG-263 names of these organs differ only by case); {@code TG263_READ} a TG-263 name with its parts
     * separated by spaces, hyphens or dots instead of underscores, or the side written Left/Right/Lt/Rt or put first ("Lung Left",
     * "L Kidney", "lens-r": the spellings TG-263 was written to replace); {@code WORD} a word of the name (split at anything not a
     * letter) begins with the organ's English word ("LIVER_1", "liver_total", "Lungs_ex_GTV"), except names TG-263 gives to
     * something else ({@code ProstateBed}: the bed after a prostatectomy, no prostate). Other names are not recognised (not
     * guessed: "Leber", "Hepar", "Foie" keep the CT's classes; override them).
     */
    record Recognition(Organ organ, Rule rule, String tg263Name, String word) {
        enum Rule { TG263, TG263_CASE, TG263_READ, WORD }

        /** "TG-263 name", "TG-263 Lung_L, case ignored", "read as TG-263 Lung_L", "name word 'liver'". */
        String describe() {
            return switch (rule) {
                case TG263 -> "TG-263 name";
                case TG263_CASE -> "TG-263 " + tg263Name + ", case ignored";
                case TG263_READ -> "read as TG-263 " + tg263Name;
                case WORD -> "name word '" + word + "'";
            };
        }
    }

    /** TG-263 names whose first word is an organ's but which name another structure. */
    private static final Set<String> NOT_THE_ORGAN = Set.of("prostatebed");

    /** The organ {@code structureName} names and how (see {@link Recognition}); empty when it names none. */
    static Optional<Recognition> recognise(String structureName) {
        String name = structureName.strip();
        for (Organ o : Organ.values()) {
            for (String t : o.tg263) {
                if (t.equals(name)) {
                    return Optional.of(new Recognition(o, Recognition.Rule.TG263, t, null));
                }
            }
        }
        for (Organ o : Organ.values()) {
            for (String t : o.tg263) {
                if (t.equalsIgnoreCase(name)) {
                    return Optional.of(new Recognition(o, Recognition.Rule.TG263_CASE, t, null));
                }
            }
        }
        String read = readAsTg263(name);
        for (Organ o : Organ.values()) {
            for (String t : o.tg263) {
                if (t.equalsIgnoreCase(read)) {
                    return Optional.of(new Recognition(o, Recognition.Rule.TG263_READ, t, null));
                }
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (NOT_THE_ORGAN.contains(lower.replaceAll("[^a-z]", ""))) {
            return Optional.empty();
        }
        for (String word : lower.split("[^a-z]+")) {
            for (Organ o : Organ.values()) {
                if (!word.isEmpty() && word.startsWith(o.word)) {
                    return Optional.of(new Recognition(o, Recognition.Rule.WORD, null, word));
                }
            }
        }
        return Optional.empty();
    }

    /** The name's parts joined by underscores, a side word (L, R, Lt, Rt, Left, Right) moved to the end as L or R. */
    private static String readAsTg263(String name) {
        List<String> parts = new ArrayList<>(List.of(name.split("[\\s_.\\-]+")));
        parts.removeIf(String::isEmpty);
        String side = null;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i).toLowerCase(Locale.ROOT);
            String s = switch (p) {
                case "l", "lt", "left" -> "L";
                case "r", "rt", "right" -> "R";
                default -> null;
            };
            if (s != null && side == null && parts.size() > 1) {
                side = s;
                parts.remove(i);
                break;
            }
        }
        if (side != null) {
            parts.add(side);
        }
        return String.join("_", parts);
    }

    /**
     * Whether a drawn organ of this name takes part in the contour rules whether or not a plan reports on it: a Table III organ
     * (its composition) or lung (a target in it is soft tissue), recognised as {@link #recognise} does; kidney (no composition,
     * hosts no target) and names not recognised do not.
     */
    public static boolean shapesTissue(String structureName) {
        return Organ.named(structureName).filter(Organ::hosts).isPresent();
    }

    /**
     * The basis of a reported structure no rule or override assigned: {@link StructureTissue#BY_CT}, followed, when its name names
     * lung or kidney, by that name's rule ("CT classes (Kidney_L: TG-263 name; no Table III composition)").
     */
    public static String basisByCt(String structureName, StructureType type) {
        if (type.isTarget() || type == StructureType.EXTERNAL) {
            return StructureTissue.BY_CT;
        }
        return recognise(structureName).map(r -> StructureTissue.BY_CT + " (" + r.describe() + "; "
                + (r.organ() == Organ.LUNG ? "lung parenchyma as the CT shows it" : "no Table III composition") + ")")
                .orElse(StructureTissue.BY_CT);
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
                recognise(s.name()).filter(r -> r.organ().organMaterial != null).ifPresent(r -> out.add(new TissueOverride(s.name(),
                        s.mask(), r.organ().organMaterial, "organ contour (TG-186 Table III; " + r.describe() + ")", SOFT)));
            }
        }
        List<Contoured> targets = structures.stream().filter(s -> s.type().isTarget())
                .sorted(Comparator.comparingInt((Contoured s) -> -s.type().ordinal())).toList();
        for (Contoured t : targets) {
            Optional<Contoured> host = host(t, structures);
            Optional<Recognition> named = host.isPresent() ? recognise(host.get().name())
                    : recognise(t.name()).filter(r -> r.organ().hosts());
            Optional<Organ> organ = named.map(Recognition::organ);
            String material = organ.map(o -> o.tumourMaterial).orElse(null);
            String source = named.map(r -> (host.isPresent() ? host.get().name() : t.name()) + ": " + r.describe()).orElse("");
            if (material != null) {
                out.add(new TissueOverride(t.name(), t.mask(), material,
                        (host.isPresent() ? "target in " + host.get().name() : "target named for the organ") + " (" + source + ")", SOFT));
            } else if (organ.isPresent()) {
                out.add(new TissueOverride(t.name(), t.mask(), defaultSoftTissue, "target in lung: tumour as soft tissue (TG-186; " + source + ")",
                        SOFT));
            } else {
                Map<String, Mask> inside = new LinkedHashMap<>();
                targets.stream().filter(i -> i.type().ordinal() < t.type().ordinal() && i.mask().grid().equals(t.mask().grid()))
                        .forEach(i -> inside.put(i.name(), i.mask()));
                out.add(new TissueOverride(t.name(), t.mask(), defaultSoftTissue, null, NO_ORGAN, SOFT,
                        new TissueOverride.OneComposition(inside)));
            }
        }
        return out;
    }

    /** The organ contour (a Table III organ or lung, recognised by its name) holding at least half the target's voxels, the one holding most. */
    static Optional<Contoured> host(Contoured target, List<Contoured> structures) {
        float[] t = target.mask().fraction();
        int inTarget = 0;
        for (float f : t) {
            inTarget += f >= 0.5f ? 1 : 0;
        }
        Contoured best = null;
        int bestCount = 0;
        for (Contoured s : structures) {
            if (s.type().isTarget() || s.type() == StructureType.EXTERNAL || Organ.named(s.name()).filter(Organ::hosts).isEmpty()
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

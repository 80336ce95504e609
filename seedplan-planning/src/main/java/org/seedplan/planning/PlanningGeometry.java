package org.seedplan.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.cases.CaseRois;
import org.seedplan.cases.DerivedStructure;
import org.seedplan.cases.PatientCase;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.structure.MarginExpansion;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskOps;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureBounds;
import org.seedplan.structure.StructureType;

/**
 * The regions a plan is made in: each target's mask, the region where seeds may go (targets plus
 * the allowed margin, outside every organ at risk), each organ with its needle keep-out region
 * (organ plus its needle margin), and the CT for bone and skin.
 *
 * @param ct         the planning CT, or null when planning on contours only (then no bone check and no skin)
 * @param boneHu     CT numbers at or above this are bone
 * @param shell      targets expanded by the shell width: the normal tissue just outside a target
 */
public record PlanningGeometry(Volume ct, double boneHu, List<Target> targets, MaskLookup candidateRegion,
                               MaskLookup shell, List<Organ> organs) {

    /** Width of the normal-tissue shell around the targets whose dose the optimiser keeps low, mm. */
    public static final double SHELL_WIDTH_MM = 10;
    /** CT numbers above this are inside the body (skin lies between air, −1000 HU, and fat, ≈ −100 HU). */
    public static final double BODY_HU = -400;

    /** A target with its prescription, its mask and its structure type. */
    public record Target(TargetGoal goal, MaskLookup mask, RoiMask roi) {
    }

    /** An organ at risk with its limit, its mask, its needle keep-out mask (organ plus needle margin) and its type. */
    public record Organ(OarLimit limit, MaskLookup mask, MaskLookup keepOut, RoiMask roi) {
    }

    public PlanningGeometry {
        targets = List.copyOf(targets);
        organs = List.copyOf(organs);
    }

    /**
     * Rasterises the intent's targets and organs (drawn, or derived from drawn ones as the case
     * says) on one planning grid covering them all, grown by the shell width and margins, with a
     * pitch of 1–2 mm that follows the target size; derives the seed, shell and keep-out regions
     * with {@link MarginExpansion} and {@link MaskOps}.
     */
    public static PlanningGeometry build(PlanningCase planningCase, PlanIntent intent) {
        Map<String, Structure> drawn = new LinkedHashMap<>();
        Map<String, DerivedStructure> derived = new LinkedHashMap<>();
        double derivedGrowth = 0;
        List<String> wanted = new ArrayList<>();
        intent.targets().forEach(t -> wanted.add(t.structure()));
        intent.organs().forEach(o -> wanted.add(o.structure()));
        for (String name : wanted) {
            derivedGrowth = Math.max(derivedGrowth, collect(planningCase, name, drawn, derived, wanted.indexOf(name) < intent.targets().size()
                    ? "target" : "organ"));
        }
        double grow = Math.max(SHELL_WIDTH_MM, intent.candidateMarginMm());
        for (OarLimit o : intent.organs()) {
            grow = Math.max(grow, o.needleMarginMm());
        }
        grow += derivedGrowth + 4;
        Vec3 lo = null;
        Vec3 hi = null;
        for (Structure s : drawn.values()) {
            StructureBounds b = MaskRasterizer.boundsMm(s, 2.0);
            lo = lo == null ? b.minMm() : min(lo, b.minMm());
            hi = hi == null ? b.maxMm() : max(hi, b.maxMm());
        }
        double targetMm3 = 0;
        for (TargetGoal t : intent.targets()) {
            Structure s = drawn.get(t.structure());
            if (s != null) {
                StructureBounds b = MaskRasterizer.boundsMm(s, 2.0);
                Vec3 size = b.maxMm().minus(b.minMm());
                targetMm3 = Math.max(targetMm3, Math.max(size.x(), 1) * Math.max(size.y(), 1) * Math.max(size.z(), 1));
            }
        }
        double pitch = targetMm3 == 0 ? 1.5 : Math.max(1.0, Math.min(2.0, Math.cbrt(targetMm3) / 25));
        Vec3 g = new Vec3(grow, grow, grow);
        Grid grid = Grid.covering(lo.minus(g), hi.plus(g), pitch, pitch, pitch);
        // each mask (structures, seed region, shell, keep-outs) holds a fraction and a centroid per voxel; the dose 12 bytes more
        int masks = drawn.size() + derived.size() + 2 + intent.organs().size();
        org.seedplan.geometry.MemoryBudget.require(grid, 12 + 16L * masks, "intent: the planning grid over the targets and organs");
        PatientCase reduced = new PatientCase(planningCase.patientId(), grid, List.copyOf(drawn.values()), List.copyOf(derived.values()),
                intent.referenceDoseGy(), intent.seed().sourceKey(), intent.halfLifeDays(), intent.seed().strength(), List.of());
        Map<String, RoiMask> rois = new LinkedHashMap<>();
        for (RoiMask r : CaseRois.of(reduced)) {
            rois.put(r.name(), r);
        }

        List<Target> targets = new ArrayList<>();
        Mask union = null;
        for (TargetGoal t : intent.targets()) {
            Mask mask = rois.get(t.structure()).mask();
            if (!(mask.volumeCc() > 0)) {
                throw new IllegalArgumentException("intent: target '" + t.structure() + "' has no volume: check its contours");
            }
            targets.add(new Target(t, new MaskLookup(mask), rois.get(t.structure())));
            union = union == null ? mask : MaskOps.union(union, mask, "targets");
        }
        Mask candidate = MarginExpansion.expand(union, intent.candidateMarginMm(), "seed region");
        List<Organ> organs = new ArrayList<>();
        for (OarLimit limit : intent.organs()) {
            Mask mask = rois.get(limit.structure()).mask();
            Mask keepOut = MarginExpansion.expand(mask, limit.needleMarginMm(), limit.structure() + " keep-out");
            candidate = MaskOps.subtract(candidate, mask, "seed region");
            RoiMask roi = rois.get(limit.structure());
            organs.add(new Organ(limit, new MaskLookup(mask), new MaskLookup(keepOut),
                    roi.isOrganAtRisk() ? roi : new RoiMask(roi.name(), StructureType.ORGAN, mask)));
        }
        Mask shell = MarginExpansion.expand(union, SHELL_WIDTH_MM, "shell");
        return new PlanningGeometry(planningCase.ct(), intent.boneHu(), targets, new MaskLookup(candidate), new MaskLookup(shell), organs);
    }

    /**
     * Adds the drawn structures a name needs (itself, or the operands of the derived structure it
     * names, recursively) and the derived structures in order; returns the largest margin of the
     * expansions involved, mm.
     */
    private static double collect(PlanningCase c, String name, Map<String, Structure> drawn, Map<String, DerivedStructure> derived,
                                  String role) {
        for (Structure s : c.structures()) {
            if (s.name().equals(name)) {
                drawn.putIfAbsent(name, s);
                return 0;
            }
        }
        for (DerivedStructure d : c.derived()) {
            if (d.name().equals(name)) {
                double growth = d.operation() == DerivedStructure.Operation.EXPAND ? Math.max(0, d.marginMm()) : 0;
                double inner = 0;
                for (String operand : d.operands()) {
                    inner = Math.max(inner, collect(c, operand, drawn, derived, role));
                }
                derived.putIfAbsent(name, d);
                return growth + inner;
            }
        }
        List<String> names = new ArrayList<>();
        c.structures().forEach(s -> names.add(s.name()));
        c.derived().forEach(d -> names.add(d.name()));
        throw new IllegalArgumentException("intent: " + role + " '" + name + "' is not a structure of the case (it has "
                + String.join(", ", names) + "): check the name");
    }

    private static Vec3 min(Vec3 a, Vec3 b) {
        return new Vec3(Math.min(a.x(), b.x()), Math.min(a.y(), b.y()), Math.min(a.z(), b.z()));
    }

    private static Vec3 max(Vec3 a, Vec3 b) {
        return new Vec3(Math.max(a.x(), b.x()), Math.max(a.y(), b.y()), Math.max(a.z(), b.z()));
    }

    /** The planning grid all masks share. */
    public Grid grid() {
        return candidateRegion.mask().grid();
    }

    /** Whether the CT shows bone at the point (false without a CT or outside it). */
    public boolean isBone(Vec3 p) {
        return ct != null && huAt(p) >= boneHu;
    }

    /** Whether the point is inside the body (always true without a CT). */
    public boolean inBody(Vec3 p) {
        return ct == null || huAt(p) > BODY_HU;
    }

    /** CT number at the voxel nearest to the point; air (−1000 HU) outside the CT. */
    public double huAt(Vec3 p) {
        Grid g = ct.grid();
        int i = (int) Math.floor((p.x() - g.originMm().x()) / g.dxMm() + 0.5);
        int j = (int) Math.floor((p.y() - g.originMm().y()) / g.dyMm() + 0.5);
        int k = (int) Math.floor((p.z() - g.originMm().z()) / g.dzMm() + 0.5);
        if (i < 0 || j < 0 || k < 0 || i >= g.nx() || j >= g.ny() || k >= g.nz()) {
            return -1000;
        }
        return ct.hu()[g.index(i, j, k)];
    }

    /** Whether a seed may be placed at the point: inside the candidate region. */
    public boolean seedAllowed(Vec3 p) {
        return candidateRegion.contains(p);
    }

    /** Why a needle may not pass through the point (an organ keep-out or bone), or null if it may. */
    public String blockedAt(Vec3 p) {
        for (Organ o : organs) {
            if (o.keepOut().fractionAt(p) > 0) {
                return "organ at risk '" + o.limit().structure() + "' (with its " + o.limit().needleMarginMm() + " mm needle margin)";
            }
        }
        if (isBone(p)) {
            return "bone (≥ " + boneHu + " HU)";
        }
        return null;
    }

    /**
     * Why the straight path from {@code fromMm} to {@code toMm} is blocked, or null if it is free:
     * checked every {@code stepMm} (at most half the finest voxel).
     */
    public String pathBlocked(Vec3 fromMm, Vec3 toMm, double stepMm) {
        double length = fromMm.distanceTo(toMm);
        int n = Math.max(1, (int) Math.ceil(length / stepMm));
        for (int s = 0; s <= n; s++) {
            Vec3 p = fromMm.plus(toMm.minus(fromMm).times((double) s / n));
            String why = blockedAt(p);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** Step for path checks: half the finest spacing of the organ keep-out masks and the CT, at most 1 mm. */
    public double pathStepMm() {
        double step = 1.0;
        for (Organ o : organs) {
            Grid g = o.keepOut().mask().grid();
            step = Math.min(step, Math.min(g.dxMm(), Math.min(g.dyMm(), g.dzMm())) / 2);
        }
        if (ct != null) {
            Grid g = ct.grid();
            step = Math.min(step, Math.min(g.dxMm(), Math.min(g.dyMm(), g.dzMm())) / 2);
        }
        return Math.max(step, 0.25);
    }

    /** Volume-weighted centre of all targets, mm. */
    public Vec3 targetCentroidMm() {
        Vec3 sum = Vec3.ZERO;
        double w = 0;
        for (Target t : targets) {
            double v = t.mask().mask().volumeCc();
            sum = sum.plus(t.mask().centroidMm().times(v));
            w += v;
        }
        return sum.times(1 / w);
    }
}

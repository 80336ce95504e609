package org.seedplan.server.modelbased;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.Seed;
import org.seedplan.dose.modelbased.DoseSpecification;
import org.seedplan.dose.modelbased.DvhBand;
import org.seedplan.dose.modelbased.ModelBasedComparison;
import org.seedplan.dose.modelbased.ModelBasedNotes;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dose.tissue.StructureTissue;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.MetricLevels;
import org.seedplan.dvh.RoiMask;
import org.seedplan.cases.CaseRois;
import org.seedplan.cases.DerivedStructure;
import org.seedplan.cases.PatientCase;
import org.seedplan.geometry.Grid;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.comparison.ImplantVerifier;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Json;
import org.seedplan.server.needles.RevisionImages;
import org.seedplan.server.planning.IntentForm;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;

/**
 * The model-based dose (TG-186) of a stored plan revision beside its TG-43 dose, as the plan screen draws it: the revision's
 * seeds (strength decayed to the implant date, as the planner used it) in the tissues of its planning CT, both doses on one
 * {@value #GRID_MM} mm grid over the targets and organs and {@value #MARGIN_MM} mm around them and one set of masks, each target against its
 * own prescription; D90 and V100 of the targets and D2cc, D0.1cc of the organs with 1σ, and each structure's DVH under both
 * doses with the model-based 1σ band ({@link DvhBand}).
 */
final class RevisionModelBasedDose {

    /**
     * What the caller asked for, already bounded: {@code softTissue} the soft tissue of voxels no contour assigns chosen by the
     * user (a material of the library), null for TG-186's of the patient's recorded sex; {@code overrides} the compositions the
     * user gave structures (each material checked; the structures are checked against the run's by {@link #checkStructures}).
     */
    record Settings(DoseSpecification specification, long maxPhotons, double uncertaintyPct, double maxSeconds, long rngSeed,
                    String softTissue, List<PatientModelBasedDose.OverrideRequest> overrides) {

        Settings {
            overrides = List.copyOf(overrides);
        }

        /** The soft tissue the run uses: the user's, or else {@code bySex} (the patient's recorded sex's). */
        String softTissueOr(String bySex) {
            return softTissue != null ? softTissue : bySex;
        }

        /** "; soft tissue mean-female-soft-tissue by the user; GTV liver by the user" for the audit row, "" when nothing was chosen. */
        String choices() {
            StringBuilder b = new StringBuilder();
            if (softTissue != null) {
                b.append("; soft tissue ").append(softTissue).append(" by the user");
            }
            overrides.forEach(o -> b.append("; ").append(o.structure()).append(' ').append(o.material())
                    .append(o.densityGPerCm3() == null ? "" : " at " + o.densityGPerCm3() + " g/cm³").append(" by the user"));
            return b.toString();
        }

        /** 400 naming {@code tissues[i].structure} when an override names a structure the run does not report on. */
        void checkStructures(List<String> structures) {
            for (int i = 0; i < overrides.size(); i++) {
                if (!structures.contains(overrides.get(i).structure())) {
                    throw ApiProblem.badRequest("tissues[" + i + "].structure", "tissues[" + i + "].structure: no structure '"
                            + overrides.get(i).structure() + "' in this run: use one of " + structures);
                }
            }
        }

        /** Monte Carlo settings on every core of this server. */
        MonteCarloSettings monteCarlo() {
            return new MonteCarloSettings(rngSeed, Runtime.getRuntime().availableProcessors(), uncertaintyPct / 100, maxPhotons, maxSeconds);
        }
    }

    /** Dose grid spacing, mm: 2 mm voxels reach 2 % in a target with about an eighth of the photons 1 mm voxels need (TG-186's usual). */
    static final double GRID_MM = 2;
    /** Dose grid margin around the targets and organs, mm: room for the scatter of the structures' edges. */
    static final double MARGIN_MM = 20;

    private RevisionModelBasedDose() {
    }

    /** The intent form the revision was planned with; IllegalStateException when it was not planned with one. */
    static IntentForm form(PlanRevisions.Revision r) {
        try {
            return IntentForm.parse((ObjectNode) Json.MAPPER.readTree(r.content().intentJson()));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | java.io.IOException e) {
            throw new IllegalStateException("revision " + r.revision() + " was not planned with the plan screen's intent form, so its targets"
                    + " and prescriptions are unknown here: compute it with seedplan plan --model-based");
        }
    }

    /** Computes the revision's model-based dose; IllegalArgumentException / IllegalStateException name what is missing. */
    static ObjectNode compute(PlanRevisions.Revision r, RevisionImages images, Settings settings, String softTissue, DoubleConsumer progress,
                              BooleanSupplier cancelled) {
        PlanContent c = r.content();
        IntentForm form = form(r);
        if (c.seeds().isEmpty()) {
            throw new IllegalStateException("revision " + r.revision() + " has no seeds");
        }
        List<Structure> needed = needed(form, images.structures());
        // the grid covers the organs whole: the rasteriser refuses a structure that leaves its grid
        Grid grid = ImplantVerifier.doseGridAround(needed, MARGIN_MM, GRID_MM);
        double rx = form.intent().targets().get(0).prescriptionGy();
        Map<String, RoiMask> all = new LinkedHashMap<>();
        Set<String> neededNames = new HashSet<>();
        needed.forEach(x -> neededNames.add(x.name()));
        List<DerivedStructure> derived = derivable(form, neededNames);
        for (RoiMask m : CaseRois.of(new PatientCase(r.planName(), grid, needed, derived, rx,
                form.intent().seed().sourceKey(), form.intent().halfLifeDays(), form.intent().seed().strength(), List.of()))) {
            all.put(m.name(), m);
        }
        List<RoiMask> rois = new ArrayList<>();
        Map<String, Double> targetRx = new LinkedHashMap<>();
        for (TargetGoal t : form.intent().targets()) {
            rois.add(all.get(t.structure()));
            targetRx.put(t.structure(), t.prescriptionGy());
        }
        for (OarLimit o : form.intent().organs()) {
            RoiMask m = all.get(o.structure());
            rois.add(m.isOrganAtRisk() ? m : new RoiMask(m.name(), StructureType.ORGAN, m.mask()));
        }
        DoseMetricsCalculator calculator = new DoseMetricsCalculator(rois, grid, rx, targetRx, MetricLevels.DEFAULT);
        SourceModel source = SourceLibrary.builtIn().model(form.intent().seed().sourceKey());
        double skU = form.intent().seed().skU();
        List<Seed> seeds = new ArrayList<>();
        for (PlanContent.PlannedSeed s : c.seeds()) {
            var axis = s.needle() >= 0 ? c.needles().get(s.needle()).tipMm().minus(c.needles().get(s.needle()).entryMm())
                    : org.seedplan.geometry.Vec3.UNIT_Z;
            seeds.add(new Seed(s.centreMm(), axis, skU));
        }
        PatientModelBasedDose.Evaluation e = PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(images.planningCt(),
                images.structures(), settings.overrides(), HuDensityCurve.standard(), source, seeds, DecayIntegral.permanent(source.halfLifeDays()),
                settings.specification(), settings.monteCarlo(), settings.softTissueOr(softTissue)), grid, calculator, progress, cancelled);
        return json(r, images, settings, e, calculator, softTissue);
    }

    /** The drawn structures the intent's targets and organs are, or are made from (directly or through derived ones). */
    static List<Structure> needed(IntentForm form, List<Structure> drawn) {
        Set<String> names = new HashSet<>();
        form.intent().targets().forEach(t -> names.add(t.structure()));
        form.intent().organs().forEach(o -> names.add(o.structure()));
        for (int pass = 0; pass < form.derived().size(); pass++) {
            for (DerivedStructure d : form.derived()) {
                if (names.contains(d.name())) {
                    names.addAll(d.operands());
                }
            }
        }
        return drawn.stream().filter(x -> names.contains(x.name())).toList();
    }

    /**
     * The structures a run's overrides may name: every drawn one but the body (the panel offers them; one the intent does not use,
     * such as a liver that is no organ of it, counts as far as it reaches into the phantom — until the "mc" session of 2026-12-04
     * only those the intent reports on or is made from), and the targets and organs its intent form derives (CTV = GTV + margin),
     * whose masks the run computes for its metrics.
     */
    static List<String> overridable(PlanRevisions.Revision r, RevisionImages images) {
        IntentForm form = form(r);
        List<Structure> needed = needed(form, images.structures());
        List<String> out = new ArrayList<>(images.structures().stream().filter(x -> x.type() != StructureType.EXTERNAL).map(Structure::name)
                .toList());
        Set<String> available = new HashSet<>();
        needed.forEach(x -> available.add(x.name()));
        Set<String> reported = new HashSet<>();
        form.intent().targets().forEach(t -> reported.add(t.structure()));
        form.intent().organs().forEach(o -> reported.add(o.structure()));
        derivable(form, available).stream().map(DerivedStructure::name).filter(reported::contains).forEach(out::add);
        return out;
    }

    /** The intent form's derived structures whose operands are among {@code available} (drawn, or derived before them); adds their names. */
    private static List<DerivedStructure> derivable(IntentForm form, Set<String> available) {
        List<DerivedStructure> out = new ArrayList<>();
        for (DerivedStructure d : form.derived()) {
            if (available.containsAll(d.operands())) {
                out.add(d);
                available.add(d.name());
            }
        }
        return out;
    }

    private static ObjectNode json(PlanRevisions.Revision r, RevisionImages images, Settings settings, PatientModelBasedDose.Evaluation e,
                                   DoseMetricsCalculator calculator, String softTissueBySex) {
        return json(Json.MAPPER.createObjectNode().put("planId", r.planId()).put("revision", r.revision()), images.contours(),
                "the plan of record", settings, e, calculator, softTissueBySex);
    }

    /**
     * Adds to {@code o} the result as the screens draw it: the dose specification, photons, seconds, uncertainty, tissues, the
     * composition each target and organ was given ({@code structureTissues}: structure, basis, materials with their % of its
     * voxels), the soft tissue and the overrides the user chose ({@code softTissue}, {@code softTissueBy}, {@code tissueOverrides}),
     * the comparison rows and the DVHs with the model-based band; {@code ofRecord} names what TG-43 stays the dose of.
     */
    static ObjectNode json(ObjectNode o, String contours, String ofRecord, Settings settings, PatientModelBasedDose.Evaluation e,
                           DoseMetricsCalculator calculator, String softTissueBySex) {
        DoseSpecification spec = e.modelBased().specification();
        o.put("specification", spec.label()).put("specificationDescription", spec.description())
                .put("tg43Label", DoseSpecification.TG43_WATER.label()).put("tg43Description", DoseSpecification.TG43_WATER.description())
                .put("photons", e.photons()).put("seconds", round(e.seconds(), 1)).put("targetUncertaintyPct", settings.uncertaintyPct())
                .put("meanTargetUncertaintyPct", round(100 * meanTargetUncertainty(e, calculator), 2))
                .put("gridMm", e.modelBased().dose().grid().dxMm()).put("tissues", e.tissues().describe()).put("contours", contours)
                .put("uncertaintyNote", ModelBasedNotes.uncertainty(e) + "; TG-43 stays " + ofRecord);
        // what the user chose, stored with the result: the soft tissue and who chose it, and each structure's composition given
        o.put("softTissue", settings.softTissueOr(softTissueBySex))
                .put("softTissueBy", settings.softTissue() != null ? "the user" : "the patient's recorded sex (TG-186 Table III)");
        ArrayNode chosen = o.putArray("tissueOverrides");
        settings.overrides().forEach(x -> {
            ObjectNode given = chosen.addObject().put("structure", x.structure()).put("material", x.material());
            if (x.densityGPerCm3() != null) {
                given.put("densityGPerCm3", x.densityGPerCm3());
            }
            given.put("by", "the user");
        });
        ArrayNode given = o.putArray("structureTissues");
        for (StructureTissue t : e.tissues().structures()) {
            ObjectNode g = given.addObject().put("structure", t.structure()).put("basis", t.basis());
            ArrayNode materials = g.putArray("materials");
            t.fractionByMaterial().forEach((m, f) -> materials.addObject().put("material", m).put("pct", round(100 * f, 1)));
        }
        ArrayNode rows = o.putArray("comparison");
        for (ModelBasedComparison.Row x : e.comparison().rows()) {
            rows.addObject().put("structure", x.structure()).put("type", x.type().name()).put("metric", x.metric()).put("unit", x.unit())
                    .put("tg43", round(x.tg43(), 2)).put("modelBased", round(x.modelBased(), 2)).put("sigma", round(x.modelBasedSigma(), 2))
                    .put("differencePct", round(x.differencePct(), 2)).put("resolved", x.resolved())
                    .put("noiseBias", round(x.noiseBias(), 2)).put("biasAboveSigma", x.biasAboveSigma());
        }
        List<Dvh> tg43 = e.tg43Dvhs();
        ArrayNode dvh = o.putArray("dvh");
        for (int s = 0; s < e.dvhBands().size(); s++) {
            DvhBand b = e.dvhBands().get(s);
            ObjectNode d = dvh.addObject().put("name", b.structure()).put("type", calculator.rois().get(s).type().name());
            ArrayNode dose = d.putArray("doseGy");
            ArrayNode t = d.putArray("tg43Pct");
            ArrayNode m = d.putArray("modelBasedPct");
            ArrayNode sd = d.putArray("sigmaPct");
            for (int i = 0; i < b.doseGy().length; i++) {
                dose.add(round(b.doseGy()[i], 2));
                t.add(round(tg43.get(s).volumeAtLeastPercent(b.doseGy()[i]), 2));
                m.add(round(b.volumePct()[i], 2));
                sd.add(round(b.sigmaPct()[i], 3));
            }
        }
        return o;
    }

    /** Mean relative 1σ over the voxels at least half inside a target (the run's stop rule), as a fraction. */
    static double meanTargetUncertainty(PatientModelBasedDose.Evaluation e, DoseMetricsCalculator calculator) {
        float[] u = e.modelBased().relativeUncertainty();
        double sum = 0;
        int n = 0;
        for (RoiMask roi : calculator.rois()) {
            if (roi.type().isTarget() && roi.mask().grid().equals(e.modelBased().dose().grid())) {
                float[] f = roi.mask().fraction();
                for (int v = 0; v < f.length; v++) {
                    if (f[v] >= 0.5f) {
                        sum += u[v];
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** {@code v} to {@code digits} decimals; null (JSON null) when it is not a number. */
    private static Double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return null;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

package org.seedplan.cli.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seedplan.cli.demo.DemoCase;
import org.seedplan.cli.demo.DemoCertificate;
import org.seedplan.cli.planning.DemoPlan;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtstruct.RtStructWriter;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.io.SyntheticCohort;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.source.SeedStrength;
import org.seedplan.server.Services;
import org.seedplan.server.api.Json;
import org.seedplan.server.plans.RevisionStrength;
import org.seedplan.server.plans.TemplateHoles;
import org.seedplan.server.security.Tokens;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.account.User;
import org.seedplan.storage.cohort.CohortImporter;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.dicom.StoredInstance;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantMetrics;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRepository;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;

/**
 * Fills a fresh database with the demonstration: two centres with a user of every role in each, the demo
 * patient in centre DEMO-A (its CT and structures written by seedplan-dicom into the DICOM store, a plan
 * made by the real planner and approved by the demo physicist, a simulated post-implant CT of that plan from
 * seedplan-verify's phantom in the planning study's Frame of Reference, the implant recorded, the GTV as the registry's target lesion
 * with two simulated follow-up visits), the synthetic demo cohort in DEMO-A and a smaller one
 * in DEMO-B. Returns the lines to print (the users and their passwords).
 */
final class DemoData {

    /** Fixed so that the demo's simulated implant is the same on every run. */
    private static final long SIMULATION_SEED = 20240611L;
    private static final double NEEDLE_SIGMA_MM = 1.0;
    private static final double SEED_SIGMA_MM = 0.7;
    /** The needle direction (LPS) of a template on the patient's front: needles towards posterior, the form's "anterior". */
    private static final Vec3 ANTERIOR = new Vec3(0, 1, 0);
    /** Series Description of the demo's post-implant CT. */
    static final String POST_OP_DESCRIPTION = "Post-implant CT";

    private DemoData() {
    }

    static List<String> fill(Services s, Path work) throws IOException {
        // The plan takes longest and needs nothing from the database: it runs beside the accounts, the CT import and the cohorts.
        DemoPatient demo = new DemoPatient();
        ExecutorService background = Executors.newFixedThreadPool(2, r -> new Thread(r, "seedplan-demo-background"));
        Future<Plan> planning = background.submit(() -> DemoPlan.plan(demo, ProgressListener.NONE).plan());
        CentreRepository centres = new CentreRepository(s.db());
        Centre a = centres.create(Actor.SYSTEM, "DEMO-A", "Demo Hospital A");
        Centre b = centres.create(Actor.SYSTEM, "DEMO-B", "Demo Hospital B");
        // Each account's Argon2id hash (PasswordHasher's full parameters) costs about 0.1 s of CPU: the twelve are made on
        // their own thread while this one writes the CT files and imports the cohorts, and are awaited where the demo
        // physicist is first needed.
        Future<List<String>> accounts = background.submit(() -> createAccounts(s, List.of(a, b)));
        try {
            return fill(s, work, demo, planning, accounts, a, b);
        } finally {
            planning.cancel(true);
            accounts.cancel(true);
            background.shutdownNow();
        }
    }

    /** One user of every role in each centre, with a fresh random password each; the lines that print them. */
    private static List<String> createAccounts(Services s, List<Centre> centres) {
        List<String> out = new ArrayList<>();
        for (Centre c : centres) {
            for (Role r : Role.values()) {
                String suffix = c == centres.get(0) ? "a" : "b";
                String name = r.name().toLowerCase(Locale.ROOT).replace('_', '-') + "." + suffix;
                String password = Tokens.password(14);
                String display = "Demo " + r.name().charAt(0) + r.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                        + suffix.toUpperCase(Locale.ROOT);
                User u = s.accounts().createUser(Actor.SYSTEM, name, display, password, false);
                s.accounts().users().grant(Actor.SYSTEM, u.id(), c.id(), r, s.now(), "demo data");
                out.add(String.format(Locale.ROOT, "  %-20s %-16s %s (%s)", name, password, r, c.code()));
            }
        }
        return out;
    }

    private static List<String> fill(Services s, Path work, DemoPatient demo, Future<Plan> planning, Future<List<String>> accounts,
            Centre a, Centre b) throws IOException {
        PatientInfo info = new PatientInfo(DemoPatient.NAME, DemoPatient.ID, DemoPatient.BIRTH_DATE, DemoPatient.SEX);
        StudyContext study = StudyContext.newStudy(info);
        String ctSeries = Uids.newUid();
        List<String> sops = new ArrayList<>();
        Volume ct = demo.ct();
        List<Path> files = writeCt(ct, study, ctSeries, work.resolve("ct"), sops);
        // the structure set carries the CTV the plan is made on (GTV + 5 mm, outlined on the CT's slices), as a planning system would store it
        DataSet rs = RtStructWriter.write(DemoCase.withDrawnCtv(demo).structures(), new CtReference(study.studyInstanceUid(), ctSeries, study.frameOfReferenceUid(),
                ct.grid(), sops), study, Uids.newUid(), Uids.newUid(), "seedplan demo");
        Path rsFile = work.resolve("ct").resolve("RS.dcm");
        Files.write(rsFile, DicomWriter.encode(rs));
        files.add(rsFile);
        new CohortImporter(s.db()).importCohort(Actor.SYSTEM, a.id(), cohort(130, 2024, 12));
        new CohortImporter(s.db()).importCohort(Actor.SYSTEM, b.id(), cohort(20, 7, 0));
        List<String> out = done(accounts, "the demo accounts");
        User physicist = s.accounts().users().findByUsername("physicist.a").orElseThrow();
        Actor actor = new Actor(physicist.id(), physicist.username(), Role.PHYSICIST, a.id(), null);
        DicomStore store = DicomStore.open(s.db());
        long patientDbId = store.importIntoCentre(actor, a.id(), files, ImportLimits.DEFAULT).instances().get(0).patientDbId();

        Plan plan = done(planning, "the demo plan");
        PlanRevisions plans = new PlanRevisions(s.db());
        PlanRevisions.Revision draft = plans.createPlan(actor, patientDbId, "Liver S7 demo", content(plan, ctSeries), s.now());
        PlanRevisions.Revision approved = plans.approve(actor, draft.planId(), draft.revision(), physicist.displayName(), s.now());

        // The post-implant scan of a CT-guided implant is made at the end of the procedure with the patient still immobilised on the
        // CT table: the same examination, so the scanner gives it the planning scan's study and Frame of Reference (PS3.3 C.7.4.1.1.1:
        // series of one study that are spatially related share the Frame of Reference UID). The simulated scan is rendered on the
        // planning CT's own grid, so that is exactly its geometry; verification then compares without asking about coordinates.
        Volume postOp = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(ct, implanted(plan), SIMULATION_SEED + 1);
        List<StoredInstance> post = store.importForPatient(actor, patientDbId, writePostOpCt(postOp, study, work.resolve("postop")),
                ImportLimits.DEFAULT).instances();
        ImplantData implant = implantOf(patientDbId, approved, post.get(0).studyInstanceUid());
        recordImplant(s, actor, implant);
        Structure gtv = demo.structures().stream().filter(x -> x.name().equals("GTV")).findFirst().orElseThrow();
        LesionRecord lesion = new LesionRepository(s.db()).create(actor, lesionOf(patientDbId, gtv, implant.implantDate()));
        VisitRepository visits = new VisitRepository(s.db());
        followUps(lesion, implant.implantDate()).forEach(v -> visits.create(actor, v));
        return out;
    }

    /** The demo lesion's organ and site: the plan is "Liver S7 demo" (Couinaud segment VII). */
    static final String LESION_ORGAN = "liver";
    static final String LESION_SITE = "segment VII";

    /**
     * The demo's lesion as RECIST 1.1 measures it at baseline: its longest diameter on an axial slice of the planning CT, taken
     * from the GTV's own contours (the largest over its slices), a target lesion of the liver measured on the implant day (a
     * CT-guided implant is planned on the scan of that day).
     */
    static LesionData lesionOf(long patientDbId, Structure gtv, LocalDate measuredOn) {
        double longest = gtv.contours().stream().mapToDouble(Contour::longestDiameterMm).max().orElseThrow();
        return new LesionData(patientDbId, "L1", LESION_ORGAN, LESION_SITE, false, true, longest, null, null, measuredOn);
    }

    /**
     * Fractions of the baseline diameter at the demo's two follow-up visits, 1 and 3 months after the implant: simulated, for the
     * demonstration only (no patient was followed), chosen so that the screens show both verdicts RECIST 1.1 gives a shrinking
     * target: −10 % stable disease, then −40 % partial response (a decrease of at least 30 %).
     */
    static final double[] FOLLOW_UP_FRACTIONS = {0.9, 0.6};

    /** The demo's follow-up visits of {@code lesion} (simulated, see {@link #FOLLOW_UP_FRACTIONS}), no new lesion. */
    static List<VisitData> followUps(LesionRecord lesion, LocalDate implantDate) {
        List<VisitData> out = new ArrayList<>();
        int[] months = {1, 3};
        for (int i = 0; i < months.length; i++) {
            double mm = Math.round(lesion.data().baselineLongestMm() * FOLLOW_UP_FRACTIONS[i] * 10) / 10.0;
            out.add(new VisitData(lesion.data().patientId(), implantDate.plusMonths(months[i]), null, null, false, null,
                    List.of(new VisitData.Measurement(lesion.id(), mm, null, null)), Map.of(), List.of()));
        }
        return out;
    }

    /** The result of {@code what}, made in the background; its failure is rethrown as it was thrown. */
    private static <T> T done(Future<T> work, String what) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static ImportedCohort cohort(int patients, long seed, int logged) {
        SyntheticCohort.Result r = SyntheticCohort.generate(patients, seed, logged);
        return new ImportedCohort(r.cohort(), r.sessions(), "seedplan demo cohort (" + patients + " patients, seed " + seed + ")");
    }

    /** Writes the CT slices into {@code dir}; their SOP Instance UIDs are added to {@code sops}. */
    private static List<Path> writeCt(Volume ct, StudyContext study, String series, Path dir, List<String> sops) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<DataSet> slices = CtSeriesWriter.slices(ct, study, series);
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "CT.%04d.dcm", k + 1));
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
            sops.add(slices.get(k).requireString(Tag.SOP_INSTANCE_UID));
        }
        return files;
    }

    /** The post-implant CT as series 2 "Post-implant CT" of the planning study (its Frame of Reference), acquisition 2. */
    private static List<Path> writePostOpCt(Volume ct, StudyContext study, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<DataSet> slices = CtSeriesWriter.slices(ct, study, Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            DataSet ds = slices.get(k).toBuilder().numbers(Tag.SERIES_NUMBER, 2).numbers(Tag.ACQUISITION_NUMBER, 2)
                    .put(Tag.SERIES_DESCRIPTION, POST_OP_DESCRIPTION).build();
            Path f = dir.resolve(String.format(Locale.ROOT, "CT.%04d.dcm", k + 1));
            Files.write(f, DicomWriter.encode(ds));
            files.add(f);
        }
        return files;
    }

    /** The plan as a stored revision: its needles, its seeds along them, and the CTV metrics of the planner's dose. */
    private static PlanContent content(Plan plan, String ctSeries) {
        List<PlanContent.Needle> needles = new ArrayList<>();
        List<PlanContent.PlannedSeed> seeds = new ArrayList<>();
        for (PlannedNeedle n : plan.needles()) {
            needles.add(new PlanContent.Needle(n.needle().entryMm(), n.needle().tipMm()));
            for (double d : n.seedDistancesFromTipMm()) {
                seeds.add(new PlanContent.PlannedSeed(n.needle().pointFromTip(d), needles.size() - 1));
            }
        }
        StructureMetrics ctv = plan.metrics().structures().stream().filter(m -> m.name().equals("CTV")).findFirst().orElseThrow();
        PlanContent.Metrics metrics = new PlanContent.Metrics(ctv.name(), ctv.dPctGy().get("90"), ctv.dPctGy().get("100"), ctv.vPct().get("100"),
                ctv.vPct().get("150"), ctv.vPct().get("200"), ctv.volumeCc());
        // the strength stored is the demo certificate's, on its calibration date, as the command line's demo RT Plan states it
        double atCalibrationU = DemoCertificate.sourceInfo(plan.source(), plan.source().halfLifeDays()).atCalibrationU(plan.seeds().get(0).skU());
        String intent = intentForm(DemoPlan.intent(), atCalibrationU);
        // where the coplanar template sat (from the planner's hole labels), so that the needle table names each needle's hole
        TemplateHoles template = TemplateHoles.of(plan.needles().stream().map(PlannedNeedle::needle).toList());
        if (template != null) {
            intent = template.addTo(intent);
        }
        return new PlanContent(intent, ctSeries, DemoPatient.PRESCRIPTION_GY, plan.source().key(), atCalibrationU,
                DemoCertificate.CALIBRATION.toLocalDate(), DemoCertificate.IMPLANT.toLocalDate(), needles, seeds, metrics);
    }

    /**
     * The intent the demo plan was made with ({@link DemoPlan#intent}) as the plan screen's intent form (docs/planning-screen.md "The
     * intent form"), so that the plan screen opens the approved plan with it and the verification's supplementary seeds are planned
     * with it: its drawn targets and organ limits, the seed model with the certificate's strength in U on its calibration date and
     * both dates (the form decays it to the implant date, giving the strength the plan was made with), the coplanar template's side.
     */
    static String intentForm(PlanIntent intent, double atCalibrationU) {
        if (!(intent.approach() instanceof Approach.CoplanarTemplate t) || !t.needleDirection().equals(ANTERIOR)) {
            throw new IllegalStateException("the demo plan's approach is no longer a coplanar template from the front: write its side into the intent form");
        }
        ObjectNode form = Json.MAPPER.createObjectNode();
        ArrayNode targets = form.putArray("targets");
        intent.targets().forEach(g -> targets.addObject().put("structure", g.structure()).put("prescriptionGy", g.prescriptionGy()));
        ArrayNode organs = form.putArray("organs");
        intent.organs().forEach(o -> organs.addObject().put("structure", o.structure()).put("kind", formKind(o.kind()))
                .put("doseGy", o.doseGy()).put("volumePct", o.volumePct()).put("needleMarginMm", o.needleMarginMm()));
        form.putObject("seed").put("sourceModelKey", intent.seed().sourceKey()).put("strength", atCalibrationU).put("unit", "U")
                .put("calibrationDate", DemoCertificate.CALIBRATION.toLocalDate().toString())
                .put("implantDate", DemoCertificate.IMPLANT.toLocalDate().toString());
        form.putObject("approach").put("type", "coplanar").put("direction", "anterior").put("holeSpacingMm", t.holeSpacingMm())
                .put("maxLengthMm", t.maxLengthMm());
        return form.toString();
    }

    /** The intent form's spelling of a limit's kind (what {@link OarLimit.Kind#parse} reads). */
    private static String formKind(OarLimit.Kind kind) {
        return switch (kind) {
            case DMAX -> "dmax";
            case D0_1CC -> "d0.1cc";
            case D2CC -> "d2cc";
            case VX -> "vx";
        };
    }

    /** The seeds as implanted: each needle shifted by a random error, each seed by another (σ 1.0 and 0.7 mm). */
    private static List<SeedPose> implanted(Plan plan) {
        Random rnd = new Random(SIMULATION_SEED);
        List<SeedPose> out = new ArrayList<>();
        for (PlannedNeedle n : plan.needles()) {
            Vec3 shift = gaussian(rnd, NEEDLE_SIGMA_MM);
            for (double d : n.seedDistancesFromTipMm()) {
                out.add(new SeedPose(n.needle().pointFromTip(d).plus(shift).plus(gaussian(rnd, SEED_SIGMA_MM)), n.needle().direction(),
                        SeedPose.Arrangement.ISOLATED));
            }
        }
        return out;
    }

    private static Vec3 gaussian(Random rnd, double sigma) {
        return new Vec3(rnd.nextGaussian() * sigma, rnd.nextGaussian() * sigma, rnd.nextGaussian() * sigma);
    }

    /**
     * The registry's record of the demo implant: the approved revision's seeds on its implant date, each seed's activity on that
     * date (the strength every dose used, {@link RevisionStrength#atImplantU}) and the plan's metrics with the structure they
     * are of (the revision's own record of it).
     */
    static ImplantData implantOf(long patientDbId, PlanRevisions.Revision r, String postopStudyUid) {
        PlanContent c = r.content();
        PlanContent.Metrics m = c.metrics();
        ImplantMetrics planned = new ImplantMetrics(m.d90Gy(), m.d100Gy(), m.v100Percent(), m.v150Percent(), null, c.seeds().size(), m.ptvCc());
        double mciPerSeed = new SeedStrength(RevisionStrength.atImplantU(c), SeedStrength.Unit.U).activityMCi();
        return new ImplantData(patientDbId, r.id(), c.implantDate(), c.seeds().size(), mciPerSeed, null, null, null, postopStudyUid, planned,
                m.structure(), null, null);
    }

    private static void recordImplant(Services s, Actor actor, ImplantData implant) {
        new ImplantRepository(s.db()).create(actor, implant);
    }
}

package org.seedplan.server.modelbased;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seedplan.server.modelbased.ModelBasedRuns.row;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.modelbased.MetricUncertainty;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.server.api.Json;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.storage.Actor;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * The model-based dose of a plan revision through the JSON API (on SQLite and PostgreSQL: the subclasses), on the verification fixture's plan: four 6711 seeds
 * in a 20 mm square CTV in a water CT. A run reports progress, ends with the TG-43 vs Dm,m comparison and the DVH bands, is
 * stored with its revision only (a new revision has none; the old one keeps it), audited, cancellable, and refused for
 * another centre's plan. In water the Monte Carlo D90 must agree with TG-43 within 10 % (the engine's normalisation is
 * −3.6 % against the consensus Λ, four seeds shadow each other by under 1 %, docs/model-based-dose.md) plus 3σ.
 */
abstract class ModelBasedApiTest extends ServerPerClass {

    @Test
    void aRunReportsProgressAndItsResultIsStoredWithItsRevisionOnly() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a, VerificationFixture.INTENT_FORM);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        String path = "/api/plans/" + f.planId() + "/revisions/1/model-based";
        assertThat(physicist.get(path).json().get("result").isNull()).as("nothing computed yet").isTrue();
        ApiClient.Answer started = physicist.post(path, "{\"photons\":300000,\"uncertaintyPct\":3}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        List<Double> progress = new ArrayList<>();
        JsonNode run = poll(physicist, started.json().get("id").asText(), progress);
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("done");
        assertThat(progress).as("progress seen while running").isNotEmpty().allMatch(p -> p >= 0 && p <= 1);

        JsonNode r = run.get("result");
        assertThat(r.get("specification").asText()).isEqualTo("Dm,m");
        assertThat(r.get("tg43Label").asText()).isEqualTo("TG-43 (Dw,w)");
        assertThat(r.get("revision").asInt()).isEqualTo(1);
        JsonNode d90 = row(r, "CTV", "D90");
        assertThat(d90.get("sigma").asDouble()).as("1σ of D90").isPositive();
        // the estimated noise bias and its mark (the rule itself: ModelBasedComparisonTest)
        assertThat(d90.get("noiseBias").isNumber() && d90.get("biasAboveSigma").isBoolean()).as(d90.toString()).isTrue();
        // the one wording of report.pdf and the command line (ModelBasedNotes, held there by VerificationReportModelBasedTest)
        assertThat(r.get("uncertaintyNote").asText()).startsWith("± is 1σ of the Monte Carlo statistics only (spread of the run's 10"
                + " independent groups of histories); " + MetricUncertainty.BIAS_NOTE + "; ").contains("estimated noise bias")
                .endsWith("; TG-43 stays the plan of record");
        assertThat(Math.abs(d90.get("modelBased").asDouble() - d90.get("tg43").asDouble()))
                .as("water: Monte Carlo D90 vs TG-43 " + d90).isLessThan(0.10 * d90.get("tg43").asDouble() + 3 * d90.get("sigma").asDouble());
        assertThat(row(r, "CTV", "V100").get("unit").asText()).isEqualTo("%");
        // the CT is water (0 HU, the soft-tissue class) and has no organ of TG-186 Table III: the CTV is the default soft tissue
        JsonNode ctvTissue = r.get("structureTissues").get(0);
        assertThat(ctvTissue.get("structure").asText()).isEqualTo("CTV");
        assertThat(ctvTissue.get("basis").asText()).contains("no Table III organ: default soft tissue");
        assertThat(ctvTissue.get("materials").get(0).get("material").asText()).isEqualTo("mean-male-soft-tissue");
        assertThat(ctvTissue.get("materials").get(0).get("pct").asDouble()).isGreaterThan(95);
        JsonNode dvh = r.get("dvh").get(0);
        assertThat(dvh.get("name").asText()).isEqualTo("CTV");
        assertThat(dvh.get("doseGy")).hasSize(161);
        assertThat(dvh.get("tg43Pct").get(0).asDouble()).isEqualTo(100.0);
        double widest = 0;
        for (JsonNode s : dvh.get("sigmaPct")) {
            widest = Math.max(widest, s.asDouble());
        }
        assertThat(widest).as("the band has a width").isPositive().isLessThan(20);

        JsonNode stored = physicist.get(path).json().get("result");
        assertThat(stored.get("revision").asInt()).isEqualTo(1);
        assertThat(stored.get("computedBy").asText()).isEqualTo(t.usersA.get(Role.PHYSICIST).username());

        PlanRevisions plans = new PlanRevisions(t.db);
        PlanRevisions.Revision first = plans.revision(f.planId(), 1).orElseThrow();
        plans.addRevision(Actor.SYSTEM, f.planId(), first.content(), "seeds moved", t.clock.instant());
        JsonNode second = physicist.get("/api/plans/" + f.planId() + "/revisions/2/model-based").json();
        assertThat(second.get("revision").asInt()).isEqualTo(2);
        assertThat(second.get("result").isNull()).as("revision 1's result never shows beside revision 2").isTrue();
        assertThat(physicist.get(path).json().get("result").get("revision").asInt()).as("revision 1 keeps its own").isEqualTo(1);

        List<String> actions = t.services.audit().forEntity("plan_revision", first.id()).stream().map(AuditEvent::action).toList();
        assertThat(actions).contains("MODEL_BASED_DOSE_START", "MODEL_BASED_DOSE");
        // the run itself under its id: what it was on, who started it, and its headline figures (docs/server.md)
        List<AuditEvent> runRows = t.services.audit().forEntity("model_based_run", started.json().get("id").asText());
        assertThat(runRows).extracting(AuditEvent::action).containsExactly("MODEL_BASED_DOSE_RUN_START", "MODEL_BASED_DOSE_RUN_DONE");
        assertThat(runRows).allSatisfy(e -> assertThat(e.newValue()).contains("plan " + f.planId() + " revision 1 (plan_revision " + first.id() + ")")
                .contains("CT series " + f.planCtSeriesUid()).contains("at most 300000 photons"));
        assertThat(runRows).extracting(AuditEvent::username).containsOnly(t.usersA.get(Role.PHYSICIST).username());
        assertThat(runRows.get(1).newValue()).contains(String.format(java.util.Locale.ROOT, "Dm,m: CTV D90 %.1f ± %.1f Gy (TG-43 %.1f Gy)",
                d90.get("modelBased").asDouble(), d90.get("sigma").asDouble(), d90.get("tg43").asDouble()))
                .contains(r.get("photons").asLong() + " photons");
        // listed by patient (docs/server.md): the run's two rows; another centre's auditor is not told the patient exists
        String ofPatient = "/api/audit?patientId=" + f.patient().id() + "&entity=model_based_run";
        assertThat(ModelBasedRuns.auditRows(t.signedIn(Role.MONITOR, true), ofPatient)).containsExactly(
                started.json().get("id").asText() + " MODEL_BASED_DOSE_RUN_START", started.json().get("id").asText() + " MODEL_BASED_DOSE_RUN_DONE");
        assertThat(runRows).extracting(AuditEvent::patientId).containsOnly(f.patient().id());
        assertThat(t.signedIn(Role.MONITOR, false).get(ofPatient).status()).as("centre B's auditor, A's patient").isEqualTo(404);
        assertThat(t.services.audit().verify().intact()).isTrue();
    }

    /**
     * A Liver drawn on the planning CT that the intent does not list (its only target is the CTV) still takes part in the contour
     * rules (TG-186: contours override the CT): its voxels are liver and the CTV inside it is a target in Liver, both stated. The
     * liver is 200 mm wide, beyond the phantom (the CTV ± 20 mm + 40 mm): only its part inside counts. Before the "mc" session
     * of 2026-12-04 only the intent's organs took part and the CTV was the default soft tissue.
     */
    @Test
    void aDrawnLiverNoOrganOfTheIntentMakesItsVoxelsLiverAndSaysWhy() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a, VerificationFixture.INTENT_FORM);
        StructureSetStore sets = new StructureSetStore(t.db, t.services.audit());
        StructureSetStore.Summary set = sets.ofSeries(f.planCtSeriesUid()).get(0);
        List<Structure> drawn = new ArrayList<>(StructureJson.read(Json.MAPPER.readTree(sets.version(set.id(), set.version()).orElseThrow()
                .contentJson()), "structures"));
        List<Contour> slab = new ArrayList<>();
        for (double z = -14; z <= 14; z += 2) {
            slab.add(new Contour(z, new double[] {-100, 100, 100, -100}, new double[] {-25, -25, 25, 25}));
        }
        drawn.add(new Structure("Liver", StructureType.ORGAN, 0x884400, slab));
        sets.save(Actor.SYSTEM, set.id(), set.version(), "drawn", StructureJson.write(drawn).toString(), t.clock.instant());
        JsonNode r = tissuesOnlyRun(f.planId());
        JsonNode ctv = tissueOf(r, "CTV");
        assertThat(ctv.get("basis").asText()).as(ctv.toString()).isEqualTo("target in Liver (Liver: TG-263 name)");
        assertThat(ctv.get("materials").get(0).get("material").asText()).isEqualTo("liver");
        assertThat(ctv.get("materials").get(0).get("pct").asDouble()).isGreaterThan(95);
        JsonNode liver = tissueOf(r, "Liver");
        assertThat(liver.get("basis").asText()).as(liver.toString()).isEqualTo("organ contour (TG-186 Table III; TG-263 name)");
        // the CT (water, 0 HU: soft tissue by its CT numbers) is liver inside the contour; beyond the CT the phantom is water
        assertThat(liver.get("materials").findValuesAsText("material")).as(liver.toString()).contains("liver")
                .doesNotContain("mean-male-soft-tissue");
        assertThat(r.get("comparison").findValuesAsText("structure")).as("the Liver is no organ of the intent: not compared")
                .doesNotContain("Liver");
        // and the user may give it a composition, as the panel offers every drawn structure (refused before the "mc" session)
        JsonNode given = tissuesOnlyRun(f.planId(), ",\"tissues\":[{\"structure\":\"Liver\",\"material\":\"muscle\"}]");
        assertThat(tissueOf(given, "Liver").get("basis").asText()).isEqualTo("user's override");
        assertThat(tissueOf(given, "CTV").get("materials").get(0).get("material").asText()).as("inside the muscle the user gave")
                .isEqualTo("muscle");
    }

    /** A run of revision 1 of the plan with 2·10⁴ photons, for tests that read only the tissues: its result. */
    private JsonNode tissuesOnlyRun(long planId) throws Exception {
        return tissuesOnlyRun(planId, "");
    }

    /** The same with {@code more} added to the request's JSON object (",\"tissues\":[…]"). */
    private JsonNode tissuesOnlyRun(long planId, String more) throws Exception {
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        ApiClient.Answer started = physicist.post("/api/plans/" + planId + "/revisions/1/model-based", "{\"photons\":20000" + more + "}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode run = poll(physicist, started.json().get("id").asText(), new ArrayList<>());
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("done");
        return run.get("result");
    }

    private static JsonNode tissueOf(JsonNode result, String structure) {
        for (JsonNode x : result.get("structureTissues")) {
            if (x.get("structure").asText().equals(structure)) {
                return x;
            }
        }
        throw new AssertionError("no composition of " + structure + " in " + result.get("structureTissues"));
    }

    @Test
    void aWomansUnassignedSoftTissueIsTg186sMeanFemaleSoftTissue() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a, VerificationFixture.INTENT_FORM);
        PatientRepository patients = new PatientRepository(t.db);
        org.seedplan.storage.registry.Patient p = patients.find(f.patient().id()).orElseThrow();
        PatientData d = p.data();
        patients.update(Actor.SYSTEM, p.id(), p.version(), new PatientData(d.centreId(),
                d.patientId(), d.familyName(), d.givenName(), "F", d.birthDate(), d.diagnosis(), d.stage(), d.tnmT(), d.tnmN(), d.tnmM(),
                d.cnlcStage(), d.bclcStage(), d.childPugh(), d.kps(), d.ecog(), d.priorTreatments(), d.deathDate()), "test: sex F");
        JsonNode r = tissuesOnlyRun(f.planId());
        assertThat(r.get("tissues").asText()).contains("soft tissue no contour assigns: mean-female-soft-tissue");
        assertThat(r.get("structureTissues").get(0).get("materials").get(0).get("material").asText()).isEqualTo("mean-female-soft-tissue");
    }

    @Test
    void theUsersSoftTissueAndCompositionsAreSentWithTheRunStoredWithItsResultAndAudited() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a, VerificationFixture.INTENT_FORM);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        String path = "/api/plans/" + f.planId() + "/revisions/1/model-based";
        // bad choices: a problem naming the field, nothing started
        ApiClient.Answer soft = physicist.post(path, "{\"photons\":20000,\"softTissue\":\"tumour\"}");
        assertThat(soft.status()).isEqualTo(400);
        assertThat(soft.json().get("field").asText()).isEqualTo("softTissue");
        assertThat(soft.json().get("detail").asText()).contains("mean-female-soft-tissue");
        ApiClient.Answer material = physicist.post(path, "{\"photons\":20000,\"tissues\":[{\"structure\":\"CTV\",\"material\":\"Leber\"}]}");
        assertThat(material.status()).isEqualTo(400);
        assertThat(material.json().get("field").asText()).isEqualTo("tissues[0].material");
        ApiClient.Answer structure = physicist.post(path, "{\"photons\":20000,\"tissues\":[{\"structure\":\"Liver\",\"material\":\"liver\"}]}");
        assertThat(structure.status()).isEqualTo(400);
        assertThat(structure.json().get("field").asText()).isEqualTo("tissues[0].structure");
        assertThat(structure.json().get("detail").asText()).contains("no structure 'Liver'").contains("[CTV]");
        ApiClient.Answer twice = physicist.post(path,
                "{\"photons\":20000,\"tissues\":[{\"structure\":\"CTV\",\"material\":\"liver\"},{\"structure\":\"CTV\",\"material\":\"muscle\"}]}");
        assertThat(twice.json().get("field").asText()).isEqualTo("tissues[1].structure");

        // 2·10⁴ photons: only the tissues are read here
        ApiClient.Answer started = physicist.post(path,
                "{\"photons\":20000,\"softTissue\":\"mean-female-soft-tissue\",\"tissues\":[{\"structure\":\"CTV\",\"material\":\"Liver\"}]}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode run = poll(physicist, started.json().get("id").asText(), new ArrayList<>());
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("done");
        JsonNode r = physicist.get(path).json().get("result");
        assertThat(r.get("softTissue").asText()).isEqualTo("mean-female-soft-tissue");
        assertThat(r.get("softTissueBy").asText()).isEqualTo("the user");
        assertThat(r.get("tissueOverrides")).hasSize(1);
        assertThat(r.get("tissueOverrides").get(0).get("structure").asText()).isEqualTo("CTV");
        assertThat(r.get("tissueOverrides").get(0).get("material").asText()).isEqualTo("liver");
        assertThat(r.get("tissueOverrides").get(0).get("by").asText()).isEqualTo("the user");
        assertThat(r.get("tissues").asText()).contains("soft tissue no contour assigns: mean-female-soft-tissue");
        JsonNode ctv = r.get("structureTissues").get(0);
        assertThat(ctv.get("basis").asText()).isEqualTo("user's override");
        assertThat(ctv.get("materials").get(0).get("material").asText()).isEqualTo("liver");
        assertThat(ctv.get("materials").get(0).get("pct").asDouble()).isEqualTo(100.0);
        PlanRevisions.Revision first = new PlanRevisions(t.db).revision(f.planId(), 1).orElseThrow();
        assertThat(t.services.audit().forEntity("plan_revision", first.id())).filteredOn(e -> e.action().equals("MODEL_BASED_DOSE_START"))
                .last().extracting(AuditEvent::newValue).asString()
                .contains("soft tissue mean-female-soft-tissue by the user").contains("CTV liver by the user");

        // without choices: the patient's sex decides, and the result says so
        ApiClient.Answer plain = physicist.post(path, "{\"photons\":20000}");
        JsonNode p = poll(physicist, plain.json().get("id").asText(), new ArrayList<>()).get("result");
        assertThat(p.get("softTissueBy").asText()).startsWith("the patient's recorded sex");
        assertThat(p.get("tissueOverrides")).isEmpty();
    }

    @Test
    void aStructureTheIntentFormDerivesCanBeGivenACompositionAndADensityStoredShownAndAudited() throws Exception {
        // the intent's second target is made in the workstation: CTV + 3 mm, no contours of its own
        VerificationFixture f = VerificationFixture.create(t, w, t.a, "{\"targets\":[{\"structure\":\"CTV\",\"prescriptionGy\":120},"
                + "{\"structure\":\"CTV_3mm\",\"prescriptionGy\":100,\"expandFrom\":\"CTV\",\"marginMm\":3}],"
                + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.76,\"unit\":\"U\"},"
                + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}");
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        String path = "/api/plans/" + f.planId() + "/revisions/1/model-based";
        // a density outside (0, 22.6] g/cm³ or not a number: a problem naming the field, nothing started
        for (String density : List.of("0", "-1.05", "1050", "\"heavy\"")) {
            ApiClient.Answer bad = physicist.post(path, "{\"photons\":20000,\"tissues\":[{\"structure\":\"CTV_3mm\",\"material\":\"muscle\","
                    + "\"densityGPerCm3\":" + density + "}]}");
            assertThat(bad.status()).as(density).isEqualTo(400);
            assertThat(bad.json().get("field").asText()).isEqualTo("tissues[0].densityGPerCm3");
            assertThat(bad.json().get("detail").asText()).contains("22.6");
        }
        ApiClient.Answer unknown = physicist.post(path, "{\"photons\":20000,\"tissues\":[{\"structure\":\"PTV\",\"material\":\"muscle\"}]}");
        assertThat(unknown.json().get("field").asText()).isEqualTo("tissues[0].structure");
        assertThat(unknown.json().get("detail").asText()).as("the derived target is offered").contains("[CTV, CTV_3mm]");

        ApiClient.Answer started = physicist.post(path, "{\"photons\":20000,\"tissues\":[{\"structure\":\"CTV_3mm\",\"material\":\"muscle\","
                + "\"densityGPerCm3\":1.05}]}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode run = poll(physicist, started.json().get("id").asText(), new ArrayList<>());
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("done");
        JsonNode r = physicist.get(path).json().get("result");
        JsonNode given = r.get("tissueOverrides").get(0);
        assertThat(given.get("structure").asText()).isEqualTo("CTV_3mm");
        assertThat(given.get("densityGPerCm3").asDouble()).isEqualTo(1.05);
        JsonNode derived = null;
        for (JsonNode x : r.get("structureTissues")) {
            if (x.get("structure").asText().equals("CTV_3mm")) {
                derived = x;
            }
        }
        assertThat(derived).as(r.get("structureTissues").toString()).isNotNull();
        assertThat(derived.get("basis").asText()).isEqualTo("user's override");
        assertThat(derived.get("materials").get(0).get("material").asText()).isEqualTo("muscle");
        PlanRevisions.Revision first = new PlanRevisions(t.db).revision(f.planId(), 1).orElseThrow();
        assertThat(t.services.audit().forEntity("plan_revision", first.id())).filteredOn(e -> e.action().equals("MODEL_BASED_DOSE_START"))
                .last().extracting(AuditEvent::newValue).asString().contains("CTV_3mm muscle at 1.05 g/cm³ by the user");
    }

    @Test
    void aCancelledRunStopsAndStoresNothing() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a, VerificationFixture.INTENT_FORM);
        ApiClient physician = t.signedIn(Role.PHYSICIAN, true);
        String path = "/api/plans/" + f.planId() + "/revisions/1/model-based";
        ApiClient.Answer started = physician.post(path, "{\"photons\":200000000,\"uncertaintyPct\":0.5,\"specification\":\"dw,m\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        assertThat(ModelBasedRuns.awaitTransport(physician, "/api/model-based/" + id).get("step").asText()).as("the run reached the transport")
                .startsWith("Monte Carlo transport");
        ApiClient.Answer cancel = physician.delete("/api/model-based/" + id, null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        JsonNode run = poll(physician, id, new ArrayList<>());
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("cancelled");
        assertThat(physician.get(path).json().get("result").isNull()).isTrue();
        assertThat(t.services.audit().forEntity("model_based_run", id)).extracting(AuditEvent::action)
                .containsExactly("MODEL_BASED_DOSE_RUN_START", "MODEL_BASED_DOSE_RUN_CANCELLED");
        assertThat(ModelBasedRuns.auditRows(t.signedIn(Role.ADMINISTRATOR, true), "/api/audit?patientId=" + f.patient().id()
                + "&action=MODEL_BASED_DOSE_RUN_CANCELLED")).as("the patient's cancelled runs").containsExactly(id + " MODEL_BASED_DOSE_RUN_CANCELLED");
    }

    @Test
    void anotherCentresPlanIsRefusedAndBadSettingsAreNamed() throws Exception {
        VerificationFixture other = VerificationFixture.create(t, w, t.b, VerificationFixture.INTENT_FORM);
        ApiClient physicistA = t.signedIn(Role.PHYSICIST, true);
        String otherPath = "/api/plans/" + other.planId() + "/revisions/1/model-based";
        assertThat(physicistA.post(otherPath, "{\"photons\":10000}").status()).as("start on centre B's plan").isEqualTo(404);
        assertThat(physicistA.get(otherPath).status()).as("read centre B's result").isEqualTo(404);
        ApiClient.Answer b = t.signedIn(Role.PHYSICIST, false).post(otherPath, "{\"photons\":100000,\"uncertaintyPct\":10}");
        assertThat(b.status()).isEqualTo(202);
        assertThat(physicistA.get("/api/model-based/" + b.json().get("id").asText()).status()).as("centre B's run").isEqualTo(404);
        assertThat(t.signedIn(Role.DATA_ENTRY, false).post(otherPath, "{}").status()).as("a role without EDIT_PLAN").isEqualTo(403);

        VerificationFixture own = VerificationFixture.create(t, w, t.a, VerificationFixture.INTENT_FORM);
        VerificationFixture bare = VerificationFixture.create(t, w, t.a);
        ApiClient.Answer noForm = physicistA.post("/api/plans/" + bare.planId() + "/revisions/1/model-based", "{}");
        assertThat(noForm.status()).as("a revision without the plan screen's intent form").isEqualTo(409);
        assertThat(noForm.json().get("detail").asText()).contains("seedplan plan --model-based");
        ApiClient.Answer bad = physicistA.post("/api/plans/" + own.planId() + "/revisions/1/model-based", "{\"photons\":1e12}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("photons");
        assertThat(bad.json().get("detail").asText()).contains("200000000");
    }

    /** Polls run {@code id} until it ends (ModelBasedRuns.poll). */
    private static JsonNode poll(ApiClient client, String id, List<Double> progress) throws InterruptedException {
        return ModelBasedRuns.poll(client, "/api/model-based/" + id, progress);
    }
}

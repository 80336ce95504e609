package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.outcomes.scales.QlqC30Scoring;
import org.seedplan.outcomes.scales.QlqScale;
import org.seedplan.server.ApiClient;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantMetrics;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.studyvars.StudyTemplate;
import org.seedplan.storage.studyvars.StudyVariableRepository;

/**
 * The follow-up visit form in a real Chromium against the real server on SQLite: a research nurse enters a visit with
 * three target lesions and sees the RECIST 1.1 response and its rule as she types (and the server confirms it on
 * saving); a wrong date is refused at the date field, by the browser and by the server; the 30 QLQ-C30 answers give
 * the scale scores of seedplan-outcomes' QlqC30Scoring. Screenshots forms-visit*.png.
 */
class FollowUpFormsBrowserTest extends BrowserPerClass {

    private final List<Long> lesionIds = new ArrayList<>();

    FollowUpFormsBrowserTest() {
        super(Duration.ofSeconds(30));
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    /** A patient of centre A born 1956-03-14, implanted 2026-10-01, with liver targets 40 and 30 mm and a node of 20 mm short axis. */
    private Patient patientWithThreeTargets(String id) {
        Patient p = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(server.a.id(), id).withName("Zhang", "Wei"));
        p = new PatientRepository(server.db).find(p.id()).orElseThrow();
        long pid = p.id();
        server.db.inTransaction(tx -> tx.update("UPDATE patient SET birth_date = ? WHERE id = ?", LocalDate.of(1956, 3, 14), pid));
        LesionRepository lesions = new LesionRepository(server.db);
        lesionIds.clear();
        lesionIds.add(lesions.create(Actor.SYSTEM, new LesionData(p.id(), "L1", "liver", "S7", false, true, 40.0, null, 30.0)).id());
        lesionIds.add(lesions.create(Actor.SYSTEM, new LesionData(p.id(), "L2", "liver", "S4", false, true, 30.0, null, 22.0)).id());
        lesionIds.add(lesions.create(Actor.SYSTEM, new LesionData(p.id(), "N1", "lymph node", "hilar", true, true, 24.0, 20.0, null)).id());
        new ImplantRepository(server.db).create(Actor.SYSTEM, new ImplantData(p.id(), null, LocalDate.of(2026, 10, 1), 42, 0.6, null, false,
                null, null, ImplantMetrics.NONE, null, ImplantMetrics.NONE, null));
        StudyVariableRepository studies = new StudyVariableRepository(server.db);
        if (studies.studiesOf(server.a.id()).isEmpty()) {
            studies.defineAll(Actor.SYSTEM, studies.createStudy(Actor.SYSTEM, server.a.id(), "HCC-PVTT", "Seeds for HCC with PVTT").id(),
                    StudyTemplate.seedImplant());
        }
        return p;
    }

    private void signInAndOpen(Patient p) {
        chromium.signIn(server.base(), "data_entry_a");
        driver.get(server.base() + "/visit.html?patient=" + p.id());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-field='visitDate']")));
    }

    private WebElement field(String name) {
        return driver.findElement(By.cssSelector("[data-field='" + name + "']"));
    }

    private void type(String name, String text) {
        WebElement e = field(name);
        e.clear();
        e.sendKeys(text);
    }

    /** The message shown under the input of {@code name} (empty when none). */
    private String messageAt(String name) {
        WebElement input = field(name);
        WebElement message = driver.findElement(By.id(input.getAttribute("aria-describedby")));
        return message.isDisplayed() ? message.getText() : "";
    }

    @Test
    void aVisitWithThreeTargetLesionsShowsItsResponseAsItIsTypedAndTheServerConfirmsIt() {
        Patient p = patientWithThreeTargets("A-3001");
        signInAndOpen(p);
        type("visitDate", "2026-11-20");
        type("nrsPain", "3");
        type("measurements." + lesionIds.get(0) + ".longestMm", "25");
        // two targets not yet measured: not evaluable, naming them
        wait.until(d -> d.findElement(By.id("overall-response")).getText().equals("NE"));
        assertThat(driver.findElement(By.id("target-rule")).getText()).isEqualTo("Target lesions — NE: target lesions L2, N1 not measured");
        type("measurements." + lesionIds.get(1) + ".longestMm", "20");
        type("measurements." + lesionIds.get(2) + ".shortAxisMm", "12");
        // 25 + 20 + 12 = 57 mm against a baseline of 40 + 30 + 20 = 90 mm: −36.7 %, at least 30 % below (RECIST 1.1 §4.3.1)
        wait.until(d -> d.findElement(By.id("overall-response")).getText().equals("PR"));
        assertThat(driver.findElement(By.id("target-rule")).getText())
                .isEqualTo("Target lesions — PR: sum of diameters 57 mm is at least 30 % below the baseline 90 mm (−36.7 %)");
        assertThat(driver.findElement(By.id("sum-now")).getText()).isEqualTo("57 mm");
        // the node grows back to 40 mm: 25 + 20 + 40 = 85 mm, still not 20 % above the nadir (90 mm, baseline): SD
        type("measurements." + lesionIds.get(2) + ".shortAxisMm", "40");
        wait.until(d -> d.findElement(By.id("overall-response")).getText().equals("SD"));
        type("measurements." + lesionIds.get(2) + ".shortAxisMm", "12");
        wait.until(d -> d.findElement(By.id("overall-response")).getText().equals("PR"));
        // mRECIST uses the viable diameters, not typed yet for the liver lesions
        driver.findElement(By.cssSelector("input[name='criterion'][value='MRECIST']")).click();
        wait.until(d -> d.findElement(By.id("overall-response")).getText().equals("NE"));
        type("measurements." + lesionIds.get(0) + ".viableMm", "0");
        type("measurements." + lesionIds.get(1) + ".viableMm", "0");
        // no viable tumour in the liver targets, the node below 10 mm? 12 mm: not CR; viable sum 0 + 0 + 12 = 12 mm vs 72 mm: PR
        wait.until(d -> d.findElement(By.id("overall-response")).getText().equals("PR"));
        driver.findElement(By.cssSelector("input[name='criterion'][value='RECIST_1_1']")).click();
        wait.until(d -> d.findElement(By.id("overall-response")).getText().equals("PR"));
        chromium.screenshot("forms-visit");

        driver.findElement(By.id("save")).click();
        wait.until(d -> d.findElement(By.id("save-message")).getText().startsWith("Saved"));
        assertThat(driver.findElement(By.id("save-message")).getText())
                .isEqualTo("Saved the visit of 2026-11-20; the server confirms RECIST 1.1 PR.");
        JsonNode stored = server.signedIn(Role.DATA_ENTRY, true).get("/api/patients/" + p.id() + "/follow-up").json().get("visits").get(0);
        assertThat(stored.get("responses").get("RECIST_1_1").get("overall").asText()).isEqualTo("PR");
        assertThat(stored.get("responses").get("MRECIST").get("overall").asText()).isEqualTo("PR");
        assertThat(stored.get("measurements")).hasSize(3);
        assertThat(stored.get("nrsPain").asInt()).isEqualTo(3);
        chromium.screenshot("forms-visit-saved");

        // the saved visit opens again with what was entered, and an edit is a new version
        driver.navigate().refresh();
        wait.until(d -> d.findElement(By.id("overall-response")).getText().equals("PR"));
        assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("Follow-up visit of 2026-11-20");
        assertThat(field("measurements." + lesionIds.get(2) + ".shortAxisMm").getAttribute("value")).isEqualTo("12");
        type("nrsPain", "4");
        driver.findElement(By.id("save")).click();
        wait.until(d -> d.findElement(By.id("save-message")).getText().startsWith("Saved"));
        JsonNode edited = server.signedIn(Role.DATA_ENTRY, true).get("/api/patients/" + p.id() + "/follow-up").json().get("visits");
        assertThat(edited).hasSize(1);
        assertThat(edited.get(0).get("nrsPain").asInt()).isEqualTo(4);
        assertThat(edited.get(0).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aWrongDateIsRefusedAtTheDateFieldByTheBrowserAndByTheServer() {
        Patient p = patientWithThreeTargets("A-3002");
        signInAndOpen(p);
        type("visitDate", "2026-02-30");
        field("visitDate").sendKeys(Keys.TAB);
        wait.until(d -> !messageAt("visitDate").isEmpty());
        assertThat(messageAt("visitDate")).isEqualTo("2026-02-30 does not exist in the calendar");
        assertThat(field("visitDate").getAttribute("aria-invalid")).isEqualTo("true");
        type("visitDate", "2027-01-15");
        driver.findElement(By.id("save")).click();
        wait.until(d -> !messageAt("visitDate").isEmpty());
        // the server's clock says 2026-12-03
        assertThat(messageAt("visitDate")).isEqualTo("2027-01-15 is in the future (today is 2026-12-03)");
        assertThat(driver.findElement(By.id("save-message")).getText()).isEqualTo("Not saved: 1 field to correct (marked in red).");
        chromium.screenshot("forms-visit-wrong-date");
        type("visitDate", "1950-06-01");
        driver.findElement(By.id("save")).click();
        wait.until(d -> messageAt("visitDate").contains("birth"));
        assertThat(messageAt("visitDate")).isEqualTo("1950-06-01 is before the patient's birth (1956-03-14)");

        // the server checks too, naming the field: the same date sent past the browser is refused at visitDate
        ApiClient api = server.signedIn(Role.DATA_ENTRY, true);
        ApiClient.Answer a = api.post("/api/patients/" + p.id() + "/visit-forms", "{\"visitDate\":\"2027-01-15\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("visitDate");
        assertThat(a.json().get("detail").asText()).isEqualTo("the date of the visit 2027-01-15 is in the future (today is 2026-12-03)");

        // a refusal only the server makes (an analyte given twice) is shown at the field it names
        type("visitDate", "2026-11-20");
        List<WebElement> labInputs = driver.findElements(By.cssSelector("#labs input"));
        labInputs.get(0).sendKeys("AFP");
        labInputs.get(1).sendKeys("95.5");
        labInputs.get(2).sendKeys("ng/mL");
        labInputs.get(3).sendKeys("AFP");
        labInputs.get(4).sendKeys("80");
        labInputs.get(5).sendKeys("ng/mL");
        driver.findElement(By.id("save")).click();
        wait.until(d -> !messageAt("labs.1.name").isEmpty());
        assertThat(messageAt("labs.1.name")).isEqualTo("AFP is given twice at this visit; give each analyte once");
        assertThat(driver.findElement(By.id("save-message")).getText()).isEqualTo("Not saved: the server refused a field (marked in red).");
        assertThat(api.get("/api/patients/" + p.id() + "/follow-up").json().get("visits")).isEmpty();
    }

    @Test
    void theThirtyQlqC30AnswersGiveTheScoringManualsScaleScores() {
        Patient p = patientWithThreeTargets("A-3003");
        signInAndOpen(p);
        type("visitDate", "2026-11-20");
        // a questionnaire with every code used, item 17 left unanswered (DI then missing: its only item)
        int[] answers = {1, 2, 3, 4, 1, 2, 2, 3, 4, 2, 1, 3, 2, 1, 1, 2, 0, 3, 2, 1, 2, 3, 4, 2, 1, 1, 2, 3, 5, 6};
        List<Integer> items = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            int a = answers[i - 1];
            items.add(a == 0 ? null : a);
            if (a != 0) {
                type("qlqC30." + i, Integer.toString(a));
            }
        }
        Map<QlqScale, Double> expected = QlqC30Scoring.score(items);
        wait.until(d -> d.findElement(By.id("score-QL2")).getAttribute("data-score") != null);
        for (QlqScale s : QlqScale.values()) {
            String shown = driver.findElement(By.id("score-" + s.name())).getAttribute("data-score");
            if (expected.get(s) == null) {
                assertThat(shown).as(s.name()).isNull();
            } else {
                // same IEEE-754 operations in the same order in JavaScript and Java: equal to rounding noise only
                assertThat(Double.parseDouble(shown)).as(s.name()).isCloseTo(expected.get(s), within(1e-9));
            }
        }
        // QL2 = (mean(5, 6) − 1)/6·100 = 75 exactly (manual, global health status)
        assertThat(driver.findElement(By.id("score-QL2")).getText()).isEqualTo("75.0");
        assertThat(driver.findElement(By.id("score-SUMMARY")).getAttribute("data-score")).as("summary needs DI").isNull();
        type("qlqC30.17", "9");
        driver.findElement(By.id("save")).click();
        wait.until(d -> !messageAt("qlqC30.17").isEmpty());
        assertThat(messageAt("qlqC30.17")).isEqualTo("1–4");
        type("qlqC30.17", "2");
        wait.until(d -> !d.findElement(By.id("save-message")).isDisplayed());
        Double summary = QlqC30Scoring.summary(QlqC30Scoring.score(withItem(items, 17, 2)));
        wait.until(d -> d.findElement(By.id("score-SUMMARY")).getAttribute("data-score") != null);
        assertThat(Double.parseDouble(driver.findElement(By.id("score-SUMMARY")).getAttribute("data-score"))).isCloseTo(summary, within(1e-9));
        chromium.screenshot("forms-qlq");
        driver.findElement(By.id("save")).click();
        wait.until(d -> d.findElement(By.id("save-message")).getText().startsWith("Saved"));
        JsonNode stored = server.signedIn(Role.DATA_ENTRY, true).get("/api/patients/" + p.id() + "/follow-up").json().get("visits").get(0);
        assertThat(stored.get("qlqC30Scores").get("SUMMARY").asDouble()).isCloseTo(summary, within(1e-9));
    }

    @Test
    void theFollowUpPageRecordsEventsWithPartialDatesASessionLogAndStudyVariablesRefusingAtTheField() throws Exception {
        Patient p = patientWithThreeTargets("A-3004");
        StudyVariableRepository studies = new StudyVariableRepository(server.db);
        long study = studies.studiesOf(server.a.id()).get(0).id();
        if (studies.variablesOf(study).stream().noneMatch(v -> v.definition().name().equals("tace_date"))) {
            studies.define(Actor.SYSTEM, study, new org.seedplan.storage.studyvars.VariableDefinition("tace_date", "Date of a TACE session",
                    org.seedplan.storage.studyvars.ValueType.DATE, null, null, null, List.of(),
                    org.seedplan.storage.studyvars.RecordLevel.PATIENT, true));
        }
        chromium.signIn(server.base(), "data_entry_a");
        driver.get(server.base() + "/patient.html?id=" + p.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("open-follow-up"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ae-form [data-field='grade']")));

        WebElement ae = driver.findElement(By.id("ae-form"));
        ae.findElement(By.cssSelector("[data-field='onsetDate']")).sendKeys("2026-10");
        ae.findElement(By.cssSelector("[data-field='term']")).sendKeys("Pneumothorax");
        ae.findElement(By.cssSelector("[data-field='grade']")).sendKeys("7");
        ae.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(d -> !messageAt("grade").isEmpty());
        assertThat(messageAt("grade")).isEqualTo("Grade is a whole number 1–5");
        field("grade").clear();
        field("grade").sendKeys("2");
        ae.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(d -> d.findElement(By.id("events")).getText().contains("Pneumothorax"));
        assertThat(driver.findElement(By.cssSelector("#events tbody")).getText()).contains("2026-10 (month)", "CTCAE v5.0");
        assertThat(server.signedIn(Role.DATA_ENTRY, true).get("/api/patients/" + p.id() + "/follow-up").json().get("adverseEvents").get(0)
                .get("onsetDate").asText()).isEqualTo("2026-10");

        // a progression before the implant (2026-10-01) is refused at its date
        WebElement progression = driver.findElement(By.id("progression-form"));
        progression.findElement(By.cssSelector("[data-field='date']")).sendKeys("2026-09-15");
        progression.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(d -> !messageAt("date").isEmpty());
        assertThat(messageAt("date")).isEqualTo("2026-09-15 is before the implant (2026-10-01)");

        // a session log: two channels for 50 minutes
        WebElement session = driver.findElement(By.id("hyperthermia-form"));
        session.findElement(By.cssSelector("[data-field='start']")).sendKeys("2026-10-02T09:00");
        session.findElement(By.cssSelector("[data-field='file']")).sendKeys(org.seedplan.server.forms.FormFixtures.thermometryLog(server.folder("thermometry")).toString());
        session.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(d -> d.findElement(By.id("hyperthermia")).findElements(By.cssSelector("tbody tr")).size() == 1);
        assertThat(driver.findElement(By.cssSelector("#hyperthermia tbody")).getText()).contains("2026-10-02 09:00", "50 min");

        // the patient-level study variables of the centre's study
        new org.openqa.selenium.support.ui.Select(field("study.pvtt")).selectByVisibleText("Vp3");
        field("study.afp_baseline").sendKeys("2000000");
        driver.findElement(By.cssSelector("#study-form button[type='submit']")).click();
        wait.until(d -> !messageAt("study.afp_baseline").isEmpty());
        assertThat(messageAt("study.afp_baseline")).isEqualTo("AFP before the implant: 2000000 is outside 0–1000000 ng/mL");
        field("study.afp_baseline").clear();
        field("study.afp_baseline").sendKeys("412.5");
        field("study.diagnosis_date").sendKeys("2025-11");
        field("study.tace_date").sendKeys("2025-12");
        driver.findElement(By.cssSelector("#study-form button[type='submit']")).click();
        wait.until(d -> d.findElement(By.cssSelector("#study-form .message")).getText().equals("Saved."));
        WebElement lesionForm = driver.findElement(By.id("study-lesion-" + lesionIds.get(0)));
        new org.openqa.selenium.support.ui.Select(lesionForm.findElement(By.cssSelector("[data-field='study.boundary']"))).selectByVisibleText("Clear");
        lesionForm.findElement(By.cssSelector("[data-field='study.tumour_volume']")).sendKeys("33.4");
        lesionForm.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(d -> d.findElement(By.id("study-lesion-" + lesionIds.get(0))).findElement(By.cssSelector(".message")).getText().equals("Saved."));
        JsonNode values = server.signedIn(Role.DATA_ENTRY, true).get("/api/patients/" + p.id() + "/study-values").json();
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.get("value").asText()));
        assertThat(texts).containsExactlyInAnyOrder("Vp3", "412.5", "2025-11", "2025-12", "Clear", "33.4");
        // the repeated variable offers its next instance once the page is opened again
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-field='study.tace_date_2']")));
        assertThat(field("study.tace_date").getAttribute("value")).isEqualTo("2025-12");
        field("study.tace_date_2").sendKeys("2026-03-02");
        driver.findElement(By.cssSelector("#study-form button[type='submit']")).click();
        wait.until(d -> d.findElement(By.cssSelector("#study-form .message")).getText().equals("Saved."));
        JsonNode second = server.signedIn(Role.DATA_ENTRY, true).get("/api/patients/" + p.id() + "/study-values").json();
        List<String> instances = new ArrayList<>();
        second.forEach(v -> instances.add(v.get("instance").asInt() + " " + v.get("value").asText()));
        assertThat(instances).contains("1 2025-12", "2 2026-03-02");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        chromium.screenshot("forms-followup");
    }

    @Test
    void anAdministratorCreatesAStudyFromTheTemplateAndDefinesAVariableRefusedAtTheFieldFirst() {
        chromium.signIn(server.base(), "administrator_b");
        // the header's links are drawn once the page has read the session, which under load comes after the address changed
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Study variables"))).click();
        WebElement create = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-study-" + server.b.id())));
        create.findElement(By.cssSelector("[data-field='code']")).sendKeys("THY-RAI");
        create.findElement(By.cssSelector("[data-field='name']")).sendKeys("Seeds for radioiodine-refractory thyroid cancer");
        create.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(d -> d.findElements(By.cssSelector("tr[data-variable='tg']")).size() == 1);
        assertThat(driver.findElements(By.cssSelector("tr[data-variable]"))).hasSize(StudyTemplate.seedImplant().size());

        WebElement define = driver.findElement(By.cssSelector("form[data-study='THY-RAI']"));
        define.findElement(By.cssSelector("[data-field='name']")).sendKeys("tg_group");
        define.findElement(By.cssSelector("[data-field='label']")).sendKeys("Tg group");
        new org.openqa.selenium.support.ui.Select(define.findElement(By.cssSelector("[data-field='type']"))).selectByVisibleText("category");
        define.findElement(By.cssSelector("[data-field='levels']")).sendKeys("<10");
        define.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(d -> !messageAt("levels").isEmpty());
        assertThat(messageAt("levels")).isEqualTo("Study variable tg_group: a category needs at least two distinct, non-empty levels");
        field("levels").sendKeys(" | ≥10");
        driver.findElement(By.cssSelector("form[data-study='THY-RAI'] button[type='submit']")).click();
        wait.until(d -> d.findElements(By.cssSelector("tr[data-variable='tg_group']")).size() == 1);
        assertThat(driver.findElement(By.cssSelector("tr[data-variable='tg_group']")).getText()).contains("Tg group", "<10 · ≥10");
        chromium.screenshot("forms-studies");
    }

    private static List<Integer> withItem(List<Integer> items, int item, int answer) {
        List<Integer> out = new ArrayList<>(items);
        out.set(item - 1, answer);
        return out;
    }
}

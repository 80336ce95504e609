package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The plan screen opens with the intent of the patient's approved plan (the walk-through found the demo's approved plan opened
 * with the form's defaults: SpinalCord D2cc ≤ 60 Gy for the plan's Dmax ≤ 45 Gy, and today as calibration and implant date), and,
 * for a patient without a plan, with the seed dates empty and required rather than today.
 */
class PlanStoredIntentBrowserTest extends BrowserPerClass {

    /**
     * The approved plan's intent: GTV 140 Gy, CTV = GTV + 5 mm to 120 Gy, stomach D2cc ≤ 60 Gy keeping 5 mm, cord Dmax ≤ 45 Gy keeping
     * 4 mm (not the form's 5 mm default, so a default cannot pass for it), stomach V(100 Gy) ≤ 10 % (a limit whose volume share the
     * form once dropped, sending 0 %), 0.82 U calibrated 2025-02-24 for an implant on 2025-03-03.
     */
    private static final String FORM = "{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":140},"
            + "{\"structure\":\"CTV\",\"expandFrom\":\"GTV\",\"marginMm\":5,\"prescriptionGy\":120}],"
            + "\"organs\":[{\"structure\":\"Stomach\",\"kind\":\"d2cc\",\"doseGy\":60,\"volumePct\":0,\"needleMarginMm\":5},"
            + "{\"structure\":\"SpinalCord\",\"kind\":\"dmax\",\"doseGy\":45,\"needleMarginMm\":4},"
            + "{\"structure\":\"Stomach\",\"kind\":\"vx\",\"doseGy\":100,\"volumePct\":10,\"needleMarginMm\":5}],"
            + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.82,\"unit\":\"U\",\"calibrationDate\":\"2025-02-24\",\"implantDate\":\"2025-03-03\"},"
            + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}";

    private Patient planned;
    private Patient unplanned;

    PlanStoredIntentBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        PatientRepository patients = new PatientRepository(server.db);
        planned = patients.create(Actor.SYSTEM, PatientData.of(server.a.id(), "DEMO-0001").withName("Demo", "Liver"));
        // the same demo images, unplanned, in the other centre (a patient ID is one patient within a centre)
        unplanned = patients.create(Actor.SYSTEM, PatientData.of(server.b.id(), "DEMO-0001").withName("Demo", "Unplanned"));
        DicomStore store = DicomStore.open(server.db);
        store.importForPatient(Actor.SYSTEM, planned.id(), PlanScreenBrowserTest.writeDemo(server.folder("stored-intent")), ImportLimits.DEFAULT);
        store.importForPatient(Actor.SYSTEM, unplanned.id(), PlanScreenBrowserTest.writeDemo(server.folder("no-intent")), ImportLimits.DEFAULT);
        var physicist = server.usersA.get(Role.PHYSICIST);
        PlanRevisions plans = new PlanRevisions(server.db);
        PlanContent content = new PlanContent(FORM, "1.2.826.0.1.3680043.2.1125.8", 140.0, "amersham6711", 0.82, LocalDate.of(2025, 2, 24),
                LocalDate.of(2025, 3, 3), List.of(), List.of(new PlanContent.PlannedSeed(new Vec3(0, 0, 0), -1)),
                new PlanContent.Metrics("GTV", 150.1, 101.2, 97.4, 52.0, 21.3, 6.2));
        PlanRevisions.Revision r = plans.createPlan(Actor.SYSTEM, planned.id(), "Liver S7", content, server.clock.instant());
        plans.approve(new Actor(physicist.id(), physicist.username(), Role.PHYSICIST, server.a.id(), null), r.planId(), 1,
                physicist.displayName(), server.clock.instant());
    }

    /** Signs {@code user} in afresh and opens the plan screen of {@code patient}, returning when its intent form is filled. */
    private void openPlanScreen(String user, Patient patient) {
        driver.manage().deleteAllCookies();
        chromium.signIn(server.base(), user);
        driver.get(server.base() + "/plan.html?patient=" + patient.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#target-rows .target-row")));
    }

    private String field(String css) {
        return driver.findElement(By.cssSelector("#intent-form " + css)).getAttribute("value");
    }

    @Test
    void theApprovedPlansIntentFillsTheForm() {
        openPlanScreen("physicist_a", planned);
        assertThat(driver.findElement(By.id("intent-source")).getText()).isEqualTo("The intent of plan “Liver S7”, revision 1 (approved)");
        List<WebElement> targets = driver.findElements(By.cssSelector("#target-rows .target-row"));
        assertThat(targets).hasSize(2);
        assertThat(targets.get(1).findElement(By.name("name")).getAttribute("value")).isEqualTo("CTV");
        assertThat(targets.get(1).findElement(By.name("rx")).getAttribute("value")).isEqualTo("120");
        assertThat(new Select(targets.get(1).findElement(By.name("from"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("GTV");
        assertThat(targets.get(0).findElement(By.name("rx")).getAttribute("value")).isEqualTo("140");
        List<WebElement> organs = driver.findElements(By.cssSelector("#organ-rows .organ-row"));
        assertThat(organs).extracting(o -> new Select(o.findElement(By.name("name"))).getFirstSelectedOption().getAttribute("value") + " "
                + new Select(o.findElement(By.name("kind"))).getFirstSelectedOption().getAttribute("value") + " "
                + o.findElement(By.name("dose")).getAttribute("value") + " Gy, keep " + o.findElement(By.name("margin")).getAttribute("value") + " mm")
                .containsExactly("Stomach d2cc 60 Gy, keep 5 mm", "SpinalCord dmax 45 Gy, keep 4 mm", "Stomach vx 100 Gy, keep 5 mm");
        assertThat(organs).extracting(o -> o.findElement(By.name("volume")).isDisplayed()).containsExactly(false, false, true);
        assertThat(organs.get(2).findElement(By.name("volume")).getAttribute("value")).isEqualTo("10");
        // a D2cc limit's stored 0 % is no volume share: switched to V(dose), the row asks for one instead of keeping 0 %
        assertThat(organs.get(0).findElement(By.name("volume")).getAttribute("value")).isEmpty();
        assertThat(driver.executeScript("return JSON.stringify(window.seedplanPlan.form.read().organs[2])"))
                .isEqualTo("{\"structure\":\"Stomach\",\"kind\":\"vx\",\"doseGy\":100,\"volumePct\":10,\"needleMarginMm\":5}");
        assertThat(field("[name=calibrationDate]")).isEqualTo("2025-02-24");
        assertThat(field("[name=implantDate]")).isEqualTo("2025-03-03");
        assertThat(field("[name=strength]")).isEqualTo("0.82");
        assertThat(field("[name=unit]")).isEqualTo("U");
        assertThat(field("[name=direction]")).isEqualTo("anterior");
        // what the screen would send is the stored form, field for field
        assertThat(driver.executeScript("return JSON.stringify(window.seedplanPlan.form.read().seed)"))
                .isEqualTo("{\"sourceModelKey\":\"amersham6711\",\"strength\":0.82,\"unit\":\"U\",\"calibrationDate\":\"2025-02-24\",\"implantDate\":\"2025-03-03\"}");
    }

    @Test
    void withoutAPlanTheSeedDatesAreEmptyAndRequired() {
        openPlanScreen("physicist_b", unplanned);
        assertThat(driver.findElement(By.id("intent-source")).getText()).isEqualTo("No plan yet: a new intent");
        assertThat(field("[name=calibrationDate]")).isEmpty();
        assertThat(field("[name=implantDate]")).isEmpty();
        assertThat(driver.findElement(By.cssSelector("#intent-form [name=calibrationDate]")).getAttribute("required")).isNotNull();
        driver.findElement(By.id("optimise")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText())
                .isEqualTo("Seeds: give the calibration date (the certificate's) and the implant date: the strength is decayed from one to the other");
    }
}

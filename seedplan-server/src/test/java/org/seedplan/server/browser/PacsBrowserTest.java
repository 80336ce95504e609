package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.server.World;
import org.seedplan.server.dicom.PacsFixture;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;

/**
 * The patient page's PACS actions in a real Chromium against the real server and a real PACS (Orthanc, started by
 * the test): "Send to PACS" beside an approved plan puts its RT Plan into Orthanc (checked through Orthanc's REST
 * API) and the plan shows as locked; "Fetch from PACS…" lists the studies Orthanc holds under the patient's ID and
 * fetches one, which the patient page then lists. Screenshots: pacs-send, pacs-fetch, pacs-fetched.
 */
class PacsBrowserTest extends BrowserPerClass {

    private PacsFixture pacs;
    private World world;

    PacsBrowserTest() {
        super(Duration.ofSeconds(30));
    }

    @BeforeAll
    void start() throws Exception {
        pacs = PacsFixture.orthanc();
        world = new World(server);
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
        driver.get(server.base() + "/");
        driver.manage().deleteAllCookies();
    }

    private void signInAndOpen(String username, long patientDbId) {
        chromium.signIn(server.base(), username);
        driver.get(server.base() + "/patient.html?id=" + patientDbId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("content")));
    }

    @Test
    void approvedPlanIsSentToThePacsAndArrivesThere() throws Exception {
        PlanRevisions.Revision plan = world.approvedPlan(server.a, true);
        PacsFixture.peer(server.db, server.a.id());
        String patientId = server.db.read(tx -> tx.one("SELECT patient_id FROM patient WHERE id = ?", r -> r.string("patient_id"),
                plan.patientDbId())).orElseThrow();
        signInAndOpen("physicist_a", plan.patientDbId());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.send-pacs[data-plan='" + plan.planId() + "']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("pacs-act"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pacs-message"), "Sent to"));
        chromium.screenshot("pacs-send");
        String found = pacs.post("/tools/find", "{\"Level\":\"Series\",\"Query\":{\"PatientID\":\"" + patientId + "\",\"Modality\":\"RTPLAN\"}}").body();
        assertThat(found).as("Orthanc's series of modality RTPLAN for patient " + patientId).matches("(?s)\\[\\s*\"[0-9a-f-]+\"\\s*\\]");
        driver.findElement(By.id("pacs-close")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#plans tbody"), "LOCKED"));
    }

    @Test
    void studyOfThePatientIsFoundInThePacsFetchedAndListedOnThePatientPage() throws Exception {
        Patient p = world.patient(server.a);
        String study = pacs.holdStudyOf(p.patientId());
        PacsFixture.peer(server.db, server.a.id());
        signInAndOpen("physician_a", p.id());
        assertThat(driver.findElement(By.id("studies")).getText()).doesNotContain(study);
        driver.findElement(By.id("pacs-fetch-open")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("pacs-act"))).click();
        WebElement fetch = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.fetch-study[data-study='" + study + "']")));
        chromium.screenshot("pacs-fetch");
        fetch.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pacs-message"), "added to the record"));
        assertThat(driver.findElement(By.id("pacs-message")).getText()).startsWith("4 images in 2 series");
        driver.findElement(By.id("pacs-close")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("studies"), study));
        chromium.screenshot("pacs-fetched");
    }
}

package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * Edit of a lesion on the patient page, in Chromium: the lesion form opens filled with the stored values, a change is saved
 * at the version the page read (PUT /api/lesions/{id}) and shown in the table, and its audit row (field, before, after, reason,
 * who) is listed for the patient to the centre's monitor; a refusal of the server stands under the field it names; a change
 * someone else saved first (409) is said with a reload, and nothing of the stale change is stored. A role without
 * EDIT_REGISTRY is not offered Edit, and the server refuses the same change forged from its signed-in browser with the
 * session's CSRF token (403), as it refuses an editor of another centre (404, as for a lesion that does not exist).
 */
class LesionEditBrowserTest extends BrowserPerClass {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Patient patient;
    private LesionRecord lesion;
    private LesionFormPage form;

    LesionEditBrowserTest() {
        super(Duration.ofSeconds(30));
    }

    /** A fresh patient (born 1960-01-31) of centre A with one target lesion L1, 30 mm, stored by A's data entry. */
    @BeforeEach
    void aPatientWithALesion() {
        form = new LesionFormPage(driver);
        Actor dataEntry = new Actor(server.usersA.get(Role.DATA_ENTRY).id(), "data_entry_a", Role.DATA_ENTRY, server.a.id(), null);
        patient = new PatientRepository(server.db).create(dataEntry, new PatientData(server.a.id(), "A-EDIT-" + System.nanoTime(),
                "Edit", "Test", null, LocalDate.of(1960, 1, 31), null, null, null, null, null, null, null, null, null, null, null, null));
        lesion = new LesionRepository(server.db).create(dataEntry, new LesionData(patient.id(), "L1", "liver", "segment VII", false, true,
                30.0, null, null, LocalDate.of(2026, 11, 20)));
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    private void openEditAs(String username) {
        chromium.signIn(server.base(), username);
        driver.get(server.base() + "/patient.html?id=" + patient.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#lesions .edit-lesion"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lesion-form")));
    }

    private LesionRecord stored() {
        return new LesionRepository(server.db).find(lesion.id()).orElseThrow();
    }

    @Test
    void anEditorChangesALesionSeesTheNewValueAndTheMonitorSeesItsAuditRow() throws Exception {
        openEditAs("data_entry_a");
        assertThat(driver.findElement(By.id("lesion-form-title")).getText()).isEqualTo("Edit lesion L1");
        assertThat(form.field("label").getAttribute("value")).isEqualTo("L1");
        assertThat(form.field("organ").getAttribute("value")).isEqualTo("liver");
        assertThat(form.field("site").getAttribute("value")).isEqualTo("segment VII");
        assertThat(form.field("target").getAttribute("value")).isEqualTo("true");
        assertThat(form.field("baselineLongestMm").getAttribute("value")).isEqualTo("30");
        assertThat(form.field("baselineDate").getAttribute("value")).isEqualTo("2026-11-20");
        assertThat(driver.findElement(By.id("add-lesion")).isEnabled()).as("Add lesion while editing").isFalse();
        // the row being edited is marked: tinted (the exact colour of app.css's tr.editing, also under the mouse) and
        // aria-current; the Edit column has a header a screen reader names it by (was empty)
        WebElement row = driver.findElement(By.cssSelector("#lesions tbody tr"));
        assertThat(row.getAttribute("class")).contains("editing");
        assertThat(row.getAttribute("aria-current")).isEqualTo("true");
        assertThat(row.findElement(By.cssSelector("td")).getCssValue("background-color")).isEqualTo("rgba(253, 241, 199, 1)");
        List<WebElement> heads = driver.findElements(By.cssSelector("#lesions thead th"));
        assertThat(heads.get(heads.size() - 1).getText()).isEqualTo("Edit");
        assertThat(heads).allSatisfy(th -> assertThat(th.getText()).as("a header's text").isNotBlank());
        driver.findElement(By.id("lesion-cancel")).click();
        assertThat(row.getAttribute("class")).as("after Cancel").doesNotContain("editing");
        assertThat(row.getAttribute("aria-current")).isNull();
        driver.findElement(By.cssSelector("#lesions .edit-lesion")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lesion-form")));

        // a refusal only the server makes (the date before the patient's birth) stands under the date
        form.type("baselineDate", "1959-12-01");
        driver.findElement(By.id("lesion-save")).click();
        wait.until(d -> !form.messageAt("baselineDate").isEmpty());
        assertThat(form.messageAt("baselineDate")).contains("before the patient's birth (1960-01-31)");
        assertThat(stored().version()).as("nothing stored").isEqualTo(1);

        form.type("baselineDate", "2026-11-20");
        form.type("baselineLongestMm", "27");
        form.type("reason", "re-measured on the portal venous phase");
        chromium.screenshot("patient-edit-lesion");
        driver.findElement(By.id("lesion-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#lesions tbody tr"), "27 mm"));
        assertThat(stored().version()).isEqualTo(2);
        assertThat(stored().data().baselineLongestMm()).isEqualTo(27.0);
        assertThat(driver.findElement(By.cssSelector("#lesions tbody tr")).getText()).contains("L1", "liver", "27 mm", "2026-11-20");
        bench.checkConsoleAndSignOut();

        // the centre's monitor lists the change among the patient's audit rows
        chromium.signIn(server.base(), "monitor_a");
        JsonNode rows = JSON.readTree(chromium.fetch("GET", "/api/audit?patientId=" + patient.id() + "&entity=lesion&action=UPDATE", null).body());
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("entityId").asText()).isEqualTo(Long.toString(lesion.id()));
            assertThat(r.get("field").asText()).isEqualTo("baseline_longest_mm");
            assertThat(r.get("oldValue").asText()).isEqualTo("30");
            assertThat(r.get("newValue").asText()).isEqualTo("27");
            assertThat(r.get("reason").asText()).isEqualTo("re-measured on the portal venous phase");
            assertThat(r.get("username").asText()).isEqualTo("data_entry_a");
            assertThat(r.get("centreId").asLong()).isEqualTo(server.a.id());
        });
    }

    @Test
    void aChangeSavedByOthersFirstIsSaidWithAReloadAndTheStaleOneIsNotStored() {
        openEditAs("physician_a");
        // another user changes the lesion after this page read it
        Actor other = new Actor(server.usersA.get(Role.PHYSICIST).id(), "physicist_a", Role.PHYSICIST, server.a.id(), null);
        new LesionRepository(server.db).update(other, lesion.id(), 1, new LesionData(patient.id(), "L1", "liver", "segment VIII", false, true,
                31.0, null, null, LocalDate.of(2026, 11, 20)), "segment corrected");
        form.type("baselineLongestMm", "25");
        driver.findElement(By.id("lesion-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lesion-reload")));
        assertThat(driver.findElement(By.id("lesion-message")).getText())
                .isEqualTo("Lesion L1 was changed by someone else after this page was loaded, so your change was not saved."
                        + " Reload the page to see the stored values, then make your change again.");
        chromium.screenshot("patient-edit-lesion-stale");
        assertThat(stored().version()).isEqualTo(2);
        assertThat(stored().data().baselineLongestMm()).as("the other user's value kept").isEqualTo(31.0);
        driver.findElement(By.id("lesion-reload")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#lesions tbody tr"), "segment VIII"));
    }

    @Test
    void aMonitorIsNotOfferedEditAndAForgedChangeIsRefusedAsIsAnotherCentresEditor() {
        String change = "{\"version\":1,\"label\":\"L1\",\"baselineLongestMm\":12}";
        chromium.signIn(server.base(), "monitor_a");
        driver.get(server.base() + "/patient.html?id=" + patient.id());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#lesions tbody tr")));
        List<WebElement> edits = driver.findElements(By.cssSelector("#lesions .edit-lesion"));
        assertThat(edits).as("Edit buttons in the table").isNotEmpty().noneMatch(WebElement::isDisplayed);
        assertThat(driver.findElements(By.cssSelector("#lesions thead th")).stream().filter(WebElement::isDisplayed).count())
                .as("shown headers, one per shown cell").isEqualTo(driver.findElements(By.cssSelector("#lesions tbody tr td")).stream()
                        .filter(WebElement::isDisplayed).count());
        assertThat(chromium.fetch("PUT", "/api/lesions/" + lesion.id(), change).status()).as("monitor's forged PUT").isEqualTo(403);
        bench.checkConsoleAndSignOut();

        chromium.signIn(server.base(), "data_entry_b");
        Chromium.Answer fromB = chromium.fetch("PUT", "/api/lesions/" + lesion.id(), change);
        assertThat(fromB.status()).as("centre B's data entry: " + fromB.body()).isEqualTo(404);
        assertThat(chromium.fetch("PUT", "/api/lesions/987654321", change).status()).as("a lesion that exists nowhere").isEqualTo(404);
        assertThat(stored().version()).as("unchanged").isEqualTo(1);
        assertThat(stored().data().baselineLongestMm()).isEqualTo(30.0);
    }

}

package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.storage.Actor;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * In a Chromium whose language is American English (where an {@code <input type=date>} shows and takes mm/dd/yyyy): the
 * patient page's "Add lesion" takes the baseline date as the application writes dates everywhere, yyyy-mm-dd; an American
 * or impossible date gets a message at the field and nothing is stored; the lesion is saved through the API and shown with
 * its ISO date. No page or script of the workstation uses the browser's locale date input at all.
 */
class LesionAndIsoDateBrowserTest extends BrowserPerClass {

    private Patient patient;
    private LesionFormPage form;

    LesionAndIsoDateBrowserTest() {
        super(Duration.ofSeconds(30), "en-US");
    }

    @BeforeAll
    void aPatient() {
        form = new LesionFormPage(driver);
        patient = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(server.a.id(), "A-LESION").withName("Lesion", "Test"));
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    @Test
    void aLesionIsAddedWithItsBaselineDateTypedInIsoOrderInAnAmericanBrowser() {
        assertThat(driver.executeScript("return navigator.language")).as("the browser's language").isEqualTo("en-US");
        chromium.signIn(server.base(), "data_entry_a");
        driver.get(server.base() + "/patient.html?id=" + patient.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-lesion"))).click();
        assertThat(form.field("label").getAttribute("value")).as("the next free label").isEqualTo("L1");
        assertThat(driver.findElements(By.cssSelector("input[type=date]"))).as("locale date inputs on the page").isEmpty();
        form.type("organ", "liver");
        form.type("site", "segment VII");
        form.type("baselineLongestMm", "38.4");

        form.type("baselineDate", "11/20/2026");
        driver.findElement(By.id("lesion-save")).click();
        wait.until(d -> !form.messageAt("baselineDate").isEmpty());
        assertThat(form.messageAt("baselineDate")).isEqualTo("“11/20/2026” is not a date; type yyyy-mm-dd, e.g. 2026-04-01");
        form.type("baselineDate", "2026-02-30");
        driver.findElement(By.id("lesion-save")).click();
        wait.until(d -> form.messageAt("baselineDate").contains("calendar"));
        assertThat(form.messageAt("baselineDate")).isEqualTo("2026-02-30 does not exist in the calendar");
        assertThat(new LesionRepository(server.db).ofPatient(patient.id())).as("nothing stored yet").isEmpty();
        chromium.screenshot("patient-add-lesion-bad-date");

        form.type("baselineDate", "2026-11-20");
        driver.findElement(By.id("lesion-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#lesions tbody tr")));
        List<LesionRecord> stored = new LesionRepository(server.db).ofPatient(patient.id());
        assertThat(stored).singleElement().satisfies(l -> {
            assertThat(l.data().label()).isEqualTo("L1");
            assertThat(l.data().baselineLongestMm()).isEqualTo(38.4);
            assertThat(l.data().baselineDate()).hasToString("2026-11-20");
            assertThat(l.data().target()).isTrue();
        });
        assertThat(driver.findElement(By.cssSelector("#lesions tbody tr")).getText()).contains("L1", "liver", "segment VII", "2026-11-20");
        chromium.screenshot("patient-lesion-added");
    }

    @Test
    void aRefusalOfTheServerIsShownAtTheFieldItNames() {
        chromium.signIn(server.base(), "data_entry_a");
        driver.get(server.base() + "/patient.html?id=" + patient.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-lesion"))).click();
        // the browser's today may run ahead of the server's clock (TestServer: 2026-12-03): a date between them passes here,
        // is refused by the server as in the future, and the refusal lands under the date
        form.type("organ", "lung");
        form.type("baselineLongestMm", "22");
        form.type("baselineDate", "2026-12-04");
        driver.findElement(By.id("lesion-save")).click();
        wait.until(d -> !form.messageAt("baselineDate").isEmpty());
        assertThat(form.messageAt("baselineDate")).contains("2026-12-04 is in the future (today is 2026-12-03)");
    }

    @Test
    void noScreenUsesTheBrowsersLocaleDateInput() throws IOException {
        Pattern dateInput = Pattern.compile("type\\s*[=:]\\s*[\"']date[\"']");
        try (Stream<Path> files = Files.walk(webRoot())) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".js"))
                    .filter(f -> dateInput.matcher(read(f)).find()).map(f -> webRoot().relativize(f).toString()).toList();
            assertThat(offenders).as("pages and scripts with an <input type=date>").isEmpty();
        }
    }

    private static Path webRoot() {
        try {
            return Path.of(LesionAndIsoDateBrowserTest.class.getResource("/web/index.html").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

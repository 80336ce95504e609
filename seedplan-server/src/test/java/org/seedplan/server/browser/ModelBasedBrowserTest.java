package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.server.ScratchFolder;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The model-based dose on the plan screen in a real Chromium: plan the demo patient (CTV = GTV + 5 mm, 120 Gy), save the
 * draft, run "Model-based dose (TG-186)" with 10⁴ photons (the request's lower bound, so the run takes seconds), and find the
 * comparison with its columns labelled TG-43 (Dw,w) and Dm,m ± 1σ, a CTV D90 row, and the DVH with the band drawn; saving a
 * second revision clears the panel (revision 1's result never shows beside revision 2). Screenshot model-based.png.
 */
class ModelBasedBrowserTest extends BrowserPerClass {

    /** The demo study's files, written from the instance's construction on, while the server and the browser start. */
    private final CompletableFuture<List<Path>> demoFiles = CompletableFuture.supplyAsync(() -> {
        try {
            return PlanScreenBrowserTest.writeDemo(Files.createTempDirectory("mb-demo"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }, task -> new Thread(task, "mb-demo-files").start());
    private Patient patient;

    ModelBasedBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        patient = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(server.a.id(), "DEMO-0001").withName("Demo", "Liver"));
        List<Path> files = demoFiles.join();
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(), files, ImportLimits.DEFAULT);
        ScratchFolder.delete(files.get(0).getParent());
    }

    @Test
    void theModelBasedDoseOfTheSavedRevisionIsShownLabelledBesideTg43() throws Exception {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/plan.html?patient=" + patient.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#target-rows .target-row")));
        WebElement target = driver.findElement(By.cssSelector("#target-rows .target-row"));
        WebElement name = target.findElement(By.name("name"));
        name.clear();
        name.sendKeys("CTV");
        new Select(target.findElement(By.name("from"))).selectByValue("GTV");
        // the form requires the seed dates; one day for both: the strength typed is the strength at the implant
        PlanScreen.giveSeedDates(driver, "2026-12-03", "2026-12-03");
        driver.findElement(By.id("optimise")).click();
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(ExpectedConditions.visibilityOfElementLocated(By.id("save-panel")));
        assertThat(driver.findElement(By.id("model-based-panel")).isDisplayed()).as("nothing saved: no model-based dose").isFalse();
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved-line"), "revision 1"));

        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("model-based-panel")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", panel);
        // the CTV is made in the workstation (GTV + margin, no contours of its own): it is offered, and given muscle at 1.05 g/cm³
        Select structure = new Select(driver.findElement(By.id("mb-override-structure")));
        assertThat(structure.getOptions()).extracting(WebElement::getText).contains("GTV", "CTV");
        structure.selectByValue("CTV");
        new Select(driver.findElement(By.id("mb-override-material"))).selectByValue("muscle");
        driver.findElement(By.id("mb-override-density")).sendKeys("1.05");
        driver.findElement(By.id("mb-override-add")).click();
        assertThat(driver.findElement(By.id("mb-overrides")).getText()).contains("CTV: muscle at 1.05 g/cm³");
        ModelBasedPanel.runQuickLook(driver);

        WebElement d90 = driver.findElements(By.cssSelector("#model-based-table tbody tr")).stream()
                .filter(r -> r.getText().startsWith("CTV D90")).findFirst().orElseThrow();
        assertThat(d90.findElements(By.tagName("td")).get(2).getText()).matches("\\d+\\.\\d ± \\d+\\.\\d( \\*)?");
        int marked = ModelBasedPanel.checkBiasMarks(driver, ModelBasedPanel.storedResult(server.db, "model_based_dose"));
        System.out.println("model-based panel, plan screen: " + marked + " of " + driver.findElements(By.cssSelector("#model-based-table tbody tr")).size() + " metrics marked *");
        assertThat(driver.findElement(By.id("model-based-what")).getText()).contains("revision 1").contains("Dm,m");
        assertThat(driver.findElement(By.id("model-based-tissues")).getText()).startsWith("Tissues (TG-186 Table III): ")
                .contains("CTV muscle 100 % (user's override)")
                .contains("GTV muscle 100 % (target in no Table III organ: default soft tissue, one composition")
                .contains("; CTV's user's override on 100 % of its voxels)");
        assertThat(driver.findElement(By.id("model-based-choices")).getText()).contains("CTV muscle at 1.05 g/cm³, by the user");
        assertThat(driver.findElement(By.id("model-based-warning")).getText()).as("10⁴ photons: far above 2 %").contains("quick look only");
        assertThat(driver.findElement(By.id("model-based-dvh")).isDisplayed()).isTrue();
        Object bandPixels = ((JavascriptExecutor) driver).executeScript("const c = document.getElementById('model-based-dvh');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 40 && d[i] < 90) n++; return n;");
        // the band is filled at 25 % opacity (alpha ≈ 64), the curves, grid and labels opaque
        assertThat(((Number) bandPixels).longValue()).as("pixels of the 1σ band").isGreaterThan(200);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", panel);
        chromium.screenshot("model-based");
        File shot = panel.getScreenshotAs(OutputType.FILE);
        Files.move(shot.toPath(), Chromium.buildDir().resolve("screenshots").resolve("model-based-panel.png"), StandardCopyOption.REPLACE_EXISTING);
        // the table with its * and the note under it that says what they mean (1366 × 768, the window and the panel)
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})", driver.findElement(By.id("model-based-table")));
        chromium.screenshot("model-based-marks");
        Files.move(panel.getScreenshotAs(OutputType.FILE).toPath(), Chromium.buildDir().resolve("screenshots").resolve("model-based-panel-marks.png"),
                StandardCopyOption.REPLACE_EXISTING);
        // the tissues line under the DVH: which composition each target and organ was given
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'end'})", driver.findElement(By.id("model-based-tissues")));
        chromium.screenshot("model-based-tissues");

        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved-line"), "revision 2"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("model-based-what"), "revision 2: no model-based dose"));
        assertThat(driver.findElements(By.cssSelector("#model-based-table tbody tr"))).as("revision 1's result beside revision 2").isEmpty();
        assertThat(chromium.scriptErrors()).isEmpty();
    }
}

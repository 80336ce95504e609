package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Volume;
import org.seedplan.server.CtSliceFiles;
import org.seedplan.server.World;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.source.SourceLibrary;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;

/**
 * The model-based dose on the verification screen in a real Chromium, on the demo patient: its CT and contours (GTV, stomach,
 * spinal cord), a plan of the demo's fixed implant (120 Gy), and a post-op CT rendered by seedplan-verify's PostOpCtRenderer with
 * those seeds in the planning study's frame. Verify, then run "Model-based dose (TG-186)" with 10⁴ photons (the server's lower
 * bound, so the run takes seconds; a format check, not physics) and find the comparison with its columns labelled TG-43 (Dw,w)
 * and Dm,m ± 1σ, the GTV's D90 row, the quick-look warning, and the statement that TG-43 stays the dose of record. Screenshot
 * verification-model-based-panel.png.
 */
class VerificationModelBasedBrowserTest extends BrowserPerClass {

    private Patient patient;
    private String postSeries;

    VerificationModelBasedBrowserTest() {
        super(Duration.ofSeconds(90));
    }

    @BeforeAll
    void start() throws Exception {
        storeDemoImplant();
    }

    /** The demo CT, its contours, the plan of the demo's implant and the post-op CT of that implant, in one study and frame. */
    private void storeDemoImplant() throws Exception {
        patient = new World(server).patient(server.a);
        DemoPatient demo = new DemoPatient();
        StudyContext study = StudyContext.newStudy(new PatientInfo(DemoPatient.NAME, patient.patientId(), DemoPatient.BIRTH_DATE, DemoPatient.SEX));
        String planSeries = Uids.newUid();
        postSeries = Uids.newUid();
        List<SeedPose> implanted = new ArrayList<>();
        List<PlanContent.PlannedSeed> planned = new ArrayList<>();
        for (Seed s : demo.implant()) {
            implanted.add(new SeedPose(s.centreMm(), s.axis(), SeedPose.Arrangement.ISOLATED));
            planned.add(new PlanContent.PlannedSeed(s.centreMm(), -1));
        }
        Volume postOp = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(demo.ct(), implanted, 17);
        Path dir = server.folder("verification-model-based");
        List<Path> files = new ArrayList<>();
        CtSliceFiles.write(CtSeriesWriter.slices(demo.ct(), study, planSeries), dir.resolve("plan"), files);
        CtSliceFiles.write(CtSeriesWriter.slices(postOp, study, postSeries), dir.resolve("post"), files);
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(), files, ImportLimits.DEFAULT);
        new StructureSetStore(server.db, server.services.audit()).create(Actor.SYSTEM, patient.id(), planSeries, study.frameOfReferenceUid(),
                "Demo", "drawn", StructureJson.write(demo.structures()).toString(), server.clock.instant());
        new PlanRevisions(server.db).createPlan(Actor.SYSTEM, patient.id(), "Liver S7 demo", new PlanContent("{}", planSeries,
                DemoPatient.PRESCRIPTION_GY, SourceLibrary.DEFAULT_KEY, DemoPatient.SEED_STRENGTH.skU(), LocalDate.parse("2026-11-24"),
                LocalDate.parse("2026-12-01"), List.of(), planned, null), server.clock.instant());
    }

    @Test
    void theModelBasedDoseOfTheFoundSeedsIsShownLabelledBesideTg43() throws Exception {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/verify.html?series=" + postSeries + "&patient=" + patient.id());
        JavascriptExecutor js = (JavascriptExecutor) driver;
        VerifyScreen.awaitReady(wait);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("matched-count")));
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("model-based-panel")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("model-based-what"), "No model-based dose computed yet"));
        assertThat(driver.findElement(By.id("model-based-intro")).getText()).contains("TG-43 stays the verification's dose of record");

        js.executeScript("arguments[0].scrollIntoView()", panel);
        // the user's choices: mean female soft tissue where no contour assigns one, the GTV as liver (first muscle, then replaced)
        new Select(driver.findElement(By.id("mb-soft-tissue"))).selectByValue("mean-female-soft-tissue");
        assertThat(new Select(driver.findElement(By.id("mb-override-structure"))).getOptions()).extracting(WebElement::getText)
                .contains("GTV").doesNotContain("BODY", "External");
        new Select(driver.findElement(By.id("mb-override-structure"))).selectByValue("GTV");
        new Select(driver.findElement(By.id("mb-override-material"))).selectByValue("muscle");
        driver.findElement(By.id("mb-override-add")).click();
        new Select(driver.findElement(By.id("mb-override-material"))).selectByValue("liver");
        driver.findElement(By.id("mb-override-add")).click();
        assertThat(driver.findElement(By.id("mb-overrides")).getText().replaceAll("\\s+", " ")).isEqualTo("GTV: liver ×");
        js.executeScript("arguments[0].scrollIntoView()", panel);
        chromium.screenshot("verification-model-based-user-choices");
        ModelBasedPanel.runQuickLook(driver);
        // stored with the run and shown with its result: who chose what
        assertThat(driver.findElement(By.id("model-based-choices")).getText())
                .isEqualTo("Compositions: soft tissue no contour assigns mean-female-soft-tissue, by the user; GTV liver, by the user.");
        assertThat(driver.findElement(By.id("model-based-tissues")).getText()).contains("GTV liver 100 % (user's override)");

        WebElement d90 = driver.findElements(By.cssSelector("#model-based-table tbody tr")).stream()
                .filter(r -> r.getText().startsWith("GTV D90")).findFirst().orElseThrow();
        assertThat(d90.findElements(By.tagName("td")).get(1).getText()).as("TG-43 D90 of the found seeds").matches("\\d+\\.\\d");
        assertThat(driver.findElement(By.id("model-based-what")).getText()).contains("seeds found").contains("Dm,m");
        assertThat(driver.findElement(By.id("model-based-warning")).getText()).as("10⁴ photons: far above 2 %").contains("quick look only");
        assertThat(driver.findElement(By.id("model-based-footnote")).getText()).contains("the verification's dose of record");
        int marked = ModelBasedPanel.checkBiasMarks(driver, ModelBasedPanel.storedResult(server.db, "model_based_verification_dose"));
        System.out.println("model-based panel, verification screen: " + marked + " of " + driver.findElements(By.cssSelector("#model-based-table tbody tr")).size() + " metrics marked *");
        assertThat(driver.findElement(By.id("model-based-dvh")).isDisplayed()).isTrue();
        js.executeScript("arguments[0].scrollIntoView()", panel);
        chromium.screenshot("verification-model-based");
        File shot = panel.getScreenshotAs(OutputType.FILE);
        Files.move(shot.toPath(), Chromium.buildDir().resolve("screenshots").resolve("verification-model-based-panel.png"),
                StandardCopyOption.REPLACE_EXISTING);
        // the table with its * and the note under it that says what they mean (1366 × 768, the window and the panel)
        js.executeScript("arguments[0].scrollIntoView({block: 'start'})", driver.findElement(By.id("model-based-table")));
        chromium.screenshot("verification-model-based-marks");
        Files.move(panel.getScreenshotAs(OutputType.FILE).toPath(), Chromium.buildDir().resolve("screenshots").resolve("verification-model-based-panel-marks.png"),
                StandardCopyOption.REPLACE_EXISTING);
        js.executeScript("arguments[0].scrollIntoView({block: 'end'})", driver.findElement(By.id("model-based-choices")));
        chromium.screenshot("verification-model-based-choices");
        assertThat(chromium.scriptErrors()).isEmpty();
    }
}

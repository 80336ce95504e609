package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.server.World;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.storage.audit.AuditEvent;

/**
 * Cancelling a verification on the screen, in Chromium: the run's Cancel button stops it, the screen says it was cancelled and
 * shows no result, the trail has the run cancelled by the user, and the run button starts the next run, which runs to its result.
 * The fixture's plan has the plan screen's intent, so a run proposes supplementary seeds: about 2 s of work (measured 1.9 s at load
 * 9 on the shared 2-core machine, PostImplantCheckCancelTest), several times the ~0.3 s from the click on "Find seeds and verify"
 * to the click on Cancel here.
 */
class VerificationCancelBrowserTest extends BrowserPerClass {

    private VerificationFixture fixture;

    VerificationCancelBrowserTest() {
        super(Duration.ofSeconds(90));
    }

    @BeforeAll
    void start() throws Exception {
        fixture = VerificationFixture.create(server, new World(server), server.a, VerificationFixture.INTENT_FORM);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    @Test
    void cancelStopsTheRunAndTheRunButtonStartsTheNext() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/verify.html?series=" + fixture.postOpSeriesUid() + "&patient=" + fixture.patient().id());
        VerifyScreen.awaitReady(wait);
        assertThat(driver.findElement(By.id("cancel-run")).isDisplayed()).as("no Cancel button before a run").isFalse();

        // every text the step line shows from the run's start to its end
        js("window.stepLines = []; new MutationObserver(() => window.stepLines.push(document.getElementById('job-step').textContent))"
                + ".observe(document.getElementById('job-step'), {childList: true, characterData: true, subtree: true});");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel-run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-cancelled")));
        chromium.screenshot("verification-cancelled");
        // while the cancel is pending the line says what the server does: the seed finding and the dose stop from inside, the
        // other steps as they end, and nothing is kept (docs/verify.md, "Cancelling a run"); no longer "before its next step"
        @SuppressWarnings("unchecked")
        List<String> cancelling = ((List<String>) js("return window.stepLines")).stream().filter((t) -> t.startsWith("cancelling")).toList();
        assertThat(cancelling).as("the step line once Cancel is clicked").isNotEmpty()
                .allMatch((t) -> t.matches("cancelling: the run stops within or at the end of the step under way and keeps nothing \\(now .+\\)"));
        assertThat(driver.findElement(By.id("run-cancelled")).getText()).contains("Verification cancelled").contains("nothing was kept");
        assertThat(driver.findElement(By.id("run-progress")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("results")).isDisplayed()).as("no result of a cancelled run").isFalse();
        assertThat(driver.findElement(By.id("error")).isDisplayed()).as(driver.findElement(By.id("error")).getText()).isFalse();
        // where it stopped depends on the machine: before a step ("stopped before DVHs") or between the supplement planner's stages
        // ("planning cancelled during contours to masks", seen at load 12)
        assertThat(server.services.audit().ofPatient(fixture.patient().id(), "verification_run", "VERIFICATION_CANCELLED", Set.of(server.a.id()), 0, 10))
                .singleElement().extracting(AuditEvent::newValue).asString().startsWith("cancelled (by physicist_a; ");

        // the run button is usable again: the next run runs to its result
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(d -> Boolean.TRUE.equals(js("const s = window.seedplanVerify; return !!s.result && !s.running"
                + " && document.getElementById('run').disabled === false")));
        assertThat(driver.findElement(By.id("results")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("run-cancelled")).isDisplayed()).as("the note of the cancelled run is gone").isFalse();
        assertThat(driver.findElement(By.id("cancel-run")).isDisplayed()).as("no Cancel button after the run").isFalse();
    }
}

package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.server.needles.NeedlesFixture;
import org.seedplan.server.planning.PlanningFixture;
import org.seedplan.storage.registry.Patient;

/**
 * "Needles from CT" on the plan screen in a real Chromium: a plan revision made in the plan screen and a simulated
 * intra-operative CT of the patient (NeedlesFixture); the physicist picks the revision and the CT series, runs it, sees
 * each planned needle's tip and angle error in the table (the numbers of the API's answer) and the new DRAFT revision
 * opened on the views with the found needles drawn in magenta; a bevel length out of range is refused on the panel, a
 * given one sent with the request. Saves the screenshot plan-needles.png.
 */
class NeedlesFromCtBrowserTest extends BrowserPerClass {

    private NeedlesFixture.Case fixtureCase;
    private Patient patient;

    NeedlesFromCtBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        PlanningFixture planning = new PlanningFixture(server);
        fixtureCase = new NeedlesFixture(server, planning).of(server.a, true);
        patient = planning.patient(server.a);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pickACtRunAndSeeEachNeedlesErrorsAndTheNewRevision() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/plan.html?patient=" + patient.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nct-series option")));
        new Select(driver.findElement(By.id("nct-revision"))).selectByValue(fixtureCase.planId() + "/" + fixtureCase.revision());
        new Select(driver.findElement(By.id("nct-series"))).selectByValue(fixtureCase.studyUid() + "|" + fixtureCase.seriesUid());
        // A bevel length outside (0, 10] mm is refused on the panel, nothing sent; the fixture's needles' 3.5 mm is sent as bevelMm.
        WebElement bevel = driver.findElement(By.id("nct-bevel"));
        bevel.sendKeys("12");
        driver.findElement(By.id("nct-run")).click();
        assertThat(driver.findElement(By.id("nct-message")).getText()).contains("Bevel length");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.seedplanNeedlesFromCt.result")).isNull();
        bevel.clear();
        bevel.sendKeys("3.5");
        driver.findElement(By.id("nct-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(240)).until(ExpectedConditions.visibilityOfElementLocated(By.id("nct-opened")));

        Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("return window.seedplanNeedlesFromCt.result");
        List<Map<String, Object>> needles = (List<Map<String, Object>>) result.get("needles");
        assertThat(needles).hasSize(fixtureCase.planned().size());
        List<WebElement> rows = driver.findElements(By.cssSelector("#nct-table tr"));
        // header, one row per needle, the mean
        assertThat(rows).hasSize(needles.size() + 2);
        for (int i = 0; i < needles.size(); i++) {
            List<WebElement> cells = rows.get(i + 1).findElements(By.tagName("td"));
            Map<String, Object> n = needles.get(i);
            assertThat(cells.get(0).getText()).isEqualTo(String.valueOf(n.get("plannedNeedle")));
            assertThat(cells.get(2).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", ((Number) n.get("tipErrorMm")).doubleValue()));
            assertThat(cells.get(5).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", ((Number) n.get("angleErrorDeg")).doubleValue()));
        }
        Map<String, Object> revision = (Map<String, Object>) result.get("revision");
        Map<String, Object> fromCt = (Map<String, Object>) ((Map<String, Object>) revision.get("intent")).get("needlesFromCt");
        assertThat(((Number) fromCt.get("bevelMm")).doubleValue()).as("the bevel length given on the panel").isEqualTo(3.5);
        assertThat(driver.findElement(By.id("nct-opened")).getText()).contains("revision " + revision.get("revision") + " (DRAFT)");
        // D90 and V100 are named with the structure they are of (the API's metricsStructure, or "structure not recorded").
        assertThat(revision.get("metricsStructure")).as("the revision's metricsStructure").asString().isNotBlank();
        assertThat(driver.findElement(By.id("nct-opened")).getText()).contains(revision.get("metricsStructure") + ": D90 ");

        // The first found needle's tip, drawn in magenta on the coronal view through it: a magenta pixel within 3 device pixels.
        List<Number> tip = (List<Number>) needles.get(0).get("tipMm");
        Object hit = ((JavascriptExecutor) driver).executeScript(
                "const v = window.seedplanPlan.viewer; v.setFocus(arguments[0]); v.renderNow(); const view = v.views.coronal;"
                        + "const dpr = window.devicePixelRatio || 1; const [px, py] = view.toPixel(arguments[0]);"
                        + "const d = view.canvas.getContext('2d').getImageData(Math.round(px * dpr) - 3, Math.round(py * dpr) - 3, 7, 7).data;"
                        + "for (let i = 0; i < d.length; i += 4) { if (d[i] > 230 && d[i + 1] < 110 && d[i + 2] > 200) return true; }"
                        + "return false;", tip);
        chromium.screenshot("plan-needles");
        assertThat(hit).as("magenta needle tip drawn at the found tip on the coronal view").isEqualTo(true);
    }
}

package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
 * intra-operative CT of the patient holding its needles and one more, not in the plan, standing for a false needle
 * (NeedlesFixture.withFalseNeedle); the physicist picks the revision and the CT series and finds the needles: each planned
 * needle's tip and angle error in the table (the numbers of the API's answer), each found needle with a tick "use in the
 * re-plan", matched needles ticked, the one not in the plan unticked with the line saying why. The physicist also unticks a
 * matched needle and re-plans: the new DRAFT revision leaves both out and is opened on the views with the used needles drawn in
 * magenta; the answer's notes (the re-plan's warnings, the finding's) are listed above the table; a bevel length out of range
 * is refused on the panel, a given one sent with the request; on 5 mm slices a needle's angle is followed by how far its tilt
 * may be off where the image does not hold it to 2°. Saves the screenshots plan-needles-choose-1366x768,
 * plan-needles-choose-1920x1080, plan-needles, plan-needles-not-found and plan-needles-tilt.
 */
class NeedlesFromCtBrowserTest extends BrowserPerClass {

    private NeedlesFixture.WithFalseNeedle fixtureCase;
    private Patient patient;
    private String withoutLast;
    private String thick;

    NeedlesFromCtBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        PlanningFixture planning = new PlanningFixture(server);
        NeedlesFixture needles = new NeedlesFixture(server, planning);
        fixtureCase = needles.withFalseNeedle(server.a, true);
        patient = planning.patient(server.a);
        withoutLast = needles.withoutLastNeedle(server.a, true);
        thick = needles.thickSlices(server.a, true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void findTheNeedlesUntickOneAndReplanAroundTheTickedOnes() {
        NeedlesFixture.Case planned = fixtureCase.planned();
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/plan.html?patient=" + patient.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nct-series option")));
        // Mid-implant, the last planned needle not yet in: its row says so, and the warning above the table says, before any re-plan,
        // that the re-plan takes it as not yet inserted.
        new Select(driver.findElement(By.id("nct-revision"))).selectByValue(planned.planId() + "/" + planned.revision());
        new Select(driver.findElement(By.id("nct-series"))).selectByValue(planned.studyUid() + "|" + withoutLast);
        driver.findElement(By.id("nct-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(ExpectedConditions.visibilityOfElementLocated(By.id("nct-replan")));
        Map<String, Object> partial = (Map<String, Object>) js("return window.seedplanNeedlesFromCt.finding");
        notesShown(partial);
        assertThat(driver.findElement(By.id("nct-message")).getText()).startsWith((planned.planned().size() - 1) + " needles found, 1 planned not found.");
        assertThat(driver.findElement(By.id("nct-notes")).getText()).startsWith("planned needle " + planned.planned().size() + " (planned tip at")
                .contains("not yet inserted");
        js("document.getElementById('needles-ct-panel').scrollIntoView({block: 'start'});");
        chromium.screenshot("plan-needles-not-found");

        // The same needles on 5 mm box slices: nearly flat, some lie inside one slice's flat top, where no slice shows their height;
        // their angle is followed by "(±X)", how far their axis may be off (axisUncertaintyDeg, beyond 2°).
        new Select(driver.findElement(By.id("nct-revision"))).selectByValue(planned.planId() + "/" + planned.revision());
        new Select(driver.findElement(By.id("nct-series"))).selectByValue(planned.studyUid() + "|" + thick);
        driver.findElement(By.id("nct-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(ExpectedConditions.visibilityOfElementLocated(By.id("nct-replan")));
        Map<String, Object> onThick = (Map<String, Object>) js("return window.seedplanNeedlesFromCt.finding");
        List<Map<String, Object>> thickNeedles = (List<Map<String, Object>>) onThick.get("needles");
        List<WebElement> thickRows = driver.findElements(By.cssSelector("#nct-table tr"));
        int tiltShown = 0;
        for (int i = 0; i < thickNeedles.size(); i++) {
            Map<String, Object> n = thickNeedles.get(i);
            double tilt = ((Number) n.get("axisUncertaintyDeg")).doubleValue();
            assertThat(thickRows.get(i + 1).findElements(By.tagName("td")).get(6).getText()).isEqualTo(angleCell(n));
            tiltShown += tilt > 2 ? 1 : 0;
        }
        assertThat(tiltShown).as("needles whose tilt the 5 mm slices do not hold to 2°").isGreaterThan(0);
        // Every statement sits on a line under its number, so the table fits the panel's width with the tip's "(z ±X)" and the
        // angle's "(±X)" on every row (beside the number they overflowed it at 1366 × 768 and at 1920 × 1080 alike).
        Object overflowPx = js("const t = document.getElementById('nct-table'); t.scrollIntoView({block: 'start'});"
                + " return t.parentElement.scrollWidth - t.parentElement.clientWidth;");
        assertThat(((Number) overflowPx).intValue()).as("px the needle table overflows its panel across").isLessThanOrEqualTo(0);
        chromium.screenshot("plan-needles-tilt");

        new Select(driver.findElement(By.id("nct-revision"))).selectByValue(planned.planId() + "/" + planned.revision());
        new Select(driver.findElement(By.id("nct-series"))).selectByValue(planned.studyUid() + "|" + fixtureCase.seriesUid());
        // A bevel length outside (0, 10] mm is refused on the panel, nothing sent; the fixture's needles' 3.5 mm is sent as bevelMm.
        WebElement bevel = driver.findElement(By.id("nct-bevel"));
        bevel.sendKeys("12");
        driver.findElement(By.id("nct-run")).click();
        assertThat(driver.findElement(By.id("nct-message")).getText()).contains("Bevel length");
        assertThat(js("return window.seedplanNeedlesFromCt.finding")).isNull();
        bevel.clear();
        bevel.sendKeys("3.5");
        driver.findElement(By.id("nct-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(ExpectedConditions.visibilityOfElementLocated(By.id("nct-replan")));

        // The finding: a row per planned needle (ticked), the needle not in the plan (unticked, with why), the mean; nothing saved yet.
        Map<String, Object> finding = (Map<String, Object>) js("return window.seedplanNeedlesFromCt.finding");
        assertThat(finding.get("revision")).isNull();
        List<Map<String, Object>> needles = (List<Map<String, Object>>) finding.get("needles");
        List<Map<String, Object>> extra = (List<Map<String, Object>>) finding.get("unmatchedFound");
        assertThat(needles).hasSize(planned.planned().size());
        assertThat(extra).hasSize(1);
        List<WebElement> rows = driver.findElements(By.cssSelector("#nct-table tr"));
        assertThat(rows).hasSize(needles.size() + 3);
        for (int i = 0; i < needles.size(); i++) {
            List<WebElement> cells = rows.get(i + 1).findElements(By.tagName("td"));
            Map<String, Object> n = needles.get(i);
            assertThat(cells.get(0).findElement(By.tagName("input")).isSelected()).as("matched needle %s ticked", n.get("foundNeedle")).isTrue();
            assertThat(cells.get(1).getText()).isEqualTo(String.valueOf(n.get("plannedNeedle")));
            assertThat(cells.get(3).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", ((Number) n.get("tipErrorMm")).doubleValue()));
            assertThat(cells.get(6).getText()).isEqualTo(angleCell(n));
            // Depth (+ deeper), followed by "(±X)" where the tip's place along the needle is not sure to 1 mm (tipAxisUncertaintyMm).
            double depth = ((Number) n.get("depthErrorMm")).doubleValue();
            double alongAxis = ((Number) n.get("tipAxisUncertaintyMm")).doubleValue();
            assertThat(cells.get(4).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%s%.1f%s", depth >= 0 ? "+" : "", depth,
                    alongAxis > 1 ? String.format(java.util.Locale.ROOT, " (±%.1f)", alongAxis) : ""));
        }
        WebElement extraRow = rows.get(needles.size() + 1);
        assertThat(extraRow.findElement(By.cssSelector("input.use")).isSelected()).as("the needle not in the plan unticked").isFalse();
        assertThat(extraRow.getText()).contains("not in the plan: tick it only if the CT shows a needle there");
        notesShown(finding);
        // The panel with its ticks as the physicist sees it, on the two screens of docs/screen-layout.md; the fields keep their weight.
        for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
            driver.manage().window().setSize(size);
            js("document.getElementById('nct-run').scrollIntoView({block: 'start'}); document.getElementById('nct-table').parentElement.scrollTop = 0;");
            chromium.screenshot("plan-needles-choose-" + size.width + "x" + size.height);
            Object cut = js("const t = document.getElementById('nct-table'); return t.parentElement.scrollWidth > t.parentElement.clientWidth + 1;");
            assertThat(cut).as("the table fits the panel's width at %s", size).isEqualTo(false);
        }

        // Untick the first matched needle too, and re-plan around the others.
        int untickedFound = ((Number) needles.get(0).get("foundNeedle")).intValue();
        int falseFound = ((Number) extra.get(0).get("foundNeedle")).intValue();
        rows.get(1).findElement(By.cssSelector("input.use")).click();
        driver.findElement(By.id("nct-replan")).click();
        new WebDriverWait(driver, Duration.ofSeconds(240)).until(ExpectedConditions.visibilityOfElementLocated(By.id("nct-opened")));

        Map<String, Object> result = (Map<String, Object>) js("return window.seedplanNeedlesFromCt.result");
        notesShown(result);
        assertThat((List<Number>) result.get("leftOut")).extracting(Number::intValue).containsExactlyInAnyOrder(untickedFound, falseFound);
        Map<String, Object> revision = (Map<String, Object>) result.get("revision");
        Map<String, Object> fromCt = (Map<String, Object>) ((Map<String, Object>) revision.get("intent")).get("needlesFromCt");
        assertThat(((Number) fromCt.get("bevelMm")).doubleValue()).as("the bevel length given on the panel").isEqualTo(3.5);
        assertThat((List<Object>) fromCt.get("fixedNeedles")).hasSize(planned.planned().size() - 1);
        assertThat((List<Map<String, Object>>) fromCt.get("leftOut")).extracting(x -> ((Number) x.get("foundNeedle")).intValue())
                .containsExactly(Math.min(untickedFound, falseFound), Math.max(untickedFound, falseFound));
        // Neither left-out needle is a needle of the new revision.
        List<Number> untickedTip = (List<Number>) needles.get(0).get("tipMm");
        List<Number> falseTip = (List<Number>) extra.get(0).get("tipMm");
        for (Map<String, Object> n : (List<Map<String, Object>>) revision.get("needles")) {
            List<Number> tip = (List<Number>) n.get("tipMm");
            assertThat(distance(tip, untickedTip)).isGreaterThan(0.01);
            assertThat(distance(tip, falseTip)).isGreaterThan(0.01);
        }
        // After the re-plan the ticks show what was used, and can no longer be changed.
        List<WebElement> used = driver.findElements(By.cssSelector("#nct-table input.use"));
        assertThat(used).hasSize(needles.size() + 1).allSatisfy(c -> assertThat(c.isEnabled()).isFalse());
        assertThat(used.stream().filter(WebElement::isSelected).count()).isEqualTo(needles.size() - 1);
        String opened = driver.findElement(By.id("nct-opened")).getText();
        assertThat(opened).contains("revision " + revision.get("revision") + " (DRAFT)").contains("left out as not in the patient");
        // D90 and V100 are named with the structure they are of (the API's metricsStructure, or "structure not recorded").
        assertThat(revision.get("metricsStructure")).as("the revision's metricsStructure").asString().isNotBlank();
        assertThat(opened).contains(revision.get("metricsStructure") + ": D90 ");

        // A used needle's tip, drawn in magenta on the coronal view through it: a magenta pixel within 3 device pixels.
        driver.manage().window().setSize(new Dimension(1366, 768));
        List<Number> tip = (List<Number>) needles.get(1).get("tipMm");
        Object hit = js("const v = window.seedplanPlan.viewer; v.setFocus(arguments[0]); v.renderNow(); const view = v.views.coronal;"
                + "const dpr = window.devicePixelRatio || 1; const [px, py] = view.toPixel(arguments[0]);"
                + "const d = view.canvas.getContext('2d').getImageData(Math.round(px * dpr) - 3, Math.round(py * dpr) - 3, 7, 7).data;"
                + "for (let i = 0; i < d.length; i += 4) { if (d[i] > 230 && d[i + 1] < 110 && d[i + 2] > 200) return true; }"
                + "return false;", tip);
        js("document.getElementById('needles-ct-panel').scrollIntoView({block: 'start'}); document.getElementById('nct-table').parentElement.scrollTop = 0;");
        chromium.screenshot("plan-needles");
        assertThat(hit).as("magenta needle tip drawn at the found tip on the coronal view").isEqualTo(true);
    }

    /** The answer's notes listed on the panel above the table, in order; the list hidden when there are none. */
    @SuppressWarnings("unchecked")
    private void notesShown(Map<String, Object> answer) {
        List<String> notes = (List<String>) answer.get("notes");
        WebElement list = driver.findElement(By.id("nct-notes"));
        assertThat(list.findElements(By.tagName("li"))).extracting(e -> e.getAttribute("textContent")).containsExactlyElementsOf(notes);
        assertThat(list.isDisplayed()).as("notes %s shown", notes).isEqualTo(!notes.isEmpty());
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static double distance(List<Number> a, List<Number> b) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += Math.pow(a.get(k).doubleValue() - b.get(k).doubleValue(), 2);
        }
        return Math.sqrt(s);
    }

    /**
     * The angle cell of needle row {@code n}: the angle error, with "(±X)" on a line under it where its tilt statement is beyond the
     * issue's 2° (under, not beside: beside the number the statements made the table overflow the panel even at 1920 × 1080).
     */
    private static String angleCell(Map<String, Object> n) {
        double tilt = ((Number) n.get("axisUncertaintyDeg")).doubleValue();
        return String.format(java.util.Locale.ROOT, "%.1f%s", ((Number) n.get("angleErrorDeg")).doubleValue(),
                tilt > 2 ? String.format(java.util.Locale.ROOT, "\n(±%.1f)", tilt) : "");
    }
}

package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.server.World;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.storage.Actor;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;

/**
 * The verification screen in Chromium on an implant where every seed arrived, 1 mm off (VerificationFixture, four seeds
 * along y, prescription 30 Gy so that the CTV's D90 of about 36 Gy meets it): the small D90 change (about −0.4 Gy, under
 * 5 % of Rx) is not marked; the plan's own D90 is shown once, labelled "as approved", apart from the re-computed column;
 * each found seed is listed with its axis and the planned seed (needle, place) it was matched to, and its axis is drawn
 * on the image as a bar along the seed.
 */
class VerificationSeedTableBrowserTest extends BrowserPerClass {

    /** The D90 the fixture's revision states as stored at approval (a planning-grid value, deliberately not the re-computation's). */
    private static final double STORED_D90_GY = 36.7;

    private VerificationFixture fixture;
    private long undatedPlanId;

    VerificationSeedTableBrowserTest() {
        super(Duration.ofSeconds(90));
    }

    @BeforeAll
    void start() throws Exception {
        fixture = VerificationFixture.create(server, new World(server), server.a, "{\"target\":\"CTV\"}", 30.0,
                new PlanContent.Metrics("CTV", STORED_D90_GY, 21.0, 99.1, 40.2, 15.3, 7.2));
        PlanContent dated = new PlanRevisions(server.db).revision(fixture.planId(), 1).orElseThrow().content();
        undatedPlanId = new PlanRevisions(server.db).createPlan(Actor.SYSTEM, fixture.patient().id(), "Old undated plan", new PlanContent(
                dated.intentJson(), dated.ctSeriesUid(), dated.prescriptionGy(), dated.sourceModelKey(), dated.strengthU(), dated.calibrationDate(),
                null, dated.needles(), dated.seeds(), dated.metrics()), server.clock.instant()).planId();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** RGB of the axial canvas at CSS pixel of patient point (x, y, z). */
    @SuppressWarnings("unchecked")
    private int[] axialRgbAt(double x, double y, double z) {
        List<Number> c = (List<Number>) js("const v = window.seedplanViewer.views.axial; const r = v.canvas.width / v.widthPx;"
                + " const [px, py] = v.toPixel([arguments[0], arguments[1], arguments[2]]);"
                + " return Array.from(v.canvas.getContext('2d').getImageData(Math.floor(px * r), Math.floor(py * r), 1, 1).data).slice(0, 3);",
                x, y, z);
        return new int[] {c.get(0).intValue(), c.get(1).intValue(), c.get(2).intValue()};
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySeedMatchedShowsNoMarkedLossTheApprovedD90OnceAndEachFoundSeedsAxisAndNeedle() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/verify.html?series=" + fixture.postOpSeriesUid() + "&patient=" + fixture.patient().id());
        VerifyScreen.awaitReady(wait);
        // a revision with the seeds' calibration date but no implant date: the screen asks for the implant date, naming why
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run")));
        js("document.getElementById('plan-choice').value = arguments[0]", undatedPlanId + ":1");
        driver.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("implant-box")));
        assertThat(driver.findElement(By.id("implant-text")).getText()).contains("calibration date 2026-11-24 but no implant date")
                .contains("give implantDate");
        assertThat(driver.findElement(By.id("results")).isDisplayed()).isFalse();
        // the approved, dated plan verifies without asking (the implant date field left empty)
        js("document.getElementById('plan-choice').value = arguments[0]", fixture.planId() + ":1");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("matched-count")));
        Map<String, Object> r = (Map<String, Object>) js("return window.seedplanVerify.result");
        assertThat(driver.findElement(By.id("matched-count")).getText()).isEqualTo("4");
        assertThat(driver.findElement(By.id("contours-used")).getText()).contains("dose with S_K 0.7004 U per seed on 2026-12-01 (implant date;");

        // every seed matched, D90 above Rx and changed by less than 5 % of Rx (1.5 Gy): neither red nor amber
        WebElement d90 = driver.findElement(By.cssSelector("#metric-rows tr[data-structure='CTV'][data-metric='d_pct_gy.90']"));
        List<WebElement> cells = d90.findElements(By.tagName("td"));
        double plan = Double.parseDouble(cells.get(2).getText());
        double post = Double.parseDouble(cells.get(3).getText());
        assertThat(post).isGreaterThanOrEqualTo(30.0);
        assertThat(Math.abs(post - plan)).isLessThan(1.5).isGreaterThan(0.0);
        assertThat(d90.getAttribute("data-flag")).isEqualTo("NONE");
        for (WebElement c : cells) {
            assertThat(c.getAttribute("class")).as("D90 cell %s", c.getText()).doesNotContain("worse").doesNotContain("caution");
        }
        // the plan's own D90 appears once, as approved (0.1 Gy, as stored); the re-computed column is labelled as such
        String approved = driver.findElement(By.id("plan-approved")).getText();
        assertThat(approved).startsWith("Plan, as approved (revision 1, planning grid): CTV D90 36.7 Gy");
        assertThat(driver.findElement(By.cssSelector("#metric-rows")).findElement(By.xpath("..")).getText()).contains("Plan*")
                .doesNotContain("Pre");
        assertThat(driver.findElement(By.id("grid-note")).getText()).contains("re-computed on the verification's grid").contains("1 mm grid");

        // the found-seed table: each seed's axis (the fixture's seeds lie along y; the finder gives the sign with dz >= 0, y here)
        // and the planned seed it came from, by needle and place from the tip
        driver.findElement(By.cssSelector("#found-seeds-box summary")).click();
        List<WebElement> rows = driver.findElements(By.cssSelector("#found-seeds tbody tr"));
        assertThat(rows).hasSize(4);
        List<Map<String, Object>> found = (List<Map<String, Object>>) r.get("found");
        List<Map<String, Object>> planned = (List<Map<String, Object>>) r.get("planned");
        List<String> places = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) r.get("matches")) {
            int f = ((Number) m.get("found")).intValue();
            Map<String, Object> p = planned.get(((Number) m.get("planned")).intValue());
            List<WebElement> td = rows.get(f).findElements(By.tagName("td"));
            Map<String, Number> axis = (Map<String, Number>) found.get(f).get("axis");
            // two decimals of a unit vector, as the finder gave it (the seeds' y within its fit)
            assertThat(td.get(2).getText()).as("axis of found seed %d", f + 1).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %.2f %.2f",
                    axis.get("x").doubleValue(), axis.get("y").doubleValue(), axis.get("z").doubleValue()).replace("-0.00", "0.00"));
            assertThat(Math.abs(axis.get("y").doubleValue())).isGreaterThan(0.99);
            assertThat(td.get(4).getText()).isEqualTo(String.valueOf(p.get("needle")));
            assertThat(td.get(5).getText()).isEqualTo(String.valueOf(p.get("seedOnNeedle")));
            places.add("needle " + td.get(4).getText() + " seed " + td.get(5).getText());
        }
        // the table's width fits the side column (no sideways scroll)
        assertThat(((Number) js("const w = document.querySelector('#found-seeds-box .seed-table-wrap'); return w.scrollWidth - w.clientWidth")).intValue())
                .isLessThanOrEqualTo(0);
        assertThat(places).containsExactlyInAnyOrder("needle 1 seed 1", "needle 1 seed 2", "needle 2 seed 1", "needle 2 seed 2");

        // each found seed's axis on the image: yellow 1.5 mm either side of its centre along y (the green dot covers 4 px
        // around the centre, 1.5 mm is about 11 px at this zoom; the seed is 4.5 mm long, so the bar reaches 2.25 mm)
        js("window.seedplanViewer.setFocus([25, -25, 0]); window.seedplanViewer.renderNow()");
        for (Map<String, Object> f : found) {
            double x = ((Number) f.get("xMm")).doubleValue();
            double y = ((Number) f.get("yMm")).doubleValue();
            for (double along : new double[] {-1.5, 1.5}) {
                int[] c = axialRgbAt(x, y + along, 0);
                assertThat(c[0] > 200 && c[1] > 180 && c[2] < 140).as("axis bar of seed (%.1f, %.1f) at %+.1f mm: rgb %d %d %d", x, y, along,
                        c[0], c[1], c[2]).isTrue();
            }
            int[] across = axialRgbAt(x + 1.5, y, 0);
            assertThat(across[0] > 200 && across[1] > 180 && across[2] < 140).as("no bar across seed (%.1f, %.1f)", x, y).isFalse();
        }
        chromium.screenshot("verification-seed-table");
        js("document.getElementById('plan-approved').scrollIntoView()");
        chromium.screenshot("verification-plan-and-post");
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
    }

    /**
     * A revision stored before the metrics' structure was recorded (migration V010): its D90 is shown as approved but of
     * "structure not recorded", even though its intent names the CTV, and no metric row is given the stored values.
     */
    @Test
    @SuppressWarnings("unchecked")
    void metricsStoredWithoutTheirStructureSayStructureNotRecordedAndAreGivenToNoRow() {
        PlanContent dated = new PlanRevisions(server.db).revision(fixture.planId(), 1).orElseThrow().content();
        PlanContent.Metrics m = dated.metrics();
        PlanRevisions older = new PlanRevisions(server.db);
        long planId = older.createPlan(Actor.SYSTEM, fixture.patient().id(), "Plan stored before V010", new PlanContent(dated.intentJson(),
                dated.ctSeriesUid(), dated.prescriptionGy(), dated.sourceModelKey(), dated.strengthU(), dated.calibrationDate(), dated.implantDate(),
                dated.needles(), dated.seeds(), new PlanContent.Metrics(null, m.d90Gy(), m.d100Gy(), m.v100Percent(), m.v150Percent(),
                        m.v200Percent(), m.ptvCc())), server.clock.instant()).planId();
        // this class's tests share one browser: sign in afresh, and leave it signed out for the other
        driver.get(server.base() + "/");
        driver.manage().deleteAllCookies();
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/verify.html?series=" + fixture.postOpSeriesUid() + "&patient=" + fixture.patient().id());
        VerifyScreen.awaitReady(wait);
        js("document.getElementById('plan-choice').value = arguments[0]", planId + ":1");
        driver.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("matched-count")));
        assertThat(driver.findElement(By.id("plan-approved")).getText())
                .startsWith("Plan, as approved (revision 1, planning grid): structure not recorded: D90 36.7 Gy");
        Map<String, Object> r = (Map<String, Object>) js("return window.seedplanVerify.result");
        for (Map<String, Object> st : (List<Map<String, Object>>) r.get("structures")) {
            for (Map<String, Object> row : (List<Map<String, Object>>) st.get("metrics")) {
                assertThat(row).as("%s %s", st.get("name"), row.get("key")).doesNotContainKey("approved");
            }
        }
        // the patient page's plan rows: each stored D90 with the structure it is of, as stored
        driver.get(server.base() + "/patient.html?id=" + fixture.patient().id());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#plans tbody"), "Plan stored before V010"));
        List<String> rows = driver.findElements(By.cssSelector("#plans tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(rows).anySatisfy(t -> assertThat(t).contains("Plan stored before V010").contains("36.7 Gy (structure not recorded)"));
        assertThat(rows).anySatisfy(t -> assertThat(t).doesNotContain("Plan stored before V010").contains("36.7 Gy (CTV)"));
        chromium.screenshot("patient-plan-metrics-structure");
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
        driver.manage().deleteAllCookies();
    }
}

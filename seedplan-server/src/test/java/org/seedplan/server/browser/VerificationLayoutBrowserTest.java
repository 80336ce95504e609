package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.server.World;
import org.seedplan.server.verification.VerificationFixture;

/**
 * The verification screen at 1366 × 768 does not move under the user when a verification's isodose legend appears (the row
 * above the views is kept from the start: the views jumped 23 px down), and on each view the bottom orientation letter and
 * the scale bar's length are apart (the sagittal view's "I" touched "50 mm").
 */
class VerificationLayoutBrowserTest extends BrowserPerClass {

    private VerificationFixture fixture;

    VerificationLayoutBrowserTest() {
        super(Duration.ofSeconds(90));
    }

    @BeforeAll
    void verificationCase() throws Exception {
        fixture = VerificationFixture.create(server, new World(server), server.a);
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    private Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    private double viewsTop() {
        return ((Number) js("return document.getElementById('views').getBoundingClientRect().top")).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theViewsStayPutWhenTheIsodoseLegendAppearsAndTheBottomLetterKeepsClearOfTheScale() {
        driver.manage().window().setSize(new Dimension(1366, 768));
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/verify.html?series=" + fixture.postOpSeriesUid() + "&patient=" + fixture.patient().id());
        VerifyScreen.awaitReady(wait);
        double before = viewsTop();
        chromium.screenshot("layout-verify-before-run");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#isodose-legend .iso-entry")));
        // exact: a layout that keeps the legend's row moves nothing by even a pixel
        assertThat(viewsTop()).as("the views' top edge before the run, %s px, and once the isodose legend is shown", before).isEqualTo(before);
        js("window.seedplanViewer.setFocus([0, 0, 0]); window.seedplanViewer.renderNow()");
        for (String view : List.of("axial", "coronal", "sagittal")) {
            List<Map<String, Object>> texts = (List<Map<String, Object>>) js("return window.seedplanViewer.views[arguments[0]].edgeText", view);
            assertThat(texts).as("%s: the bottom letter and the scale's length", view).hasSize(2);
            List<Number> letter = (List<Number>) texts.get(0).get("box");
            List<Number> scale = (List<Number>) texts.get(1).get("box");
            boolean apart = scale.get(0).doubleValue() >= letter.get(2).doubleValue() || scale.get(2).doubleValue() <= letter.get(0).doubleValue()
                    || scale.get(1).doubleValue() >= letter.get(3).doubleValue() || scale.get(3).doubleValue() <= letter.get(1).doubleValue();
            assertThat(apart).as("%s: '%s' %s and '%s' %s", view, texts.get(0).get("text"), letter, texts.get(1).get("text"), scale).isTrue();
        }
        chromium.screenshot("layout-verify-after-run");
        driver.manage().window().setSize(new Dimension(1366, 900));
    }
}

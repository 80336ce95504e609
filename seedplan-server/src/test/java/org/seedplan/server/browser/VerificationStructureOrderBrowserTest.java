package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.server.World;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * A target named by a number, as real structure sets carry them, keeps the server's order on the verification screen, in a
 * real Chromium: the fixture's implant with two targets, "CTV" (the 20 mm square) then "2" (a 24 mm square around it), both
 * in the plan's intent. The server lists the cold regions and the supplement's D90 in the plan's order, CTV then 2; a
 * JavaScript object keyed by name would put "2" first. The cold-region list, the cold regions' labels on the axial view
 * (asked for in the order they are placed) and the supplement's D90 line show them as the server gives them.
 */
class VerificationStructureOrderBrowserTest extends BrowserPerClass {

    /** The plan screen's intent form with both targets at 120 Gy. */
    private static final String TWO_TARGETS = "{\"targets\":[{\"structure\":\"CTV\",\"prescriptionGy\":120},{\"structure\":\"2\",\"prescriptionGy\":120}],"
            + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.76,\"unit\":\"U\"},"
            + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}";

    private VerificationFixture fixture;

    VerificationStructureOrderBrowserTest() {
        super(Duration.ofSeconds(120));
    }

    @BeforeAll
    void verificationCase() throws Exception {
        List<Contour> wider = new ArrayList<>();
        for (double z = -8; z <= 8; z += 2) {
            wider.add(new Contour(z, new double[] {-12, 12, 12, -12}, new double[] {-12, -12, 12, 12}));
        }
        List<Structure> contours = List.of(VerificationFixture.structures().get(0), new Structure("2", StructureType.GTV, 0x00AAFF, wider));
        fixture = VerificationFixture.create(server, new World(server), server.a, TWO_TARGETS, 120.0, null, contours);
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    private Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTargetNamedTwoComesAfterTheCtvAsTheServerListsThem() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/verify.html?series=" + fixture.postOpSeriesUid() + "&patient=" + fixture.patient().id());
        VerifyScreen.awaitReady(wait);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#cold-list li button")));
        wait.until(d -> !d.findElement(By.id("supplement")).getText().isBlank());
        js("window.seedplanViewer.setFocus([0, 0, 0]); window.seedplanViewer.renderNow()");
        Map<String, Object> shown = (Map<String, Object>) js("""
                const r = window.seedplanVerify.result;
                const first = (names) => names.filter((n, i) => names.indexOf(n) === i);
                return {
                  server: r.coldRegions.map((t) => t.structure),
                  regions: r.coldRegions.map((t) => t.regions.length),
                  serverD90: r.supplement ? r.supplement.d90.map((d) => d.structure) : [],
                  list: first([...document.querySelectorAll('#cold-list li')].map((li) => li.textContent.split(':')[0])),
                  labels: first(window.seedplanViewer.views.axial.labels.requests.filter((q) => q.text.includes(' cold '))
                    .map((q) => q.text.split(' cold ')[0])),
                  supplement: document.getElementById('supplement').textContent,
                  listTexts: [...document.querySelectorAll('#cold-list li')].map((li) => li.textContent),
                  labelTexts: window.seedplanViewer.views.axial.labels.requests.filter((q) => q.text.includes(' cold ')).map((q) => q.text),
                };
                """);
        chromium.screenshot("verify-numbered-target");
        js("document.getElementById('cold-list').scrollIntoView({ block: 'start' })");
        chromium.screenshot("verify-numbered-target-lists");
        System.out.println("verification screen: " + shown);
        assertThat((List<String>) shown.get("server")).as("the server's cold regions, the plan's order").containsExactly("CTV", "2");
        assertThat((List<Number>) shown.get("regions")).as("cold regions of each target (4 seeds cover neither)")
                .allSatisfy(n -> assertThat(n.intValue()).isPositive());
        assertThat((List<String>) shown.get("list")).as("the cold-region list").containsExactly("CTV", "2");
        assertThat((List<String>) shown.get("labels")).as("the cold regions' labels asked for on the axial view at z = 0").containsExactly("CTV", "2");
        assertThat((List<String>) shown.get("serverD90")).as("the server's supplement D90, the intent's order").containsExactly("CTV", "2");
        // One quantity, one value: a label's minimum dose reads as the list gives it (it was rounded to whole Gy on the label).
        List<String> listTexts = (List<String>) shown.get("listTexts");
        assertThat((List<String>) shown.get("labelTexts")).as("the cold regions' labels").isNotEmpty().allSatisfy(label -> {
            String volumeAndMin = label.substring(label.indexOf(" cold ") + " cold ".length());
            assertThat(listTexts).as("the cold-region list holds the label's '" + volumeAndMin + "'")
                    .anySatisfy(item -> assertThat(item).contains(volumeAndMin));
        });
        String supplement = (String) shown.get("supplement");
        assertThat(supplement).as("the supplement's D90 line").contains("D90 CTV ").contains(", 2 ");
        assertThat(supplement.indexOf("D90 CTV ")).as(supplement).isLessThan(supplement.indexOf(", 2 "));
    }
}

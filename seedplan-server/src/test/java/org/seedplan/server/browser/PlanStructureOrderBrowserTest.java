package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.demo.DemoPatient;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.structure.Structure;

/**
 * Structures named by numbers, as real structure sets carry them ("1", "2"), keep the structure set's order on the plan
 * screen, in a real Chromium: the demo patient with its stomach named "2" and its spinal cord "1" (structure set order GTV,
 * 2, 1, Body). A JavaScript object keyed by name would put "1" and "2" first, in numeric order; every list of the screen
 * (the intent form's organ rows and structure choices, then after optimising the goals, the metrics tables and the DVH
 * legend) shows them as the server gives them.
 */
class PlanStructureOrderBrowserTest extends BrowserPerClass {

    private Patient patient;

    PlanStructureOrderBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        List<Structure> demo = new DemoPatient().structures();
        List<Structure> numbered = demo.stream().map(s -> switch (s.name()) {
            case "Stomach" -> new Structure("2", s.type(), s.colorRgb(), s.contours());
            case "SpinalCord" -> new Structure("1", s.type(), s.colorRgb(), s.contours());
            default -> s;
        }).toList();
        assertThat(numbered.stream().map(Structure::name).toList()).containsExactly("GTV", "2", "1", "Body");
        patient = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(server.a.id(), "DEMO-0001").withName("Demo", "Numbered"));
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(),
                PlanScreenBrowserTest.writeDemo(server.folder("numbered"), numbered), ImportLimits.DEFAULT);
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    private Object run(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void structuresNamedByNumbersKeepTheStructureSetsOrder() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/plan.html?patient=" + patient.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#organ-rows .organ-row")));
        Map<String, Object> form = (Map<String, Object>) run("""
                const f = document.getElementById('intent-form');
                return {
                  organs: [...f.querySelectorAll('#organ-rows .organ-row [name=name]')].map((s) => s.value),
                  choices: [...f.querySelector('#organ-rows .organ-row [name=name]').options].map((o) => o.value),
                  from: [...f.querySelector('#target-rows .target-row [name=from]').options].map((o) => o.value).filter((v) => v),
                  names: [...document.querySelectorAll('#structure-names option')].map((o) => o.value),
                  server: window.seedplanPlan.choices.structures.map((s) => s.name),
                };
                """);
        System.out.println("intent form: " + form);
        assertThat((List<String>) form.get("server")).as("the server's structures").containsExactly("GTV", "2", "1", "Body");
        assertThat((List<String>) form.get("organs")).as("organ rows").containsExactly("2", "1");
        assertThat((List<String>) form.get("choices")).as("an organ row's structure choices").containsExactly("GTV", "2", "1");
        assertThat((List<String>) form.get("from")).as("a target's 'expand from' choices").containsExactly("GTV", "2", "1");
        assertThat((List<String>) form.get("names")).as("the target names offered").containsExactly("GTV", "2", "1");

        PlanScreen.giveSeedDates(driver, "2026-12-03", "2026-12-03");
        driver.findElement(By.id("optimise")).click();
        new WebDriverWait(driver, Duration.ofSeconds(240)).until(ExpectedConditions.visibilityOfElementLocated(By.id("metrics-panel")));
        Map<String, Object> shown = (Map<String, Object>) run("""
                const s = window.seedplanPlan.state;
                const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.trim());
                return {
                  goals: [...new Set([...document.querySelectorAll('#goals li')].map((li) => li.dataset.goal.split(' ')[0]))],
                  metrics: texts('#metrics tbody tr td:first-child'),
                  volumes: texts('#metrics-volume tbody tr td:first-child'),
                  legend: texts('#dvh-legend span'),
                  serverMetrics: s.metrics.map((m) => m.name),
                  serverDvh: s.structures.map((x) => x.name),
                };
                """);
        chromium.screenshot("plan-numbered-structures");
        System.out.println("after optimising: " + shown);
        assertThat((List<String>) shown.get("serverMetrics")).as("the server's metrics").containsExactly("GTV", "2", "1");
        assertThat((List<String>) shown.get("metrics")).as("dose metrics rows").containsExactly("GTV", "2", "1");
        assertThat((List<String>) shown.get("volumes")).as("volume metrics rows").containsExactly("GTV", "2", "1");
        assertThat((List<String>) shown.get("serverDvh")).as("the server's DVH curves").containsExactly("GTV", "2", "1");
        assertThat((List<String>) shown.get("legend")).as("DVH legend").containsExactly("GTV", "2", "1");
        assertThat((List<String>) shown.get("goals")).as("the structures of the goals, in their order").containsExactly("GTV", "2", "1");
    }
}

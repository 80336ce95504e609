package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.geometry.Vec3;
import org.seedplan.server.security.Permission;
import org.seedplan.server.security.PermissionMatrix;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.account.User;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRepository;

/**
 * Every role of centre A signs in on the sign-in screen in Chromium and is offered exactly what its roles allow: each
 * action of the patient list, the patient page and the follow-up page is shown when the server's permission matrix gives
 * the role the permission of the route it calls, and hidden otherwise (the one rule: not offered, never a button that
 * ends in 403). The statistician, who reads no patient records, lands on the cohort dashboard. The server stays the
 * authority: a request the screen does not offer, forged in the same browser with the session's CSRF token, is still 403.
 */
class RoleOffersBrowserTest extends BrowserPerClass {

    private static final PermissionMatrix MATRIX = PermissionMatrix.builtIn();
    private long patientId;
    private long visitId;

    RoleOffersBrowserTest() {
        super(Duration.ofSeconds(30));
    }

    @BeforeAll
    void patientWithAnApprovedPlan() {
        Patient p = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(server.a.id(), "A-ROLES").withName("Roles", "Test"));
        patientId = p.id();
        PlanRevisions plans = new PlanRevisions(server.db);
        PlanContent content = new PlanContent("{\"target\":\"GTV\"}", "1.2.826.0.1.3680043.2.1125.7", 120.0, "amersham6711", 0.76,
                LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 25), List.of(), List.of(new PlanContent.PlannedSeed(new Vec3(0, 0, 0), -1)),
                null);
        PlanRevisions.Revision r = plans.createPlan(Actor.SYSTEM, p.id(), "Liver S4", content, server.clock.instant());
        User physicist = server.usersA.get(Role.PHYSICIST);
        plans.approve(new Actor(physicist.id(), physicist.username(), Role.PHYSICIST, server.a.id(), null), r.planId(), 1,
                physicist.displayName(), server.clock.instant());
        visitId = new VisitRepository(server.db).create(Actor.SYSTEM, new VisitData(p.id(), LocalDate.of(2026, 11, 30), 2, null, false, null,
                List.of(), Map.of(), List.of())).id();
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    private static String user(Role role) {
        return role.name().toLowerCase(Locale.ROOT) + "_a";
    }

    /** Whether the element is on the page and shown. */
    private boolean offered(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** The actions of the patient page and the permission of the route each one calls (Routes, DicomNetworkApi). */
    private static Map<String, Permission> patientPageActions() {
        Map<String, Permission> m = new LinkedHashMap<>();
        m.put("#upload-open", Permission.EDIT_REGISTRY); // POST /api/studies
        m.put("#open-plan-screen", Permission.EDIT_PLAN); // the plan screen: /api/patients/{id}/planning
        m.put("#pacs-fetch-open", Permission.EDIT_REGISTRY); // /api/patients/{id}/pacs/studies and fetch
        m.put(".send-pacs", Permission.EXPORT_PLAN); // POST /api/plans/{planId}/revisions/{rev}/send
        m.put("#new-visit", Permission.EDIT_REGISTRY); // POST /api/patients/{id}/visits
        return m;
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "STATISTICIAN", mode = EnumSource.Mode.EXCLUDE)
    void eachRoleIsOfferedOnlyWhatItsRolesAllow(Role role) {
        chromium.signIn(server.base(), user(role));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#patients tbody tr")));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(offered("#upload-open")).as("%s: upload on the patient list", role)
                .isEqualTo(MATRIX.allows(role, Permission.EDIT_REGISTRY));
        soft.assertThat(offered("sp-app-header a[href='/dashboard.html']")).as("%s: cohort dashboard in the bar", role)
                .isEqualTo(MATRIX.allows(role, Permission.EXPORT_DEIDENTIFIED));

        driver.get(server.base() + "/patient.html?id=" + patientId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#plans tbody tr")));
        for (Map.Entry<String, Permission> action : patientPageActions().entrySet()) {
            soft.assertThat(offered(action.getKey())).as("%s: %s on the patient page (needs %s)", role, action.getKey(), action.getValue())
                    .isEqualTo(MATRIX.allows(role, action.getValue()));
        }
        // the plans' PACS column holds only the send button: a role that may not send sees no column (no empty header or cells)
        List<String> planHeaders = driver.findElements(By.cssSelector("#plans thead th")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList();
        soft.assertThat(planHeaders.contains("PACS")).as("%s: the plans' PACS column %s (needs %s)", role, planHeaders, Permission.EXPORT_PLAN)
                .isEqualTo(MATRIX.allows(role, Permission.EXPORT_PLAN));
        soft.assertThat(driver.findElements(By.cssSelector("#plans tbody tr:first-child td")).stream().filter(WebElement::isDisplayed).count())
                .as("%s: a plan's cells, one under each header", role).isEqualTo((long) planHeaders.size());
        if (role == Role.MONITOR) {
            chromium.screenshot("patient-monitor");
        }

        driver.get(server.base() + "/followup.html?patient=" + patientId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("visits-title")));
        for (String css : List.of("#new-visit", "#ae-form", "#progression-form", "#hyperthermia-form")) {
            soft.assertThat(offered(css)).as("%s: %s on the follow-up page", role, css).isEqualTo(MATRIX.allows(role, Permission.EDIT_REGISTRY));
        }

        // a stored visit: a role that may not change it reads it, its fields not editable and no save offered
        driver.get(server.base() + "/visit.html?patient=" + patientId + "&visit=" + visitId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-field='visitDate']")));
        soft.assertThat(offered("#save")).as("%s: save on the visit form", role).isEqualTo(MATRIX.allows(role, Permission.EDIT_REGISTRY));
        soft.assertThat(driver.findElement(By.cssSelector("[data-field='nrsPain']")).getAttribute("readonly")).as("%s: pain read-only", role)
                .isEqualTo(MATRIX.allows(role, Permission.EDIT_REGISTRY) ? null : "true");
        soft.assertAll();
    }

    @Test
    void aMonitorSeesNoChangeAndTheServerStillRefusesAForgedOne() {
        chromium.signIn(server.base(), user(Role.MONITOR));
        driver.get(server.base() + "/patient.html?id=" + patientId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#plans tbody tr")));
        for (String css : patientPageActions().keySet()) {
            assertThat(offered(css)).as("monitor (read-only): %s", css).isFalse();
        }
        // what the screen does not offer, sent by hand from the same signed-in browser with the session's CSRF token
        assertThat(forged("POST", "/api/patients/" + patientId + "/visits",
                "{\"visitDate\":\"2026-11-30\",\"newLesion\":false,\"nonTarget\":\"NON_CR_NON_PD\"}")).isEqualTo(403);
        assertThat(forged("POST", "/api/patients/" + patientId + "/lesions",
                "{\"label\":\"L9\",\"organ\":\"liver\",\"nodal\":false,\"target\":true,\"baselineLongestMm\":30}")).isEqualTo(403);
    }

    @Test
    void aStatisticianLandsOnTheCohortDashboardNotOnAnError() {
        chromium.signIn(server.base(), user(Role.STATISTICIAN), "/dashboard.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run")));
        assertThat(driver.findElement(By.id("error")).isDisplayed()).as("no error on the landing screen").isFalse();
        assertThat(driver.findElement(By.id("centre")).getText()).contains("Centre A");
        assertThat(offered("sp-app-header a[href='/patients.html']")).as("no patient list in the bar").isFalse();
        assertThat(offered("sp-app-header a[href='/forms-studies.html']")).as("no study variables in the bar").isFalse();
        chromium.screenshot("dashboard-statistician");
        // the patient list by its address sends the statistician back to the dashboard; the API still refuses the records
        driver.get(server.base() + "/patients.html");
        wait.until(ExpectedConditions.urlContains("/dashboard.html"));
        assertThat(forged("GET", "/api/patients", null)).isEqualTo(403);
    }

    /** Sends a request from the signed-in page with the session's CSRF token; returns the HTTP status. */
    private long forged(String method, String path, String body) {
        return chromium.fetch(method, path, body).status();
    }
}

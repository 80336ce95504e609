package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.io.SyntheticCohort;
import org.seedplan.storage.Actor;
import org.seedplan.storage.cohort.CohortImporter;

/**
 * The cohort dashboard in a real Chromium: a statistician of centre A picks a plan template, changes the factor the
 * Kaplan–Meier curves are drawn by in the plan's JSON, runs it on the centre's registry and sees the curve by that
 * factor (one line per level, numbers at risk, log-rank p) and the survival table as numbers. Screenshots in the
 * build folder's screenshots/dashboard*.png.
 */
class DashboardBrowserTest extends BrowserPerClass {

    DashboardBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        SyntheticCohort.Result demo = SyntheticCohort.generate(60, 11, 0);
        new CohortImporter(server.db).importCohort(Actor.SYSTEM, server.a.id(), new ImportedCohort(demo.cohort(), demo.sessions(), "test"));
    }

    @Test
    void dashboardShowsTheKaplanMeierCurveByTheFactorChosenInThePlanAndTheCumulativeIncidenceWithCompetingDeath() {
        // a statistician reads no patient records: signing in lands on the dashboard
        chromium.signIn(server.base(), "statistician_a", "/dashboard.html");
        WebElement plan = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan")));
        wait.until(d -> plan.getAttribute("value").contains("\"version\": 1"));
        new Select(driver.findElement(By.id("template"))).selectByValue("default");
        String edited = plan.getAttribute("value").replace("\"by\": [\"d90_ge120\"]", "\"by\": [\"hyperthermia\"]");
        assertThat(edited).contains("\"by\": [\"hyperthermia\"]");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", plan, edited);
        chromium.screenshot("dashboard-plan");
        driver.findElement(By.id("run")).click();

        WebElement km = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("figure[data-figure='km_os_by_hyperthermia'] svg")));
        String text = km.getText();
        assertThat(text).contains("Overall survival by Hyperthermia", "Hyperthermia no", "Hyperthermia yes", "Number at risk", "Log-rank p");
        List<WebElement> curves = km.findElements(By.cssSelector("polyline"));
        assertThat(curves).as("one step curve per level").hasSizeGreaterThanOrEqualTo(2);
        WebElement survival = driver.findElement(By.cssSelector("section[data-table='survival']"));
        assertThat(survival.findElements(By.xpath(".//td[text()='hyperthermia']"))).hasSize(4);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", km);
        chromium.screenshot("dashboard");
        assertThat(driver.findElement(By.id("results-title")).getText()).as("the small-cell rule is stated")
                .contains("groups under 5 patients shown as \"< 5\"");

        // the same plan with death competing instead of ending LPFS: the cumulative incidence with its CIs
        new Select(driver.findElement(By.id("template"))).selectByValue("default");
        edited = plan.getAttribute("value").replace("\"events\": [\"local_progression\", \"death\"]",
                "\"events\": [\"local_progression\"], \"competing\": [\"death\"]");
        assertThat(edited).contains("\"competing\": [\"death\"]");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", plan, edited);
        driver.findElement(By.id("run")).click();
        WebElement cif = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("figure[data-figure='cif_lpfs'] svg")));
        assertThat(cif.getText()).contains("Cumulative incidence of local progression (death competing)", "Death (competing)", "95 % CI");
        WebElement table = driver.findElement(By.cssSelector("section[data-table='cumulative_incidence']"));
        assertThat(table.getText()).contains("event_lower", "event_upper", "competing_upper");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", cif);
        chromium.screenshot("dashboard-cumulative-incidence");
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
    }

    /**
     * A physicist may not run analysis plans (statisticians only): the dashboard by its address offers no run and says which role
     * may and whom to ask, in the server's words (the session's whoMay); the server still refuses the run itself.
     */
    @Test
    void aRoleWithoutTheRightIsToldWhichRoleHasItAndWhomToAsk() {
        driver.manage().deleteAllCookies();
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/dashboard.html");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).as("the screen names the permission, the role that has it and whom to ask")
                .contains("EXPORT_DEIDENTIFIED", "only the statistician role allows it", "ask your centre's administrator");
        assertThat(driver.findElement(By.id("run-form")).isDisplayed()).as("no run offered").isFalse();
        assertThat(server.signedIn(org.seedplan.storage.account.Role.PHYSICIST, true)
                .post("/api/analysis/run?centreId=" + server.a.id(), "{\"plan\":{}}").status()).isEqualTo(403);
        chromium.screenshot("dashboard-refused");
        driver.manage().deleteAllCookies();
    }
}

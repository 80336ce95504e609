package org.seedplan.server.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The plan screen (plan.html) as the browser tests drive it. */
final class PlanScreen {

    private PlanScreen() {
    }

    /**
     * Types the seed certificate's calibration date and the implant date (yyyy-MM-dd) into the intent form, which opens with
     * them empty for a patient without a plan and refuses to optimise without them. A test that gives one day for both plans
     * with the strength typed as the strength at the implant (no decay).
     */
    static void giveSeedDates(WebDriver driver, String calibration, String implant) {
        ((JavascriptExecutor) driver).executeScript("const f = document.getElementById('intent-form');"
                + " f.querySelector('[name=calibrationDate]').value = arguments[0]; f.querySelector('[name=implantDate]').value = arguments[1];",
                calibration, implant);
    }
}

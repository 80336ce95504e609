package org.seedplan.server.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The verification screen (verify.html) as the browser tests drive it. */
final class VerifyScreen {

    private VerifyScreen() {
    }

    /**
     * Waits until the post-op CT's slices are all in and the list of plans to verify against is filled. The page attaches
     * the handler of its "Find seeds and verify" button in the same step as it fills that list, and the button is enabled
     * from the start, so a click before then is lost (or sends no plan) and the test would wait for a result that never comes.
     */
    static void awaitReady(WebDriverWait wait) {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("const v = window.seedplanViewer;"
                + " const plans = document.getElementById('plan-choice');"
                + " return !!(v && v.volume && v.volume.complete()) && plans.options.length > 0 && plans.value !== ''")));
    }
}

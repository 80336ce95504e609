package org.seedplan.server.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The verification screen (verify.html) as the browser tests drive it. */
final class VerifyScreen {

    private VerifyScreen() {
    }

    /**
     * Waits until the post-op CT's slices are all in and the list of plans to verify against is filled. The page attaches
     * the handler of its "Find seeds and verify" button and then fills that list, enabling the button; a test that chose a plan
     * before the list was filled would have its choice replaced.
     */
    static void awaitReady(WebDriverWait wait) {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("const v = window.seedplanViewer;"
                + " const plans = document.getElementById('plan-choice');"
                + " return !!(v && v.volume && v.volume.complete()) && plans.options.length > 0 && plans.value !== ''")));
    }
}

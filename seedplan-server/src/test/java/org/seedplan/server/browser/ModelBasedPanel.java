package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The model-based dose panel that the plan and verification screens share, driven as a physicist does for a quick look. */
final class ModelBasedPanel {

    private ModelBasedPanel() {
    }

    /**
     * Asks for 10⁴ photons at 10 % (the server's lower bound: a run of seconds, a format check, not physics), starts the run,
     * waits up to 60 s for its table or an error, then checks that no error shows and that the columns are labelled Metric,
     * TG-43 (Dw,w), Dm,m ± 1σ and Δ. The panel must be in view.
     */
    static void runQuickLook(WebDriver driver) {
        WebElement photons = driver.findElement(By.id("mb-photons"));
        photons.clear();
        photons.sendKeys("10000");
        WebElement uncertainty = driver.findElement(By.id("mb-uncertainty"));
        uncertainty.clear();
        uncertainty.sendKeys("10");
        driver.findElement(By.id("model-based-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60), Chromium.POLL).until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#model-based-table tbody tr")),
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#model-based-panel .message.error"))));
        assertThat(driver.findElements(By.cssSelector("#model-based-panel .message.error")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList()).as("the run's error").isEmpty();
        List<String> header = driver.findElements(By.cssSelector("#model-based-table th")).stream().map(WebElement::getText).toList();
        assertThat(header).containsExactly("Metric", "TG-43 (Dw,w)", "Dm,m ± 1σ", "Δ");
    }
}

package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.server.api.Json;
import org.seedplan.storage.Database;

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

    /** The one result stored in {@code table} (model_based_dose, model_based_verification_dose) of the test's database. */
    static JsonNode storedResult(Database db, String table) throws Exception {
        return Json.MAPPER.readTree(db.read(tx -> tx.one("SELECT result_json FROM " + table, r -> r.string("result_json"))).orElseThrow());
    }

    /**
     * The table's * against {@code result} (what the server sent): a row's model-based cell ends "± σ *" exactly when the result
     * flags its metric ({@code biasAboveSigma}), and the note under the table is the result's {@code uncertaintyNote}: what ± and *
     * mean, and the flagged metrics by name. Returns how many rows are marked.
     */
    static int checkBiasMarks(WebDriver driver, JsonNode result) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#model-based-table tbody tr"));
        JsonNode comparison = result.get("comparison");
        assertThat(rows).hasSize(comparison.size());
        int marked = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = comparison.get(i);
            String name = row.get("structure").asText() + " " + row.get("metric").asText();
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertThat(cells.get(0).getText()).startsWith(name);
            String cell = cells.get(2).getText();
            if (row.get("biasAboveSigma").asBoolean()) {
                assertThat(cell).as(name + " flagged by the result").matches("\\d+\\.\\d ± \\d+\\.\\d \\*");
                marked++;
            } else {
                assertThat(cell).as(name + " not flagged").doesNotContain("*");
            }
        }
        assertThat(driver.findElements(By.cssSelector("#model-based-table .mb-bias-mark"))).hasSize(marked);
        String footnote = driver.findElement(By.id("model-based-footnote")).getText();
        assertThat(footnote).isEqualTo(result.get("uncertaintyNote").asText() + ".").contains("* marks a metric whose bias");
        for (JsonNode row : comparison) {
            String named = row.get("structure").asText() + " " + row.get("metric").asText() + " ";
            assertThat(footnote.contains("above 1σ") && footnote.substring(footnote.indexOf("above 1σ")).contains(named))
                    .as(named + "named under the table").isEqualTo(row.get("biasAboveSigma").asBoolean());
        }
        return marked;
    }
}

package org.seedplan.server.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The patient page's lesion form (js/lesion-form.js) as the browser tests read and fill it: inputs by their API field name. */
final class LesionFormPage {

    private LesionFormPage() {
    }

    /** The input of field {@code name} (its data-field, the API's name). */
    static WebElement field(WebDriver driver, String name) {
        return driver.findElement(By.cssSelector("#lesion-form [data-field='" + name + "']"));
    }

    /** The message shown under the field, '' when none. */
    static String messageAt(WebDriver driver, String name) {
        WebElement m = driver.findElement(By.id(field(driver, name).getAttribute("aria-describedby")));
        return m.isDisplayed() ? m.getText() : "";
    }

    /** Replaces the field's text by {@code text}, typed. */
    static void type(WebDriver driver, String name, String text) {
        field(driver, name).clear();
        field(driver, name).sendKeys(text);
    }
}

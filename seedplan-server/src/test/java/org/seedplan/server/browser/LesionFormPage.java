package org.seedplan.server.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The patient page's lesion form (js/lesion-form.js) as the browser tests read and fill it: inputs by their API field name. */
final class LesionFormPage {

    private final WebDriver driver;

    LesionFormPage(WebDriver driver) {
        this.driver = driver;
    }

    /** The input of field {@code name} (its data-field, the API's name). */
    WebElement field(String name) {
        return driver.findElement(By.cssSelector("#lesion-form [data-field='" + name + "']"));
    }

    /** The message shown under the field, '' when none. */
    String messageAt(String name) {
        WebElement m = driver.findElement(By.id(field(name).getAttribute("aria-describedby")));
        return m.isDisplayed() ? m.getText() : "";
    }

    /** Replaces the field's text by {@code text}, typed. */
    void type(String name, String text) {
        field(name).clear();
        field(name).sendKeys(text);
    }
}

package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * Each screen at 1366 × 768 (the common clinic laptop) in a real Chromium on the demo patient: every toolbar is one
 * line, nothing sticks out of the window or out of a side panel, and the read-out under the cursor is shown whole.
 * The window is set to 1366 × 768 (the page then has 1366 × 625 CSS px, what a browser leaves on such a screen).
 * Screenshots at 1366 × 768, and with -Dseedplan.screenshots1920=true also at 1920 × 1080, are kept in the build
 * folder's screenshots/ for a person to look at.
 */
class ToolbarLayoutBrowserTest extends BrowserPerClass {

    /**
     * The layout checks, run in the page. A toolbar is one line when its visible children in the flow (not those placed elsewhere) share a row: the lowest top
     * edge lies above the highest bottom edge (a wrapped item starts below the first line's bottom); an element overflows when its right edge is more than 1 px past
     * the window's or past a clipping ancestor's (overflow-x not visible), which would hide it or need a sideways scroll,
     * and a toolbar's button, link, label or text is cut when its content is wider than its box (scrollWidth > clientWidth).
     * A toolbar's legend is one line when its box is lower than 1.5 of its line height.
     */
    private static final String LAYOUT = """
            const out = {toolbars: [], overflow: [], readout: null, width: innerWidth, height: innerHeight,
              pageWidth: document.documentElement.scrollWidth};
            const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
              && getComputedStyle(e).visibility !== 'hidden'; };
            const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '');
            for (const t of document.querySelectorAll('.appbar, .imaging-toolbar, sp-ct-toolbar, .toolbar')) {
              if (!visible(t)) continue;
              const kids = [...t.children].filter((k) => visible(k) && !['absolute', 'fixed'].includes(getComputedStyle(k).position));
              const tops = kids.map((k) => k.getBoundingClientRect().top), bottoms = kids.map((k) => k.getBoundingClientRect().bottom);
              for (const c of t.querySelectorAll('button, a, label, output, span')) {
                if (visible(c) && c.scrollWidth > c.clientWidth + 1 && c.clientWidth > 0) out.overflow.push(name(c) + ' text cut: ' + c.textContent);
              }
              out.toolbars.push({name: name(t), height: t.getBoundingClientRect().height, oneLine: Math.max(...tops) < Math.min(...bottoms),
                lowestTop: Math.max(...tops), highestBottom: Math.min(...bottoms)});
            }
            for (const e of document.querySelectorAll('body *')) {
              if (!visible(e) || e.closest('.sr-only')) continue;
              const r = e.getBoundingClientRect();
              if (r.right > innerWidth + 1) { out.overflow.push(name(e) + ' right ' + r.right.toFixed(0) + ' > window ' + innerWidth); continue; }
              for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX === 'visible') continue;
                const ar = a.getBoundingClientRect();
                if (r.right > ar.right + 1) out.overflow.push(name(e) + ' right ' + r.right.toFixed(0) + ' > ' + name(a) + ' ' + ar.right.toFixed(0));
                break;
              }
            }
            out.legends = [...document.querySelectorAll('.imaging-toolbar > .legend')].filter(visible).map((l) => ({name: name(l),
              height: l.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(l).lineHeight),
              oneLine: l.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(l).lineHeight)}));
            const ro = document.getElementById('cursor-readout');
            if (ro) out.readout = {text: ro.textContent, scrollWidth: ro.scrollWidth, clientWidth: ro.clientWidth};
            return out;
            """;

    private Patient patient;
    private final List<String> failures = new ArrayList<>();

    ToolbarLayoutBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        patient = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(server.a.id(), "DEMO-0001").withName("Demo", "Liver"));
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(),
                PlanScreenBrowserTest.writeDemo(server.folder("toolbar-demo")), ImportLimits.DEFAULT);
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Test
    void everyScreenAt1366x768HasOneLineToolbarsNothingOutsideTheWindowAndTheWholeReadout() {
        driver.manage().window().setSize(new Dimension(1366, 768));
        chromium.signIn(server.base(), "statistician_a", "/dashboard.html");
        WebElement plan = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan")));
        wait.until(d -> plan.getAttribute("value").contains("\"version\""));
        check("dashboard", null);
        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("username")));
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/patient.html?id=" + patient.id());
        String query = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href^='/viewer.html?']")))
                .getAttribute("href").replaceFirst("^.*\\?", "");
        check("patient", null);
        for (String screen : List.of("viewer", "contour", "verify")) {
            driver.get(server.base() + "/" + screen + ".html?" + query);
            check(screen, "imaging");
        }
        driver.get(server.base() + "/plan.html?patient=" + patient.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#target-rows .target-row")));
        check("plan", "imaging");
        driver.get(server.base() + "/followup.html?patient=" + patient.id());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("content")));
        check("followup", null);
        assertThat(failures).as("layout faults").isEmpty();
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
    }

    /**
     * The plan screen's intent form, in its 380 px column at 1366 × 768 and 1920 × 1080, with the values that did not fit: the
     * demo's strength as stored (the certificate's 0.6 mCi at the implant decayed back to the calibration date in U: a double of 16
     * decimals), both seed dates and a V(dose) organ limit with its volume share; and its approach row both ways: a coplanar
     * template with its side, and free-hand with the entry taken at a crosshair as far out as a CT corner may lie
     * ([-234.5, -345.6, -1234.5] mm). Each row of the form is one line (its children in the flow share a row, as for a toolbar),
     * each text or number field shows its whole value (scrollWidth ≤ clientWidth), and every field of the side column (the
     * intent, the Needles from CT panel, the plan name) is written in the regular weight, as the values of the other screens.
     */
    @Test
    @SuppressWarnings("unchecked")
    void planIntentFormShowsEveryValueWholeWithEachRowOnOneLine() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/plan.html?patient=" + patient.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#organ-rows .organ-row")));
        PlanScreen.giveSeedDates(driver, "2025-02-24", "2025-03-03");
        js("""
                const f = document.getElementById('intent-form');
                f.querySelector('[name=strength]').value = '0.8268560085485708';
                f.querySelector('[name=unit]').value = 'U';
                const kind = f.querySelector('#organ-rows .organ-row [name=kind]');
                kind.value = 'vx';
                kind.dispatchEvent(new Event('change'));
                f.querySelector('#organ-rows .organ-row [name=volume]').value = '12.5';
                """);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nct-reason")));
        List<String> faults = new ArrayList<>();
        for (String approach : List.of("coplanar", "freehand")) {
            js("""
                    const f = document.getElementById('intent-form');
                    const a = f.querySelector('[name=approachType]');
                    a.value = arguments[0];
                    a.dispatchEvent(new Event('change'));
                    if (arguments[0] === 'freehand') {
                      window.seedplanPlan.form.focus = () => [-234.5, -345.6, -1234.5];
                      f.querySelector('.entry button').click();
                    }
                    """, approach);
            faults.addAll(intentFormFaults(approach));
        }
        driver.manage().window().setSize(new Dimension(1366, 768));
        js("document.getElementById('needles-ct-panel').scrollIntoView({block: 'start'})");
        chromium.screenshot("layout-plan-needles-ct-1366x768");
        Object bold = js("""
                return [...document.querySelectorAll('.plan-side input, .plan-side select')].filter((e) => e.getBoundingClientRect().width > 0)
                  .filter((e) => getComputedStyle(e).fontWeight !== '400').map((e) => (e.id || e.name) + ': ' + getComputedStyle(e).fontWeight);
                """);
        assertThat((List<Object>) bold).as("fields of the side column not in the regular weight").isEmpty();
        assertThat(faults).as("the intent form's rows and fields").isEmpty();
    }

    /** The intent form's rows on two lines and its fields cut, at 1366 × 768 and 1920 × 1080, with screenshots. */
    @SuppressWarnings("unchecked")
    private List<String> intentFormFaults(String approach) {
        List<String> faults = new ArrayList<>();
        for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
            driver.manage().window().setSize(size);
            Map<String, Object> r = (Map<String, Object>) js("""
                    const visible = (e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
                    const rows = [...document.querySelectorAll('#intent-form .row')].filter(visible).map((row) => {
                      const kids = [...row.children].filter(visible).map((k) => k.getBoundingClientRect());
                      return {text: row.textContent.trim().slice(0, 40), oneLine: Math.max(...kids.map((k) => k.top)) < Math.min(...kids.map((k) => k.bottom))};
                    });
                    const fields = [...document.querySelectorAll('#intent-form input')].filter(visible).map((i) => ({name: i.name, value: i.value,
                      whole: i.scrollWidth <= i.clientWidth, scrollWidth: i.scrollWidth, clientWidth: i.clientWidth}));
                    return {rows, fields, form: document.getElementById('intent-form').getBoundingClientRect().width};
                    """);
            System.out.println("plan intent form (" + approach + ") at " + size + ": " + r);
            js("document.getElementById('intent-form').querySelector('[name=approachType]').scrollIntoView({block: 'center'})");
            chromium.screenshot("layout-plan-intent-" + approach + "-" + size.width + "x" + size.height);
            for (Map<String, Object> row : (List<Map<String, Object>>) r.get("rows")) {
                if (!Boolean.TRUE.equals(row.get("oneLine"))) faults.add(approach + ", " + size + ": row on two lines: " + row.get("text"));
            }
            for (Map<String, Object> field : (List<Map<String, Object>>) r.get("fields")) {
                if (!Boolean.TRUE.equals(field.get("whole"))) faults.add(approach + ", " + size + ": field cut: " + field);
            }
        }
        return faults;
    }

    /** Waits for the screen, puts the mouse on the axial view of an image screen, checks the layout and takes screenshots. */
    @SuppressWarnings("unchecked")
    private void check(String screen, String kind) {
        driver.manage().window().setSize(new Dimension(1366, 768));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("sp-app-header .appbar")));
        if ("imaging".equals(kind)) {
            wait.until(d -> Boolean.TRUE.equals(js("return !!(window.seedplanViewer && window.seedplanViewer.volume"
                    + " && window.seedplanViewer.volume.complete())")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("toolbar")));
            WebElement axial = driver.findElement(By.cssSelector("canvas[data-view='axial']"));
            // on the patient's right and anterior, inside the CT: negative coordinates and an HU value
            new Actions(driver).moveToElement(axial, -axial.getSize().width / 5, -axial.getSize().height / 5).perform();
            wait.until(d -> !driver.findElement(By.id("cursor-readout")).getText().isEmpty());
        }
        Map<String, Object> r = (Map<String, Object>) js(LAYOUT);
        chromium.screenshot("layout-" + screen + "-1366x768");
        System.out.println(screen + " at 1366 x 768: " + r);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(((Number) r.get("width")).intValue()).as("window width").isEqualTo(1366);
        soft.assertThat(((Number) r.get("pageWidth")).intValue()).as("%s: page width", screen).isLessThanOrEqualTo(1366);
        for (Map<String, Object> t : (List<Map<String, Object>>) r.get("toolbars")) {
            soft.assertThat(t.get("oneLine")).as("%s: %s is one line: %s", screen, t.get("name"), t).isEqualTo(Boolean.TRUE);
        }
        soft.assertThat((List<String>) r.get("overflow")).as("%s: elements outside the window or their panel", screen).isEmpty();
        for (Map<String, Object> l : (List<Map<String, Object>>) r.get("legends")) {
            soft.assertThat(l.get("oneLine")).as("%s: the toolbar's legend is one line: %s", screen, l).isEqualTo(Boolean.TRUE);
        }
        if ("imaging".equals(kind)) {
            Map<String, Object> ro = (Map<String, Object>) r.get("readout");
            soft.assertThat((String) ro.get("text")).as("%s: read-out", screen).matches("\\(-?[\\d.]+, -?[\\d.]+, -?[\\d.]+\\) mm\\s+(-?\\d+ HU|—)");
            soft.assertThat(((Number) ro.get("scrollWidth")).intValue()).as("%s: read-out %s not cut", screen, ro.get("text"))
                    .isLessThanOrEqualTo(((Number) ro.get("clientWidth")).intValue());
        }
        if (Boolean.getBoolean("seedplan.screenshots1920")) {
            driver.manage().window().setSize(new Dimension(1920, 1080));
            js("window.scrollTo(0, 0)");
            chromium.screenshot("layout-" + screen + "-1920x1080");
            driver.manage().window().setSize(new Dimension(1366, 768));
        }
        soft.errorsCollected().forEach((e) -> failures.add(e.getMessage()));
    }
}

package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.planning.edit.IsodoseLineStyle;
import org.seedplan.server.api.Json;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The plan screen's isodoses read without colour, as the printed reports do: on the demo patient planned to 120 Gy
 * (CTV = GTV + 5 mm), the page draws each level in the width and dash pattern the server hands over, which is
 * seedplan-planning's IsodoseLineStyle (the reports' table), on a black casing; the legend's line samples, read from their
 * pixels, differ in width and dash run lengths; a label names each level on the view. Saves plan-isodoses.png and its
 * greyscale version plan-isodoses-grey.png (luma, ITU-R BT.601, as a greyscale printer would) in the build's screenshots.
 */
class PlanIsodoseStyleBrowserTest extends BrowserPerClass {

    private Patient patient;

    PlanIsodoseStyleBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        patient = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(server.a.id(), "DEMO-0001").withName("Demo", "Liver"));
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(),
                PlanScreenBrowserTest.writeDemo(server.folder("plan-iso")), ImportLimits.DEFAULT);
    }

    private Object run(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Test
    void eachIsodoseLevelIsDrawnInItsOwnWidthAndDashesWithALegendAndLabels() throws Exception {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/patient.html?id=" + patient.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("open-plan-screen"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#target-rows .target-row")));
        WebElement target = driver.findElement(By.cssSelector("#target-rows .target-row"));
        WebElement name = target.findElement(By.name("name"));
        name.clear();
        name.sendKeys("CTV");
        new Select(target.findElement(By.name("from"))).selectByValue("GTV");
        // the form requires the seed dates; one day for both: the strength typed is the strength at the implant
        PlanScreen.giveSeedDates(driver, "2026-12-03", "2026-12-03");
        driver.findElement(By.id("optimise")).click();
        new WebDriverWait(driver, Duration.ofSeconds(240)).until(ExpectedConditions.visibilityOfElementLocated(By.id("goals-panel")));
        wait.until(d -> run("return window.seedplanPlan.state && window.seedplanPlan.state.isodoses.axial != null") == Boolean.TRUE);
        run("const s = window.seedplanPlan.state.seeds; window.seedplanViewer.setFocus(s[Math.floor(s.length / 2)].positionMm);");
        wait.until(d -> (Boolean) run("const p = window.seedplanPlan; return Math.abs(p.state.isodoses.axial.atMm - p.viewer.views.axial.sliceMm) < 1e-6;"));
        run("window.seedplanViewer.renderNow();");
        Path shot = chromium.screenshot("plan-isodoses");
        ImageIO.write(grey(ImageIO.read(shot.toFile())), "png", shot.resolveSibling("plan-isodoses-grey.png").toFile());

        // the page draws from the table the reports draw from: the served style is IsodoseLineStyle's, value for value
        JsonNode style = Json.MAPPER.readTree((String) run("return JSON.stringify(window.seedplanPlan.state.isodoseStyle)"));
        assertThat(style.get("casingPx").floatValue()).isEqualTo(IsodoseLineStyle.CASING_PX);
        assertThat(style.get("levels")).hasSize(IsodoseLineStyle.LEVELS.size());
        for (int i = 0; i < IsodoseLineStyle.LEVELS.size(); i++) {
            IsodoseLineStyle s = IsodoseLineStyle.LEVELS.get(i);
            JsonNode j = style.get("levels").get(i);
            assertThat(j.get("percent").asDouble()).isEqualTo(s.percent());
            assertThat(j.get("colour").asText()).isEqualTo(s.cssColour());
            assertThat(j.get("widthPx").floatValue()).isEqualTo(s.widthPx());
            assertThat(dashes(j.get("dashPx"))).isEqualTo(dashList(s.dashPx()));
        }

        // what the view's canvas was told to stroke for each level, recorded during a redraw of the axial view: the level's
        // colour with its width and dashes, over a black casing 2 px wider with the same dashes
        JsonNode strokes = Json.MAPPER.readTree((String) run("const p = CanvasRenderingContext2D.prototype; const original = p.stroke;"
                + " const seen = []; const axial = window.seedplanPlan.viewer.views.axial.canvas;"
                + " p.stroke = function (...a) { if (this.canvas === axial) seen.push({ colour: this.strokeStyle, width: this.lineWidth, dash: this.getLineDash() });"
                + "   return original.apply(this, a); };"
                + " try { window.seedplanViewer.renderNow(); } finally { p.stroke = original; } return JSON.stringify(seen);"));
        Set<String> distinct = new HashSet<>();
        for (IsodoseLineStyle s : IsodoseLineStyle.LEVELS) {
            boolean onSlice = (Boolean) run("return window.seedplanPlan.state.isodoses.axial.lines.some((l) => l.percent === arguments[0]"
                    + " && l.segmentsMm.length > 0)", s.percent());
            if (!onSlice) {
                continue;
            }
            assertThat(stroked(strokes, s.cssColour(), s.widthPx(), s.dashPx())).as("%s %% line stroked in its style", s.percent()).isTrue();
            assertThat(stroked(strokes, "#000000", s.widthPx() + IsodoseLineStyle.CASING_PX, s.dashPx()))
                    .as("%s %% casing stroked", s.percent()).isTrue();
            distinct.add(s.widthPx() + " " + dashList(s.dashPx()));
        }
        assertThat(distinct).as("levels on the axial slice, each with its own width and dashes").hasSizeGreaterThanOrEqualTo(3);

        // the legend, read from the pixels of its line samples: per level the drawn run lengths along the line and its width
        @SuppressWarnings("unchecked")
        List<List<Number>> samples = (List<List<Number>>) run("return [...document.querySelectorAll('#isodose-legend .iso-sample')].map((c) => {"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const dpr = c.width / c.getBoundingClientRect().width;"
                + " const lit = (x, y) => { const k = 4 * (y * c.width + x); return d[k + 3] > 200 && Math.max(d[k], d[k + 1], d[k + 2]) > 100; };"
                + " const mid = Math.floor(c.height / 2); const runs = []; let on = 0;"
                + " for (let x = Math.ceil(dpr); x < c.width - Math.ceil(dpr); x++) { if (lit(x, mid)) on++; else if (on) { runs.push(on / dpr); on = 0; } }"
                + " if (on) runs.push(on / dpr);"
                + " let width = 0; const x0 = Math.ceil(2 * dpr); for (let y = 0; y < c.height; y++) if (lit(x0, y)) width++;"
                + " return [width / dpr, runs.length, Math.max(...runs)]; });");
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) run("return [...document.querySelectorAll('#isodose-legend .iso-entry')].map((e) => e.textContent)");
        System.out.println("legend " + names + " samples [lit width px, coloured runs, longest run px]: " + samples);
        assertThat(names).containsExactly("50 %", "100 %", "150 %", "200 %");
        // 100 %: one solid run 3.5 px wide (±1 px of anti-aliasing); 50 % dotted: many runs of about 2 px; 150 % dashed: runs of
        // about 8 px; 200 % dash-dot: runs of 8 and 2 px. The sample is 32 px of line.
        assertThat(samples.get(1).get(1).intValue()).as("100 %% solid: one run").isEqualTo(1);
        assertThat(samples.get(1).get(0).doubleValue()).as("100 %% width px").isBetween(2.5, 4.5);
        assertThat(samples.get(0).get(1).intValue()).as("50 %% dotted runs").isGreaterThanOrEqualTo(5);
        assertThat(samples.get(0).get(2).doubleValue()).as("50 %% dot length px").isLessThanOrEqualTo(3.0);
        assertThat(samples.get(2).get(2).doubleValue()).as("150 %% dash length px").isBetween(7.0, 9.0);
        assertThat(samples.get(2).get(1).intValue()).as("150 %% dashes in 32 px").isBetween(2, 3);
        assertThat(samples.get(3).get(1).intValue()).as("200 %% dash-dot runs in 32 px").isGreaterThan(samples.get(2).get(1).intValue());
        for (int i : new int[] {0, 2, 3}) {
            assertThat(samples.get(i).get(0).doubleValue()).as("thin line %s width px", names.get(i)).isBetween(1.0, 2.5);
        }

        // on the axial view: the legend (black text on its white band) names every level, and labels (white text on a black
        // outline, the only outlined text the page draws) name the levels drawn where they find room, the 100 % line among them
        JsonNode texts = Json.MAPPER.readTree((String) run("const p = CanvasRenderingContext2D.prototype; const fill = p.fillText;"
                + " const outline = p.strokeText; const legend = [], labels = []; const axial = window.seedplanPlan.viewer.views.axial.canvas;"
                + " p.fillText = function (t, ...a) { if (this.canvas === axial && this.fillStyle === '#000000') legend.push(t); return fill.call(this, t, ...a); };"
                + " p.strokeText = function (t, ...a) { if (this.canvas === axial) labels.push(t); return outline.call(this, t, ...a); };"
                + " try { window.seedplanViewer.renderNow(); } finally { p.fillText = fill; p.strokeText = outline; }"
                + " return JSON.stringify({legend, labels});"));
        System.out.println("axial view texts: " + texts);
        assertThat(texts.get("legend").toString()).contains("\"50 %\"", "\"100 %\"", "\"150 %\"", "\"200 %\"");
        List<String> labels = new ArrayList<>();
        texts.get("labels").forEach(t -> labels.add(t.asText()));
        assertThat(labels).as("labels on the axial view").contains("100 %");
        assertThat(labels.stream().filter(t -> t.endsWith(" %")).count()).as("levels labelled").isGreaterThanOrEqualTo(2);
    }

    private static List<Float> dashes(JsonNode a) {
        List<Float> out = new ArrayList<>();
        a.forEach(d -> out.add(d.floatValue()));
        return out;
    }

    /** Whether one of the recorded strokes had this colour, width and dash pattern. */
    private static boolean stroked(JsonNode strokes, String colour, float widthPx, float[] dashPx) {
        for (JsonNode x : strokes) {
            if (x.get("colour").asText().equals(colour) && x.get("width").floatValue() == widthPx && dashes(x.get("dash")).equals(dashList(dashPx))) {
                return true;
            }
        }
        return false;
    }

    private static List<Float> dashList(float[] dash) {
        List<Float> out = new ArrayList<>();
        for (float d : dash) {
            out.add(d);
        }
        return out;
    }

    /** The picture as a greyscale printer renders it: luma Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601). */
    static BufferedImage grey(BufferedImage colour) throws IOException {
        BufferedImage g = new BufferedImage(colour.getWidth(), colour.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < colour.getHeight(); y++) {
            for (int x = 0; x < colour.getWidth(); x++) {
                int rgb = colour.getRGB(x, y);
                int luma = (int) Math.round(0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff));
                g.getRaster().setSample(x, y, 0, luma);
            }
        }
        return g;
    }
}

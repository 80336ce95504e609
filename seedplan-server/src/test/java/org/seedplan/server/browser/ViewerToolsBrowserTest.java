package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;
import org.seedplan.server.World;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;

/**
 * The CT viewer's tools in a real Chromium on the demo CT (seedplan-core's DemoPatient: 201 × 161 × 33 voxels of
 * 1 × 1 × 2.5 mm, a vertebra of 650 HU behind the cord, a liver lesion on the patient's right), checked against the
 * CT's own voxels in Java: the HU under the cursor, the width of the vertebra measured edge to edge as a physicist sees
 * it, the orientation of each view and its labels, the linked crosshair, zoom at the cursor, pan, window/level by drag
 * and the four presets.
 */
class ViewerToolsBrowserTest extends BrowserPerClass {

    private static final Pattern READOUT = Pattern.compile("\\((-?[\\d.]+), (-?[\\d.]+), (-?[\\d.]+)\\) mm\\s+(-?\\d+) HU");

    private Patient patient;
    private String series;
    private final Volume ct = new DemoPatient().ct();

    ViewerToolsBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        patient = new World(server).patient(server.a);
        Path dir = server.folder("viewer-tools");
        StudyContext study = StudyContext.newStudy(new PatientInfo(DemoPatient.NAME, patient.patientId(), "19580317", "M"));
        series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(ct, study, series);
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve("CT" + k + ".dcm");
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
        }
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(), files, ImportLimits.DEFAULT);
    }

    @AfterEach
    void noScriptErrors() {
        bench.checkConsoleAndSignOut();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private double number(String script, Object... args) {
        return ((Number) js(script, args)).doubleValue();
    }

    private void open() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/viewer.html?series=" + series + "&patient=" + patient.id());
        wait.until(d -> Boolean.TRUE.equals(js("return !!(window.seedplanViewer && window.seedplanViewer.volume"
                + " && window.seedplanViewer.volume.complete())")));
        js("window.seedplanViewer.renderNow()");
    }

    private WebElement canvas(String view) {
        return driver.findElement(By.cssSelector("canvas[data-view='" + view + "']"));
    }

    @SuppressWarnings("unchecked")
    private double[] pixel(String view, double x, double y, double z) {
        List<Number> px = (List<Number>) js("return window.seedplanViewer.views[arguments[0]].toPixel([arguments[1], arguments[2], arguments[3]])",
                view, x, y, z);
        return new double[] {px.get(0).doubleValue(), px.get(1).doubleValue()};
    }

    /** The red channel (the grey) of a view's canvas along a row of CSS pixels, one value per CSS pixel. */
    @SuppressWarnings("unchecked")
    private int[] greyRow(String view, double y) {
        List<Number> row = (List<Number>) js("const v = window.seedplanViewer.views[arguments[0]]; const r = v.canvas.width / v.widthPx;"
                + " const d = v.canvas.getContext('2d').getImageData(0, Math.floor(arguments[1] * r), v.canvas.width, 1).data;"
                + " const out = []; for (let x = 0; x < v.widthPx; x++) out.push(d[4 * Math.floor((x + 0.5) * r)]); return out;", view, y);
        return row.stream().mapToInt(Number::intValue).toArray();
    }

    /** Mean grey of a (2n+1)² box of CSS pixels around (x, y) of a view. */
    private double meanGrey(String view, double x, double y, int n) {
        return number("const v = window.seedplanViewer.views[arguments[0]]; const r = v.canvas.width / v.widthPx;"
                + " const d = v.canvas.getContext('2d').getImageData(Math.floor((arguments[1] - arguments[3]) * r),"
                + " Math.floor((arguments[2] - arguments[3]) * r), Math.round((2 * arguments[3] + 1) * r), Math.round((2 * arguments[3] + 1) * r)).data;"
                + " let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i]; return s / (d.length / 4);", view, x, y, n);
    }

    /** Moves the mouse to CSS pixel (x, y) of a view's canvas (Selenium offsets are from the element's centre). */
    private Actions at(Actions a, WebElement c, double x, double y) {
        return a.moveToElement(c, (int) Math.round(x - c.getSize().getWidth() / 2.0), (int) Math.round(y - c.getSize().getHeight() / 2.0));
    }

    /** Drags with a mouse button from CSS pixel (x0, y0) to (x1, y1) of a canvas, in steps, and repaints. */
    private void drag(WebElement c, PointerInput.MouseButton button, int x0, int y0, int x1, int y1) {
        PointerInput mouse = new PointerInput(PointerInput.Kind.MOUSE, "mouse");
        Sequence s = new Sequence(mouse, 0);
        int ox = -c.getSize().getWidth() / 2;
        int oy = -c.getSize().getHeight() / 2;
        s.addAction(mouse.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(c), x0 + ox, y0 + oy));
        s.addAction(mouse.createPointerDown(button.asArg()));
        for (int n = 1; n <= 5; n++) {
            s.addAction(mouse.createPointerMove(Duration.ofMillis(20), PointerInput.Origin.fromElement(c), x0 + ox + (x1 - x0) * n / 5,
                    y0 + oy + (y1 - y0) * n / 5));
        }
        s.addAction(mouse.createPointerUp(button.asArg()));
        ((RemoteWebDriver) driver).perform(List.of(s));
        js("window.seedplanViewer.renderNow()");
    }

    /** HU of the demo CT's voxel holding p (mm), as stored in the DICOM (rounded to an integer). */
    private int huAt(double x, double y, double z) {
        Grid g = ct.grid();
        int i = (int) Math.round((x - g.originMm().x()) / g.dxMm());
        int j = (int) Math.round((y - g.originMm().y()) / g.dyMm());
        int k = (int) Math.round((z - g.originMm().z()) / g.dzMm());
        return Math.round(ct.at(i, j, k));
    }

    /**
     * The letter drawn at an edge of a view ('left', 'right', 'top', 'bottom'): the label's yellow pixels compared with
     * each of R, L, A, P, S, I drawn the viewer's way on a scratch canvas; the best overlap wins.
     */
    private String labelAt(String view, String edge) {
        return (String) js("const v = window.seedplanViewer.views[arguments[0]]; const edge = arguments[1];"
                + " const r = v.canvas.width / v.widthPx; const w = v.widthPx, h = v.heightPx;"
                + " const at = {left: [6, h / 2, 'left', 'middle'], right: [w - 6, h / 2, 'right', 'middle'],"
                + "   top: [w / 2, 6, 'center', 'top'], bottom: [w / 2, h - 6, 'center', 'bottom']}[edge];"
                + " const box = [Math.floor((at[0] - 12) * r), Math.floor((at[1] - 12) * r), Math.round(24 * r), Math.round(24 * r)];"
                + " const yellow = (d, n) => d[n] > 200 && d[n + 1] > 150 && d[n + 2] < 150;"
                + " const seen = v.canvas.getContext('2d').getImageData(...box).data;"
                + " const scratch = document.createElement('canvas'); scratch.width = v.canvas.width; scratch.height = v.canvas.height;"
                + " const sc = scratch.getContext('2d'); let best = null, bestScore = -1;"
                + " for (const letter of 'RLAPSI') {"
                + "   sc.setTransform(1, 0, 0, 1, 0, 0); sc.fillStyle = '#000'; sc.fillRect(0, 0, scratch.width, scratch.height);"
                + "   sc.setTransform(r, 0, 0, r, 0, 0); sc.fillStyle = '#ffd54a'; sc.font = 'bold 12px system-ui, \"DejaVu Sans\", sans-serif';"
                + "   sc.textAlign = at[2]; sc.textBaseline = at[3]; sc.fillText(letter, at[0], at[1]);"
                + "   const ref = sc.getImageData(...box).data; let both = 0, either = 0;"
                + "   for (let n = 0; n < ref.length; n += 4) { const a = yellow(seen, n), b = yellow(ref, n); if (a && b) both++; if (a || b) either++; }"
                + "   const score = either ? both / either : 0; if (score > bestScore) { bestScore = score; best = letter; } }"
                + " return best;", view, edge);
    }

    @Test
    void theViewsAreOrientedLabelledAndLinkedAndTheReadOutIsTheVoxelsHu() {
        open();
        double z = number("return window.seedplanViewer.views.axial.sliceMm");
        // orientation from the anatomy, with screen positions computed here (the CT is centred at x = y = 0 when fitted): in
        // the axial view the lesion (x = -45 mm, the patient's right, 25 HU) is on the screen's left, the liver's 60 HU
        // mirrored on the right is 40 HU tissue; the vertebra (y = +30 mm, posterior) is below the centre
        new Select(driver.findElement(By.id("window-preset"))).selectByValue("liver");
        // the crosshair's lines are moved off the boxes looked at
        js("window.seedplanViewer.setFocus([80, -70, arguments[0]]); window.seedplanViewer.renderNow()", z);
        double ppm = number("return window.seedplanViewer.views.axial.pixelsPerMm");
        double cx = number("return window.seedplanViewer.views.axial.widthPx") / 2;
        double cy = number("return window.seedplanViewer.views.axial.heightPx") / 2;
        // liver window W 160 L 60: 25 HU → grey 72, 40 HU → grey 96 (mean over a box; the CT's noise is 8 HU)
        assertThat(meanGrey("axial", cx - 45 * ppm, cy, 3)).as("lesion on the screen's left").isCloseTo(72, within(12.0));
        assertThat(meanGrey("axial", cx + 45 * ppm, cy, 3)).as("soft tissue on the screen's right").isCloseTo(96, within(12.0));
        new Select(driver.findElement(By.id("window-preset"))).selectByValue("bone");
        js("window.seedplanViewer.renderNow()");
        // bone window W 1800 L 400: 650 HU → grey 163, 40 HU → grey 77
        assertThat(meanGrey("axial", cx, cy + 30 * ppm, 3)).as("vertebra below the centre (posterior)").isCloseTo(163, within(8.0));
        assertThat(meanGrey("axial", cx, cy - 30 * ppm, 3)).as("no bone above the centre (anterior)").isLessThan(100);
        double sx = number("return window.seedplanViewer.views.sagittal.widthPx") / 2;
        double sy = number("return window.seedplanViewer.views.sagittal.heightPx") / 2;
        double sppm = number("return window.seedplanViewer.views.sagittal.pixelsPerMm");
        js("window.seedplanViewer.setFocus([0, -70, 30]); window.seedplanViewer.renderNow()");
        assertThat(meanGrey("sagittal", sx + 30 * sppm, sy, 3)).as("sagittal: vertebra right of the centre (posterior)").isCloseTo(163, within(8.0));
        assertThat(meanGrey("sagittal", sx - 30 * sppm, sy, 3)).as("sagittal: no bone left of the centre").isLessThan(100);

        // the labels that say so, read from the canvas's pixels
        assertThat(List.of(labelAt("axial", "left"), labelAt("axial", "right"), labelAt("axial", "top"), labelAt("axial", "bottom")))
                .containsExactly("R", "L", "A", "P");
        assertThat(List.of(labelAt("coronal", "left"), labelAt("coronal", "right"), labelAt("coronal", "top"), labelAt("coronal", "bottom")))
                .containsExactly("R", "L", "S", "I");
        assertThat(List.of(labelAt("sagittal", "left"), labelAt("sagittal", "right"), labelAt("sagittal", "top"), labelAt("sagittal", "bottom")))
                .containsExactly("A", "P", "S", "I");

        // the crosshair: a click on the lesion in the axial view moves the coronal and sagittal slices there, and each view
        // shows the other planes as lines of their colour (coronal green, sagittal orange) through that point
        WebElement axial = canvas("axial");
        js("window.seedplanViewer.setFocus([80, -70, arguments[0]]); window.seedplanViewer.renderNow()", z);
        double[] lesion = pixel("axial", -45, 10, z);
        at(new Actions(driver), axial, lesion[0], lesion[1]).click().perform();
        js("window.seedplanViewer.renderNow()");
        double mmPerPx = 1 / ppm; // the crosshair click lands within a pixel
        assertThat(number("return window.seedplanViewer.views.coronal.sliceMm")).isCloseTo(10, within(0.5 + mmPerPx));
        assertThat(number("return window.seedplanViewer.views.sagittal.sliceMm")).isCloseTo(-45, within(0.5 + mmPerPx));
        assertThat(number("return window.seedplanViewer.views.axial.sliceMm")).isEqualTo(z);
        double[] onCoronal = pixel("coronal", -45, 10, z);
        int[] row = greyRowRgb("coronal", onCoronal[1] + 30);
        int column = (int) Math.round(onCoronal[0] - 0.5);
        boolean orange = false;
        for (int x = column - 1; x <= column + 1; x++) {
            orange |= row[3 * x] > 180 && row[3 * x + 1] > 90 && row[3 * x + 1] < 170 && row[3 * x + 2] < 130;
        }
        assertThat(orange).as("sagittal plane drawn as an orange line through x = -45 mm on the coronal view").isTrue();

        // the read-out under the cursor, zoomed ×2 with the '+' key so that a pixel is under 0.3 mm: the position within a
        // pixel of the pointer, the HU that of the CT's voxel at the point aimed at (voxel centres of the vertebra, the
        // lesion, the cord, soft tissue and the stomach; a pointer within 0.5 mm of the centre is in that voxel)
        new Select(driver.findElement(By.id("window-preset"))).selectByValue("soft");
        axial.click();
        for (int n = 0; n < 5; n++) {
            axial.sendKeys("+");
        }
        js("window.seedplanViewer.setFocus([0, 0, arguments[0]]); window.seedplanViewer.renderNow()", z);
        mmPerPx = 1 / number("return window.seedplanViewer.views.axial.pixelsPerMm");
        assertThat(mmPerPx).isLessThan(0.3);
        double[][] points = {{0, 30, z}, {-45, 0, z}, {0, 48, z}, {20, 40, z}, {-6, -22, z}};
        for (double[] p : points) {
            double[] px = pixel("axial", p[0], p[1], p[2]);
            at(new Actions(driver), axial, px[0], px[1]).perform();
            // the read-out follows in the next animation frame: wait until it shows this point (within a pixel)
            double tolerance = mmPerPx + 0.05;
            wait.until(d -> {
                Matcher shown = READOUT.matcher(d.findElement(By.id("cursor-readout")).getText());
                return shown.find() && Math.hypot(Double.parseDouble(shown.group(1)) - p[0], Double.parseDouble(shown.group(2)) - p[1]) <= tolerance;
            });
            Matcher m = READOUT.matcher(driver.findElement(By.id("cursor-readout")).getText());
            assertThat(m.find()).isTrue();
            assertThat(Double.parseDouble(m.group(3))).isCloseTo(z, within(0.05));
            assertThat(Integer.parseInt(m.group(4))).as("HU at %s", List.of(p[0], p[1], z)).isEqualTo(huAt(p[0], p[1], z));
        }
        // PgUp scrolls five slices up (superior), Shift + wheel towards the user five back
        int k0 = (int) number("return window.seedplanViewer.views.axial.sliceIndex");
        axial.sendKeys(Keys.PAGE_UP);
        assertThat((int) number("return window.seedplanViewer.views.axial.sliceIndex")).isEqualTo(k0 + 5);
        assertThat(number("return window.seedplanViewer.views.axial.sliceMm")).isCloseTo(z + 12.5, within(1e-9));
        js("window.seedplanViewer.views.axial.canvas.dispatchEvent(new WheelEvent('wheel', {deltaY: 100, shiftKey: true, bubbles: true, cancelable: true}))");
        assertThat((int) number("return window.seedplanViewer.views.axial.sliceIndex")).isEqualTo(k0);
        chromium.screenshot("viewer-tools");
    }

    /** RGB of a view's canvas along a row of CSS pixels: r, g, b of each CSS pixel in turn. */
    @SuppressWarnings("unchecked")
    private int[] greyRowRgb(String view, double y) {
        List<Number> row = (List<Number>) js("const v = window.seedplanViewer.views[arguments[0]]; const r = v.canvas.width / v.widthPx;"
                + " const d = v.canvas.getContext('2d').getImageData(0, Math.floor(arguments[1] * r), v.canvas.width, 1).data;"
                + " const out = []; for (let x = 0; x < v.widthPx; x++) { const n = 4 * Math.floor((x + 0.5) * r); out.push(d[n], d[n + 1], d[n + 2]); }"
                + " return out;", view, y);
        return row.stream().mapToInt(Number::intValue).toArray();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theVertebraMeasuredEdgeToEdgeAfterZoomingIsItsWidthInVoxelsAndPanAndWindowFollowTheMouse() {
        open();
        double z = number("return window.seedplanViewer.views.axial.sliceMm");
        int k = (int) Math.round((z - ct.grid().originMm().z()) / ct.grid().dzMm());
        int j = (int) Math.round((30 - ct.grid().originMm().y()) / ct.grid().dyMm());
        // the vertebra's width in the CT's own voxels on the row y = 30 mm: voxels above 345 HU (half way from 40 to 650)
        int bone = 0;
        for (int i = 0; i < ct.grid().nx(); i++) {
            bone += ct.at(i, j, k) > 345 ? 1 : 0;
        }
        double widthMm = bone * ct.grid().dxMm();

        // zoom at the vertebra with Ctrl + wheel: the point under the cursor stays put, each step ×1.15
        WebElement axial = canvas("axial");
        js("window.seedplanViewer.setFocus([60, -60, arguments[0]]); window.seedplanViewer.renderNow()", z);
        // the wheel turned with Ctrl over the vertebra (mouse events carry whole pixels: the cursor is where the event says)
        double[] exact = pixel("axial", 0, 30, z);
        double ppm0 = number("return window.seedplanViewer.views.axial.pixelsPerMm");
        List<Number> drift = (List<Number>) js("const v = window.seedplanViewer.views.axial; const c = v.canvas; const b = c.getBoundingClientRect();"
                + " const cx = Math.round(b.left + arguments[0]), cy = Math.round(b.top + arguments[1]);"
                + " const under = v.toPatient(cx - b.left, cy - b.top);"
                + " for (let n = 0; n < 9; n++) c.dispatchEvent(new WheelEvent('wheel', {deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true,"
                + " clientX: cx, clientY: cy})); window.seedplanViewer.renderNow();"
                + " const [x, y] = v.toPixel(under); return [x - (cx - b.left), y - (cy - b.top)];", exact[0], exact[1]);
        double ppm = number("return window.seedplanViewer.views.axial.pixelsPerMm");
        assertThat(ppm / ppm0).isCloseTo(Math.pow(1.15, 9), within(1e-6));
        assertThat(Math.hypot(drift.get(0).doubleValue(), drift.get(1).doubleValue())).as("the point under the cursor stays under it")
                .isLessThan(1e-6);
        double[] after = pixel("axial", 0, 30, z);

        // the physicist drags the measure tool from the bone's left edge to its right edge as seen in the soft-tissue window
        // (the grey half way from soft tissue, 128, to bone, 255, is where smoothing puts a voxel edge)
        driver.findElement(By.cssSelector("button[data-tool='measure']")).click();
        int[] row = greyRow("axial", after[1]);
        int left = -1;
        int right = -1;
        for (int x = 0; x < row.length; x++) {
            if (row[x] >= 191) {
                right = x;
                if (left < 0) {
                    left = x;
                }
            }
        }
        assertThat(left).isPositive();
        // a CSS pixel's centre is at x + 0.5; the first and last bright pixels are each within a pixel of the edge
        Actions drag = new Actions(driver);
        at(drag, axial, left, after[1]).clickAndHold();
        at(drag, axial, (left + right) / 2.0, after[1]);
        at(drag, axial, right + 1, after[1]).release().perform();
        WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#measurements li[data-length-mm]")));
        // tolerance 0.5 mm: at this zoom a pixel is under 0.25 mm (asserted), and each end is placed within a pixel
        assertThat(1 / ppm).isLessThan(0.25);
        assertThat(Double.parseDouble(item.getAttribute("data-length-mm"))).as("vertebra of %d voxels", bone).isCloseTo(widthMm, within(0.5));
        chromium.screenshot("viewer-measure");

        // Esc clears the measurement; then pan with the middle button: the image follows the mouse by the dragged pixels
        axial.sendKeys(Keys.ESCAPE);
        assertThat(number("return window.seedplanViewer.measure.items.length")).isZero();
        double[] before = pixel("axial", 0, 30, z);
        drag(axial, PointerInput.MouseButton.MIDDLE, 200, 200, 160, 230);
        double[] moved = pixel("axial", 0, 30, z);
        assertThat(moved[0] - before[0]).isCloseTo(-40, within(1e-6));
        assertThat(moved[1] - before[1]).isCloseTo(30, within(1e-6));
        int[] movedRow = greyRow("axial", moved[1]);
        int movedLeft = 0;
        while (movedLeft < movedRow.length && movedRow[movedLeft] < 191) {
            movedLeft++;
        }
        assertThat(movedLeft).as("the bone's left edge moved with the image").isBetween(left - 40 - 1, left - 40 + 1);

        // window/level with the right button: 4 HU of width and 2 HU of level per pixel; the grey at the vertebra's
        // centre voxel then follows the new window (PS3.3 linear window, ±1 grey level of rounding)
        new Select(driver.findElement(By.id("window-preset"))).selectByValue("soft");
        drag(axial, PointerInput.MouseButton.RIGHT, 100, 100, 300, 250);
        Map<String, Number> w = (Map<String, Number>) js("return window.seedplanViewer.window");
        assertThat(w.get("width").intValue()).isEqualTo(400 + 4 * 200);
        assertThat(w.get("centre").intValue()).isEqualTo(40 + 2 * 150);
        assertThat(driver.findElement(By.id("window-preset")).getAttribute("value")).as("no preset matches a dragged window").isEmpty();
        assertGreyFollowsWindow(0, 30, z, 340, 1200);
        // the presets bone and liver at the vertebra and at the lesion (lung and soft tissue: ImagingScreensBrowserTest)
        new Select(driver.findElement(By.id("window-preset"))).selectByValue("bone");
        js("window.seedplanViewer.renderNow()");
        assertGreyFollowsWindow(0, 30, z, 400, 1800);
        // Home fits the view again (zoom 1), which brings the lesion back on screen
        axial.sendKeys(Keys.HOME);
        assertThat(number("return window.seedplanViewer.views.axial.pixelsPerMm")).isCloseTo(ppm0, within(1e-9));
        new Select(driver.findElement(By.id("window-preset"))).selectByValue("liver");
        js("window.seedplanViewer.setFocus([-45, 0, arguments[0]]); window.seedplanViewer.renderNow()", z);
        assertGreyFollowsWindow(-42, 3, z, 60, 160);
    }

    /**
     * The grey drawn at the voxel centre (x, y, z) lies between the greys of that voxel and its eight in-plane neighbours
     * under the window (PS3.3 linear window; the image is smoothed bilinearly), ±1 grey level of rounding.
     */
    private void assertGreyFollowsWindow(double x, double y, double z, double centre, double width) {
        double lo = 255;
        double hi = 0;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                double g = grey(huAt(x + dx, y + dy, z), centre, width);
                lo = Math.min(lo, g);
                hi = Math.max(hi, g);
            }
        }
        double[] px = pixel("axial", x, y, z);
        double seen = greyRow("axial", px[1])[(int) Math.floor(px[0])];
        assertThat(seen).as("grey at (%s, %s) in W %s L %s", x, y, width, centre).isBetween(lo - 1, hi + 1);
    }

    private static double grey(double hu, double centre, double width) {
        return Math.max(0, Math.min(255, Math.round((hu - (centre - width / 2)) * 255 / width)));
    }
}

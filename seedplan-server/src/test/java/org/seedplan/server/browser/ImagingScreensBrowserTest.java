package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtstruct.RtStructWriter;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;

/**
 * The image screens in a real Chromium against the real server on SQLite, done as a physicist does them: the demo
 * patient's CT opened from the patient page, scrolled, windowed and measured; a GTV drawn on three slices,
 * interpolated, expanded to a CTV on the server and saved as versions; the verification of a rendered post-op CT.
 * Pixels are checked where they matter (grey levels of a window, a contour drawn where its millimetres say, a
 * measured distance). Screenshots go to the build folder's screenshots/.
 */
class ImagingScreensBrowserTest extends BrowserPerClass {

    private Patient demoPatient;
    private String demoSeries;

    ImagingScreensBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        demoPatient = new World(server).patient(server.a);
        demoSeries = storeDemoStudy(demoPatient);
    }

    /** The demo patient's CT and RTSTRUCT (seedplan-core's DemoPatient, written by seedplan-dicom) under {@code p}. */
    private String storeDemoStudy(Patient p) throws Exception {
        DemoPatient demo = new DemoPatient();
        Path dir = server.folder("demo-study");
        StudyContext study = StudyContext.newStudy(new PatientInfo(DemoPatient.NAME, p.patientId(), "19580317", "M"));
        String series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(demo.ct(), study, series);
        List<Path> files = new ArrayList<>();
        List<String> sops = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve("CT" + k + ".dcm");
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
            sops.add(slices.get(k).requireString(Tag.SOP_INSTANCE_UID));
        }
        Path rs = dir.resolve("RS.dcm");
        Files.write(rs, DicomWriter.encode(RtStructWriter.write(demo.structures(), new CtReference(study.studyInstanceUid(), series,
                study.frameOfReferenceUid(), demo.ctGrid(), sops), study, Uids.newUid(), Uids.newUid(), "demo")));
        files.add(rs);
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, p.id(), files, ImportLimits.DEFAULT);
        return series;
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

    /** Waits until the viewer has every slice. */
    private void waitForVolume() {
        wait.until(d -> Boolean.TRUE.equals(js("return !!(window.seedplanViewer && window.seedplanViewer.volume"
                + " && window.seedplanViewer.volume.complete())")));
    }

    /** CSS pixel [x, y] of patient point p in the axial view, relative to the canvas's top-left corner. */
    @SuppressWarnings("unchecked")
    private double[] axialPixel(double x, double y, double z) {
        List<Number> px = (List<Number>) js("return window.seedplanViewer.views.axial.toPixel([arguments[0], arguments[1], arguments[2]])", x, y, z);
        return new double[] {px.get(0).doubleValue(), px.get(1).doubleValue()};
    }

    /** The RGB of the axial canvas at CSS pixel (x, y). */
    @SuppressWarnings("unchecked")
    private int[] axialRgb(double x, double y) {
        List<Number> c = (List<Number>) js("const v = window.seedplanViewer.views.axial; const r = v.canvas.width / v.widthPx;"
                + " const d = v.canvas.getContext('2d').getImageData(Math.floor(arguments[0] * r), Math.floor(arguments[1] * r), 1, 1).data;"
                + " return [d[0], d[1], d[2]];", x, y);
        return new int[] {c.get(0).intValue(), c.get(1).intValue(), c.get(2).intValue()};
    }

    /** Moves the mouse to CSS pixel (x, y) of the axial canvas (Selenium offsets are from the element's centre). */
    private Actions at(Actions a, WebElement canvas, double x, double y) {
        return a.moveToElement(canvas, (int) Math.round(x - canvas.getSize().getWidth() / 2.0), (int) Math.round(y - canvas.getSize().getHeight() / 2.0));
    }

    @Test
    void theDemoCtOpensFromThePatientPageScrollsWindowsAndMeasuresADistance() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/patient.html?id=" + demoPatient.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("View"))).click();
        wait.until(ExpectedConditions.urlContains("/viewer.html"));
        waitForVolume();
        renderNow();

        // scrolling: the wheel and the keys move the axial view one slice
        int k0 = (int) number("return window.seedplanViewer.views.axial.sliceIndex");
        js("window.seedplanViewer.views.axial.canvas.dispatchEvent(new WheelEvent('wheel', {deltaY: 100, bubbles: true, cancelable: true}))");
        assertThat((int) number("return window.seedplanViewer.views.axial.sliceIndex")).isEqualTo(k0 - 1);
        WebElement axial = driver.findElement(By.cssSelector("canvas[data-view='axial']"));
        axial.click();
        js("window.seedplanViewer.views.axial.canvas.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowUp', bubbles: true}))");
        js("window.seedplanViewer.views.axial.canvas.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowUp', bubbles: true}))");
        renderNow();
        int k = (int) number("return window.seedplanViewer.views.axial.sliceIndex");
        double z = number("return window.seedplanViewer.views.axial.sliceMm");
        assertThat(z).isCloseTo(-40 + 2.5 * k, within(1e-9));

        // window presets: the grey at a voxel centre follows PS3.3's linear window; with bilinear smoothing it lies between
        // the greys of the voxel and its neighbours (±1 grey level of rounding)
        double[] p = {-20, 20, z};
        @SuppressWarnings("unchecked")
        List<Number> neighbours = (List<Number>) js("const v = window.seedplanViewer.volume; const out = [];"
                + " for (const dx of [-1, 0, 1]) for (const dy of [-1, 0, 1]) out.push(v.huAt([arguments[0] + dx, arguments[1] + dy, arguments[2]]));"
                + " return out;", p[0], p[1], p[2]);
        double[] px = axialPixel(p[0], p[1], p[2]);
        for (String[] preset : new String[][] {{"lung", "-600", "1500"}, {"soft", "40", "400"}}) {
            new Select(driver.findElement(By.id("window-preset"))).selectByValue(preset[0]);
            renderNow();
            double centre = Double.parseDouble(preset[1]);
            double width = Double.parseDouble(preset[2]);
            double lo = neighbours.stream().mapToDouble(n -> grey(n.doubleValue(), centre, width)).min().orElseThrow();
            double hi = neighbours.stream().mapToDouble(n -> grey(n.doubleValue(), centre, width)).max().orElseThrow();
            assertThat((double) axialRgb(px[0], px[1])[0]).as("grey in the %s window, HU around %s", preset[0], neighbours)
                    .isBetween(lo - 1, hi + 1);
        }

        // a 60 mm distance along x, dragged with the measure tool: the reading is 60 mm within one screen pixel at this zoom
        driver.findElement(By.cssSelector("button[data-tool='measure']")).click();
        double[] a = axialPixel(-60, 10, z);
        double[] b = axialPixel(0, 10, z);
        Actions drag = new Actions(driver);
        at(drag, axial, a[0], a[1]).clickAndHold();
        at(drag, axial, (a[0] + b[0]) / 2, b[1]);
        at(drag, axial, b[0], b[1]).release().perform();
        WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#measurements li[data-length-mm]")));
        double mmPerPixel = 1 / number("return window.seedplanViewer.views.axial.pixelsPerMm");
        assertThat(Double.parseDouble(item.getAttribute("data-length-mm"))).isCloseTo(60, within(mmPerPixel));
        assertThat(item.getText()).matches("\\d+\\.\\d mm on axial slice \\d+");
        js("window.seedplanViewer.setFocus([-45, 0, 0])");
        renderNow();
        chromium.screenshot("viewer");
    }

    private static double grey(double hu, double centre, double width) {
        return Math.max(0, Math.min(255, Math.round((hu - (centre - width / 2)) * 255 / width)));
    }

    private void renderNow() {
        js("window.seedplanViewer.renderNow()");
    }

    @Test
    void aGtvDrawnOnThreeSlicesIsInterpolatedExpandedToACtvAndSavedAsVersions() throws Exception {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/contour.html?series=" + demoSeries + "&patient=" + demoPatient.id());
        waitForVolume();
        driver.findElement(By.id("new-name")).sendKeys("GTV drawn");
        new Select(driver.findElement(By.id("new-type"))).selectByValue("GTV");
        driver.findElement(By.id("add-structure")).click();
        WebElement axial = driver.findElement(By.cssSelector("canvas[data-view='axial']"));
        // an octagon around the demo lesion's centre (-45, 0), radius 12 mm on the slice z = 0 and 8 mm on z = -7.5 and 7.5 mm
        double[] slices = {-7.5, 0, 7.5};
        for (double z : slices) {
            double radius = z == 0 ? 12 : 8;
            js("window.seedplanViewer.setFocus([-45, 0, arguments[0]])", z);
            renderNow();
            Actions clicks = new Actions(driver);
            for (int n = 0; n <= 8; n++) {
                double angle = 2 * Math.PI * (n % 8) / 8;
                double[] px = axialPixel(-45 + radius * Math.cos(angle), radius * Math.sin(angle), z);
                at(clicks, axial, px[0], px[1]).click().pause(Duration.ofMillis(60));
            }
            clicks.perform();
            wait.until(d -> number("return window.seedplanContour.selected.contours.length") >= 1
                    && number("return window.seedplanContour.selected.contours.filter(c => Math.abs(c.zMm - arguments[0]) < 0.01).length", z) == 1);
        }
        // pixel check: each corner is stored within one screen pixel of where it was meant, and drawn there in the GTV's colour
        // (the crosshair moved off the outline so that it covers none of it)
        js("window.seedplanViewer.setFocus([0, 40, 0])");
        renderNow();
        double mmPerPixel = 1 / number("return window.seedplanViewer.views.axial.pixelsPerMm");
        @SuppressWarnings("unchecked")
        List<List<Number>> corners = (List<List<Number>>) js("return window.seedplanContour.selected.contours.find(c => c.zMm === 0).points");
        assertThat(corners).hasSize(8);
        for (int n = 0; n < 8; n++) {
            double angle = 2 * Math.PI * n / 8;
            double x = -45 + 12 * Math.cos(angle);
            double y = 12 * Math.sin(angle);
            List<Number> c = corners.get(n);
            assertThat(Math.hypot(c.get(0).doubleValue() - x, c.get(1).doubleValue() - y)).as("corner %d", n).isLessThanOrEqualTo(mmPerPixel);
            double[] px = axialPixel(c.get(0).doubleValue(), c.get(1).doubleValue(), 0);
            boolean red = false;
            for (int dx = -1; dx <= 1 && !red; dx++) {
                for (int dy = -1; dy <= 1 && !red; dy++) {
                    int[] rgb = axialRgb(px[0] + dx, px[1] + dy);
                    red = rgb[0] > 200 && rgb[1] < 90 && rgb[2] < 90;
                }
            }
            assertThat(red).as("GTV outline drawn within one pixel of corner %d", n).isTrue();
        }

        driver.findElement(By.id("interpolate")).click();
        wait.until(d -> number("return new Set(window.seedplanContour.selected.contours.map(c => c.zMm)).size") == 7);
        // the slices between are octagons of the blended radius (8 → 12 mm over 7.5 mm: 9.33 and 10.67 mm), area 2√2 r², centred
        // on the lesion: area within 3 % (the drawn corners are within a pixel, ~0.5 mm, of the intended ones) and centroid
        // within 0.5 mm
        for (double z : new double[] {-5, -2.5, 2.5, 5}) {
            double r = 12 - 4 * Math.abs(z) / 7.5;
            @SuppressWarnings("unchecked")
            List<Number> areaAndCentroid = (List<Number>) js("const c = window.seedplanContour.selected.contours.filter(c => Math.abs(c.zMm - arguments[0]) < 0.01);"
                    + " if (c.length !== 1) return null; const p = c[0].points; let a = 0, cx = 0, cy = 0;"
                    + " for (let n = 0; n < p.length; n++) { const [x1, y1] = p[n], [x2, y2] = p[(n + 1) % p.length]; const w = x1 * y2 - x2 * y1;"
                    + " a += w; cx += (x1 + x2) * w; cy += (y1 + y2) * w; } return [Math.abs(a / 2), cx / (3 * a), cy / (3 * a)];", z);
            assertThat(areaAndCentroid).as("one interpolated contour on z = %s", z).isNotNull();
            assertThat(areaAndCentroid.get(0).doubleValue()).as("area on z = %s", z).isCloseTo(2 * Math.sqrt(2) * r * r, within(0.03 * 2 * Math.sqrt(2) * r * r));
            assertThat(Math.hypot(areaAndCentroid.get(1).doubleValue() + 45, areaAndCentroid.get(2).doubleValue())).as("centroid on z = %s", z)
                    .isLessThan(0.5);
        }

        // brush and eraser on a structure of their own: a 5 mm brush dragged 20 mm paints a band of 20 × 10 mm with two
        // half discs at its ends (200 + 78.5 mm²); a 3 mm eraser clicked at its middle cuts a disc of 28.3 mm² out.
        // Tolerance 8 % of the band: the outline follows the 1 mm pixels whose centres the discs cover.
        driver.findElement(By.id("new-name")).sendKeys("Brushed");
        new Select(driver.findElement(By.id("new-type"))).selectByValue("ORGAN");
        driver.findElement(By.id("add-structure")).click();
        js("window.seedplanViewer.setFocus([0, 40, -15])");
        renderNow();
        driver.findElement(By.cssSelector("button[data-tool='brush']")).click();
        double[] from = axialPixel(-20, -30, -15);
        double[] to = axialPixel(0, -30, -15);
        Actions brush = new Actions(driver);
        at(brush, axial, from[0], from[1]).clickAndHold();
        for (int n = 1; n <= 10; n++) {
            at(brush, axial, from[0] + (to[0] - from[0]) * n / 10, from[1]);
        }
        brush.release().perform();
        // area enclosed under the even-odd rule: the traced outer outline and its holes turn opposite ways, so their
        // signed areas add up to outer minus holes
        String area = "return Math.abs(window.seedplanContour.selected.contours.filter(c => Math.abs(c.zMm + 15) < 0.01)"
                + ".reduce((s, c) => s + c.points.reduce((a, p, n, q) => a + p[0] * q[(n + 1) % q.length][1]"
                + " - q[(n + 1) % q.length][0] * p[1], 0) / 2, 0))";
        assertThat(number(area)).isCloseTo(200 + Math.PI * 25, within(0.08 * (200 + Math.PI * 25)));
        driver.findElement(By.id("brush-radius")).clear();
        driver.findElement(By.id("brush-radius")).sendKeys("3\t");
        driver.findElement(By.cssSelector("button[data-tool='erase']")).click();
        double[] middle = axialPixel(-10, -30, -15);
        new Actions(driver).moveToElement(axial, (int) Math.round(middle[0] - axial.getSize().getWidth() / 2.0),
                (int) Math.round(middle[1] - axial.getSize().getHeight() / 2.0)).click().perform();
        // the eraser's disc lies inside the band: it leaves a hole, a second contour inside the first
        assertThat(number(area)).isCloseTo(200 + Math.PI * 25 - Math.PI * 9, within(0.08 * (200 + Math.PI * 25)));
        driver.findElement(By.cssSelector("button[data-tool='polygon']")).click();
        driver.findElement(By.cssSelector("tr[data-structure='GTV drawn']")).click();

        new Select(driver.findElement(By.id("derive-op"))).selectByValue("expand");
        new Select(driver.findElement(By.id("derive-a"))).selectByValue("GTV drawn");
        WebElement margin = driver.findElement(By.id("derive-margin"));
        margin.clear();
        margin.sendKeys("5");
        new Select(driver.findElement(By.id("derive-type"))).selectByValue("CTV");
        driver.findElement(By.id("derive")).click();
        wait.until(d -> Boolean.TRUE.equals(js("return window.seedplanContour.structures.some(s => s.name === 'CTV')")));
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("set-version"), "version 1"));

        // a second save after an edit: version 2, by this user, in the history and in the audit trail
        js("window.seedplanViewer.setFocus([-45, 0, 0])");
        driver.findElement(By.cssSelector("tr[data-structure='GTV drawn']")).click();
        driver.findElement(By.id("copy-up")).click();
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("set-version"), "version 2"));
        // the history is fetched after the version line is shown: wait for its new row
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history li[data-version='2']"))).getText())
                .contains("physicist_a");
        long setId = (long) number("return window.seedplanContour.set.id");
        var audit = server.services.audit().forEntity("structure_set", setId);
        assertThat(audit).extracting(e -> e.action() + " " + e.newValue() + " " + e.username())
                .containsExactly("CREATE 1 physicist_a", "UPDATE 2 physicist_a");

        // the CTV on the server: the GTV's slabs (z -8.75 … 8.75 mm) grown by 5 mm reach -13.75 … 13.75 mm, i.e. the slices
        // -12.5 … 12.5 mm; in x the octagon's corners at -57 and -33 mm grow to -62 and -28 mm, outlined along 1 mm voxel
        // edges (tolerance one voxel)
        JsonNode set = server.signedIn(Role.PHYSICIST, true).get("/api/structure-sets/" + setId).json();
        JsonNode ctv = null;
        for (JsonNode s : set.get("structures")) {
            if (s.get("name").asText().equals("CTV")) {
                ctv = s;
            }
        }
        assertThat(ctv).isNotNull();
        TreeSet<Double> zs = new TreeSet<>();
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        for (JsonNode c : ctv.get("contours")) {
            zs.add(c.get("zMm").asDouble());
            for (JsonNode pt : c.get("points")) {
                minX = Math.min(minX, pt.get(0).asDouble());
                maxX = Math.max(maxX, pt.get(0).asDouble());
            }
        }
        assertThat(zs.first()).isCloseTo(-12.5, within(1e-6));
        assertThat(zs.last()).isCloseTo(12.5, within(1e-6));
        assertThat(minX).isCloseTo(-62, within(1.0));
        assertThat(maxX).isCloseTo(-28, within(1.0));
        js("window.seedplanViewer.setFocus([-45, 0, 0])");
        renderNow();
        chromium.screenshot("contouring");
    }

    @Test
    void theVerificationOfARenderedPostOpCtShowsEverySeedMatchedAndApprovesThePostPlan() throws Exception {
        VerificationFixture f = VerificationFixture.create(server, new World(server), server.a);
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/verify.html?series=" + f.postOpSeriesUid() + "&patient=" + f.patient().id());
        VerifyScreen.awaitReady(wait);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        WebElement matched = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("matched-count")));
        assertThat(matched.getText()).isEqualTo(String.valueOf(VerificationFixture.SEEDS.size()));
        assertThat(driver.findElement(By.id("metric-rows")).getText()).contains("CTV", "D90");
        js("window.seedplanViewer.setFocus([0, 0, 0]); window.seedplanViewer.renderNow()");
        chromium.screenshot("verification");

        driver.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve-password"))).sendKeys(TestServer.PASSWORD);
        driver.findElement(By.id("approve-sign")).click();
        WebElement ok = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approved")));
        assertThat(ok.getText()).contains("approved by");
        ApiClient api = server.signedIn(Role.PHYSICIST, true);
        JsonNode page = api.get("/api/patients/" + f.patient().id()).json();
        List<String> statuses = new ArrayList<>();
        page.get("plans").forEach(pl -> statuses.add(pl.get("name").asText() + " " + pl.get("status").asText()));
        assertThat(statuses).contains("Post-implant: Verified plan APPROVED");
    }
}

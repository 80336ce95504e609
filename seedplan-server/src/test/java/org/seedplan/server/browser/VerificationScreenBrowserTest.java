package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.ReferenceDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.CtSliceFiles;
import org.seedplan.server.World;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;

/**
 * The verification screen in a real Chromium on an implant with a seed that did not arrive and one that went elsewhere:
 * a plan of four seeds in a 20 mm CTV (120 Gy, 0.76 U model 6711 on its calibration date, implanted 7 days later, made with the plan screen's intent form), a post-op CT
 * rendered by seedplan-verify's PostOpCtRenderer with three planned seeds implanted 1 mm off, the fourth missing and a
 * fifth seed 25 mm away. Opened from the patient page as a physicist does; the symbols, the cold region and the
 * supplementary seeds are checked in the canvas's pixels against where the seeds and the dose say they are.
 */
class VerificationScreenBrowserTest extends BrowserPerClass {

    /** Planned seed centres, mm LPS; the last one is not implanted. */
    private static final List<Vec3> PLANNED = List.of(new Vec3(-5, -5, 0), new Vec3(-5, 5, 0), new Vec3(5, -5, 0), new Vec3(5, 5, 0));
    private static final Vec3 MISSING = PLANNED.get(3);
    /** The implanted seed far from every planned one (beyond the matcher's 10 mm gate). */
    private static final Vec3 EXTRA = new Vec3(-20, 15, 0);
    private static final Vec3 SHIFT_MM = new Vec3(1, 0, 0);
    private static final double RX_GY = 120;
    private static final double STRENGTH_U = 0.76;
    private static final Grid GRID = new Grid(new Vec3(-30, -30, -20), 1, 1, 2, 61, 61, 21);

    private Patient patient;
    private String postSeries;

    VerificationScreenBrowserTest() {
        super(Duration.ofSeconds(90));
    }

    @BeforeAll
    void start() throws Exception {
        storeImplant();
    }

    /** The planning CT (water), its CTV, the plan and the rendered post-op CT, for a new patient of centre A. */
    private void storeImplant() throws Exception {
        patient = new World(server).patient(server.a);
        Path dir = server.folder("verification-screen");
        float[] hu = new float[GRID.voxelCount()];
        Arrays.fill(hu, 0f);
        Volume water = new Volume(GRID, hu);
        PatientInfo info = new PatientInfo("TEST^IMPLANT", patient.patientId(), "19600101", "F");
        StudyContext pre = StudyContext.newStudy(info);
        StudyContext post = new StudyContext(info, Uids.newUid(), pre.frameOfReferenceUid(), LocalDateTime.of(2026, 12, 1, 9, 0));
        List<SeedPose> implanted = new ArrayList<>();
        for (Vec3 s : PLANNED.subList(0, 3)) {
            implanted.add(new SeedPose(s.plus(SHIFT_MM), new Vec3(0, 1, 0), SeedPose.Arrangement.ISOLATED));
        }
        implanted.add(new SeedPose(EXTRA, new Vec3(0, 1, 0), SeedPose.Arrangement.ISOLATED));
        Volume postOp = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(water, implanted, 11);
        String preSeries = Uids.newUid();
        postSeries = Uids.newUid();
        List<Path> files = new ArrayList<>();
        CtSliceFiles.write(CtSeriesWriter.slices(water, pre, preSeries), dir.resolve("pre"), files);
        CtSliceFiles.write(CtSeriesWriter.slices(postOp, post, postSeries), dir.resolve("post"), files);
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(), files, ImportLimits.DEFAULT);
        List<Contour> square = new ArrayList<>();
        for (double z = -8; z <= 8; z += 2) {
            square.add(new Contour(z, new double[] {-10, 10, 10, -10}, new double[] {-10, -10, 10, 10}));
        }
        new StructureSetStore(server.db, server.services.audit()).create(Actor.SYSTEM, patient.id(), preSeries, pre.frameOfReferenceUid(),
                "Targets", "drawn", StructureJson.write(List.of(new Structure("CTV", StructureType.CTV, 0xFF8800, square))).toString(),
                server.clock.instant());
        List<PlanContent.Needle> needles = List.of(new PlanContent.Needle(new Vec3(-5, -60, 0), new Vec3(-5, 10, 0)),
                new PlanContent.Needle(new Vec3(5, -60, 0), new Vec3(5, 10, 0)));
        List<PlanContent.PlannedSeed> seeds = new ArrayList<>();
        for (Vec3 s : PLANNED) {
            seeds.add(new PlanContent.PlannedSeed(s, s.x() < 0 ? 0 : 1));
        }
        new PlanRevisions(server.db).createPlan(Actor.SYSTEM, patient.id(), "Lung plan", new PlanContent(VerificationFixture.INTENT_FORM,
                preSeries, RX_GY, "amersham6711", STRENGTH_U, LocalDate.parse("2026-11-24"), LocalDate.parse("2026-12-01"), needles, seeds, null),
                server.clock.instant());
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private double number(String script, Object... args) {
        return ((Number) js(script, args)).doubleValue();
    }

    /** CSS pixel [x, y] of patient point p in the axial view. */
    @SuppressWarnings("unchecked")
    private double[] axialPixel(double x, double y, double z) {
        List<Number> px = (List<Number>) js("return window.seedplanViewer.views.axial.toPixel([arguments[0], arguments[1], arguments[2]])", x, y, z);
        return new double[] {px.get(0).doubleValue(), px.get(1).doubleValue()};
    }

    /** RGB of every CSS pixel asked for ([x, y] pairs) of the axial canvas, read in one call. */
    @SuppressWarnings("unchecked")
    private List<int[]> axialRgb(List<double[]> pixels) {
        List<List<Number>> rgb = (List<List<Number>>) js("const v = window.seedplanViewer.views.axial; const r = v.canvas.width / v.widthPx;"
                + " const ctx = v.canvas.getContext('2d');"
                + " return arguments[0].map(([x, y]) => Array.from(ctx.getImageData(Math.floor(x * r), Math.floor(y * r), 1, 1).data).slice(0, 3));",
                pixels.stream().map(p -> List.of(p[0], p[1])).toList());
        return rgb.stream().map(c -> new int[] {c.get(0).intValue(), c.get(1).intValue(), c.get(2).intValue()}).toList();
    }

    /** Whether some pixel within `radius` CSS pixels of (x, y) satisfies the colour test. */
    private boolean colourNear(double[] px, int radius, java.util.function.Predicate<int[]> colour) {
        List<double[]> around = new ArrayList<>();
        for (int dx = -radius; dx <= radius; dx++) {
            for (int dy = -radius; dy <= radius; dy++) {
                around.add(new double[] {px[0] + dx, px[1] + dy});
            }
        }
        return axialRgb(around).stream().anyMatch(colour);
    }

    /** How many of the points where a DVH falls through 75, 50 and 25 % are drawn in the CTV's chart colour. */
    @SuppressWarnings("unchecked")
    private int dvhPointsDrawn(Map<String, Object> dvh) {
        assertThat(dvh.get("name")).isEqualTo("CTV");
        List<Number> dose = (List<Number>) dvh.get("doseGy");
        List<Number> volume = (List<Number>) dvh.get("volumePercent");
        int drawn = 0;
        for (double level : new double[] {75, 50, 25}) {
            int n = 0;
            while (volume.get(n).doubleValue() > level) {
                n++;
            }
            drawn += (boolean) js("const c = document.getElementById('dvh'); const r = c.width / c.clientWidth;"
                    + " const w = c.clientWidth, h = c.clientHeight; const left = 36, right = w - 8, top = 8, bottom = h - 26;"
                    + " const x = left + Math.min(arguments[0], arguments[2]) / arguments[2] * (right - left);"
                    + " const y = bottom - arguments[1] / 100 * (bottom - top);"
                    + " const d = c.getContext('2d').getImageData(Math.floor((x - 2) * r), Math.floor((y - 2) * r), Math.ceil(5 * r), Math.ceil(5 * r)).data;"
                    + " for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 128 && d[i] > 180 && d[i + 1] < 90 && d[i + 2] < 90) return true;"
                    + " return false;", dose.get(n).doubleValue(), volume.get(n).doubleValue(), 2.5 * RX_GY) ? 1 : 0;
        }
        return drawn;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMissingAndAnExtraSeedAreDrawnApartTheColdRegionWhereTheDoseIsBelowRxAndSupplementarySeedsProposed() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/patient.html?id=" + patient.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href^='/verify.html?series=" + postSeries + "']"))).click();
        // the run button arrives disabled: a click before its handler and the plan list are ready would be lost
        assertThat(js("return fetch('/verify.html').then((r) => r.text()).then((t) =>"
                + " new DOMParser().parseFromString(t, 'text/html').getElementById('run').disabled)")).isEqualTo(true);
        VerifyScreen.awaitReady(wait);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("matched-count")));
        Map<String, Object> r = (Map<String, Object>) js("return window.seedplanVerify.result");
        // the image's and the seeds' own pixels are read below: the isodose lines and their labels off (VerificationImplantBrowserTest reads those)
        js("window.seedplanVerify.isodoses.visible = false; window.seedplanViewer.renderNow()");

        // the seed table: three matched, one missing, one extra, found where they were implanted
        assertThat(driver.findElement(By.id("matched-count")).getText()).isEqualTo("3");
        assertThat(driver.findElement(By.id("seed-summary")).getText()).contains("Missing\n1", "Extra\n1");
        List<Map<String, Number>> found = (List<Map<String, Number>>) r.get("found");
        int extraIndex = ((List<Number>) r.get("extra")).get(0).intValue();
        Map<String, Number> extra = found.get(extraIndex);
        // the finder's centre error on 2 mm slices is about 0.1 mm (docs/verify.md); 0.5 mm is what the symbols need
        assertThat(Math.hypot(extra.get("xMm").doubleValue() - EXTRA.x(), extra.get("yMm").doubleValue() - EXTRA.y())).isLessThan(0.5);
        List<Map<String, Number>> planned = (List<Map<String, Number>>) r.get("planned");
        Map<String, Number> missing = planned.get(((List<Number>) r.get("missing")).get(0).intValue());
        assertThat(new Vec3(missing.get("xMm").doubleValue(), missing.get("yMm").doubleValue(), missing.get("zMm").doubleValue())).isEqualTo(MISSING);

        // each missing and extra seed listed with its position; "Show" centres the three views on it
        // the missing seed named by where it was planned: needle 2 (tip at y = 10 mm), its first seed from the tip (y = 5 mm)
        assertThat(driver.findElement(By.id("missing-list")).getText()).contains("seed 4 (needle 2, seed 1 from the tip): (5.0, 5.0, 0.0) mm");
        assertThat(driver.findElement(By.id("extra-list")).getText()).doesNotContain("-0.0").contains(String.format(java.util.Locale.ROOT, "(%.1f, %.1f, ",
                extra.get("xMm").doubleValue(), extra.get("yMm").doubleValue()));
        driver.findElement(By.cssSelector("#missing-list button")).click();
        assertThat(number("return window.seedplanViewer.views.sagittal.sliceMm")).isCloseTo(MISSING.x(), within(1e-9));
        assertThat(number("return window.seedplanViewer.views.coronal.sliceMm")).isCloseTo(MISSING.y(), within(1e-9));
        assertThat(number("return window.seedplanViewer.views.axial.sliceMm")).isCloseTo(MISSING.z(), within(1e-9));

        // pre-plan and post-plan side by side: the missing seed costs CTV coverage, shown as a loss
        WebElement d90 = driver.findElement(By.cssSelector("#metric-rows tr[data-structure='CTV'][data-metric='d_pct_gy.90']"));
        List<WebElement> cells = d90.findElements(By.tagName("td"));
        double pre = Double.parseDouble(cells.get(2).getText());
        double post = Double.parseDouble(cells.get(3).getText());
        assertThat(post).isLessThan(pre);
        assertThat(Double.parseDouble(cells.get(4).getText())).isCloseTo(post - pre, within(0.11)); // each shown to 0.1 Gy
        assertThat(cells.get(4).getAttribute("class")).contains("worse");
        // both DVHs of the CTV on the chart (dashed pre, solid post, the CTV's chart colour #d62828): where each curve falls
        // through 75, 50 and 25 % of the volume, the chart has that colour within 2 pixels of the point the answer's DVH gives
        // (the chart's frame: 36 px left, 8 px right and top, 26 px bottom, doses up to 2.5 × Rx). The dashes ([5, 3] px) can
        // leave a pre-plan point bare, so two of its three are required, all three of the post-plan's.
        assertThat(dvhPointsDrawn(((List<Map<String, Object>>) r.get("dvhPost")).get(0))).isEqualTo(3);
        assertThat(dvhPointsDrawn(((List<Map<String, Object>>) r.get("dvhPre")).get(0))).isGreaterThanOrEqualTo(2);

        // the symbols on the axial slice z = 0 (crosshair moved away from them): a green dot on each matched seed, an orange
        // triangle on the extra seed, where the missing seed was planned a white square with a black cross (as in the printed
        // report: never red, the colour of the 200 % isodose on the plan screen and in print)
        js("window.seedplanViewer.setFocus([25, -25, 0]); window.seedplanViewer.renderNow()");
        for (Map<String, Number> m : (List<Map<String, Number>>) r.get("matches")) {
            Map<String, Number> f = found.get(m.get("found").intValue());
            double[] px = axialPixel(f.get("xMm").doubleValue(), f.get("yMm").doubleValue(), 0);
            assertThat(colourNear(px, 1, c -> c[1] > 180 && c[0] < 90 && c[2] < 130)).as("green dot on matched seed %s", f).isTrue();
        }
        double[] tri = axialPixel(extra.get("xMm").doubleValue(), extra.get("yMm").doubleValue(), 0);
        assertThat(colourNear(new double[] {tri[0], tri[1] + 1}, 1, c -> c[0] > 220 && c[1] > 120 && c[1] < 190 && c[2] < 80))
                .as("orange triangle on the extra seed").isTrue();
        double[] cross = axialPixel(MISSING.x(), MISSING.y(), 0);
        assertThat(colourNear(new double[] {cross[0] + 3.5, cross[1]}, 1, c -> c[0] > 235 && c[1] > 235 && c[2] > 235))
                .as("white square at the missing seed").isTrue();
        assertThat(colourNear(cross, 1, c -> c[0] < 60 && c[1] < 60 && c[2] < 60)).as("black cross at the missing seed").isTrue();
        assertThat(colourNear(cross, 5, c -> c[0] > 180 && c[1] < 110 && c[2] < 110)).as("red at the missing seed").isFalse();
        // the toolbar's legend shows the same symbol
        WebElement key = driver.findElement(By.cssSelector(".imaging-toolbar .legend .sym.missing"));
        assertThat(key.getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
        assertThat(key.getCssValue("color")).isEqualTo("rgba(0, 0, 0, 1)");

        // the cold region: a CTV voxel on this slice is tinted blue exactly when the dose there is below the prescription.
        // The dose is evaluated here with the reference TG-43 engine (2D line source, no tables) from the found centres along
        // y, the seeds' true axis; the server uses the fast engine (within 0.5 % of it) and the finder's axes, so voxels within
        // 5 % of the prescription are not judged. Voxels within 8 pixels of a seed symbol or of a planned-to-found line are
        // left out (the symbols cover the tint), along y also those under a found seed's axis bar (half a seed, 2.25 mm, beyond
        // the symbol), and so are voxels at the CTV's edge (partly inside).
        Map<String, Object> grid = (Map<String, Object>) ((Map<String, Object>) r.get("coldVoxels")).get("grid");
        double[] origin = ((List<Number>) grid.get("originMm")).stream().mapToDouble(Number::doubleValue).toArray();
        double[] spacing = ((List<Number>) grid.get("spacingMm")).stream().mapToDouble(Number::doubleValue).toArray();
        double zPlane = origin[2] + Math.round((0 - origin[2]) / spacing[2]) * spacing[2];
        SourceModel model = SourceLibrary.builtIn().model("amersham6711");
        ReferenceDoseEngine engine = new ReferenceDoseEngine(new Tg43Kernel(model, DoseModel.LINE_2D));
        double gyPerCGyPerH = DecayIntegral.permanent(model.halfLifeDays()).gyPerCGyPerH();
        // the plan's strength is on its calibration date, 2026-11-24; the seeds were implanted 7 days later
        double strengthAtImplantU = STRENGTH_U * Math.exp(-Math.log(2) * 7 / model.halfLifeDays());
        List<Seed> sources = found.stream().map(f -> new Seed(new Vec3(f.get("xMm").doubleValue(), f.get("yMm").doubleValue(),
                f.get("zMm").doubleValue()), new Vec3(0, 1, 0), strengthAtImplantU)).toList();
        double pxPerMm = (axialPixel(10, 0, 0)[0] - axialPixel(0, 0, 0)[0]) / 10;
        List<double[]> symbolPixels = new ArrayList<>();
        for (Map<String, Number> s : found) {
            symbolPixels.add(axialPixel(s.get("xMm").doubleValue(), s.get("yMm").doubleValue(), 0));
        }
        for (Map<String, Number> s : planned) {
            symbolPixels.add(axialPixel(s.get("xMm").doubleValue(), s.get("yMm").doubleValue(), 0));
        }
        List<Vec3> points = new ArrayList<>();
        List<double[]> pixels = new ArrayList<>();
        for (int i = 0; origin[0] + i * spacing[0] <= 9.5; i++) {
            for (int j = 0; origin[1] + j * spacing[1] <= 9.5; j++) {
                double x = origin[0] + i * spacing[0];
                double y = origin[1] + j * spacing[1];
                if (Math.abs(x) > 9.5 || Math.abs(y) > 9.5) {
                    continue;
                }
                double[] px = axialPixel(x, y, 0);
                // the planned-to-found lines run along x (the seeds were implanted 1 mm off in x)
                boolean nearSymbol = symbolPixels.stream().anyMatch(s -> Math.abs(s[1] - px[1]) < 8 + 2.25 * pxPerMm && Math.abs(s[0] - px[0]) < 20);
                if (!nearSymbol) {
                    points.add(new Vec3(x, y, zPlane));
                    pixels.add(px);
                }
            }
        }
        double[] doseGy = Arrays.stream(engine.doseRateCGyPerH(sources, points)).map(d -> d * gyPerCGyPerH).toArray();
        List<int[]> rgb = axialRgb(pixels);
        int cold = 0;
        int covered = 0;
        for (int n = 0; n < points.size(); n++) {
            if (Math.abs(doseGy[n] - RX_GY) < 0.05 * RX_GY) {
                continue;
            }
            boolean tinted = rgb.get(n)[2] - rgb.get(n)[0] > 40;
            assertThat(tinted).as("voxel %s: %.1f Gy, rgb %s", points.get(n), doseGy[n], Arrays.toString(rgb.get(n)))
                    .isEqualTo(doseGy[n] < RX_GY);
            if (doseGy[n] < RX_GY) {
                cold++;
            } else {
                covered++;
            }
        }
        assertThat(cold).as("cold voxels judged").isGreaterThan(20);
        assertThat(covered).as("covered voxels judged").isGreaterThan(5);
        assertThat(driver.findElement(By.id("cold-list")).getText()).contains("CTV:");
        chromium.screenshot("verification-missing-extra");

        // supplementary seeds: proposed with D90 before and after, each drawn as a magenta + on its slice
        assertThat(driver.findElement(By.id("supplement")).getText()).containsPattern("supplementary seeds? proposed").contains("CTV");
        List<Map<String, Number>> added = (List<Map<String, Number>>) ((Map<String, Object>) r.get("supplement")).get("seeds");
        assertThat(added).isNotEmpty();
        for (Map<String, Number> s : added) {
            js("window.seedplanViewer.setFocus([25, -25, arguments[0]]); window.seedplanViewer.renderNow()", s.get("zMm"));
            double[] px = axialPixel(s.get("xMm").doubleValue(), s.get("yMm").doubleValue(), s.get("zMm").doubleValue());
            assertThat(colourNear(new double[] {px[0] + 4, px[1]}, 1, c -> c[0] > 180 && c[1] < 110 && c[2] > 180))
                    .as("magenta + at proposed seed %s", s).isTrue();
        }
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
    }
}

package org.seedplan.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtstruct.RtStructWriter;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Speed of the plan screen with a 100-seed plan in Chromium (issue 12's targets), run by hand, not part of the suite:
 * {@code mvn … -Dtest=PlanScreenSpeedBenchmark -Dseedplan.planBench=true}. A synthetic CT (512 × 512 × 140, 0.8 × 0.8 × 2 mm,
 * a water ellipse with a spine) with a 51 cc GTV, a bowel and the body drawn as an RT Structure Set; the GTV is planned on
 * the screen to 140 Gy with 0.3 mCi 6711 seeds (about 100 seeds). Then it prints the medians of: mouse event → pixels of a
 * seed drag (the page's own {@code timings.drag}: requestAnimationFrame after the new isodose lines, DVH and metrics are
 * drawn) with the server's share; lock two needles and re-plan → result on screen ({@code timings.replan}); drag a third
 * needle by hand, lock it and re-plan around the three (twice); and the
 * scrolling rate of the axial view with the contours, seeds and isodose lines shown. Each figure with the load average.
 */
class PlanScreenSpeedBenchmark {

    private static final int DRAGS = 4;
    private static final int STEPS_PER_DRAG = 12;
    private static final int REPLANS = 3;
    private static final int SCROLLED_SLICES = 100;

    @Test
    void dragReplanAndScrollOfAHundredSeedPlan() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("seedplan.planBench"), "a benchmark run by hand: -Dseedplan.planBench=true");
        try (Chromium chromium = Chromium.start(); TestServer server = new TestServer(TestDatabases.Kind.SQLITE)) {
            Patient patient = new PatientRepository(server.db).create(Actor.SYSTEM,
                    PatientData.of(server.a.id(), "BENCH-0100").withName("Bench", "Hundred"));
            DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(), writeCase(server.folder("plan-bench")),
                    ImportLimits.DEFAULT);
            WebDriver driver = chromium.driver();
            JavascriptExecutor js = (JavascriptExecutor) driver;
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
            chromium.signIn(server.base(), "physicist_a");
            driver.get(server.base() + "/patient.html?id=" + patient.id());
            wait.until(ExpectedConditions.elementToBeClickable(By.id("open-plan-screen"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#target-rows .target-row")));

            // intent: the GTV to 140 Gy, bowel D2cc ≤ 100 Gy, 0.3 mCi 6711 seeds, template from the front (the form's default)
            WebElement rx = driver.findElement(By.cssSelector("#target-rows .target-row input[name='rx']"));
            rx.clear();
            rx.sendKeys("140");
            WebElement limit = driver.findElement(By.cssSelector("#organ-rows .organ-row input[name='dose']"));
            limit.clear();
            limit.sendKeys("100");
            WebElement strength = driver.findElement(By.cssSelector("input[name='strength']"));
            strength.clear();
            strength.sendKeys("0.3");
            // the form requires the seed dates; one day for both: the strength typed is the strength at the implant
            PlanScreen.giveSeedDates(driver, "2026-12-03", "2026-12-03");
            driver.findElement(By.id("optimise")).click();
            new WebDriverWait(driver, Duration.ofSeconds(600)).until(ExpectedConditions.visibilityOfElementLocated(By.id("goals-panel")));
            wait.until(d -> js.executeScript("return window.seedplanPlan.state && window.seedplanPlan.state.isodoses.axial != null") == Boolean.TRUE);
            int seeds = ((Number) js.executeScript("return window.seedplanPlan.state.seedCount")).intValue();
            int needles = ((Number) js.executeScript("return window.seedplanPlan.state.needleCount")).intValue();
            System.out.printf(Locale.ROOT, "plan: %d seeds on %d needles, optimised on the screen in %.1f s; load %s%n", seeds, needles,
                    ((Number) js.executeScript("return window.seedplanPlan.timings.optimise[0]")).doubleValue() / 1000, load());

            // the axial view through the middle seed, then drags of seeds lying in that slice
            js.executeScript("const s = window.seedplanPlan.state.seeds; window.seedplanViewer.setFocus(s[Math.floor(s.length / 2)].positionMm);");
            wait.until(d -> (Boolean) js.executeScript("const p = window.seedplanPlan;"
                    + " return Math.abs(p.state.isodoses.axial.atMm - p.viewer.views.axial.sliceMm) < 1e-6;"));
            driver.findElement(By.cssSelector("button.tool[data-tool='seed']")).click();
            WebElement axial = driver.findElement(By.cssSelector("canvas[data-view='axial']"));
            String dragLoad = load();
            for (int drag = 0; drag < DRAGS; drag++) {
                @SuppressWarnings("unchecked")
                List<Number> at = (List<Number>) js.executeScript("const p = window.seedplanPlan; const v = p.viewer.views.axial;"
                        + " const inSlice = p.state.seeds.filter((x) => Math.abs(x.positionMm[2] - v.sliceMm) <= Math.max(v.thicknessMm / 2, 1));"
                        + " const s = inSlice[arguments[0] % inSlice.length];"
                        + " const r = v.canvas.getBoundingClientRect(); const [x, y] = v.toPixel(s.positionMm);"
                        + " return [x - r.width / 2, y - r.height / 2, v.pixelsPerMm];", drag);
                Actions a = new Actions(driver).moveToElement(axial, at.get(0).intValue(), at.get(1).intValue()).clickAndHold();
                double stepPx = 6 * at.get(2).doubleValue() / STEPS_PER_DRAG * (drag % 2 == 0 ? 1 : -1);
                for (int i = 0; i < STEPS_PER_DRAG; i++) {
                    a = a.moveByOffset((int) Math.round(stepPx), drag % 2 == 0 ? 1 : -1).pause(Duration.ofMillis(60));
                }
                a.release().perform();
                wait.until(d -> js.executeScript("return window.seedplanPlan.inflight || window.seedplanPlan.pending != null") == Boolean.FALSE);
                Thread.sleep(300);
            }
            chromium.screenshot("plan-bench-drag");
            JsonNode timings = timings(js);
            List<Double> dragMs = new ArrayList<>();
            List<Double> serverMs = new ArrayList<>();
            timings.get("drag").forEach(t -> {
                dragMs.add(t.get("ms").asDouble());
                serverMs.add(t.get("serverMs").asDouble());
            });
            System.out.printf(Locale.ROOT, "drag -> pixels: median %.0f ms (min %.0f, max %.0f) over %d edits of %d drags, server share median %.0f ms;"
                    + " %d seeds; load before %s, after %s%n", median(dragMs), min(dragMs), max(dragMs), dragMs.size(), DRAGS, median(serverMs), seeds,
                    dragLoad, load());

            // lock two needles, re-plan the rest (three times: the locks stay)
            driver.findElement(By.cssSelector("button.tool[data-tool='seed']")).click();
            driver.findElements(By.cssSelector("#needles input.lock")).get(1).click();
            wait.until(d -> driver.findElements(By.cssSelector("#needles input.lock:checked")).size() == 1);
            // the first lock's answer re-draws the needle table: tick the second once it is in
            wait.until(d -> js.executeScript("const p = window.seedplanPlan; return !p.inflight && p.pending == null") == Boolean.TRUE);
            driver.findElements(By.cssSelector("#needles input.lock")).get(3).click();
            wait.until(d -> driver.findElements(By.cssSelector("#needles input.lock:checked")).size() == 2);
            String replanLoad = load();
            for (int r = 1; r <= REPLANS; r++) {
                int done = r;
                driver.findElement(By.id("replan")).click();
                new WebDriverWait(driver, Duration.ofSeconds(300)).until(d ->
                        ((Number) js.executeScript("return window.seedplanPlan.timings.replan.length")).intValue() == done);
            }
            chromium.screenshot("plan-bench-replan");
            List<Double> replanMs = new ArrayList<>();
            timings(js).get("replan").forEach(t -> replanMs.add(t.asDouble()));
            System.out.printf(Locale.ROOT, "re-plan with 2 needles locked -> result on screen: median %.0f ms (%s) over %d re-plans, %d seeds;"
                    + " load before %s, after %s%n", median(replanMs), replanMs, replanMs.size(),
                    ((Number) js.executeScript("return window.seedplanPlan.state.seedCount")).intValue(), replanLoad, load());

            // the operating-room re-plan: a third needle dragged 2 mm by hand (an edit through the page), locked, and the rest
            // re-planned around the three (a new planning session with them as fixed needles in the patient); twice, each after a drag
            List<Double> handMs = new ArrayList<>();
            String handLoad = load();
            for (int r = 0; r < 2; r++) {
                int done = REPLANS + 1 + r;
                int needle = ((Number) js.executeScript("const p = window.seedplanPlan; const n = p.state.needles.filter((x) => !x.locked)[arguments[0]];"
                        + " p.edit({op: 'moveNeedle', needle: n.number, shiftMm: [2, 0, 0]}); return n.number;", r)).intValue();
                wait.until(d -> js.executeScript("const p = window.seedplanPlan; return !p.inflight && p.pending == null"
                        + " && p.state.needles.some((n) => n.number === arguments[0] && n.edited)", needle) == Boolean.TRUE);
                js.executeScript("window.seedplanPlan.edit({op: 'lock', needles: [arguments[0]]});", needle);
                wait.until(d -> js.executeScript("const p = window.seedplanPlan; return !p.inflight && p.pending == null"
                        + " && p.state.needles.some((n) => n.number === arguments[0] && n.locked)", needle) == Boolean.TRUE);
                driver.findElement(By.id("replan")).click();
                new WebDriverWait(driver, Duration.ofSeconds(300)).until(d ->
                        ((Number) js.executeScript("return window.seedplanPlan.timings.replan.length")).intValue() == done);
                handMs.add(timings(js).get("replan").get(done - 1).asDouble());
            }
            chromium.screenshot("plan-bench-replan-hand");
            System.out.printf(Locale.ROOT, "re-plan around a needle dragged by hand and locked (with the earlier locks) -> result on screen: %s ms,"
                    + " server %.2f s (last), %d seeds; load before %s, after %s%n", handMs,
                    ((Number) js.executeScript("return window.seedplanPlan.state.lastRunSeconds")).doubleValue(),
                    ((Number) js.executeScript("return window.seedplanPlan.state.seedCount")).intValue(), handLoad, load());

            // scrolling the axial view with contours, seeds and isodose lines shown: one slice per animation frame; the
            // page's own drawing time per frame (the viewer's 'drawn' event) and each overlay layer's share are kept
            js.executeScript("const v = window.seedplanViewer; window.benchDraw = {frames: [], layers: v.layers.map(() => 0)};"
                    + " v.on('drawn', (e) => window.benchDraw.frames.push(e.ms));"
                    + " v.layers.forEach((l, i) => { const draw = l.draw.bind(l); l.draw = (...a) => { const t = performance.now(); draw(...a);"
                    + " window.benchDraw.layers[i] += performance.now() - t; }; });");
            List<Double> rates = new ArrayList<>();
            String scrollLoad = load();
            for (int round = 0; round < 3; round++) {
                Object rate = js.executeAsyncScript("const done = arguments[arguments.length - 1]; const v = window.seedplanViewer;"
                        + " const f = v.focusMm.slice(); f[2] = arguments[0]; v.setFocus(f); let n = 0; const frames = arguments[1]; let t0 = 0;"
                        + " const step = (t) => { if (n === 0) t0 = t; if (n === frames) { done(frames * 1000 / (t - t0)); return; }"
                        + " v.stepSlice('axial', 1); v.renderNow(); n++; requestAnimationFrame(step); };"
                        + " requestAnimationFrame(step);", -130.0, SCROLLED_SLICES);
                rates.add(((Number) rate).doubleValue());
            }
            chromium.screenshot("plan-bench-scroll");
            JsonNode draw = org.seedplan.server.api.Json.MAPPER.readTree((String) js.executeScript("return JSON.stringify(window.benchDraw)"));
            List<Double> frameMs = new ArrayList<>();
            draw.get("frames").forEach(t -> frameMs.add(t.asDouble()));
            StringBuilder layers = new StringBuilder();
            draw.get("layers").forEach(t -> layers.append(String.format(Locale.ROOT, " %.2f", t.asDouble() / frameMs.size())));
            System.out.printf(Locale.ROOT, "plan screen scrolling %d axial slices with contours, seeds and isodose lines: median %.1f slices/s (%s);"
                    + " drawing (renderNow, 3 views) median %.1f ms per frame, overlay layers in order, mean ms per frame:%s;"
                    + " load before %s, after %s%n", SCROLLED_SLICES, median(rates), rates, median(frameMs), layers, scrollLoad, load());
        }
    }

    /** The CT, with the body, GTV and bowel as an RT Structure Set on it. */
    private static List<Path> writeCase(Path dir) throws IOException {
        Grid grid = new Grid(new Vec3(-204.4, -204.4, -139), 0.8, 0.8, 2.0, 512, 512, 140);
        float[] hu = new float[grid.voxelCount()];
        Random rnd = new Random(1);
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double x = grid.x(i);
                    double y = grid.y(j);
                    boolean inBody = (x * x) / (170.0 * 170) + (y * y) / (120.0 * 120) <= 1;
                    boolean spine = Math.hypot(x, y - 80) < 18;
                    hu[grid.index(i, j, k)] = (float) ((inBody ? (spine ? 700 : 40) : -1000) + rnd.nextGaussian() * 12);
                }
            }
        }
        List<Contour> body = new ArrayList<>();
        List<Contour> gtv = new ArrayList<>();
        List<Contour> bowel = new ArrayList<>();
        for (int k = 0; k < grid.nz(); k++) {
            double z = grid.z(k);
            body.add(ellipse(z, 0, 0, 170, 120, 180));
            ellipsoidSection(gtv, z, new Vec3(-20, -10, 0), new Vec3(24, 21, 24), 64);
            ellipsoidSection(bowel, z, new Vec3(45, -10, 0), new Vec3(10, 14, 34), 48);
        }
        List<Structure> structures = List.of(new Structure("Body", StructureType.EXTERNAL, 0x40D040, body),
                new Structure("GTV", StructureType.GTV, 0xFF3030, gtv), new Structure("Bowel", StructureType.ORGAN, 0xC08040, bowel));
        StudyContext study = StudyContext.newStudy(new PatientInfo("BENCH^HUNDRED", "BENCH-0100", "19600101", "F"));
        String series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(new Volume(grid, hu), study, series);
        List<Path> files = new ArrayList<>();
        List<String> sops = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "CT%03d.dcm", k));
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
            sops.add(slices.get(k).requireString(Tag.SOP_INSTANCE_UID));
        }
        DataSet rs = RtStructWriter.write(structures, new CtReference(study.studyInstanceUid(), series, study.frameOfReferenceUid(), grid, sops),
                study, Uids.newUid(), Uids.newUid(), "bench");
        Path f = dir.resolve("RS.dcm");
        Files.write(f, DicomWriter.encode(rs));
        files.add(f);
        return files;
    }

    /** The section of an ellipsoid (centre, semi-axes mm) by the plane z, if any, as a polygon of {@code points}. */
    private static void ellipsoidSection(List<Contour> out, double z, Vec3 centre, Vec3 semiAxes, int points) {
        double t = (z - centre.z()) / semiAxes.z();
        if (Math.abs(t) < 0.98) {
            double s = Math.sqrt(1 - t * t);
            out.add(ellipse(z, centre.x(), centre.y(), semiAxes.x() * s, semiAxes.y() * s, points));
        }
    }

    private static Contour ellipse(double z, double cx, double cy, double ax, double ay, int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        for (int n = 0; n < points; n++) {
            double t = 2 * Math.PI * n / points;
            x[n] = cx + ax * Math.cos(t);
            y[n] = cy + ay * Math.sin(t);
        }
        return new Contour(z, x, y);
    }

    private static JsonNode timings(JavascriptExecutor js) throws IOException {
        return org.seedplan.server.api.Json.MAPPER.readTree((String) js.executeScript("return JSON.stringify(window.seedplanPlan.timings)"));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}

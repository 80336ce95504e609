package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtstruct.RtStructWriter;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestServer;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.structure.Structure;

/**
 * The plan screen in a real Chromium on the demo patient (its CT and structures stored as DICOM): plan CTV = GTV + 5 mm
 * to 120 Gy, drag a seed and see D90 change, check that the 100 % isodose line is drawn where the server's dose puts it
 * (within one pixel), drag a needle where it went and add one free-hand, lock both and re-plan the rest, save, approve with the password, and download the PDF, the needle
 * table and the RT Plan of that revision. Prints the drag → pixels and re-plan times; saves screenshots plan*.png.
 */
class PlanScreenBrowserTest extends BrowserPerClass {

    private Patient patient;

    PlanScreenBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        patient = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(server.a.id(), "DEMO-0001").withName("Demo", "Liver"));
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(), writeDemo(server.folder("plan-demo")), ImportLimits.DEFAULT);
    }

    /** The demo CT and its structure set (GTV, stomach, spinal cord, body) as seedplan-dicom writes them. */
    static List<Path> writeDemo(Path dir) throws IOException {
        return writeDemo(dir, new DemoPatient().structures());
    }

    /** The demo CT with {@code structures} (in this order) as its structure set. */
    static List<Path> writeDemo(Path dir, List<Structure> structures) throws IOException {
        DemoPatient demo = new DemoPatient();
        StudyContext study = StudyContext.newStudy(new PatientInfo(DemoPatient.NAME, "DEMO-0001", "19580317", "M"));
        String series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(demo.ct(), study, series);
        List<Path> files = new ArrayList<>();
        List<String> sops = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "CT%03d.dcm", k));
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
            sops.add(slices.get(k).requireString(Tag.SOP_INSTANCE_UID));
        }
        DataSet rs = RtStructWriter.write(structures, new CtReference(study.studyInstanceUid(), series, study.frameOfReferenceUid(),
                demo.ct().grid(), sops), study, Uids.newUid(), Uids.newUid(), "demo");
        Path f = dir.resolve("RS.dcm");
        Files.write(f, DicomWriter.encode(rs));
        files.add(f);
        return files;
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    private Object run(String script, Object... args) {
        return js().executeScript(script, args);
    }

    /** A monitor (read-only) opening the plan screen is told that the role may not plan, which roles may and whom to ask. */
    @Test
    void aReadOnlyRoleIsToldItMayNotPlan() {
        driver.manage().deleteAllCookies();
        chromium.signIn(server.base(), "monitor_a");
        driver.get(server.base() + "/plan.html?patient=" + patient.id());
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).startsWith("You may not plan this patient: ")
                .contains("EDIT_PLAN", "only the physician or physicist role allows it", "ask your centre's administrator for one");
        driver.manage().deleteAllCookies();
    }

    @Test
    void planDragLockReplanApproveAndExport() throws Exception {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/patient.html?id=" + patient.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("open-plan-screen"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#target-rows .target-row")));
        // every choice of the intent form shows its whole text (the seed model was cut to "amersham6711 (" and the approach to
        // "Coplanar templat" at 150 px): the chosen option's text in the select's font, its padding and 18 px for the drop-down
        // arrow fit the select's width (Chromium sizes a select to fit its text with 20 px for the arrow)
        List<Object> cut = (List<Object>) run("const ctx = document.createElement('canvas').getContext('2d');"
                + " return [...document.querySelectorAll('#intent-form select')].filter((s) => s.offsetParent).filter((s) => {"
                + " const cs = getComputedStyle(s); ctx.font = cs.font; return s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)"
                + " - 18 < ctx.measureText(s.selectedOptions[0].text).width; }).map((s) => s.name + ': ' + s.selectedOptions[0].text);");
        assertThat(cut).as("intent form choices whose text is cut").isEmpty();

        // intent: CTV = GTV + 5 mm, 120 Gy; stomach D2cc ≤ 60 Gy, cord Dmax ≤ 45 Gy; 0.6 mCi 6711 seeds; template from the front
        WebElement target = driver.findElement(By.cssSelector("#target-rows .target-row"));
        WebElement name = target.findElement(By.name("name"));
        name.clear();
        name.sendKeys("CTV");
        new Select(target.findElement(By.name("from"))).selectByValue("GTV");
        for (WebElement organ : driver.findElements(By.cssSelector("#organ-rows .organ-row"))) {
            if (new Select(organ.findElement(By.name("name"))).getFirstSelectedOption().getText().equals("SpinalCord")) {
                new Select(organ.findElement(By.name("kind"))).selectByValue("dmax");
                WebElement dose = organ.findElement(By.name("dose"));
                dose.clear();
                dose.sendKeys("45");
            }
        }
        // the form requires the seed dates; one day for both: the strength typed is the strength at the implant
        PlanScreen.giveSeedDates(driver, "2026-12-03", "2026-12-03");
        driver.findElement(By.id("optimise")).click();
        new WebDriverWait(driver, Duration.ofSeconds(240)).until(ExpectedConditions.visibilityOfElementLocated(By.id("goals-panel")));
        wait.until(d -> run("return window.seedplanPlan.state && window.seedplanPlan.state.isodoses.axial != null") == Boolean.TRUE);
        JsonNode state = state();
        int seeds = state.get("seedCount").asInt();
        assertThat(seeds).isGreaterThan(10);
        assertThat(driver.findElement(By.cssSelector("#goals li[data-goal^='CTV D90']")).getAttribute("class")).isEqualTo("met");

        // the axial view through the middle of the seeds
        run("const s = window.seedplanPlan.state.seeds; const m = s[Math.floor(s.length / 2)].positionMm;"
                + " window.seedplanViewer.setFocus(m);");
        wait.until(d -> (Boolean) run("const p = window.seedplanPlan; return Math.abs(p.state.isodoses.axial.atMm - p.viewer.views.axial.sliceMm) < 1e-6;"));
        Thread.sleep(300);
        chromium.screenshot("plan");

        // the 100 % line where the dose puts it: every sampled point of the server's line is drawn within one pixel
        // without the isodose labels, which cover a few pixels of the lines they name
        run("window.seedplanPlan.show = {structures: false, implant: false, labels: false}; window.seedplanViewer.renderNow();");
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) run(
                "const p = window.seedplanPlan; const v = p.viewer.views.axial; const plane = p.state.isodoses.axial;"
                        + " const line = plane.lines.find((l) => l.percent === 100); const seg = line.segmentsMm;"
                        + " const ctx = v.canvas.getContext('2d'); const dpr = v.canvas.width / v.widthPx; let sampled = 0, hit = 0;"
                        + " const misses = [];"
                        + " for (let i = 0; i < seg.length; i += 4 * Math.max(1, Math.floor(seg.length / 4 / 60))) {"
                        + "   const q = [0, 0, 0]; q[v.uAxis] = (seg[i] + seg[i + 2]) / 2; q[v.vAxis] = (seg[i + 1] + seg[i + 3]) / 2; q[v.normalAxis] = plane.atMm;"
                        + "   const [x, y] = v.toPixel(q); if (x < 2 || y < 2 || x > v.widthPx - 2 || y > v.heightPx - 2) continue; sampled++;"
                        + "   const d = ctx.getImageData(Math.round(x * dpr) - Math.ceil(dpr), Math.round(y * dpr) - Math.ceil(dpr), 2 * Math.ceil(dpr) + 1, 2 * Math.ceil(dpr) + 1).data;"
                        + "   let found = false; for (let k = 0; k < d.length; k += 4) { if (d[k] > 200 && d[k + 1] > 190 && d[k + 2] < 140) found = true; }"
                        + "   if (found) hit++; else misses.push([x, y]); }"
                        + " return {sampled, hit, misses: JSON.stringify(misses.slice(0, 5)), pxPerMm: v.pixelsPerMm};");
        run("window.seedplanPlan.show = {structures: true, implant: true, labels: true}; window.seedplanViewer.renderNow();");
        System.out.println("100 % isodose pixel check: " + check);
        assertThat(((Number) check.get("sampled")).intValue()).isGreaterThan(20);
        assertThat(((Number) check.get("hit")).intValue()).as("points of the 100 %% line drawn within 1 px: %s", check).isEqualTo(((Number) check.get("sampled")).intValue());

        // drag a seed 12 mm in the axial view: D90 of the CTV changes
        String d90Js = "return String(window.seedplanPlan.state.metrics.find((m) => m.name === 'CTV').d90Gy)";
        String d90Before = (String) run(d90Js);
        driver.findElement(By.cssSelector("button.tool[data-tool='seed']")).click();
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) run("const p = window.seedplanPlan; const v = p.viewer.views.axial;"
                + " const s = p.state.seeds.find((x) => Math.abs(x.positionMm[2] - v.sliceMm) <= Math.max(v.thicknessMm / 2, 1));"
                + " const r = v.canvas.getBoundingClientRect(); const [x, y] = v.toPixel(s.positionMm); return [x - r.width / 2, y - r.height / 2, v.pixelsPerMm];");
        WebElement axial = driver.findElement(By.cssSelector("canvas[data-view='axial']"));
        Actions drag = new Actions(driver).moveToElement(axial, at.get(0).intValue(), at.get(1).intValue()).clickAndHold();
        int steps = 12;
        double stepPx = 12 * at.get(2).doubleValue() / steps;
        for (int i = 0; i < steps; i++) {
            drag = drag.moveByOffset((int) Math.round(stepPx), 0).pause(Duration.ofMillis(60));
        }
        drag.release().perform();
        wait.until(d -> !run(d90Js).equals(d90Before));
        wait.until(d -> run("return window.seedplanPlan.inflight || window.seedplanPlan.pending != null") == Boolean.FALSE);
        Thread.sleep(500);
        chromium.screenshot("plan-drag");
        JsonNode timings = timings();
        List<Double> dragMs = new ArrayList<>();
        timings.get("drag").forEach(t -> dragMs.add(t.get("ms").asDouble()));
        List<Double> serverMs = new ArrayList<>();
        timings.get("drag").forEach(t -> serverMs.add(t.get("serverMs").asDouble()));
        System.out.printf(Locale.ROOT, "drag -> pixels: median %.0f ms over %d edits (server share median %.0f ms), %d seeds; load %s%n",
                median(dragMs), dragMs.size(), median(serverMs), seeds, load());
        assertThat(dragMs).isNotEmpty();

        // the operating room: needle 2 went in about 2 mm beside its plan. The Drag needle tool moves it there in the coronal
        // view (across the anterior needles); then one more needle is added free-hand (Shift with the Add needle tool: a click
        // on the entry, one on the tip, through no template hole) in the axial view, where it really went
        driver.findElement(By.cssSelector("button.tool[data-tool='needle']")).click();
        @SuppressWarnings("unchecked")
        List<Number> crossing = (List<Number>) run("const p = window.seedplanPlan; const v = p.viewer.views.coronal; const n = p.state.needles[1];"
                + " const t = (v.sliceMm - n.entryMm[1]) / (n.tipMm[1] - n.entryMm[1]);"
                + " const q = [0, 1, 2].map((k) => n.entryMm[k] + t * (n.tipMm[k] - n.entryMm[k]));"
                + " const r = v.canvas.getBoundingClientRect(); const [x, y] = v.toPixel(q); return [x - r.width / 2, y - r.height / 2, v.pixelsPerMm, n.number, t];");
        assertThat(crossing.get(4).doubleValue()).as("the coronal slice crosses needle 2").isBetween(0.0, 1.0);
        int draggedNeedle = crossing.get(3).intValue();
        JsonNode beforeDrag = needle(state(), draggedNeedle);
        WebElement coronalView = driver.findElement(By.cssSelector("canvas[data-view='coronal']"));
        Actions needleDrag = new Actions(driver).moveToElement(coronalView, crossing.get(0).intValue(), crossing.get(1).intValue()).clickAndHold();
        for (int i = 0; i < 4; i++) {
            needleDrag = needleDrag.moveByOffset((int) Math.round(0.5 * crossing.get(2).doubleValue()), 0).pause(Duration.ofMillis(60));
        }
        needleDrag.release().perform();
        wait.until(d -> run("const p = window.seedplanPlan; return !p.inflight && p.pending == null") == Boolean.TRUE);
        JsonNode dragged = needle(state(), draggedNeedle);
        assertThat(dragged.get("edited").asBoolean()).isTrue();
        double shiftMm = dragged.get("entryMm").get(0).asDouble() - beforeDrag.get("entryMm").get(0).asDouble();
        assertThat(Math.abs(shiftMm)).as("needle %d moved in x", draggedNeedle).isBetween(1.0, 3.5);

        driver.findElement(By.cssSelector("button.tool[data-tool='addneedle']")).click();
        @SuppressWarnings("unchecked")
        List<Number> clicks = (List<Number>) run("const p = window.seedplanPlan; const v = p.viewer.views.axial;"
                + " const c = p.state.seeds[Math.floor(p.state.seeds.length / 2)].positionMm;"
                + " const entry = [c[0] - 25, c[1] - 45, v.sliceMm]; const tip = [c[0] + 4, c[1] + 6, v.sliceMm];"
                + " const r = v.canvas.getBoundingClientRect(); const [ex, ey] = v.toPixel(entry); const [tx, ty] = v.toPixel(tip);"
                + " return [ex - r.width / 2, ey - r.height / 2, tx - r.width / 2, ty - r.height / 2];");
        WebElement axialView = driver.findElement(By.cssSelector("canvas[data-view='axial']"));
        int needlesBeforeAdd = state().get("needleCount").asInt();
        new Actions(driver).keyDown(Keys.SHIFT).moveToElement(axialView, clicks.get(0).intValue(), clicks.get(1).intValue()).click()
                .keyUp(Keys.SHIFT).perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("add-needle-line"), "Entry set (through no hole)"));
        new Actions(driver).moveToElement(axialView, clicks.get(2).intValue(), clicks.get(3).intValue()).click().perform();
        wait.until(d -> ((Number) run("return window.seedplanPlan.state.needleCount")).intValue() == needlesBeforeAdd + 1);
        wait.until(d -> run("return window.seedplanPlan.inflight") == Boolean.FALSE);
        JsonNode withFreeHand = state();
        JsonNode freeHand = withFreeHand.get("needles").get(withFreeHand.get("needles").size() - 1);
        int freeHandNeedle = freeHand.get("number").asInt();
        assertThat(freeHand.get("hole").isNull()).as("a free-hand needle goes through no hole: %s", freeHand).isTrue();
        assertThat(driver.findElement(By.cssSelector("#needles tr[data-needle='" + freeHandNeedle + "'] td:nth-child(2)")).getText()).isEqualTo("—");
        assertThat(driver.findElement(By.id("add-needle-line")).getText()).startsWith("Needle " + freeHandNeedle + ",");
        assertThat(seedsOn(withFreeHand, List.of(freeHandNeedle))).as("the free-hand needle is loaded").isNotEmpty();
        chromium.screenshot("plan-freehand");

        // lock both and re-plan the rest around them
        lock(draggedNeedle);
        wait.until(d -> lockedCount() == 1);
        lock(freeHandNeedle);
        wait.until(d -> lockedCount() == 2);
        // the checkboxes tick at once; the server's answer to the second lock may still be on its way
        wait.until(d -> run("const p = window.seedplanPlan; return !p.inflight && p.pending == null"
                + " && p.state.needles.filter((n) => n.locked).length === 2") == Boolean.TRUE);
        JsonNode before = state();
        String d90ShownBefore = driver.findElement(By.cssSelector("#metrics tr[data-structure='CTV'] td.d90")).getText();
        driver.findElement(By.id("replan")).click();
        wait.until(d -> ((Number) run("return window.seedplanPlan.timings.replan.length")).intValue() == 1);
        JsonNode after = state();
        assertThat(after.get("error").isNull()).as(after.get("error").toString()).isTrue();
        assertThat(lockedCount()).isEqualTo(2);
        // the two needles keep number, path and seeds, and are marked as in the patient; the rest is planned anew
        for (int n : List.of(draggedNeedle, freeHandNeedle)) {
            assertThat(needle(after, n).get("entryMm")).isEqualTo(needle(before, n).get("entryMm"));
            assertThat(needle(after, n).get("tipMm")).isEqualTo(needle(before, n).get("tipMm"));
            assertThat(driver.findElement(By.cssSelector("#needles tr[data-needle='" + n + "'] td.needle-state")).getText()).isEqualTo("in patient");
        }
        List<Integer> placed = List.of(draggedNeedle, freeHandNeedle);
        assertThat(seedsOn(after, placed)).containsExactlyInAnyOrderElementsOf(seedsOn(before, placed));
        assertThat(seedsOutside(after, placed)).isNotEqualTo(seedsOutside(before, placed));
        // the metrics shown are the new plan's, and the line under the needles says what changed
        String d90Shown = driver.findElement(By.cssSelector("#metrics tr[data-structure='CTV'] td.d90")).getText();
        double d90After = (double) Math.round(metric(after, "CTV", "d90Gy") * 10) / 10;
        assertThat(d90Shown).isEqualTo(String.format(Locale.ROOT, "%.1f", d90After));
        assertThat(d90Shown).as("D90 shown before the re-plan %s", d90ShownBefore).isNotEqualTo(d90ShownBefore);
        assertThat(driver.findElement(By.id("replan-line")).getText()).startsWith("Re-planned around needles " + draggedNeedle + ", " + freeHandNeedle)
                .contains("CTV D90 " + d90ShownBefore + " → " + d90Shown + " Gy");
        // the intent form now carries them, in the patient, for a new plan
        assertThat(driver.findElements(By.cssSelector("#fixed-needles .fixed-row"))).hasSize(2);
        System.out.printf(Locale.ROOT, "re-plan around needle %d dragged and needle %d added free-hand -> pixels: %.0f ms (%d -> %d seeds, CTV D90 %s -> %s Gy)%n",
                draggedNeedle, freeHandNeedle, timings().get("replan").get(0).asDouble(), before.get("seedCount").asInt(), after.get("seedCount").asInt(),
                d90ShownBefore, d90Shown);
        run("document.getElementById('replan-line').scrollIntoView({block: 'end'});");
        chromium.screenshot("plan-replan");

        // the colour wash: the dose of each view's plane from the server, under the lines
        driver.findElement(By.id("wash-toggle")).click();
        wait.until(d -> run("const p = window.seedplanPlan.state.dosePlanes; return p != null && p.axial != null && p.coronal != null") == Boolean.TRUE);
        Thread.sleep(300);
        chromium.screenshot("plan-wash");
        driver.findElement(By.id("wash-toggle")).click();

        // add a whole needle: the Add needle tool, a click on a free template hole in the coronal view (across the anterior
        // needles) gives the planner's path through that hole to the far edge of the target, loaded at the plan's spacing;
        // the needle count, the seeds and the CTV D90 change, and the needle table names its hole
        JsonNode beforeAdd = state();
        String d90BeforeAdd = (String) run(d90Js);
        driver.findElement(By.cssSelector("button.tool[data-tool='addneedle']")).click();
        @SuppressWarnings("unchecked")
        List<Object> hole = (List<Object>) run("const p = window.seedplanPlan; const used = new Set(p.state.needles.map((n) => n.hole));"
                + " const len = (n) => Math.hypot(n.tipMm[0] - n.entryMm[0], n.tipMm[1] - n.entryMm[1], n.tipMm[2] - n.entryMm[2]);"
                + " const free = p.state.availableNeedles.filter((n) => !used.has(n.hole)).sort((a, b) => len(b) - len(a))[0];"
                + " const v = p.viewer.views.coronal; const r = v.canvas.getBoundingClientRect(); const [x, y] = v.toPixel(free.entryMm);"
                + " return [x - r.width / 2, y - r.height / 2, free.hole, (free.entryMm[2] + free.tipMm[2]) / 2];");
        WebElement coronal = driver.findElement(By.cssSelector("canvas[data-view='coronal']"));
        new Actions(driver).moveToElement(coronal, (int) Math.round(((Number) hole.get(0)).doubleValue()),
                (int) Math.round(((Number) hole.get(1)).doubleValue())).click().perform();
        wait.until(d -> ((Number) run("return window.seedplanPlan.state.needleCount")).intValue() == beforeAdd.get("needleCount").asInt() + 1);
        wait.until(d -> run("return window.seedplanPlan.inflight") == Boolean.FALSE);
        JsonNode added = state();
        assertThat(added.get("seedCount").asInt()).isGreaterThan(beforeAdd.get("seedCount").asInt());
        assertThat((String) run(d90Js)).isNotEqualTo(d90BeforeAdd);
        int newNeedle = added.get("needles").get(added.get("needles").size() - 1).get("number").asInt();
        assertThat(driver.findElement(By.cssSelector("#needles tr[data-needle='" + newNeedle + "'] td:nth-child(2)")).getText())
                .isEqualTo((String) hole.get(2));
        assertThat(driver.findElement(By.id("add-needle-line")).getText()).contains("Needle " + newNeedle + " (hole " + hole.get(2) + ")");
        run("const p = window.seedplanPlan; const f = p.viewer.focusMm.slice(); f[2] = arguments[0]; p.viewer.setFocus(f);", hole.get(3));
        wait.until(d -> (Boolean) run("const p = window.seedplanPlan; return Math.abs(p.state.isodoses.axial.atMm - p.viewer.views.axial.sliceMm) < 1e-6;"));
        Thread.sleep(300);
        chromium.screenshot("plan-addneedle");

        // save, approve with the password, download what is approved
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved-line"), "DRAFT"));
        driver.findElement(By.id("approve")).click();
        driver.findElement(By.id("approve-name")).sendKeys("Dr physicist_a");
        driver.findElement(By.id("approve-password")).sendKeys(TestServer.PASSWORD);
        chromium.screenshot("plan-approve");
        // the approval dialog is laid out as the other dialogs (app.css: header, body and footer padded 12, 18 and 10 px): its heading,
        // text, fields and buttons stay at least 10 px inside its border (they touched the border before, 0-1 px)
        Number inset = (Number) run("const d = document.getElementById('approve-dialog').getBoundingClientRect();"
                + " return Math.min(...[...document.querySelectorAll('#approve-dialog h2, #approve-dialog p:not([hidden]), #approve-dialog label,"
                + " #approve-dialog input, #approve-dialog button')].map((e) => e.getBoundingClientRect())"
                + ".map((r) => Math.min(r.left - d.left, d.right - r.right, r.top - d.top, d.bottom - r.bottom)));");
        assertThat(inset.doubleValue()).as("approval dialog: the nearest item's distance from its border, px").isGreaterThanOrEqualTo(10);
        driver.findElement(By.id("approve-sign")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved-line"), "APPROVED"));
        chromium.screenshot("plan-approved");
        String pdfHref = driver.findElement(By.id("download-pdf")).getAttribute("href");
        String dicomHref = driver.findElement(By.id("download-dicom")).getAttribute("href");
        assertThat(pdfHref).contains("/revisions/1/report.pdf");
        String tableHref = driver.findElement(By.id("download-table")).getAttribute("href");
        assertThat(tableHref).contains("/revisions/1/needle-table.pdf");
        ApiClient api = server.signedIn(Role.PHYSICIST, true);
        byte[] pdf = api.bytes(pdfHref.substring(server.base().length()));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        byte[] rtplan = api.bytes(dicomHref.substring(server.base().length()));
        var ds = DicomReader.parse(rtplan, "RT Plan").dataSet();
        assertThat(ds.requireString(Tag.MODALITY)).isEqualTo("RTPLAN");
        JsonNode revision = api.get(pdfHref.substring(server.base().length()).replace("/report.pdf", "")).json();
        // the export for treatment locks the approved revision (issue 9)
        assertThat(revision.get("status").asText()).isEqualTo("LOCKED");
        assertThat(revision.get("approvedBy").asText()).isEqualTo("Dr physicist_a");
        assertThat(revision.get("seedCount").asInt()).isEqualTo(added.get("seedCount").asInt());
        String text = pdfText(pdf);
        assertThat(text).contains("Dr physicist_a");
        assertThat(text).containsPattern("(?i)revision\\s*1");
        // the operating-room needle table (poppler's text): the added needle's row with its hole and seeds
        String table = pdfText(api.bytes(tableHref.substring(server.base().length())));
        int addedSeeds = 0;
        for (JsonNode x : added.get("seeds")) {
            addedSeeds += x.get("needle").asInt() == newNeedle ? 1 : 0;
        }
        assertThat(table).contains("Needle and seed loading table", "Dr physicist_a");
        assertThat(table.replaceAll("\\s+", " ")).containsPattern(added.get("needles").size() + " " + hole.get(2) + " \\(0\\.00, 1\\.00, 0\\.00\\) [0-9.]+ mm [0-9.]+ mm "
                + addedSeeds + " ");
        assertThat(chromium.scriptErrors()).isEmpty();
    }

    private int lockedCount() {
        return driver.findElements(By.cssSelector("#needles input.lock:checked")).size();
    }

    /** Ticks the lock of a needle once the page has no edit on its way (an answer re-draws the needle table). */
    private void lock(int needle) {
        wait.until(d -> run("const p = window.seedplanPlan; return !p.inflight && p.pending == null") == Boolean.TRUE);
        wait.until(d -> {
            try {
                d.findElement(By.cssSelector("#needles tr[data-needle='" + needle + "'] input.lock")).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private static JsonNode needle(JsonNode s, int number) {
        for (JsonNode n : s.get("needles")) {
            if (n.get("number").asInt() == number) {
                return n;
            }
        }
        throw new AssertionError("no needle " + number + " in " + s.get("needles"));
    }

    private static double metric(JsonNode s, String structure, String field) {
        for (JsonNode m : s.get("metrics")) {
            if (m.get("name").asText().equals(structure)) {
                return m.get(field).asDouble();
            }
        }
        throw new AssertionError("no metrics of " + structure);
    }

    /** The positions of the seeds on the given needles. */
    private static List<String> seedsOn(JsonNode s, List<Integer> needles) {
        List<String> out = new ArrayList<>();
        s.get("seeds").forEach(x -> {
            if (needles.contains(x.get("needle").asInt())) {
                out.add(x.get("positionMm").toString());
            }
        });
        return out;
    }

    /** The positions of the seeds on needles other than the given ones, sorted. */
    private static List<String> seedsOutside(JsonNode s, List<Integer> needles) {
        List<String> out = new ArrayList<>();
        s.get("seeds").forEach(x -> {
            if (!needles.contains(x.get("needle").asInt())) {
                out.add(x.get("positionMm").toString());
            }
        });
        out.sort(null);
        return out;
    }

    private JsonNode state() throws IOException {
        return org.seedplan.server.api.Json.MAPPER.readTree((String) run("return JSON.stringify(window.seedplanPlan.state)"));
    }

    private JsonNode timings() throws IOException {
        return org.seedplan.server.api.Json.MAPPER.readTree((String) run("return JSON.stringify(window.seedplanPlan.timings)"));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    /** The text of a PDF by poppler's pdftotext (a real peer, not our own reader). */
    private static String pdfText(byte[] pdf) throws Exception {
        Process p = new ProcessBuilder("pdftotext", "-layout", "-", "-").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(pdf);
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}

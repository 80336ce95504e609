package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
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
import org.seedplan.server.World;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;

/**
 * The contouring screen in a real Chromium on the demo patient's CT and RTSTRUCT (written by seedplan-dicom): the
 * study's RTSTRUCT imported with each structure's type and colour and drawn where its contours are; a ring made on the
 * server as CTV (GTV + 5 mm) minus GTV, and GTV ∩ CTV; delete on a slice, delete a structure, undo, copy to the next
 * slice; the result saved as a new version; the RTSTRUCT imported again from a file, and another patient's refused.
 */
class ContouringBrowserTest extends BrowserPerClass {

    private Patient patient;
    private String series;
    private Path rtstructFile;
    private Path otherPatientsRtstruct;
    private final DemoPatient demo = new DemoPatient();

    ContouringBrowserTest() {
        super(Duration.ofSeconds(60));
    }

    @BeforeAll
    void start() throws Exception {
        patient = new World(server).patient(server.a);
        Path dir = server.folder("contouring");
        StudyContext study = StudyContext.newStudy(new PatientInfo(DemoPatient.NAME, patient.patientId(), "19580317", "M"));
        series = Uids.newUid();
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
        rtstructFile = rs;
        Files.write(rs, DicomWriter.encode(RtStructWriter.write(demo.structures(), new CtReference(study.studyInstanceUid(), series,
                study.frameOfReferenceUid(), demo.ctGrid(), sops), study, Uids.newUid(), Uids.newUid(), "demo")));
        files.add(rs);
        // the same contours in an RTSTRUCT of another patient (another Patient ID, same study and frame): never imported
        otherPatientsRtstruct = dir.resolve("RS-other.dcm");
        StudyContext other = new StudyContext(new PatientInfo("OTHER^PATIENT", "OTHER-0002", "19700101", "F"), study.studyInstanceUid(),
                study.frameOfReferenceUid(), study.created());
        Files.write(otherPatientsRtstruct, DicomWriter.encode(RtStructWriter.write(demo.structures(), new CtReference(study.studyInstanceUid(),
                series, study.frameOfReferenceUid(), demo.ctGrid(), sops), other, Uids.newUid(), Uids.newUid(), "other")));
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, patient.id(), files, ImportLimits.DEFAULT);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private double number(String script, Object... args) {
        return ((Number) js(script, args)).doubleValue();
    }

    /** Area (mm²) a structure encloses on the slice at z under the even-odd rule (outer outlines and holes turn opposite ways). */
    private double area(String name, double z) {
        return number("const s = window.seedplanContour.structures.find((x) => x.name === arguments[0]);"
                + " return Math.abs(s.contours.filter((c) => Math.abs(c.zMm - arguments[1]) < 0.01).reduce((sum, c) => sum"
                + " + c.points.reduce((a, p, n, q) => a + p[0] * q[(n + 1) % q.length][1] - q[(n + 1) % q.length][0] * p[1], 0) / 2, 0));",
                name, z);
    }

    private double contourCount(String name, double z) {
        return number("return window.seedplanContour.structures.find((x) => x.name === arguments[0]).contours"
                + ".filter((c) => Math.abs(c.zMm - arguments[1]) < 0.01).length", name, z);
    }

    private void derive(String op, String a, String b, String name, String type) {
        new Select(driver.findElement(By.id("derive-op"))).selectByValue(op);
        new Select(driver.findElement(By.id("derive-a"))).selectByValue(a);
        if (b != null) {
            new Select(driver.findElement(By.id("derive-b"))).selectByValue(b);
        } else {
            WebElement margin = driver.findElement(By.id("derive-margin"));
            margin.clear();
            margin.sendKeys("5");
        }
        WebElement result = driver.findElement(By.id("derive-name"));
        result.clear();
        result.sendKeys(name);
        new Select(driver.findElement(By.id("derive-type"))).selectByValue(type);
        driver.findElement(By.id("derive")).click();
        wait.until(d -> Boolean.TRUE.equals(js("return window.seedplanContour.structures.some((s) => s.name === arguments[0])", name)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStudysRtstructIsImportedDrawnWhereItsContoursAreAndEditedWithBooleansDeleteUndoAndCopy() throws Exception {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/contour.html?series=" + series + "&patient=" + patient.id());
        wait.until(d -> Boolean.TRUE.equals(js("return !!(window.seedplanViewer && window.seedplanViewer.volume"
                + " && window.seedplanViewer.volume.complete())")));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("import-stored"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("set-version"), "version 1"));

        // every structure of the RTSTRUCT listed with its type and colour
        for (Structure s : demo.structures()) {
            WebElement row = driver.findElement(By.cssSelector("tr[data-structure='" + s.name() + "']"));
            assertThat(row.getText()).contains(s.name(), s.type().name());
            String swatch = row.findElement(By.cssSelector(".swatch")).getCssValue("background-color");
            int c = s.colorRgb();
            assertThat(swatch).isEqualTo("rgba(" + (c >> 16 & 255) + ", " + (c >> 8 & 255) + ", " + (c & 255) + ", 1)");
        }
        // the GTV's contour on z = 0 has the RTSTRUCT's points (DICOM DS keeps them to well under 0.01 mm), and each point is
        // drawn in the GTV's red within one screen pixel (the crosshair moved off it)
        Contour truth = demo.structures().get(0).contours().stream().filter(c -> Math.abs(c.zMm()) < 1e-6).findFirst().orElseThrow();
        List<List<Number>> points = (List<List<Number>>) js("return window.seedplanContour.structures.find((s) => s.name === 'GTV')"
                + ".contours.find((c) => Math.abs(c.zMm) < 0.01).points");
        assertThat(points).hasSize(truth.size());
        js("window.seedplanViewer.setFocus([40, 40, 0]); window.seedplanViewer.renderNow()");
        for (int n = 0; n < truth.size(); n++) {
            assertThat(points.get(n).get(0).doubleValue()).isCloseTo(truth.xMm()[n], within(0.01));
            assertThat(points.get(n).get(1).doubleValue()).isCloseTo(truth.yMm()[n], within(0.01));
            boolean red = (boolean) js("const v = window.seedplanViewer.views.axial; const r = v.canvas.width / v.widthPx;"
                    + " const [x, y] = v.toPixel([arguments[0], arguments[1], 0]);"
                    + " const d = v.canvas.getContext('2d').getImageData(Math.floor((x - 1) * r), Math.floor((y - 1) * r), Math.ceil(3 * r), Math.ceil(3 * r)).data;"
                    + " for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] < 80 && d[i + 2] < 80) return true; return false;",
                    truth.xMm()[n], truth.yMm()[n]);
            assertThat(red).as("GTV point %d drawn in red", n).isTrue();
        }

        // CTV = GTV + 5 mm, then the ring CTV − GTV and GTV ∩ CTV, computed by the server on the CT's voxels. The outlines
        // follow 1 mm voxel edges, so each area is held to 8 % of the GTV's (its 90 mm perimeter × 0.5 mm of outline
        // placement is 6 % of its 700 mm²)
        derive("expand", "GTV", null, "CTV", "CTV");
        derive("subtract", "CTV", "GTV", "Ring", "OTHER");
        derive("intersection", "GTV", "CTV", "GTV in CTV", "OTHER");
        double gtv = area("GTV", 0);
        double ctv = area("CTV", 0);
        assertThat(gtv).as("the RTSTRUCT's polygon of the lesion's 16 × 14 mm section").isCloseTo(Math.abs(truth.signedAreaMm2()), within(0.01));
        assertThat(contourCount("Ring", 0)).as("the ring is an outline with a hole").isEqualTo(2);
        assertThat(area("Ring", 0)).isCloseTo(ctv - gtv, within(0.08 * gtv));
        assertThat(area("GTV in CTV", 0)).isCloseTo(gtv, within(0.08 * gtv));
        assertThat(driver.findElement(By.cssSelector("tr[data-structure='Ring']")).getText()).contains("OTHER");

        // delete the ring on this slice, then undo; delete the whole structure (confirmed), then undo
        driver.findElement(By.cssSelector("tr[data-structure='Ring']")).click();
        js("window.seedplanViewer.setFocus([-45, 0, 0]); window.seedplanViewer.renderNow()");
        driver.findElement(By.id("delete-slice")).click();
        assertThat(contourCount("Ring", 0)).isZero();
        assertThat(contourCount("Ring", 2.5)).isEqualTo(2);
        driver.findElement(By.id("undo")).click();
        assertThat(contourCount("Ring", 0)).isEqualTo(2);
        driver.findElement(By.cssSelector("tr[data-structure='Ring']")).click();
        driver.findElement(By.id("delete-structure")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> d.findElements(By.cssSelector("tr[data-structure='Ring']")).isEmpty());
        driver.findElement(By.id("undo")).click();
        assertThat(driver.findElements(By.cssSelector("tr[data-structure='Ring']"))).hasSize(1);

        // copy the GTV of z = 0 to the slice below: the same points on z = -2.5 mm, and the view follows to that slice
        driver.findElement(By.cssSelector("tr[data-structure='GTV']")).click();
        driver.findElement(By.id("copy-down")).click();
        assertThat(number("return window.seedplanViewer.views.axial.sliceMm")).isCloseTo(-2.5, within(1e-9));
        List<List<Number>> copied = (List<List<Number>>) js("return window.seedplanContour.structures.find((s) => s.name === 'GTV')"
                + ".contours.find((c) => Math.abs(c.zMm + 2.5) < 0.01).points");
        assertThat(copied).isEqualTo(points);
        assertThat(contourCount("GTV", -2.5)).isEqualTo(1);

        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("set-version"), "version 2"));
        long setId = (long) number("return window.seedplanContour.set.id");
        JsonNode saved = server.signedIn(Role.PHYSICIST, true).get("/api/structure-sets/" + setId).json();
        List<String> names = new ArrayList<>();
        saved.get("structures").forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).contains("GTV", "Stomach", "SpinalCord", "Body", "CTV", "Ring", "GTV in CTV");
        js("window.seedplanViewer.setFocus([-45, 0, 0]); window.seedplanViewer.renderNow()");
        chromium.screenshot("contouring-rtstruct-ring");

        // the same RTSTRUCT chosen as a file: a second structure set, version 1, with the file's four structures
        driver.findElement(By.id("rtstruct-file")).sendKeys(rtstructFile.toString());
        wait.until(d -> number("return window.seedplanContour.set.id") != setId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("set-version"), "version 1"));
        assertThat(number("return window.seedplanContour.structures.length")).isEqualTo(4);
        assertThat(driver.findElements(By.cssSelector("#set-choice option:not([value=''])"))).hasSize(2);

        // an RTSTRUCT of another patient is refused with the reason on screen, and no set is made
        driver.findElement(By.id("rtstruct-file")).sendKeys(otherPatientsRtstruct.toString());
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(refused.getText()).startsWith("Import:").contains("OTHER-0002");
        assertThat(driver.findElements(By.cssSelector("#set-choice option:not([value=''])"))).hasSize(2);
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
    }
}

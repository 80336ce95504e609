package org.seedplan.server.browser;

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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Speed of the image screens in Chromium (issue 12's targets), run by hand, not part of the suite:
 * {@code mvn … -Dtest=ViewerSpeedBenchmark -Dseedplan.viewerBench=true}. On a 200-slice 512 × 512 CT (0.8 × 0.8 × 2.5 mm,
 * an abdomen-sized water ellipse with a spine and noise) it prints the time from navigation to the first CT image
 * (server memory cold — the series read from the file prepared in the background when it was stored —, then warm) and the scrolling rate of the contouring screen with a body outline and a GTV drawn
 * on every slice (one slice per animation frame, 120 frames).
 */
class ViewerSpeedBenchmark {

    @Test
    void firstImageAndScrolling() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("seedplan.viewerBench"), "a benchmark run by hand: -Dseedplan.viewerBench=true");
        try (Chromium chromium = Chromium.start(); TestServer server = new TestServer(TestDatabases.Kind.SQLITE)) {
            Patient p = new World(server).patient(server.a);
            Grid grid = new Grid(new Vec3(-204.4, -204.4, -250), 0.8, 0.8, 2.5, 512, 512, 200);
            String series = store(server, p, grid);
            long storedAt = System.nanoTime();
            Path prepared = server.db.dataFolder().resolve("ct-prepared").resolve(series + ".ctv");
            while (!Files.exists(prepared)) {
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "series prepared in the background %.1f s after its import ended%n", (System.nanoTime() - storedAt) / 1e9);
            List<Contour> body = new ArrayList<>();
            List<Contour> gtv = new ArrayList<>();
            for (int k = 0; k < grid.nz(); k++) {
                body.add(ellipse(grid.z(k), 0, 0, 170, 120, 180));
                gtv.add(ellipse(grid.z(k), -60, 10, 25, 20, 64));
            }
            new StructureSetStore(server.db, server.services.audit()).create(Actor.SYSTEM, p.id(), series, "bench", "Bench", "drawn",
                    StructureJson.write(List.of(new Structure("Body", StructureType.EXTERNAL, 0x40D040, body),
                            new Structure("GTV", StructureType.GTV, 0xFF3030, gtv))).toString(), server.clock.instant());
            WebDriver driver = chromium.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
            driver.get(server.base() + "/");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys("physicist_a");
            driver.findElement(By.id("password")).sendKeys(TestServer.PASSWORD);
            driver.findElement(By.id("password")).submit();
            wait.until(ExpectedConditions.urlContains("/patients.html"));
            JavascriptExecutor js = (JavascriptExecutor) driver;
            for (String run : new String[] {"cold server memory, prepared file", "warm server cache", "warm server cache"}) {
                driver.get(server.base() + "/viewer.html?series=" + series + "&patient=" + p.id());
                wait.until(d -> js.executeScript("return window.seedplanFirstImageMs") != null);
                double ms = ((Number) js.executeScript("return window.seedplanFirstImageMs")).doubleValue();
                wait.until(d -> Boolean.TRUE.equals(js.executeScript("return window.seedplanViewer.volume.complete()")));
                double all = ((Number) js.executeScript("return performance.now()")).doubleValue();
                System.out.printf(Locale.ROOT, "viewer first image (%s): %.0f ms after navigation; all 200 slices by %.0f ms%n", run, ms, all);
            }
            driver.get(server.base() + "/contour.html?series=" + series + "&patient=" + p.id());
            wait.until(d -> Boolean.TRUE.equals(js.executeScript("return !!(window.seedplanViewer && window.seedplanViewer.volume"
                    + " && window.seedplanViewer.volume.complete() && window.seedplanContour.structures.length === 2)")));
            for (int round = 0; round < 3; round++) {
                Object rate = js.executeAsyncScript("const done = arguments[arguments.length - 1]; const v = window.seedplanViewer;"
                        + " v.setFocus([0, 0, -240]); let n = 0; const frames = 120; let t0 = 0;"
                        + " const step = (t) => { if (n === 0) t0 = t; if (n === frames) { done(frames * 1000 / (t - t0)); return; }"
                        + " v.stepSlice('axial', 1); v.renderNow(); n++; requestAnimationFrame(step); };"
                        + " requestAnimationFrame(step);");
                System.out.printf(Locale.ROOT, "contouring screen scrolling with Body + GTV on every slice: %.1f slices/s%n",
                        ((Number) rate).doubleValue());
            }
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

    private static String store(TestServer server, Patient p, Grid grid) throws Exception {
        float[] hu = new float[grid.voxelCount()];
        Random rnd = new Random(1);
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double x = grid.x(i);
                    double y = grid.y(j);
                    boolean inBody = (x * x) / (170.0 * 170) + (y * y) / (120.0 * 120) <= 1;
                    boolean spine = Math.hypot(x, y - 70) < 18;
                    hu[grid.index(i, j, k)] = (float) ((inBody ? (spine ? 700 : 40) : -1000) + rnd.nextGaussian() * 12);
                }
            }
        }
        Path dir = server.folder("bench-ct");
        StudyContext study = StudyContext.newStudy(new PatientInfo("BENCH^CT", p.patientId(), "19600101", "F"));
        String series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(new Volume(grid, hu), study, series);
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve("CT" + k + ".dcm");
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
        }
        DicomStore.open(server.db).importForPatient(Actor.SYSTEM, p.id(), files, ImportLimits.DEFAULT);
        return series;
    }
}

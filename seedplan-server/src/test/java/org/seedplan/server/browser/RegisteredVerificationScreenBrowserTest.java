package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.consistency.RigidRegistration;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.World;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;

/**
 * The verification screen in a real Chromium on a post-op CT taken in another Frame of Reference, linked to the plan's by a
 * stored rigid Spatial Registration (RegisteredVerificationTest's case: 8° about z, 4° about x, shift (12, −7, 4) mm): the
 * screen shows the post-op CT in the plan's frame and says so; each found seed's symbol lies on its seed's bright pixels and
 * the CTV's planning contour lies where it belongs relative to those seeds.
 */
class RegisteredVerificationScreenBrowserTest extends BrowserPerClass {

    /** Post-op CT → plan, row by row: R = Rz(8°)·Rx(4°), then (12, −7, 4) mm (RegisteredVerificationTest.POST_TO_PLAN). */
    private static final double[] POST_TO_PLAN = rigid(8, 4, new Vec3(12, -7, 4));
    /** The grid of the post-op CT in its own frame (VerificationFixture's): 1 × 1 mm pixels, 2 mm slices. */
    private static final Grid GRID = new Grid(new Vec3(-30, -30, -20), 1, 1, 2, 61, 61, 21);
    /** The planning CTV: a 20 mm square in x and y on every 2 mm from z = −8 to 8 mm (VerificationFixture's). */
    private static final double CTV_HALF_MM = 10;

    private VerificationFixture fixture;
    private String postSeries;
    private String registrationUid;

    RegisteredVerificationScreenBrowserTest() {
        super(Duration.ofSeconds(90));
    }

    @BeforeAll
    void start() throws Exception {
        fixture = VerificationFixture.create(server, new World(server), server.a);
        storePostOpInAnotherFrame();
    }

    /** The fixture's implant scanned in a new frame related to the plan's by POST_TO_PLAN, and that registration stored. */
    private void storePostOpInAnotherFrame() throws IOException {
        double[] back = RigidRegistration.inverse(POST_TO_PLAN);
        Vec3 axis = direction(back, new Vec3(0, 1, 0));
        List<SeedPose> implanted = VerificationFixture.SEEDS.stream()
                .map(s -> new SeedPose(RigidRegistration.applyToPoint(back, s.plus(VerificationFixture.SHIFT_MM)), axis, SeedPose.Arrangement.ISOLATED))
                .toList();
        float[] hu = new float[GRID.voxelCount()];
        Arrays.fill(hu, 0f);
        Volume ct = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(new Volume(GRID, hu), implanted, 11);
        PatientInfo info = new PatientInfo("TEST^VERIFY", fixture.patient().patientId(), "19600101", "M");
        StudyContext study = new StudyContext(info, Uids.newUid(), Uids.newUid(), LocalDateTime.of(2026, 12, 2, 9, 0));
        postSeries = Uids.newUid();
        DicomStore store = DicomStore.open(server.db);
        for (DataSet slice : CtSeriesWriter.slices(ct, study, postSeries)) {
            store.store(Actor.SYSTEM, fixture.patient().id(), DicomWriter.encode(slice), "post-op CT in its own frame");
        }
        String planFrame = server.db.read(tx -> tx.one("SELECT frame_of_reference_uid FROM dicom_series WHERE series_instance_uid = ?",
                r -> r.string("frame_of_reference_uid"), fixture.planCtSeriesUid())).orElseThrow();
        DataSet m = DataSet.builder("matrix").put(Tag.FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX_TYPE, "RIGID")
                .numbers(Tag.FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX, POST_TO_PLAN).build();
        DataSet item = DataSet.builder("registration").put(Tag.FRAME_OF_REFERENCE_UID, study.frameOfReferenceUid())
                .sequence(Tag.MATRIX_REGISTRATION_SEQUENCE, DataSet.builder("matrix registration").sequence(Tag.MATRIX_SEQUENCE, m).build()).build();
        registrationUid = Uids.newUid();
        DataSet reg = new StudyContext(info, study.studyInstanceUid(), planFrame, LocalDateTime.of(2026, 12, 2, 10, 0))
                .start("registration", "1.2.840.10008.5.1.4.1.1.66.1", registrationUid, "REG", Uids.newUid(), 90)
                .sequence(Tag.REGISTRATION_SEQUENCE, item).build();
        store.store(Actor.SYSTEM, fixture.patient().id(), DicomWriter.encode(reg), "registration");
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** CSS pixel [x, y] of patient point p in the axial view. */
    @SuppressWarnings("unchecked")
    private double[] axialPixel(double x, double y, double z) {
        List<Number> px = (List<Number>) js("return window.seedplanViewer.views.axial.toPixel([arguments[0], arguments[1], arguments[2]])", x, y, z);
        return new double[] {px.get(0).doubleValue(), px.get(1).doubleValue()};
    }

    /**
     * The RGB of the axial canvas in the CSS-pixel box [x0, x0 + w) × [y0, y0 + h), read in one call: rgb[row][column][channel].
     */
    @SuppressWarnings("unchecked")
    private int[][][] axialBox(int x0, int y0, int w, int h) {
        List<List<List<Number>>> rows = (List<List<List<Number>>>) js("const v = window.seedplanViewer.views.axial; const r = v.canvas.width / v.widthPx;"
                + " const ctx = v.canvas.getContext('2d'); const out = [];"
                + " for (let y = 0; y < arguments[3]; y++) { const row = [];"
                + "  for (let x = 0; x < arguments[2]; x++) row.push(Array.from(ctx.getImageData(Math.floor((arguments[0] + x + 0.5) * r),"
                + "   Math.floor((arguments[1] + y + 0.5) * r), 1, 1).data).slice(0, 3));"
                + "  out.push(row); } return out;", x0, y0, w, h);
        int[][][] rgb = new int[h][w][];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                List<Number> c = rows.get(y).get(x);
                rgb[y][x] = new int[] {c.get(0).intValue(), c.get(1).intValue(), c.get(2).intValue()};
            }
        }
        return rgb;
    }

    /**
     * Centroid [x, y] and extent [xMin, yMin, xMax, yMax] (CSS px, pixel centres) of the pixels of the box around {@code centre}
     * (± half sizes) that pass the colour test, as [x, y, xMin, yMin, xMax, yMax]; null if none.
     */
    private double[] centroid(double[] centre, int halfW, int halfH, java.util.function.Predicate<int[]> colour) {
        int x0 = (int) Math.round(centre[0]) - halfW;
        int y0 = (int) Math.round(centre[1]) - halfH;
        int[][][] rgb = axialBox(x0, y0, 2 * halfW + 1, 2 * halfH + 1);
        double sx = 0;
        double sy = 0;
        int n = 0;
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int y = 0; y < rgb.length; y++) {
            for (int x = 0; x < rgb[y].length; x++) {
                if (colour.test(rgb[y][x])) {
                    sx += x0 + x + 0.5;
                    sy += y0 + y + 0.5;
                    n++;
                    box[0] = Math.min(box[0], x0 + x + 0.5);
                    box[1] = Math.min(box[1], y0 + y + 0.5);
                    box[2] = Math.max(box[2], x0 + x + 0.5);
                    box[3] = Math.max(box[3], y0 + y + 0.5);
                }
            }
        }
        return n == 0 ? null : new double[] {sx / n, sy / n, box[0], box[1], box[2], box[3]};
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegisteredPostOpCtIsShownInThePlansFrameWithEverySeedSymbolOnItsSeedAndTheCtvWhereItBelongs() {
        chromium.signIn(server.base(), "physicist_a");
        driver.get(server.base() + "/verify.html?series=" + postSeries + "&patient=" + fixture.patient().id());
        VerifyScreen.awaitReady(wait);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("matched-count")));
        Map<String, Object> r = (Map<String, Object>) js("return window.seedplanVerify.result");
        // the image's own pixels are read below: the isodose lines and their labels off (VerificationImplantBrowserTest reads those)
        js("window.seedplanVerify.isodoses.visible = false; window.seedplanViewer.renderNow()");
        assertThat(driver.findElement(By.id("matched-count")).getText()).isEqualTo("4");

        // the registration applied is on screen: its UID, rotation and shift
        String banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("frame-applied"))).getText();
        assertThat(banner).contains("plan's frame", registrationUid, "rotation 8.9°", "shift (12.0, -7.0, 4.0) mm");
        assertThat(driver.findElement(By.id("seed-summary")).getText()).contains("Spatial Registration " + registrationUid);

        double[] origin = axialPixel(0, 0, 0);
        double pxPerMm = (axialPixel(10, 0, 0)[0] - origin[0]) / 10;
        System.out.printf(Locale.ROOT, "axial view: %.2f px per mm%n", pxPerMm);
        List<Map<String, Number>> found = (List<Map<String, Number>>) r.get("found");
        Map<Vec3, double[]> brightOf = new java.util.HashMap<>();
        for (Map<String, Number> f : found) {
            double x = f.get("xMm").doubleValue();
            double y = f.get("yMm").doubleValue();
            double z = f.get("zMm").doubleValue();
            js("window.seedplanViewer.setFocus([25, -25, arguments[0]]); window.seedplanViewer.renderNow()", z);
            double[] symbol = axialPixel(x, y, z);
            // the seed's bright pixels with the overlays off: the image under the symbol (bone window; a seed is white).
            // The box is ± 2.5 mm across the seed and ± 3.5 mm along it (axis along y in the plan's frame; seeds 10 mm apart).
            js("window.seedplanVerify.hidden = window.seedplanVerify.result; window.seedplanVerify.result = null; window.seedplanViewer.renderNow()");
            java.util.function.Predicate<int[]> isWhite = c -> c[0] > 200 && c[1] > 200 && c[2] > 200;
            double[] white = centroid(symbol, (int) (2.5 * pxPerMm), (int) (3.5 * pxPerMm), isWhite);
            // the symbol's centre is on the seed's bright pixels: a white pixel within 1 px of it
            double[] underSymbol = centroid(symbol, 1, 1, isWhite);
            js("window.seedplanVerify.result = window.seedplanVerify.hidden; window.seedplanViewer.renderNow()");
            double[] dot = centroid(symbol, 8, 8, c -> c[0] < 70 && c[1] > 185 && c[2] > 60 && c[2] < 120);
            assertThat(white).as("bright pixels of the seed found at %s", f).isNotNull();
            assertThat(dot).as("green dot of the seed found at %s", f).isNotNull();
            assertThat(underSymbol).as("a bright pixel within 1 px of the symbol of the seed found at %s", f).isNotNull();
            assertThat(Math.hypot(dot[0] - symbol[0], dot[1] - symbol[1])).as("green dot centred on %s, px", f).isLessThan(1.0);
            // the seed's place in its bright pixels: across the seed (x) their centroid; along it (y) the middle of their extent,
            // since the white core's brightness along the axis is uneven once the 2 mm slices are interpolated on a tilted
            // lattice, while its two ends stay symmetric about the centre. The CT is drawn with its 1 mm pixels as blocks of
            // this many screen pixels, so the bright pixels place the seed only to half a CT pixel: the dot within 0.5 mm.
            double[] bright = {white[0], (white[3] + white[5]) / 2};
            System.out.printf(Locale.ROOT, "seed (%.2f, %.2f, %.2f): dot − seed's bright pixels (%.2f, %.2f) px,"
                    + " bright y extent %.1f … %.1f px (dot at %.1f)%n", x, y, z, dot[0] - bright[0], dot[1] - bright[1], white[3], white[5], dot[1]);
            assertThat(Math.abs(dot[0] - bright[0]) / pxPerMm).as("dot x on seed %s, mm", f).isLessThan(0.5);
            assertThat(Math.abs(dot[1] - bright[1]) / pxPerMm).as("dot y on seed %s, mm", f).isLessThan(0.5);
            // and the image is in the plan's frame: the seed lies where it was implanted (planned + 1 mm in x), within 0.5 mm
            // (RegisteredVerificationTest's tolerance for a seed centre on 2 mm slices after trilinear resampling)
            Vec3 truth = VerificationFixture.SEEDS.stream().map(s -> s.plus(VerificationFixture.SHIFT_MM))
                    .min((a, b) -> Double.compare(Math.hypot(a.x() - x, a.y() - y), Math.hypot(b.x() - x, b.y() - y))).orElseThrow();
            double[] truthPx = axialPixel(truth.x(), truth.y(), z);
            assertThat(Math.hypot(bright[0] - truthPx[0], bright[1] - truthPx[1]) / pxPerMm).as("bright pixels of %s from its truth, mm", truth)
                    .isLessThan(0.5);
            brightOf.put(truth, bright);
        }
        assertThat(brightOf).as("each implanted seed found once").hasSize(VerificationFixture.SEEDS.size());

        // the CTV's contour on slice z = 0: orange on the planning square's edges (plan frame), within 1 px
        js("window.seedplanViewer.setFocus([25, -25, 0]); window.seedplanViewer.renderNow()");
        chromium.screenshot("verification-registered");
        // the CTV's colour #ff8800, also under the cold regions' translucent blue and anti-aliased over two pixels (there it
        // reads (169, 125, 102) … (108, 101, 119); with the isodose legend's row above the views the scale is a little
        // smaller and its redder pixel (132, 110, 112)): redder than blue by more than 12, where the grey CT (r = b), the
        // blue tint (r < b), the white seeds (r = b) and the green dots (r < b) are not
        java.util.function.Predicate<int[]> orange = c -> c[0] > 100 && c[0] - c[2] > 12 || c[0] > 200 && c[2] < 100;
        List<double[]> onEdges = new ArrayList<>();
        for (double t : new double[] {-7.5, -2.5, 2.5, 7.5}) {
            onEdges.add(new double[] {-CTV_HALF_MM, t});
            onEdges.add(new double[] {CTV_HALF_MM, t});
            onEdges.add(new double[] {t, -CTV_HALF_MM});
            onEdges.add(new double[] {t, CTV_HALF_MM});
        }
        for (double[] e : onEdges) {
            double[] px = axialPixel(e[0], e[1], 0);
            assertThat(centroid(px, 1, 1, orange)).as("CTV contour at (%.1f, %.1f) mm, pixels %s", e[0], e[1],
                    Arrays.deepToString(axialBox((int) Math.round(px[0]) - 1, (int) Math.round(px[1]) - 1, 3, 3))).isNotNull();
        }
        // relative to the image: on the row of each seed's bright pixels, the contour's left edge lies (seed.x + 10 mm) to the
        // left of them, as the planning contour does relative to the implanted seed (1 px for the contour's anti-aliased
        // edge + 1 px for the bright pixels' centroid)
        for (Map.Entry<Vec3, double[]> e : brightOf.entrySet()) {
            Vec3 seed = e.getKey();
            double[] bright = e.getValue();
            int span = (int) Math.round((seed.x() + CTV_HALF_MM + 4) * pxPerMm); // from 4 mm outside the CTV to the seed
            int x0 = (int) Math.round(bright[0]) - span;
            int[][][] row = axialBox(x0, (int) Math.floor(bright[1]), span, 1);
            int first = -1;
            for (int x = 0; x < row[0].length && first < 0; x++) {
                if (orange.test(row[0][x])) {
                    first = x;
                }
            }
            assertThat(first).as("contour left of seed %s", seed).isGreaterThanOrEqualTo(0);
            double edgeToSeedMm = (bright[0] - (x0 + first + 0.5)) / pxPerMm;
            System.out.printf(Locale.ROOT, "seed %s: CTV left edge %.2f mm to the left of its bright pixels (plan: %.2f)%n", seed, edgeToSeedMm,
                    seed.x() + CTV_HALF_MM);
            assertThat(edgeToSeedMm).as("CTV's left edge from seed %s", seed).isCloseTo(seed.x() + CTV_HALF_MM, within(2.0 / pxPerMm));
        }
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
    }

    /** R = Rz(zDeg)·Rx(xDeg), then {@code shift}: p' = R·p + shift, row by row. */
    private static double[] rigid(double zDeg, double xDeg, Vec3 shift) {
        double cz = Math.cos(Math.toRadians(zDeg));
        double sz = Math.sin(Math.toRadians(zDeg));
        double cx = Math.cos(Math.toRadians(xDeg));
        double sx = Math.sin(Math.toRadians(xDeg));
        return new double[] {cz, -sz * cx, sz * sx, shift.x(), sz, cz * cx, -cz * sx, shift.y(), 0, sx, cx, shift.z(), 0, 0, 0, 1};
    }

    private static Vec3 direction(double[] m, Vec3 d) {
        return new Vec3(m[0] * d.x() + m[1] * d.y() + m[2] * d.z(), m[4] * d.x() + m[5] * d.y() + m[6] * d.z(),
                m[8] * d.x() + m[9] * d.y() + m[10] * d.z());
    }
}

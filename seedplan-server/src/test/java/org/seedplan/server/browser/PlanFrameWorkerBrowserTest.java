package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The verification screen's resampling of a post-op CT into the plan's frame done in a Web Worker
 * ({@code verify/plan-frame-worker.js}) in a real Chromium: the worker's voxels and header equal those of the page's own
 * {@code resampleIntoPlanFrame} bit for bit, and progress arrives slice by slice up to 1. By hand,
 * {@code -Dseedplan.planFrameBench=true} also measures the page's long tasks (Performance API) for a 512 × 512 × 80 scan
 * resampled on the page and in the worker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanFrameWorkerBrowserTest {

    /**
     * A post-op CT of nx × ny × nz voxels (0.78 × 0.78 × 2.5 mm) with structure at every scale (a body ellipse, a bright
     * rod, a hash pattern so that every voxel differs from its neighbours), rotated by 8° about z and 3° about x and shifted
     * by (4.2, −3.1, 6.5) mm into a plan lattice of 0.9 × 0.85 × 2 mm whose origin is off the post-op grid: every
     * interpolation weight is non-trivial, and voxels near the edges fall outside (air).
     */
    private static final String FIXTURE = """
            const [{ CtVolume }, frame] = await Promise.all([import('/js/viewer/ct-volume.js'), import('/js/verify/plan-frame.js')]);
            const [nx, ny, nz] = arguments[0];
            const postOp = new CtVolume({ seriesInstanceUid: '1.2.3', columns: nx, rows: ny, slices: nz,
              originMm: [-0.39 * nx, -0.39 * ny, -1.25 * nz], spacingMm: [0.78, 0.78, 2.5] });
            for (let k = 0, n = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, n++) {
              const x = (i - nx / 2) / (nx / 2), y = (j - ny / 2) / (ny / 2);
              const body = x * x + 1.6 * y * y < 0.8 ? 40 : -1000;
              const rod = Math.hypot(i - nx / 3, j - ny / 2) < 3 ? 2500 : 0;
              postOp.voxels[n] = body + rod + ((i * 37 + j * 101 + k * 211) % 97) - 48;
            }
            postOp.loaded.fill(1);
            const rz = 8 * Math.PI / 180, rx = 3 * Math.PI / 180;
            const Rz = [[Math.cos(rz), -Math.sin(rz), 0], [Math.sin(rz), Math.cos(rz), 0], [0, 0, 1]];
            const Rx = [[1, 0, 0], [0, Math.cos(rx), -Math.sin(rx)], [0, Math.sin(rx), Math.cos(rx)]];
            const R = [0, 1, 2].map((r) => [0, 1, 2].map((c) => Rz[r][0] * Rx[0][c] + Rz[r][1] * Rx[1][c] + Rz[r][2] * Rx[2][c]));
            const t = [4.2, -3.1, 6.5];
            const fwd = [], back = [];
            for (let r = 0; r < 3; r++) {
              fwd.push(...R[r], t[r]);
              back.push(R[0][r], R[1][r], R[2][r], -(R[0][r] * t[0] + R[1][r] * t[1] + R[2][r] * t[2]));
            }
            fwd.push(0, 0, 0, 1);
            back.push(0, 0, 0, 1);
            const registration = { sopInstanceUid: '1.2.3.4', postOpToPlanMatrix: fwd, planToPostOpMatrix: back };
            const planCt = { originMm: [-101.3, -97.65, -49.1], spacingMm: [0.9, 0.85, 2.0] };
            """;

    private ServerAndBrowser bench;
    private JavascriptExecutor js;

    @BeforeAll
    void start() throws Exception {
        bench = ServerAndBrowser.start(Duration.ofSeconds(30));
        bench.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        bench.open("/");
        js = bench.driver;
    }

    @AfterAll
    void stop() throws Exception {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkersVoxelsEqualThePagesResamplingBitForBitWithProgressUpToOne() {
        Map<String, Object> r = (Map<String, Object>) js.executeAsyncScript("const done = arguments[arguments.length - 1]; (async () => {"
                + FIXTURE + """
                const onPage = frame.resampleIntoPlanFrame(postOp, registration, planCt);
                const progress = [];
                const inWorker = await frame.resampleIntoPlanFrameInWorker(postOp, registration, planCt, (f) => progress.push(f));
                let differing = 0, air = 0, firstDiff = -1;
                for (let n = 0; n < onPage.voxels.length; n++) {
                  if (onPage.voxels[n] !== inWorker.voxels[n]) { differing++; if (firstDiff < 0) firstDiff = n; }
                  if (onPage.voxels[n] === -1000) air++;
                }
                return { differing, firstDiff, air, count: onPage.voxels.length, workerCount: inWorker.voxels.length,
                  headersEqual: JSON.stringify(onPage.header) === JSON.stringify(inWorker.header), size: inWorker.size,
                  complete: inWorker.complete(), progress, resampledBy: inWorker.header.resampledByRegistration,
                  postOpIntact: postOp.voxels.length === nx * ny * nz };
                })().then(done, (e) => done({ error: String(e) }));""", List.of(96, 80, 24));
        assertThat(r.get("error")).as("script error").isNull();
        long count = ((Number) r.get("count")).longValue();
        assertThat(count).as("a volume of some size").isGreaterThan(100_000);
        assertThat(((Number) r.get("workerCount")).longValue()).isEqualTo(count);
        assertThat(((Number) r.get("differing")).longValue()).as("voxels differing (first at %s)", r.get("firstDiff")).isZero();
        assertThat(((Number) r.get("air")).longValue()).as("voxels outside the post-op scan (air): the edges are exercised")
                .isGreaterThan(1000).isLessThan(count / 2);
        assertThat(r.get("headersEqual")).as("same header (geometry, resampledByRegistration)").isEqualTo(true);
        assertThat(r.get("complete")).isEqualTo(true);
        assertThat(r.get("resampledBy")).isEqualTo("1.2.3.4");
        assertThat(r.get("postOpIntact")).as("the page's post-op voxels are copied, not taken away").isEqualTo(true);
        List<Number> progress = (List<Number>) r.get("progress");
        assertThat(progress).as("progress messages").isNotEmpty();
        assertThat(progress.get(progress.size() - 1).doubleValue()).isEqualTo(1.0);
        assertThat(progress.stream().mapToDouble(Number::doubleValue).toArray()).isSorted();
        assertThat(bench.chromium.scriptErrors()).isEmpty();
    }

    /** Run by hand: the page's long tasks while a 512 × 512 × 80 post-op CT is resampled on the page, then in the worker. */
    @Test
    @SuppressWarnings("unchecked")
    void longTasksOfTheResamplingOnThePageAndInTheWorker() {
        Assumptions.assumeTrue(Boolean.getBoolean("seedplan.planFrameBench"), "a measurement run by hand: -Dseedplan.planFrameBench=true");
        Map<String, Object> r = (Map<String, Object>) js.executeAsyncScript("const done = arguments[arguments.length - 1]; (async () => {"
                + FIXTURE + """
                const measure = async (work) => {
                  const tasks = [];
                  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
                  observer.observe({ type: 'longtask' });
                  await new Promise((res) => setTimeout(res, 200));
                  const t0 = performance.now();
                  await work();
                  const wall = performance.now() - t0;
                  await new Promise((res) => setTimeout(res, 200));
                  observer.disconnect();
                  return { wallMs: wall, longTasks: tasks.length, longestMs: Math.max(0, ...tasks.map((e) => e.duration)),
                    totalMs: tasks.reduce((s, e) => s + e.duration, 0) };
                };
                const page = await measure(async () => frame.resampleIntoPlanFrame(postOp, registration, planCt));
                const worker = await measure(() => frame.resampleIntoPlanFrameInWorker(postOp, registration, planCt));
                return { page, worker };
                })().then(done, (e) => done({ error: String(e) }));""", List.of(512, 512, 80));
        assertThat(r.get("error")).as("script error").isNull();
        for (String where : List.of("page", "worker")) {
            Map<String, Number> m = (Map<String, Number>) r.get(where);
            System.out.printf(Locale.ROOT, "resampling 512 x 512 x 80 %-7s wall %6.0f ms, long tasks %d, longest %5.0f ms, total %5.0f ms%n",
                    where, m.get("wallMs").doubleValue(), m.get("longTasks").longValue(), m.get("longestMs").doubleValue(),
                    m.get("totalMs").doubleValue());
        }
    }
}

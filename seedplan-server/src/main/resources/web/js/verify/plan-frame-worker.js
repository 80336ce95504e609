// The Web Worker that resamples the post-op CT into the plan's frame for the verification screen (plan-frame.js's
// resampleIntoPlanFrameInWorker), off the page's main thread: the same resampleVoxels as on the page, so the same voxels.
import { resampleVoxels } from './plan-frame.js';

/** Progress is posted at most this often (ms), and after the last slice. */
const PROGRESS_INTERVAL_MS = 100;

self.onmessage = ({ data }) => {
  try {
    const { source, target, planToPostOp } = data;
    const [nx, ny, nz] = target.size;
    const out = new Int16Array(nx * ny * nz);
    let last = 0;
    resampleVoxels(source, target, planToPostOp, out, (k) => {
      const now = performance.now();
      if (now - last >= PROGRESS_INTERVAL_MS || k === nz - 1) {
        last = now;
        self.postMessage({ progress: (k + 1) / nz });
      }
    });
    self.postMessage({ voxels: out }, [out.buffer]);
  } catch (e) {
    self.postMessage({ error: String(e && e.message ? e.message : e) });
  }
};

// The Web Worker that resamples the post-op CT into the plan's frame for the verification screen (plan-frame.js's
// resampleIntoPlanFrameInWorker), off the page's main thread: the same resampleVoxels as on the page, so the same voxels.
// Messages in: first {source: {size, originMm, spacingMm}, target, planToPostOp}, then the post-op voxels as
// {from, slab} (slices from `from` on, in order) until the scan is complete. Out: {progress} (fraction of slices done),
// then {voxels} or {error}.
import { resampleVoxels } from './plan-frame.js';

/** Progress is posted at most this often (ms), and after the last slice. */
const PROGRESS_INTERVAL_MS = 100;

let job = null;

function resample({ source, target, planToPostOp }) {
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
}

self.onmessage = ({ data }) => {
  try {
    if (data.source) {
      const [nx, ny, nz] = data.source.size;
      job = { ...data, source: { ...data.source, voxels: new Int16Array(nx * ny * nz) }, received: 0 };
      return;
    }
    job.source.voxels.set(data.slab, data.from * job.source.size[0] * job.source.size[1]);
    job.received += data.slab.length;
    if (job.received === job.source.voxels.length) resample(job);
  } catch (e) {
    self.postMessage({ error: String(e && e.message ? e.message : e) });
  }
};

// The post-op CT brought into the plan's Frame of Reference in the browser, by the rule of the server's FrameResampler
// (seedplan-dicom), but on the planning CT's lattice: an axial grid with the planning CT's spacing and voxel centres,
// covering the transformed post-op voxel centres, each voxel the trilinear interpolation of the original at M⁻¹·p, air
// (−1000 HU) outside. On the planning CT's slices the planning contours lie exactly on the images' slices. The verification answer's positions are all
// in the plan's frame, so on this volume every overlay (seeds, contours, cold voxels) is drawn without any mapping, on
// the very image the seed finder read.
import { CtVolume } from '../viewer/ct-volume.js';

/** HU given to voxels outside the original scan (FrameResampler.AIR_HU). */
const AIR_HU = -1000;

const lerp = (a, b, t) => a + (b - a) * t;

/** p' = M·p for a 4×4 matrix given row by row (16 numbers). */
export function applyMatrix(m, p) {
  return [0, 1, 2].map((r) => m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2] + m[4 * r + 3]);
}

/** Rotation angle (degrees) of the rigid matrix m and its translation (mm). */
export function describeRigid(m) {
  const cos = Math.max(-1, Math.min(1, (m[0] + m[5] + m[10] - 1) / 2));
  return { rotationDeg: (Math.acos(cos) * 180) / Math.PI, translationMm: [m[3], m[7], m[11]] };
}

/**
 * The planning CT's lattice that covers `postOp` (a CtVolume) brought into the plan's frame by `registration`: the header
 * of the resampled volume (the post-op series' header with the new geometry and `resampledByRegistration` set to the
 * registration's UID). Cheap: only the eight corners are transformed.
 */
export function planFrameHeader(postOp, registration, planCt) {
  const [nx, ny, nz] = postOp.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const corner = [c & 1 ? nx - 1 : 0, c & 2 ? ny - 1 : 0, c & 4 ? nz - 1 : 0].map((n, a) => postOp.mmOf(a, n));
    applyMatrix(registration.postOpToPlanMatrix, corner).forEach((v, a) => { lo[a] = Math.min(lo[a], v); hi[a] = Math.max(hi[a], v); });
  }
  const sp = planCt.spacingMm;
  [0, 1, 2].forEach((a) => { lo[a] = planCt.originMm[a] + Math.floor((lo[a] - planCt.originMm[a]) / sp[a] + 1e-9) * sp[a]; });
  const size = [0, 1, 2].map((a) => Math.ceil((hi[a] - lo[a]) / sp[a] - 1e-9) + 1);
  return { ...postOp.header, spacingMm: [...sp], columns: size[0], rows: size[1], slices: size[2], originMm: lo,
    slicePositionsMm: Array.from({ length: size[2] }, (_, k) => lo[2] + k * sp[2]), resampledByRegistration: registration.sopInstanceUid };
}

/**
 * The voxels of the resampled volume: `source` {voxels, size, originMm, spacingMm} (the post-op CT) sampled at M⁻¹·p for
 * every voxel centre p of `target` {size, originMm, spacingMm} (a planFrameHeader's geometry), with `planToPostOp` = M⁻¹
 * (4×4 row by row), into `out` (an Int16Array of the target's size). Plain data only, so that the same function runs on the
 * page and in plan-frame-worker.js with bit-identical results. `onSlice(k)` is called after each finished slice k.
 */
export function resampleVoxels(source, target, planToPostOp, out, onSlice = () => {}) {
  const [nx, ny, nz] = source.size;
  const src = source.voxels;
  const o = source.originMm;
  const ps = source.spacingMm;
  const plane = nx * ny;
  const sample = (fi, fj, fk) => {
    if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5) return AIR_HU;
    fi = fi < 0 ? 0 : fi > nx - 1 ? nx - 1 : fi;
    fj = fj < 0 ? 0 : fj > ny - 1 ? ny - 1 : fj;
    fk = fk < 0 ? 0 : fk > nz - 1 ? nz - 1 : fk;
    const i0 = Math.min(Math.floor(fi), Math.max(0, nx - 2));
    const j0 = Math.min(Math.floor(fj), Math.max(0, ny - 2));
    const k0 = Math.min(Math.floor(fk), Math.max(0, nz - 2));
    const di = i0 + 1 < nx ? 1 : 0;
    const dj = j0 + 1 < ny ? nx : 0;
    const dk = k0 + 1 < nz ? plane : 0;
    const ti = fi - i0;
    const tj = fj - j0;
    const n = k0 * plane + j0 * nx + i0;
    const c00 = lerp(src[n], src[n + di], ti);
    const c10 = lerp(src[n + dj], src[n + dj + di], ti);
    const c01 = lerp(src[n + dk], src[n + dk + di], ti);
    const c11 = lerp(src[n + dk + dj], src[n + dk + dj + di], ti);
    return lerp(lerp(c00, c10, tj), lerp(c01, c11, tj), fk - k0);
  };
  const back = planToPostOp;
  const size = target.size;
  const lo = target.originMm;
  const sp = target.spacingMm;
  // q = M⁻¹·p in post-op voxel indices, stepped along i without allocating (a 512 × 512 × 100 scan is 26 million voxels)
  const step = [0, 1, 2].map((r) => (back[4 * r] * sp[0]) / ps[r]);
  let n = 0;
  for (let k = 0; k < size[2]; k++) {
    const z = lo[2] + k * sp[2];
    for (let j = 0; j < size[1]; j++) {
      const y = lo[1] + j * sp[1];
      let [fi, fj, fk] = [0, 1, 2].map((r) => (back[4 * r] * lo[0] + back[4 * r + 1] * y + back[4 * r + 2] * z + back[4 * r + 3] - o[r]) / ps[r]);
      for (let i = 0; i < size[0]; i++, n++) {
        out[n] = Math.round(sample(fi, fj, fk));
        fi += step[0];
        fj += step[1];
        fk += step[2];
      }
    }
    onSlice(k);
  }
  return out;
}

const geometryOf = (v) => ({ size: v.size, originMm: v.originMm, spacingMm: v.spacingMm });

/**
 * A complete CtVolume `postOp` resampled into the plan's frame by the answer's `registration` {sopInstanceUid,
 * postOpToPlanMatrix, planToPostOpMatrix} (4×4 row by row, rigid) onto the lattice of `planCt` {originMm, spacingMm} (the
 * planning CT's header), on the calling thread: a new CtVolume with planFrameHeader's header. The page uses
 * resampleIntoPlanFrameInWorker, which gives the same voxels without freezing the page.
 */
export function resampleIntoPlanFrame(postOp, registration, planCt) {
  const out = new CtVolume(planFrameHeader(postOp, registration, planCt));
  resampleVoxels({ voxels: postOp.voxels, ...geometryOf(postOp) }, geometryOf(out), registration.planToPostOpMatrix, out.voxels);
  out.loaded.fill(1);
  out.version++;
  return out;
}

/** Post-op slices per message to the worker: 8 slices of 512 × 512 are 4 MB, copied in a few milliseconds. */
const SLICES_PER_MESSAGE = 8;

/**
 * resampleIntoPlanFrame done in a Web Worker (plan-frame-worker.js), so the page stays responsive: a promise of the same
 * CtVolume, voxel for voxel. `onProgress(fraction)` receives the fraction of slices done (0 … 1) as they finish. The
 * post-op voxels are copied to the worker a few slices per message, the page free between messages (one copy of a whole
 * scan would block it for a tenth of a second), and it keeps its own; the result's buffer is handed back without a copy.
 */
export function resampleIntoPlanFrameInWorker(postOp, registration, planCt, onProgress = () => {}) {
  const header = planFrameHeader(postOp, registration, planCt);
  const target = { size: [header.columns, header.rows, header.slices], originMm: header.originMm, spacingMm: header.spacingMm };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./plan-frame-worker.js', import.meta.url), { type: 'module', name: 'plan-frame' });
    let failed = false;
    const fail = (why) => {
      failed = true;
      worker.terminate();
      reject(new Error(`bringing the post-op CT into the plan's frame failed: ${why}`));
    };
    worker.onmessage = ({ data }) => {
      if (data.progress !== undefined) {
        onProgress(data.progress);
        return;
      }
      if (data.error) {
        fail(data.error);
        return;
      }
      worker.terminate();
      const out = new CtVolume(header, data.voxels);
      out.loaded.fill(1);
      out.version++;
      resolve(out);
    };
    worker.onerror = (e) => fail(e.message || 'the worker did not start');
    worker.postMessage({ source: geometryOf(postOp), target, planToPostOp: registration.planToPostOpMatrix });
    const [nx, ny, nz] = postOp.size;
    const perSlice = nx * ny;
    const send = (from) => {
      if (failed || from >= nz) return;
      const to = Math.min(nz, from + SLICES_PER_MESSAGE);
      const slab = postOp.voxels.slice(from * perSlice, to * perSlice);
      worker.postMessage({ from, slab }, [slab.buffer]);
      setTimeout(() => send(to));
    };
    send(0);
  });
}

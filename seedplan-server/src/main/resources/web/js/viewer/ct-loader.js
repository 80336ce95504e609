// Loads a CT series from the server into a CtVolume: the geometry header, then the slice under the focus first
// (so that an image is on screen at once), then the rest in slabs, nearest to it first, two requests at a time.
import { ApiError } from '../api.js';
import { CtVolume } from './ct-volume.js';

/** Slices per request after the first one. */
const SLAB = 16;
/** Requests in flight at once. */
const PARALLEL = 2;

async function voxels(seriesUid, from, count, signal) {
  const response = await fetch(`/api/ct/${encodeURIComponent(seriesUid)}/voxels?from=${from}&count=${count}`,
    { credentials: 'same-origin', signal });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem);
  }
  return response.arrayBuffer();
}

/**
 * Opens series `seriesUid`: resolves to {volume, complete} as soon as the header and the middle axial slice are in;
 * `complete` resolves when every slice is. onProgress(loadedSlices, totalSlices) reports the rest.
 */
export async function openCtSeries(seriesUid, { onProgress = () => {}, signal } = {}) {
  const header = await fetch(`/api/ct/${encodeURIComponent(seriesUid)}`, { credentials: 'same-origin', signal })
    .then(async (r) => {
      if (!r.ok) throw new ApiError(r.status, await r.json().catch(() => null));
      return r.json();
    });
  const volume = new CtVolume(header);
  const nz = volume.size[2];
  const middle = Math.floor(nz / 2);
  volume.putSlices(middle, 1, await voxels(seriesUid, middle, 1, signal));
  const slabs = [];
  for (let from = 0; from < nz; from += SLAB) slabs.push([from, Math.min(SLAB, nz - from)]);
  slabs.sort((a, b) => Math.abs(a[0] + a[1] / 2 - middle) - Math.abs(b[0] + b[1] / 2 - middle));
  let done = 1;
  const worker = async () => {
    while (slabs.length) {
      const [from, count] = slabs.shift();
      volume.putSlices(from, count, await voxels(seriesUid, from, count, signal));
      done = volume.loaded.reduce((s, b) => s + b, 0);
      onProgress(done, nz);
    }
  };
  const complete = Promise.all(Array.from({ length: PARALLEL }, worker)).then(() => volume);
  return { volume, complete };
}

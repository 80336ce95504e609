// A CT volume in the browser: the server's geometry header (mm, DICOM LPS, axis-aligned) and the voxels as HU in an
// Int16Array (i fastest, then j, then k), filled slab by slab as they arrive. Knows nothing about drawing.

/** Value of a voxel not loaded yet: drawn as air. */
export const NOT_LOADED_HU = -1000;

/** The three planes, the patient axis each one is normal to (0 = x, 1 = y, 2 = z) and its in-plane axes (screen x, screen y). */
export const PLANES = {
  axial: { normal: 2, u: 0, v: 1 },
  coronal: { normal: 1, u: 0, v: 2 },
  sagittal: { normal: 0, u: 1, v: 2 },
};

/** A CT series on an axis-aligned grid: origin = centre of voxel (0,0,0) in mm LPS, spacing in mm, sizes. */
export class CtVolume {
  /**
   * header: the JSON of GET /api/ct/{seriesUid} (see docs/viewer.md); voxels: an Int16Array of the whole volume when the
   * caller has them already (not copied; the slices still count as not loaded until marked), else all NOT_LOADED_HU.
   */
  constructor(header, voxels = null) {
    this.header = header;
    this.size = [header.columns, header.rows, header.slices];
    this.originMm = header.originMm;
    this.spacingMm = header.spacingMm;
    this.voxels = voxels || new Int16Array(this.size[0] * this.size[1] * this.size[2]).fill(NOT_LOADED_HU);
    this.loaded = new Uint8Array(this.size[2]);
    this.version = 0;
  }

  /** Copies slices [from, from + count) from little-endian Int16 bytes into the volume. */
  putSlices(from, count, buffer) {
    const perSlice = this.size[0] * this.size[1];
    const values = new Int16Array(buffer, 0, perSlice * count); // browsers are little-endian, as the server's bytes
    this.voxels.set(values, from * perSlice);
    this.loaded.fill(1, from, from + count);
    this.version++;
  }

  /** Whether every slice has arrived. */
  complete() {
    return this.loaded.every((b) => b === 1);
  }

  /** Patient coordinate (mm) of index n along axis a (voxel centre). */
  mmOf(axis, n) {
    return this.originMm[axis] + n * this.spacingMm[axis];
  }

  /** Nearest index along axis a of coordinate mm (may lie outside 0..size-1). */
  indexOf(axis, mm) {
    return Math.round((mm - this.originMm[axis]) / this.spacingMm[axis]);
  }

  /** Clamps an index to the volume along axis a. */
  clampIndex(axis, n) {
    return Math.max(0, Math.min(this.size[axis] - 1, n));
  }

  /** The voxel [i, j, k] holding point p (mm), or null outside the volume. */
  voxelAt(p) {
    const ijk = [0, 1, 2].map((a) => this.indexOf(a, p[a]));
    return ijk.every((n, a) => n >= 0 && n < this.size[a]) ? ijk : null;
  }

  /** HU at point p (nearest voxel), or null outside the volume or not loaded yet. */
  huAt(p) {
    const v = this.voxelAt(p);
    if (!v || !this.loaded[v[2]]) return null;
    return this.voxels[(v[2] * this.size[1] + v[1]) * this.size[0] + v[0]];
  }

  /** Lower and upper edge (mm) of the volume along axis a (voxel edges, not centres). */
  extentMm(axis) {
    const half = this.spacingMm[axis] / 2;
    return [this.mmOf(axis, 0) - half, this.mmOf(axis, this.size[axis] - 1) + half];
  }

  /**
   * The HU of one plane through index n along the plane's normal: {width, height, values} with values row by row,
   * width along the plane's screen x axis and height along its screen y axis (for coronal and sagittal, screen y
   * runs from superior to inferior, so the rows are k descending).
   */
  planeValues(plane, n, out) {
    const [nx, ny, nz] = this.size;
    const vox = this.voxels;
    if (plane === 'axial') {
      const values = vox.subarray(n * nx * ny, (n + 1) * nx * ny);
      return { width: nx, height: ny, values };
    }
    if (plane === 'coronal') {
      const values = out && out.length === nx * nz ? out : new Int16Array(nx * nz);
      for (let row = 0; row < nz; row++) {
        const k = nz - 1 - row;
        const src = (k * ny + n) * nx;
        values.set(vox.subarray(src, src + nx), row * nx);
      }
      return { width: nx, height: nz, values };
    }
    const values = out && out.length === ny * nz ? out : new Int16Array(ny * nz);
    for (let row = 0; row < nz; row++) {
      const k = nz - 1 - row;
      let src = k * ny * nx + n;
      const dst = row * ny;
      for (let j = 0; j < ny; j++, src += nx) values[dst + j] = vox[src];
    }
    return { width: ny, height: nz, values };
  }
}

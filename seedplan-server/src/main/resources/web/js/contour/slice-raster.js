// Editing a structure on one axial slice through a bitmap on the CT's pixels: contours are filled in (even-odd rule,
// as DICOM RTSTRUCT), the brush and the eraser paint discs, and the result is traced back into closed polygons along
// the pixel edges (like seedplan-dicom's MaskContours), so edits never leave self-intersecting outlines.

/** A bitmap of one slice: one byte per CT pixel, 1 inside. */
export class SliceMask {
  constructor(volume) {
    this.volume = volume;
    this.nx = volume.size[0];
    this.ny = volume.size[1];
    this.bits = new Uint8Array(this.nx * this.ny);
  }

  /** Pixel coordinate (pixel centres at i + 0.5) of x (axis 0) or y (axis 1) in mm. */
  toPixel(axis, mm) {
    return (mm - this.volume.originMm[axis]) / this.volume.spacingMm[axis] + 0.5;
  }

  /** Fills polygons [[x, y] mm, …] into the mask (value 1, or 0 to cut them out), even-odd between them. */
  fill(polygons, value = 1) {
    if (!polygons.length) return;
    const canvas = new OffscreenCanvas(this.nx, this.ny);
    const ctx = canvas.getContext('2d');
    ctx.beginPath();
    for (const poly of polygons) {
      poly.forEach(([x, y], n) => {
        const px = this.toPixel(0, x);
        const py = this.toPixel(1, y);
        if (n === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      });
      ctx.closePath();
    }
    ctx.fillStyle = '#fff';
    ctx.fill('evenodd');
    const alpha = ctx.getImageData(0, 0, this.nx, this.ny).data;
    for (let n = 0; n < this.bits.length; n++) if (alpha[4 * n + 3] >= 128) this.bits[n] = value;
  }

  /** Sets (value 1) or clears (0) every pixel whose centre lies within radiusMm of point [x, y] mm. */
  disc([x, y], radiusMm, value) {
    const [dx, dy] = this.volume.spacingMm;
    const ci = (x - this.volume.originMm[0]) / dx;
    const cj = (y - this.volume.originMm[1]) / dy;
    const ri = Math.ceil(radiusMm / dx);
    const rj = Math.ceil(radiusMm / dy);
    for (let j = Math.max(0, Math.floor(cj - rj)); j <= Math.min(this.ny - 1, Math.ceil(cj + rj)); j++) {
      for (let i = Math.max(0, Math.floor(ci - ri)); i <= Math.min(this.nx - 1, Math.ceil(ci + ri)); i++) {
        if (((i - ci) * dx) ** 2 + ((j - cj) * dy) ** 2 <= radiusMm * radiusMm) this.bits[j * this.nx + i] = value;
      }
    }
  }

  /** The outline of the mask as closed polygons in mm (pixel edges; outer boundaries and holes, even-odd). */
  trace() {
    const { nx, ny, bits } = this;
    const inside = (i, j) => i >= 0 && j >= 0 && i < nx && j < ny && bits[j * nx + i] === 1;
    const W = nx + 1;
    const out = new Map(); // start vertex → [end vertices]
    const add = (a, b) => {
      if (!out.has(a)) out.set(a, []);
      out.get(a).push(b);
    };
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (!inside(i, j)) continue;
        if (!inside(i, j - 1)) add(j * W + i, j * W + i + 1);
        if (!inside(i + 1, j)) add(j * W + i + 1, (j + 1) * W + i + 1);
        if (!inside(i, j + 1)) add((j + 1) * W + i + 1, (j + 1) * W + i);
        if (!inside(i - 1, j)) add((j + 1) * W + i, j * W + i);
      }
    }
    const [x0, y0] = this.volume.originMm;
    const [dx, dy] = this.volume.spacingMm;
    const polygons = [];
    for (const start of out.keys()) {
      while (out.get(start).length) {
        const loop = [start];
        let v = out.get(start).pop();
        while (v !== start) {
          loop.push(v);
          v = out.get(v).pop();
        }
        polygons.push(simplify(loop.map((q) => [q % W, Math.floor(q / W)]))
          .map(([i, j]) => [x0 + (i - 0.5) * dx, y0 + (j - 0.5) * dy]));
      }
    }
    return polygons;
  }
}

/** Drops the vertices in the middle of straight runs. */
function simplify(points) {
  const n = points.length;
  const keep = [];
  for (let k = 0; k < n; k++) {
    const [ax, ay] = points[(k + n - 1) % n];
    const [bx, by] = points[k];
    const [cx, cy] = points[(k + 1) % n];
    if ((bx - ax) * (cy - by) - (by - ay) * (cx - bx) !== 0) keep.push(points[k]);
  }
  return keep;
}

// Overlay of a verification on the post-op CT: the targets' cold regions (the dose-grid voxels of the target below the
// prescription, filled translucent blue and named), matched seeds (green dot, with a line to where they were planned),
// extra seeds (orange triangle), missing planned seeds (a white square with a black border and cross, ☒, as in the printed
// report: filled, so that it is never taken for a line, in colour or in greyscale) and proposed supplementary seeds (magenta plus); every
// found seed's axis as the finder estimated it (a yellow bar of the seed's length, projected into the view).

import { LABEL_LOOKS } from '../viewer/overlay-labels.js';

/** Half the length of an I-125 seed, mm: a seed is drawn on every slice it reaches. */
const SEED_HALF_LENGTH_MM = 2.25;

const xyz = (p) => [p.xMm, p.yMm, p.zMm];

/** Half the side of the missing-seed square, CSS px. */
const NOT_FOUND_HALF_PX = 6;

/** A planned seed not found, centred at (x, y): a white square with a black border and a black cross. */
function drawNotFound(ctx, x, y) {
  const h = NOT_FOUND_HALF_PX;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x - h, y - h, 2 * h, 2 * h);
  ctx.strokeStyle = '#000000';
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x - h, y - h, 2 * h, 2 * h);
  ctx.beginPath();
  ctx.moveTo(x - h + 3, y - h + 3); ctx.lineTo(x + h - 3, y + h - 3);
  ctx.moveTo(x + h - 3, y - h + 3); ctx.lineTo(x - h + 3, y + h - 3);
  ctx.stroke();
}

/** Draws `state.result` (the verification JSON) on a CtViewer. */
export class SeedLayer {
  constructor(state) {
    this.state = state;
  }

  near(view, p) {
    return Math.abs(p[view.normalAxis] - view.sliceMm) <= Math.max(view.thicknessMm / 2, SEED_HALF_LENGTH_MM);
  }

  draw(ctx, view) {
    const r = this.state.result;
    if (!r) return;
    this.drawCold(ctx, view, r);
    ctx.lineWidth = 1.5;
    const matchedFound = new Set(r.matches.map((m) => m.found));
    for (const m of r.matches) {
      const f = xyz(r.found[m.found]);
      const p = xyz(r.planned[m.planned]);
      if (!this.near(view, f) && !this.near(view, p)) continue;
      const [fx, fy] = view.toPixel(f);
      const [px, py] = view.toPixel(p);
      ctx.strokeStyle = 'rgba(120, 230, 150, 0.8)';
      ctx.beginPath();
      ctx.moveTo(px, py); ctx.lineTo(fx, fy);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, 2 * Math.PI);
      ctx.stroke();
      if (this.near(view, f)) {
        this.drawAxis(ctx, view, r.found[m.found]);
        ctx.fillStyle = '#1fd05a';
        ctx.beginPath();
        ctx.arc(fx, fy, 4, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    r.found.forEach((s, n) => {
      const p = xyz(s);
      if (matchedFound.has(n) || !this.near(view, p)) return;
      this.drawAxis(ctx, view, s);
      const [x, y] = view.toPixel(p);
      ctx.fillStyle = '#ff9a1f';
      ctx.beginPath();
      ctx.moveTo(x, y - 6); ctx.lineTo(x + 5.5, y + 4); ctx.lineTo(x - 5.5, y + 4); ctx.closePath();
      ctx.fill();
    });
    for (const n of r.missing) {
      const p = xyz(r.planned[n]);
      if (!this.near(view, p)) continue;
      const [x, y] = view.toPixel(p);
      drawNotFound(ctx, x, y);
    }
    for (const s of r.supplement ? r.supplement.seeds : []) {
      const p = xyz(s);
      if (!this.near(view, p)) continue;
      const [x, y] = view.toPixel(p);
      ctx.strokeStyle = '#e040fb';
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(x - 6, y); ctx.lineTo(x + 6, y); ctx.moveTo(x, y - 6); ctx.lineTo(x, y + 6);
      ctx.stroke();
    }
  }

  /** The found seed's axis: a bar from one end of the seed to the other (its length, 4.5 mm), as projected into the view. */
  drawAxis(ctx, view, s) {
    if (!s.axis) return;
    const c = xyz(s);
    const a = [s.axis.x, s.axis.y, s.axis.z];
    const [x1, y1] = view.toPixel(c.map((v, i) => v - SEED_HALF_LENGTH_MM * a[i]));
    const [x2, y2] = view.toPixel(c.map((v, i) => v + SEED_HALF_LENGTH_MM * a[i]));
    ctx.save();
    ctx.strokeStyle = '#ffe14d';
    ctx.lineWidth = 1.5;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x1, y1); ctx.lineTo(x2, y2);
    ctx.stroke();
    ctx.restore();
  }

  /**
   * Fills the cold voxels (runs [j, k, iFirst, iLast] on the dose grid, r.coldVoxels) of the dose-grid plane nearest
   * to the view's slice, each voxel its full size, and names each cold region above its extent (or, where that is taken, under
   * or beside it: the view's shared label placement, viewer/overlay-labels.js).
   */
  drawCold(ctx, view, r) {
    const cv = r.coldVoxels;
    if (!cv) return;
    const { originMm, spacingMm, size } = cv.grid;
    const a = view.normalAxis;
    const plane = Math.round((view.sliceMm - originMm[a]) / spacingMm[a]);
    if (plane < 0 || plane >= size[a]) return;
    const corner = (i, j, k) => view.toPixel([originMm[0] + (i - 0.5) * spacingMm[0], originMm[1] + (j - 0.5) * spacingMm[1],
      originMm[2] + (k - 0.5) * spacingMm[2]]);
    ctx.fillStyle = 'rgba(40, 110, 255, 0.4)';
    ctx.beginPath();
    for (const runs of Object.values(cv.targets)) {
      for (const [j, k, i0, i1] of runs) {
        let box;
        if (a === 2) box = k === plane ? [corner(i0, j, k), corner(i1 + 1, j + 1, k)] : null;
        else if (a === 1) box = j === plane ? [corner(i0, j, k), corner(i1 + 1, j, k + 1)] : null;
        else box = i0 <= plane && plane <= i1 ? [corner(plane, j, k), corner(plane, j + 1, k + 1)] : null;
        if (!box) continue;
        const [[x1, y1], [x2, y2]] = box;
        ctx.rect(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
      }
    }
    ctx.fill();
    for (const { structure, regions } of r.coldRegions) {
      for (const c of regions) {
        const lo = xyz(c.minCornerMm);
        const hi = xyz(c.maxCornerMm);
        if (view.sliceMm < lo[a] - spacingMm[a] / 2 || view.sliceMm > hi[a] + spacingMm[a] / 2) continue;
        const [x1, y1] = view.toPixel(lo);
        const [x2, y2] = view.toPixel(hi);
        const [left, right, top, bottom] = [Math.min(x1, x2), Math.max(x1, x2), Math.min(y1, y2), Math.max(y1, y2)];
        // over the region, else under it, beside it, or further out; placed before the isodose labels (priority 0)
        view.labels.add({ text: `${structure} cold ${c.volumeCc.toFixed(2)} cc, min ${c.minDoseGy.toFixed(1)} Gy`, priority: 0, look: LABEL_LOOKS.cold,
          spots: [[left, top, 'above-start'], [left, bottom, 'below-start'], [right, (top + bottom) / 2, 'right'], [left, (top + bottom) / 2, 'left'],
            [left, top - 16, 'above-start'], [left, bottom + 16, 'below-start'], [left, top - 32, 'above-start'], [left, bottom + 32, 'below-start']] });
      }
    }
  }
}

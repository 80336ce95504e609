// Overlay layer drawing structures on the three views: on the axial view the contours of the slice shown (the selected
// structure filled lightly), on coronal and sagittal views each contour's crossing of that plane as a band one slice
// thick; plus the polygon being drawn and the brush outline.
import { sameSlice } from './structure-model.js';

/** Draws `state.structures` (see contour-page.js) on a CtViewer. */
export class ContourLayer {
  constructor(state) {
    this.state = state;
  }

  draw(ctx, view) {
    for (const s of this.state.structures) {
      if (!s.visible) continue;
      const selected = s === this.state.selected;
      if (view.name === 'axial') this.drawAxial(ctx, view, s, selected);
      else this.drawCrossing(ctx, view, s, selected);
    }
    if (view.name === 'axial') this.drawTools(ctx, view);
  }

  drawAxial(ctx, view, s, selected) {
    const polys = s.contours.filter((c) => sameSlice(c.zMm, view.sliceMm));
    if (!polys.length) return;
    ctx.beginPath();
    for (const c of polys) {
      c.points.forEach((p, n) => {
        const [x, y] = view.toPixel([p[0], p[1], c.zMm]);
        if (n === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.closePath();
    }
    if (selected) {
      ctx.globalAlpha = 0.18;
      ctx.fillStyle = s.colour;
      ctx.fill('evenodd');
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = selected ? 2 : 1.25;
    ctx.stroke();
  }

  /**
   * Where the contours cross the plane (x = c or y = c): on each slice the inside intervals along the other in-plane
   * axis, drawn as a band one slice thick (filled lightly when selected), with its ends and (where the next slice has no overlapping
   * interval) its top or bottom outlined, so the drawing reads as the structure's outline in that plane.
   */
  drawCrossing(ctx, view, s, selected) {
    const a = view.normalAxis; // 0 (sagittal, x fixed) or 1 (coronal, y fixed)
    const b = a === 0 ? 1 : 0;
    const c = view.sliceMm;
    const dz = this.state.volume.spacingMm[2];
    const bySlice = new Map();
    for (const contour of s.contours) {
      const k = Math.round(contour.zMm / dz);
      if (!bySlice.has(k)) bySlice.set(k, { z: contour.zMm, hits: [] });
      const hits = bySlice.get(k).hits;
      const p = contour.points;
      for (let n = 0; n < p.length; n++) {
        const [p1, p2] = [p[n], p[(n + 1) % p.length]];
        if ((p1[a] <= c) !== (p2[a] <= c)) hits.push(p1[b] + ((c - p1[a]) / (p2[a] - p1[a])) * (p2[b] - p1[b]));
      }
    }
    const intervals = new Map();
    for (const [k, { z, hits }] of bySlice) {
      hits.sort((u, v) => u - v);
      const list = [];
      for (let n = 0; n + 1 < hits.length; n += 2) list.push([hits[n], hits[n + 1], z]); // even-odd
      intervals.set(k, list);
    }
    const overlaps = (k, lo, hi) => (intervals.get(k) || []).some(([u, v]) => u < hi && v > lo);
    const px = (along, z) => {
      const p = [0, 0, z];
      p[a] = c;
      p[b] = along;
      return view.toPixel(p);
    };
    ctx.strokeStyle = s.colour;
    ctx.fillStyle = s.colour;
    ctx.lineWidth = selected ? 2 : 1.25;
    for (const [k, list] of intervals) {
      for (const [lo, hi, z] of list) {
        const [x1, yTop] = px(lo, z + dz / 2);
        const [x2, yBottom] = px(hi, z - dz / 2);
        if (selected) { // as on the axial view only the selected structure is filled: a body outline would tint the whole image
          ctx.globalAlpha = 0.25;
          ctx.fillRect(Math.min(x1, x2), Math.min(yTop, yBottom), Math.abs(x2 - x1), Math.abs(yBottom - yTop));
          ctx.globalAlpha = 1;
        }
        ctx.beginPath();
        ctx.moveTo(x1, yTop); ctx.lineTo(x1, yBottom);
        ctx.moveTo(x2, yTop); ctx.lineTo(x2, yBottom);
        if (!overlaps(k + 1, lo, hi)) { ctx.moveTo(x1, yTop); ctx.lineTo(x2, yTop); }
        if (!overlaps(k - 1, lo, hi)) { ctx.moveTo(x1, yBottom); ctx.lineTo(x2, yBottom); }
        ctx.stroke();
      }
    }
  }

  drawTools(ctx, view) {
    const st = this.state;
    const colour = st.selected ? st.selected.colour : '#fff';
    if (st.polygon && st.polygon.length) {
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      st.polygon.forEach((p, n) => {
        const [x, y] = view.toPixel([p[0], p[1], view.sliceMm]);
        if (n === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      if (st.hover) {
        const [x, y] = view.toPixel(st.hover);
        ctx.lineTo(x, y);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      for (const p of st.polygon) {
        const [x, y] = view.toPixel([p[0], p[1], view.sliceMm]);
        ctx.fillRect(x - 2, y - 2, 4, 4);
      }
    }
    if ((st.tool === 'brush' || st.tool === 'erase') && st.hover && st.hoverView === 'axial') {
      const [x, y] = view.toPixel(st.hover);
      ctx.strokeStyle = st.tool === 'erase' ? '#ffffff' : colour;
      ctx.lineWidth = 1;
      ctx.setLineDash(st.tool === 'erase' ? [3, 3] : []);
      ctx.beginPath();
      ctx.arc(x, y, st.brushRadiusMm * view.pixelsPerMm, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
}

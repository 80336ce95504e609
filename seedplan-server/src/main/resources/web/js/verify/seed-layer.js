// Overlay of a verification on the post-op CT: matched seeds (green dot, with a line to where they were planned),
// extra seeds (orange triangle), missing planned seeds (red cross), proposed supplementary seeds (magenta plus) and the
// targets' cold regions (blue dashed boxes).

/** Half the length of an I-125 seed, mm: a seed is drawn on every slice it reaches. */
const SEED_HALF_LENGTH_MM = 2.25;

const xyz = (p) => [p.xMm, p.yMm, p.zMm];

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
        ctx.fillStyle = '#1fd05a';
        ctx.beginPath();
        ctx.arc(fx, fy, 4, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    r.found.forEach((s, n) => {
      const p = xyz(s);
      if (matchedFound.has(n) || !this.near(view, p)) return;
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
      ctx.strokeStyle = '#ff3b3b';
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(x - 5, y - 5); ctx.lineTo(x + 5, y + 5); ctx.moveTo(x + 5, y - 5); ctx.lineTo(x - 5, y + 5);
      ctx.stroke();
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
    this.drawCold(ctx, view, r);
  }

  drawCold(ctx, view, r) {
    ctx.strokeStyle = '#4d94ff';
    ctx.fillStyle = '#4d94ff';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 3]);
    ctx.font = '11px system-ui, "DejaVu Sans", sans-serif';
    for (const [name, regions] of Object.entries(r.coldRegions)) {
      for (const c of regions) {
        const lo = xyz(c.minCornerMm);
        const hi = xyz(c.maxCornerMm);
        const a = view.normalAxis;
        if (view.sliceMm < lo[a] - view.thicknessMm / 2 || view.sliceMm > hi[a] + view.thicknessMm / 2) continue;
        const [x1, y1] = view.toPixel(lo);
        const [x2, y2] = view.toPixel(hi);
        ctx.strokeRect(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
        ctx.fillText(`${name} cold ${c.volumeCc.toFixed(2)} cc`, Math.min(x1, x2), Math.min(y1, y2) - 3);
      }
    }
    ctx.setLineDash([]);
  }
}

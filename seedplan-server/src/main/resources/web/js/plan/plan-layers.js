// What the plan screen draws on the CT views (an overlay layer of the CtViewer, docs/viewer.md): structure outlines,
// isodose lines of the current slices (from the server, in mm; drawn by isodose-lines.js), template holes, needles and seeds.
import { chain, drawLegend, labelSpots, pointOf, strokePlane, styleOf } from './isodose-lines.js';
import { LABEL_LOOKS } from '../viewer/overlay-labels.js';

const SEED_HALF_LENGTH_MM = 2.25;

/** RGBA of a dose as a fraction of the prescription: none below 50 %, blue → cyan to 100 %, green → yellow to 150 %, orange to 200 %, red above. */
function washColour(f) {
  if (!(f >= 0.5)) return [0, 0, 0, 0];
  const alpha = 90;
  if (f < 1) return [0, Math.round(255 * (f - 0.5) * 2), 255, alpha];
  if (f < 1.5) return [Math.round(255 * (f - 1) * 2), 220, 0, alpha];
  if (f < 2) return [255, 140, 0, alpha];
  return [230, 30, 30, alpha];
}

/** Where segment a → b crosses the view's plane, or null. */
function crossing(view, a, b) {
  const n = view.normalAxis;
  const da = a[n] - view.sliceMm;
  const db = b[n] - view.sliceMm;
  if (da === db || da * db > 0) return null;
  const t = da / (da - db);
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])];
}

/** The overlay; `page` holds `state` (the session JSON), `choices` (structures) and the selection. */
export class PlanLayer {
  constructor(page) {
    this.page = page;
  }

  draw(ctx, view) {
    const { state, choices, show } = this.page;
    const outlines = state && state.outlines && state.outlines[view.name];
    if (choices && show.structures) {
      const planned = new Set(outlines ? outlines.map((o) => o.name) : []);
      this.structures(ctx, view, choices.structures.filter((s) => !planned.has(s.name)));
      if (outlines) this.outlines(ctx, view, outlines, state.isodoses[view.name].atMm);
    }
    if (!state || !state.seeds) return;
    if (show.wash && state.dosePlanes && state.dosePlanes[view.name]) this.wash(ctx, view, state);
    this.isodoses(ctx, view, state);
    if (!show.implant) return;
    this.holes(ctx, view, state);
    this.needles(ctx, view, state);
    this.seeds(ctx, view, state);
    this.pendingEntry(ctx, view);
  }

  /** The entry of a free-hand needle being added (first click made, tip not yet): a cross where it lies on the slice. */
  pendingEntry(ctx, view) {
    const p = this.page.pendingEntry;
    if (!p || !view.onSlice(p[view.normalAxis])) return;
    const [x, y] = view.toPixel(p);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x - 6, y);
    ctx.lineTo(x + 6, y);
    ctx.moveTo(x, y - 6);
    ctx.lineTo(x, y + 6);
    ctx.stroke();
  }

  structures(ctx, view, structures) {
    ctx.lineWidth = 1.5;
    for (const s of structures) {
      if (s.type === 'EXTERNAL') continue;
      ctx.strokeStyle = s.colour;
      ctx.fillStyle = s.colour;
      for (const c of s.contours) {
        const pts = c.pointsMm;
        if (view.name === 'axial') {
          if (!view.onSlice(c.zMm)) continue;
          ctx.beginPath();
          for (let i = 0; i < pts.length; i += 2) {
            const [px, py] = view.toPixel([pts[i], pts[i + 1], c.zMm]);
            if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py);
          }
          ctx.closePath();
          ctx.stroke();
        } else {
          // the contour's crossings with the coronal (y) or sagittal (x) plane: the outline at this contour's height
          const axis = view.normalAxis; // 0 = x, 1 = y
          const n = pts.length / 2;
          for (let i = 0; i < n; i++) {
            const a = [pts[2 * i], pts[2 * i + 1]];
            const b = [pts[2 * ((i + 1) % n)], pts[2 * ((i + 1) % n) + 1]];
            const da = a[axis] - view.sliceMm;
            const db = b[axis] - view.sliceMm;
            if (da === db || da * db > 0) continue;
            const t = da / (da - db);
            const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), c.zMm];
            const [px, py] = view.toPixel(p);
            const half = Math.max(1, (view.pixelsPerMm * 2) / 2);
            ctx.fillRect(px - 1, py - half, 2, 2 * half);
          }
        }
      }
    }
  }

  /** The plan's targets and organs as the server rasterised them (half-volume line of each mask; derived CTVs too). */
  outlines(ctx, view, outlines, atMm) {
    ctx.lineWidth = 1.5;
    for (const o of outlines) {
      ctx.strokeStyle = this.page.colours[o.name] || (o.type === 'CTV' ? '#ff40ff' : o.type === 'PTV' ? '#40c0ff' : '#ff4040');
      ctx.beginPath();
      const seg = o.segmentsMm;
      for (let i = 0; i < seg.length; i += 4) {
        const [x1, y1] = view.toPixel(pointOf(view, seg[i], seg[i + 1], atMm));
        const [x2, y2] = view.toPixel(pointOf(view, seg[i + 2], seg[i + 3], atMm));
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
      }
      ctx.stroke();
    }
  }

  /** The dose of the plane as colour (relative to the first target's prescription), 35 % opaque, drawn under the lines. */
  wash(ctx, view, state) {
    const p = state.dosePlanes[view.name];
    if (!this.washCache || this.washCache.plane !== p) {
      const rx = state.intent.targets[0].prescriptionGy;
      const off = document.createElement('canvas');
      off.width = p.nu;
      off.height = p.nv;
      const octx = off.getContext('2d');
      const img = octx.createImageData(p.nu, p.nv);
      for (let r = 0; r < p.nv; r++) {
        const b = view.vSign > 0 ? r : p.nv - 1 - r;
        for (let a = 0; a < p.nu; a++) {
          const [cr, cg, cb, ca] = washColour(p.doseGy[a + p.nu * b] / rx);
          const k = 4 * (a + p.nu * r);
          img.data[k] = cr;
          img.data[k + 1] = cg;
          img.data[k + 2] = cb;
          img.data[k + 3] = ca;
        }
      }
      octx.putImageData(img, 0, 0);
      this.washCache = { plane: p, canvas: off };
    }
    const vTop = view.vSign > 0 ? p.v0Mm - p.dv / 2 : p.v0Mm + (p.nv - 0.5) * p.dv;
    const [x0, y0] = view.toPixel(pointOf(view, p.u0Mm - p.du / 2, vTop, p.atMm));
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.washCache.canvas, x0, y0, p.nu * p.du * view.pixelsPerMm, p.nv * p.dv * view.pixelsPerMm);
  }

  /**
   * The isodose lines of the view's plane, each level in its style (isodose-lines.js), joined into polylines so that dashes run
   * on, and a label at each level's rightmost point where it does not cover another.
   */
  isodoses(ctx, view, state) {
    const plane = state.isodoses && state.isodoses[view.name];
    if (!plane || !state.isodoseStyle) return;
    const targets = state.intent.targets.map((t) => t.structure);
    if (!this.chains) this.chains = new WeakMap(); // each plane's lines joined once: the state's planes change with each edit
    if (!this.chains.has(plane)) this.chains.set(plane, plane.lines.map((l) => chain(l.segmentsMm)));
    const drawn = strokePlane(ctx, view, plane, this.chains.get(plane), (line) => styleOf(state.isodoseStyle, targets, line),
      state.isodoseStyle.casingPx);
    if (view.name === 'axial') {
      // the legend on the main view: every level drawn on the plan, the other targets' 100 % lines as in print
      const st = state.isodoseStyle;
      const others = targets.slice(1).map((t, i) => ({ style: st.otherPrescriptions[i % st.otherPrescriptions.length], text: `100 % of ${t}` }));
      drawLegend(ctx, st.levels.map((l) => ({ style: l, text: `${l.percent} %${targets.length > 1 ? ` of ${targets[0]}` : ''}` })).concat(others),
        st.casingPx, view.widthPx - 8, 24, view.labels.reserved);
    }
    if (this.page.show.labels === false) return;
    for (const { line, style, px } of drawn) {
      view.labels.add({ text: style.percent ? `${style.percent} %` : line.label, spots: labelSpots(px), look: LABEL_LOOKS.isodose });
    }
  }

  holes(ctx, view, state) {
    const used = new Set(state.needles.map((n) => n.entryMm.join(',') + n.tipMm.join(',')));
    ctx.strokeStyle = 'rgba(200, 210, 220, 0.55)';
    ctx.lineWidth = 1;
    for (const n of state.availableNeedles || []) {
      if (used.has(n.entryMm.join(',') + n.tipMm.join(','))) continue;
      const p = crossing(view, n.entryMm, n.tipMm) || (view.onSlice(n.entryMm[view.normalAxis]) ? n.entryMm : null);
      if (!p) continue;
      const [px, py] = view.toPixel(p);
      ctx.beginPath();
      ctx.arc(px, py, 2, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  needles(ctx, view, state) {
    for (const n of state.needles) {
      const selected = this.page.selectedNeedle === n.number;
      const colour = n.locked ? '#d16bff' : selected ? '#ffffff' : '#b8c4d0';
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      const inPlane = view.onSlice(n.entryMm[view.normalAxis]) && view.onSlice(n.tipMm[view.normalAxis]);
      if (inPlane) {
        const [x1, y1] = view.toPixel(n.entryMm);
        const [x2, y2] = view.toPixel(n.tipMm);
        ctx.lineWidth = selected ? 2 : 1;
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
        ctx.stroke();
        ctx.font = '10px system-ui, sans-serif';
        ctx.fillText(String(n.number), x1 + 3, y1 - 3);
        continue;
      }
      const p = crossing(view, n.entryMm, n.tipMm);
      if (!p) continue;
      const [px, py] = view.toPixel(p);
      ctx.lineWidth = selected ? 2 : 1.2;
      ctx.beginPath();
      ctx.arc(px, py, 4, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.font = '10px system-ui, sans-serif';
      ctx.fillText(String(n.number), px + 5, py - 4);
    }
  }

  seeds(ctx, view, state) {
    const locked = new Set(state.needles.filter((n) => n.locked).map((n) => n.number));
    const tolerance = Math.max(view.thicknessMm / 2, 1.0);
    ctx.lineCap = 'round';
    for (const s of state.seeds) {
      const p = s.positionMm;
      if (Math.abs(p[view.normalAxis] - view.sliceMm) > tolerance) continue;
      const a = [0, 1, 2].map((k) => p[k] - s.axis[k] * SEED_HALF_LENGTH_MM);
      const b = [0, 1, 2].map((k) => p[k] + s.axis[k] * SEED_HALF_LENGTH_MM);
      let [x1, y1] = view.toPixel(a);
      let [x2, y2] = view.toPixel(b);
      if (Math.hypot(x2 - x1, y2 - y1) < 3) {
        const [cx, cy] = view.toPixel(p);
        [x1, y1, x2, y2] = [cx - 1.5, cy, cx + 1.5, cy];
      }
      const selected = this.page.selectedSeed === s.id;
      if (selected) {
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 6;
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
        ctx.stroke();
      }
      ctx.strokeStyle = locked.has(s.needle) ? '#d16bff' : '#39ff7a';
      ctx.lineWidth = 3.5;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    }
    ctx.lineCap = 'butt';
  }
}

/** The seed of `state` nearest to canvas pixel (px, py) in `view` within `maxPx`, or null. */
export function pickSeed(state, view, px, py, maxPx = 8) {
  let best = null;
  let bestD = maxPx;
  const tolerance = Math.max(view.thicknessMm / 2, 1.0);
  for (const s of state.seeds) {
    if (Math.abs(s.positionMm[view.normalAxis] - view.sliceMm) > tolerance) continue;
    const [x, y] = view.toPixel(s.positionMm);
    const d = Math.hypot(x - px, y - py);
    if (d < bestD) {
      best = s;
      bestD = d;
    }
  }
  return best;
}

/** The needle of `state` nearest to canvas pixel (px, py) in `view` within `maxPx` (its drawn line or crossing), or null. */
export function pickNeedle(state, view, px, py, maxPx = 8) {
  let best = null;
  let bestD = maxPx;
  for (const n of state.needles) {
    let d;
    const inPlane = view.onSlice(n.entryMm[view.normalAxis]) && view.onSlice(n.tipMm[view.normalAxis]);
    if (inPlane) {
      const [x1, y1] = view.toPixel(n.entryMm);
      const [x2, y2] = view.toPixel(n.tipMm);
      const len2 = (x2 - x1) ** 2 + (y2 - y1) ** 2 || 1;
      const t = Math.max(0, Math.min(1, ((px - x1) * (x2 - x1) + (py - y1) * (y2 - y1)) / len2));
      d = Math.hypot(px - x1 - t * (x2 - x1), py - y1 - t * (y2 - y1));
    } else {
      const p = crossing(view, n.entryMm, n.tipMm);
      if (!p) continue;
      const [x, y] = view.toPixel(p);
      d = Math.hypot(x - px, y - py);
    }
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

/** The needle whose axis passes nearest (3D) to point p, mm. */
export function nearestNeedle(state, p) {
  let best = null;
  let bestD = Infinity;
  for (const n of state.needles) {
    const d = [0, 1, 2].map((k) => n.tipMm[k] - n.entryMm[k]);
    const len2 = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
    const t = Math.max(0, Math.min(1, ((p[0] - n.entryMm[0]) * d[0] + (p[1] - n.entryMm[1]) * d[1] + (p[2] - n.entryMm[2]) * d[2]) / len2));
    const q = [0, 1, 2].map((k) => n.entryMm[k] + t * d[k]);
    const dist = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
    if (dist < bestD) {
      best = n;
      bestD = dist;
    }
  }
  return best;
}

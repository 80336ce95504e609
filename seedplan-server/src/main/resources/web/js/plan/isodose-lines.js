// Isodose lines drawn so that they are told apart without colour (greyscale print of the screen, colour-blind users): each
// level in the width, dash pattern and colour the server hands over in the state's `isodoseStyle` (seedplan-planning's
// IsodoseLineStyle, the table the PDF reports draw from), stroked over a black casing; the legend's line samples are drawn
// by the same function. docs/planning-screen.md.

/** Which style draws `line` ({percent, label}) of the plan with targets `targets` (names, the first the reference); null: not drawn. */
export function styleOf(isodoseStyle, targets, line) {
  const t = targets.findIndex((name) => line.label.endsWith(` of ${name}`));
  if (t <= 0) return isodoseStyle.levels.find((s) => s.percent === line.percent) || null;
  // another target's prescription: its 100 % line only, as in the printed report
  const others = isodoseStyle.otherPrescriptions;
  return line.percent === 100 ? others[(t - 1) % others.length] : null;
}

/** The segments (u1, v1, u2, v2, … mm) joined where they meet into polylines ([u, v, u, v, …]), so that dashes run on. */
export function chain(seg) {
  const key = (u, v) => `${u},${v}`;
  const ends = new Map();
  const n = seg.length / 4;
  const add = (k, i) => { const l = ends.get(k); if (l) l.push(i); else ends.set(k, [i]); };
  for (let i = 0; i < n; i++) {
    add(key(seg[4 * i], seg[4 * i + 1]), i);
    add(key(seg[4 * i + 2], seg[4 * i + 3]), i);
  }
  const used = new Uint8Array(n);
  const next = (u, v) => (ends.get(key(u, v)) || []).find((i) => !used[i]);
  const extend = (pts) => {
    for (;;) {
      const u = pts[pts.length - 2];
      const v = pts[pts.length - 1];
      const i = next(u, v);
      if (i === undefined) return pts;
      used[i] = 1;
      const fromStart = seg[4 * i] === u && seg[4 * i + 1] === v;
      pts.push(fromStart ? seg[4 * i + 2] : seg[4 * i], fromStart ? seg[4 * i + 3] : seg[4 * i + 1]);
    }
  };
  const lines = [];
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const forward = extend([seg[4 * i], seg[4 * i + 1], seg[4 * i + 2], seg[4 * i + 3]]);
    const back = extend([seg[4 * i], seg[4 * i + 1]]);
    const pts = [];
    for (let k = back.length - 2; k >= 2; k -= 2) pts.push(back[k], back[k + 1]);
    lines.push(pts.concat(forward));
  }
  return lines;
}

/** The point of a plane (u, v mm) at `atMm` along the view's normal, in patient mm. */
export function pointOf(view, u, v, atMm) {
  const p = [0, 0, 0];
  p[view.uAxis] = u;
  p[view.vAxis] = v;
  p[view.normalAxis] = atMm;
  return p;
}

/**
 * Strokes a plane's isodose lines ({atMm, lines: [{percent, label, …}]}) on `view`: line n's polylines `polylines[n]` (mm,
 * from `chain`) in the style `styleFor(line)` gives (null: not drawn), over the casing `casingPx`. Returns what was drawn,
 * [{line, style, px}] with px the pixel polylines, for the labels.
 */
export function strokePlane(ctx, view, plane, polylines, styleFor, casingPx) {
  const drawn = [];
  plane.lines.forEach((line, n) => {
    const style = styleFor(line);
    if (!style || !polylines[n].length) return;
    const px = polylines[n].map((pts) => {
      const out = [];
      for (let i = 0; i < pts.length; i += 2) out.push(...view.toPixel(pointOf(view, pts[i], pts[i + 1], plane.atMm)));
      return out;
    });
    strokeIsodose(ctx, style, casingPx, (c) => px.forEach((p) => {
      c.moveTo(p[0], p[1]);
      for (let i = 2; i < p.length; i += 2) c.lineTo(p[i], p[i + 1]);
    }));
    drawn.push({ line, style, px });
  });
  return drawn;
}

/** Strokes the path that `trace(ctx)` lays in `style`: the black casing `casingPx` wider, then the coloured line, both dashed. */
export function strokeIsodose(ctx, style, casingPx, trace) {
  ctx.save();
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'round';
  ctx.setLineDash(style.dashPx);
  ctx.strokeStyle = '#000000';
  ctx.lineWidth = style.widthPx + casingPx;
  ctx.beginPath();
  trace(ctx);
  ctx.stroke();
  ctx.strokeStyle = style.colour;
  ctx.lineWidth = style.widthPx;
  ctx.beginPath();
  trace(ctx);
  ctx.stroke();
  ctx.restore();
}

/** The rightmost, leftmost, topmost and bottommost points of pixel polylines, each with the side its label goes. */
export function labelSpots(polylines) {
  let r = null; let l = null; let t = null; let b = null;
  for (const p of polylines) {
    for (let i = 0; i < p.length; i += 2) {
      const x = p[i];
      const y = p[i + 1];
      if (!r || x > r[0]) r = [x, y, 'right'];
      if (!l || x < l[0]) l = [x, y, 'left'];
      if (!t || y < t[1]) t = [x, y, 'above'];
      if (!b || y > b[1]) b = [x, y, 'below'];
    }
  }
  return r ? [r, t, b, l] : [];
}

/**
 * The legend drawn on a view, in its top right corner: black text on a white band, each entry's line sample drawn as on the
 * image (`entries`: [{style, text}]), so that a screenshot or printout of the view carries it.
 */
export function drawLegend(ctx, entries, casingPx, right, top, placed) {
  if (!entries.length) return;
  ctx.save();
  ctx.font = '11px system-ui, sans-serif';
  const sample = 26;
  const row = 15;
  const textW = Math.max(...entries.map((e) => ctx.measureText(e.text).width));
  const w = 6 + sample + 6 + textW + 6;
  const h = 4 + row * entries.length + 2;
  const x0 = right - w;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x0, top, w, h);
  ctx.strokeStyle = '#000000';
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 + 0.5, top + 0.5, w - 1, h - 1);
  entries.forEach((e, i) => {
    const y = top + 4 + row * i + row / 2;
    strokeIsodose(ctx, e.style, casingPx, (c) => { c.moveTo(x0 + 6, y); c.lineTo(x0 + 6 + sample, y); });
    ctx.fillStyle = '#000000';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(e.text, x0 + 6 + sample + 6, y);
  });
  ctx.restore();
  placed.push([x0, top, right, top + h]);
}

/** A legend entry: a line sample (a canvas `lengthPx` long, drawn as on the image) and the level's name. */
export function legendEntry(style, casingPx, text, lengthPx = 34) {
  const dpr = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.className = 'iso-sample';
  canvas.width = Math.round(lengthPx * dpr);
  canvas.height = Math.round(12 * dpr);
  canvas.style.width = `${lengthPx}px`; // through the CSSOM: the Content Security Policy refuses style attributes
  canvas.style.height = '12px';
  canvas.setAttribute('aria-hidden', 'true');
  const ctx = canvas.getContext('2d');
  ctx.scale(dpr, dpr);
  strokeIsodose(ctx, style, casingPx, (c) => { c.moveTo(1, 6); c.lineTo(lengthPx - 1, 6); });
  const entry = document.createElement('span');
  entry.className = 'iso-entry';
  entry.title = `${text}: ${style.pattern}`;
  const name = document.createElement('span');
  name.textContent = text;
  entry.append(canvas, name);
  return entry;
}

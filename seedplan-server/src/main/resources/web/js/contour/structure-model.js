// The structures being edited: [{name, type, colour, contours: [{zMm, points: [[x, y], …]}], visible}] in mm LPS, with
// the slice-wise edits of the contouring screen: replace a slice, copy to the next slice, interpolate between drawn
// slices, delete.

/** Structure types (DICOM RT ROI Interpreted Type), as the server knows them. */
export const STRUCTURE_TYPES = ['GTV', 'CTV', 'PTV', 'ORGAN', 'EXTERNAL', 'AVOIDANCE', 'CONTROL', 'OTHER'];

/** Default colour of each type. */
export const TYPE_COLOURS = { GTV: '#ff3030', CTV: '#ff9a1f', PTV: '#3fa7ff', ORGAN: '#ffd000', EXTERNAL: '#40d040',
  AVOIDANCE: '#d060ff', CONTROL: '#ffffff', OTHER: '#c0c0c0' };

/** Points resampled along each contour for interpolation. */
const RESAMPLE = 96;

/** Whether a contour's z is that of slice z (mm), within 0.01 mm. */
export const sameSlice = (a, b) => Math.abs(a - b) < 0.01;

/** The contours of structure s on slice z. */
export function contoursOn(s, zMm) {
  return s.contours.filter((c) => sameSlice(c.zMm, zMm));
}

/** Replaces the contours of s on slice z by polygons [[x, y], …]. */
export function setSlice(s, zMm, polygons) {
  s.contours = s.contours.filter((c) => !sameSlice(c.zMm, zMm))
    .concat(polygons.filter((p) => p.length >= 3).map((points) => ({ zMm, points })));
}

/** The slice positions (mm) on which s has contours, ascending. */
export function drawnSlices(s) {
  const zs = [];
  for (const c of s.contours) if (!zs.some((z) => sameSlice(z, c.zMm))) zs.push(c.zMm);
  return zs.sort((a, b) => a - b);
}

/** Signed area (mm²) of a polygon, positive counter-clockwise in (x, y). */
export function signedArea(points) {
  let a = 0;
  for (let n = 0; n < points.length; n++) {
    const [x1, y1] = points[n];
    const [x2, y2] = points[(n + 1) % points.length];
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

/** `count` points evenly spaced along the closed polygon, counter-clockwise. */
function resample(points, count) {
  const p = signedArea(points) < 0 ? points.slice().reverse() : points;
  const lengths = p.map((a, n) => Math.hypot(p[(n + 1) % p.length][0] - a[0], p[(n + 1) % p.length][1] - a[1]));
  const total = lengths.reduce((s, l) => s + l, 0);
  const out = [];
  let edge = 0;
  let walked = 0;
  for (let k = 0; k < count; k++) {
    const target = (k * total) / count;
    while (walked + lengths[edge] < target && edge < p.length - 1) walked += lengths[edge++];
    const t = lengths[edge] ? (target - walked) / lengths[edge] : 0;
    const a = p[edge];
    const b = p[(edge + 1) % p.length];
    out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
  }
  return out;
}

/** Polygon between a (at fraction 0) and b (at 1): both resampled, b's start point turned to best match a's. */
export function blend(a, b, fraction) {
  const ra = resample(a, RESAMPLE);
  const rb = resample(b, RESAMPLE);
  let best = 0;
  let bestCost = Infinity;
  for (let shift = 0; shift < RESAMPLE; shift++) {
    let cost = 0;
    for (let k = 0; k < RESAMPLE; k++) {
      const q = rb[(k + shift) % RESAMPLE];
      cost += (ra[k][0] - q[0]) ** 2 + (ra[k][1] - q[1]) ** 2;
    }
    if (cost < bestCost) { bestCost = cost; best = shift; }
  }
  return ra.map((p, k) => {
    const q = rb[(k + best) % RESAMPLE];
    return [p[0] + fraction * (q[0] - p[0]), p[1] + fraction * (q[1] - p[1])];
  });
}

/**
 * Fills every empty slice between two drawn slices of s by interpolating their outlines (each drawn slice must hold
 * one contour). `slicePositions` are the CT's slice positions (mm). Returns how many slices were filled.
 */
export function interpolate(s, slicePositions) {
  const drawn = drawnSlices(s);
  let filled = 0;
  for (let n = 0; n + 1 < drawn.length; n++) {
    const [za, zb] = [drawn[n], drawn[n + 1]];
    const between = slicePositions.filter((z) => z > za + 0.01 && z < zb - 0.01);
    if (!between.length) continue;
    const [ca, cb] = [contoursOn(s, za), contoursOn(s, zb)];
    if (ca.length !== 1 || cb.length !== 1) {
      throw new Error(`interpolation between z = ${za.toFixed(1)} and ${zb.toFixed(1)} mm needs one contour on each of`
        + ` these slices; ${s.name} has ${ca.length} and ${cb.length}: draw the slices between them by hand`);
    }
    for (const z of between) {
      setSlice(s, z, [blend(ca[0].points, cb[0].points, (z - za) / (zb - za))]);
      filled++;
    }
  }
  return filled;
}

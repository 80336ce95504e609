// The overlay layers' labels of one view, placed in one pass so that no two overlap (docs/viewer.md, "Labels"): while it
// draws, a layer asks for a label with view.labels.add({text, spots, priority, look}) and keeps a drawn box (a legend) clear
// with view.labels.reserve(box); once every layer has drawn, the viewer places the labels, lowest priority number first and
// in the order asked within one priority, each beside the first of its spots where it stays inside the view's label area and
// meets no box reserved or placed before it, and draws them. A label with no free spot is left out (the page lists what the
// labels name). The view's orientation letters at the middle of its sides are reserved from the start.

/** Height of a label's box, CSS px (11 px type and its outline). */
const HEIGHT_PX = 14;

/** Each label look: bold type, its fill on a black outline (readable where it crosses isodose lines, the crosshair, bone). */
export const LABEL_LOOKS = {
  isodose: { font: 'bold 11px system-ui, sans-serif', fill: '#ffffff', outline: '#000000' },
  cold: { font: 'bold 11px system-ui, "DejaVu Sans", sans-serif', fill: '#8fb8ff', outline: '#000000' },
};

/**
 * The box [x0, y0, x1, y1] of a label `widthPx` wide beside the point (x, y) on `side`: 'right', 'left', 'above' or 'below'
 * (centred on the point), or 'above-start' / 'below-start' (starting at x, as a caption over or under a region).
 */
export function labelBox(x, y, side, widthPx) {
  const w = widthPx;
  const h = HEIGHT_PX;
  if (side === 'right') return [x + 4, y - h / 2, x + 4 + w, y + h / 2];
  if (side === 'left') return [x - 4 - w, y - h / 2, x - 4, y + h / 2];
  if (side === 'above') return [x - w / 2, y - 4 - h, x + w / 2, y - 4];
  if (side === 'below') return [x - w / 2, y + 4, x + w / 2, y + 4 + h];
  if (side === 'above-start') return [x, y - 6 - h, x + w, y - 6];
  if (side === 'below-start') return [x, y + 6, x + w, y + 6 + h];
  throw new Error(`label side ${side}`);
}

const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** The labels of one view in one drawing. */
export class OverlayLabels {
  /** `bounds` [x0, y0, x1, y1]: the area labels must stay in (CSS px); `reserved`: boxes kept clear from the start. */
  constructor(bounds, reserved = []) {
    this.bounds = bounds;
    this.reserved = [...reserved];
    this.requests = [];
    /** The labels drawn by the last place(): [{text, box}]. */
    this.placed = [];
  }

  /** Keeps `box` [x0, y0, x1, y1] clear of labels (a legend drawn on the view). */
  reserve(box) {
    this.reserved.push(box);
  }

  /** Asks for a label `text` beside the first free of `spots` ([x, y, side]) in `look` (one of LABEL_LOOKS); lower priority first. */
  add({ text, spots, priority = 1, look = LABEL_LOOKS.isodose }) {
    this.requests.push({ text, spots, priority, look, order: this.requests.length });
  }

  /** Places and draws every label asked for; returns the ones drawn. */
  place(ctx) {
    const [bx0, by0, bx1, by1] = this.bounds;
    const taken = [...this.reserved];
    this.placed = [];
    const requests = [...this.requests].sort((a, b) => a.priority - b.priority || a.order - b.order);
    for (const r of requests) {
      ctx.save();
      ctx.font = r.look.font;
      const w = ctx.measureText(r.text).width;
      const box = r.spots.map(([x, y, side]) => labelBox(x, y, side, w))
        .find((b) => b[0] >= bx0 && b[1] >= by0 && b[2] <= bx1 && b[3] <= by1 && !taken.some((q) => overlaps(b, q)));
      if (box) {
        taken.push(box);
        this.placed.push({ text: r.text, box });
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        const y = (box[1] + box[3]) / 2;
        if (r.look.outline) {
          ctx.lineJoin = 'round';
          ctx.lineWidth = 3;
          ctx.strokeStyle = r.look.outline;
          ctx.strokeText(r.text, box[0], y);
        }
        ctx.fillStyle = r.look.fill;
        ctx.fillText(r.text, box[0], y);
      }
      ctx.restore();
    }
    return this.placed;
  }
}

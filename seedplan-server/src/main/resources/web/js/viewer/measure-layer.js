// Distance measurement: a line dragged on one view's slice, labelled with its length in mm; kept until cleared.

/** The viewer's measurement tool and the layer that draws the measurements. */
export class MeasureLayer {
  constructor(viewer) {
    this.viewer = viewer;
    this.items = [];
    this.current = null;
  }

  /** Starts a measurement at point a (mm) on a view's current slice. */
  start(view, a) {
    this.current = { plane: view.name, sliceIndex: view.sliceIndex, a, b: a };
  }

  /** Moves the free end to b (mm). */
  move(b) {
    if (this.current) this.current.b = b;
  }

  /** Keeps the measurement (unless it is shorter than a pixel) and emits 'measure' with every measurement. */
  finish() {
    const m = this.current;
    this.current = null;
    if (!m || lengthMm(m) * this.viewer.views[m.plane].pixelsPerMm < 1) return;
    m.lengthMm = lengthMm(m);
    this.items.push(m);
    this.viewer.emit('measure', { items: this.items, last: m });
  }

  /** Removes every measurement. */
  clear() {
    this.items = [];
    this.current = null;
    this.viewer.emit('measure', { items: this.items, last: null });
    this.viewer.redraw();
  }

  draw(ctx, view) {
    for (const m of this.current ? [...this.items, this.current] : this.items) {
      if (m.plane !== view.name || m.sliceIndex !== view.sliceIndex) continue;
      const [ax, ay] = view.toPixel(m.a);
      const [bx, by] = view.toPixel(m.b);
      ctx.strokeStyle = '#ffe14d';
      ctx.fillStyle = '#ffe14d';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
      ctx.stroke();
      for (const [x, y] of [[ax, ay], [bx, by]]) {
        ctx.beginPath();
        ctx.arc(x, y, 2.5, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.font = 'bold 12px system-ui, "DejaVu Sans", sans-serif';
      ctx.shadowColor = '#000';
      ctx.shadowBlur = 3;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(`${lengthMm(m).toFixed(1)} mm`, bx + 6, by - 4);
    }
  }
}

/** Length of a measurement in mm (3D distance of its ends). */
export function lengthMm(m) {
  return Math.hypot(m.b[0] - m.a[0], m.b[1] - m.a[1], m.b[2] - m.a[2]);
}

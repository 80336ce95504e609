// The post-implant dose's isodose lines on the verification screen (docs/verify.md): the server draws them by marching squares
// from the verification's re-computed dose on the slices shown (GET /api/verifications/{jobId}/isodoses) and hands over the
// plan screen's styles (IsodoseLineStyle, the table the PDF reports draw from); they are stroked, labelled and named in the
// legend exactly as on the plan screen (plan/isodose-lines.js); their labels go through the view's shared placement
// (viewer/overlay-labels.js), so they never cover the cold regions' names.
import { get } from '../api.js';
import { h, replace } from '../dom.js';
import { chain, drawLegend, labelSpots, legendEntry, strokePlane, styleOf } from '../plan/isodose-lines.js';
import { LABEL_LOOKS } from '../viewer/overlay-labels.js';

/** The overlay, and the fetching of each slice's lines as the views move. */
export class IsodoseLayer {
  /** `viewer`: the CtViewer; `legend`: the element for the side legend; `onError(message)`. */
  constructor(viewer, legend, onError) {
    this.viewer = viewer;
    this.legend = legend;
    this.onError = onError;
    this.jobId = null;
    this.planes = null;
    this.style = null;
    this.chains = new WeakMap();
    this.showLabels = true;
    /** Whether the lines are drawn (the legend's check box: the image under them can be read without them). */
    this.visible = true;
    viewer.on('focus', () => this.slicesChanged());
    // the legend's row is there from the start, with its check box, so that the views do not move down when a verification
    // fills it (they jumped 23 px at 1366 × 768): its levels come with the first result
    if (legend) {
      this.toggle = h('input', { type: 'checkbox', id: 'isodose-toggle', disabled: true });
      this.toggle.checked = this.visible;
      this.toggle.addEventListener('change', () => { this.visible = this.toggle.checked; this.viewer.redraw(); });
      this.levels = h('span', { class: 'iso-levels muted' }, 'after a verification');
      replace(legend, h('span', { class: 'iso-title' }, 'Isodoses (post-implant, % of Rx):'), this.levels,
        h('label', { class: 'check', title: 'Draw the isodose lines on the views (hide them to read the image under them)' }, this.toggle, 'on the views'));
    }
  }

  /** A new verification's result: its lines on the current slices. */
  show(jobId) {
    this.jobId = jobId;
    this.planes = null;
    this.fetch();
  }

  slicesChanged() {
    if (!this.jobId) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fetch(), 60);
  }

  async fetch() {
    const jobId = this.jobId;
    const v = this.viewer.views;
    const q = `?axial=${v.axial.sliceMm}&coronal=${v.coronal.sliceMm}&sagittal=${v.sagittal.sliceMm}`;
    try {
      const answer = await get(`/api/verifications/${jobId}/isodoses${q}`);
      if (jobId !== this.jobId) return;
      this.planes = answer.isodoses;
      if (!this.style) this.showLegend(answer.isodoseStyle);
      this.style = answer.isodoseStyle;
      this.viewer.redraw();
    } catch (e) {
      this.onError(`Isodoses: ${e.message}`);
    }
  }

  /** The side legend: each level's line sample drawn as on the views, and its name (as the plan screen's). */
  showLegend(style) {
    if (!this.legend) return;
    this.levels.className = 'iso-levels';
    replace(this.levels, style.levels.map((l) => legendEntry(l, style.casingPx, `${l.percent} %`)));
    this.toggle.disabled = false;
  }

  draw(ctx, view) {
    const plane = this.planes && this.planes[view.name];
    // lines of another slice are not drawn while this one's are on their way
    if (!this.visible || !plane || !this.style || Math.abs(plane.atMm - view.sliceMm) > 1e-6) return;
    if (!this.chains.has(plane)) this.chains.set(plane, plane.lines.map((l) => chain(l.segmentsMm)));
    const drawn = strokePlane(ctx, view, plane, this.chains.get(plane), (line) => styleOf(this.style, [], line), this.style.casingPx);
    if (view.name === 'axial') {
      drawLegend(ctx, this.style.levels.map((l) => ({ style: l, text: `${l.percent} %` })), this.style.casingPx, view.widthPx - 8, 24,
        view.labels.reserved);
    }
    if (!this.showLabels) return;
    for (const { style, px } of drawn) {
      view.labels.add({ text: `${style.percent} %`, spots: labelSpots(px), look: LABEL_LOOKS.isodose });
    }
  }
}

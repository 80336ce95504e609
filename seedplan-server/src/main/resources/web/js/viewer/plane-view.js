// One view of the CT viewer: a plane (axial, coronal, sagittal) through the focus, with its zoom and pan, and the
// transform between patient millimetres (DICOM LPS) and the CSS pixels of its canvas. Overlay layers get this object.
import { PLANES } from './ct-volume.js';

/** Screen orientation labels at the left, right, top and bottom edge of each plane (radiological convention). */
export const EDGE_LABELS = {
  axial: ['R', 'L', 'A', 'P'],
  coronal: ['R', 'L', 'S', 'I'],
  sagittal: ['A', 'P', 'S', 'I'],
};

/**
 * A plane view. Screen x runs along patient axis u, screen y along axis v (downwards: +y posterior in axial,
 * -z inferior in coronal and sagittal), so the patient's right is on the screen's left and anterior / superior on top.
 */
export class PlaneView {
  constructor(name, canvas) {
    const plane = PLANES[name];
    this.name = name;
    this.canvas = canvas;
    this.normalAxis = plane.normal;
    this.uAxis = plane.u;
    this.vAxis = plane.v;
    this.vSign = name === 'axial' ? 1 : -1;
    this.widthPx = 1;
    this.heightPx = 1;
    this.centreMm = [0, 0];
    this.zoom = 1;
    this.fitPixelsPerMm = 1;
    this.sliceIndex = 0;
    this.sliceMm = 0;
    this.thicknessMm = 1;
  }

  /** CSS pixels per millimetre at the current zoom. */
  get pixelsPerMm() {
    return this.fitPixelsPerMm * this.zoom;
  }

  /** Canvas pixel [x, y] (CSS pixels from the canvas's top-left corner) of patient point p (mm LPS). */
  toPixel(p) {
    const s = this.pixelsPerMm;
    return [this.widthPx / 2 + (p[this.uAxis] - this.centreMm[0]) * s,
      this.heightPx / 2 + this.vSign * (p[this.vAxis] - this.centreMm[1]) * s];
  }

  /** Patient point (mm LPS) on this view's plane under canvas pixel (x, y). */
  toPatient(x, y) {
    const s = this.pixelsPerMm;
    const p = [0, 0, 0];
    p[this.uAxis] = this.centreMm[0] + (x - this.widthPx / 2) / s;
    p[this.vAxis] = this.centreMm[1] + this.vSign * (y - this.heightPx / 2) / s;
    p[this.normalAxis] = this.sliceMm;
    return p;
  }

  /** Whether a coordinate along the normal (mm) lies within this view's slice (half a slice spacing either side). */
  onSlice(mm) {
    return Math.abs(mm - this.sliceMm) <= this.thicknessMm / 2 + 1e-6;
  }

  /** Fits the volume into the canvas: zoom 1 shows the whole plane, centred. */
  fit(volume) {
    const [u0, u1] = volume.extentMm(this.uAxis);
    const [v0, v1] = volume.extentMm(this.vAxis);
    this.centreMm = [(u0 + u1) / 2, (v0 + v1) / 2];
    this.fitPixelsPerMm = Math.min(this.widthPx / (u1 - u0), this.heightPx / (v1 - v0));
    this.zoom = 1;
  }
}

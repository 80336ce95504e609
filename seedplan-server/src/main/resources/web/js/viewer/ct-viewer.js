// <div> → three linked CT views (axial, coronal, sagittal) with scrolling, zoom, pan, window/level, crosshair,
// orientation labels, HU read-out and distance measurement; other screens draw on it through overlay layers and
// listen to pointer events in patient millimetres (DICOM LPS). The API is described in docs/viewer.md.
import { EDGE_LABELS, PlaneView } from './plane-view.js';
import { WINDOW_PRESETS, greyLookup } from './window-presets.js';
import { MeasureLayer } from './measure-layer.js';
import { OverlayLabels } from './overlay-labels.js';

/** Colour of each view's frame and of the crosshair line that shows its plane in the other views. */
export const VIEW_COLOURS = { axial: '#5aa9ff', coronal: '#67d26a', sagittal: '#ff8a5c' };

const ZOOM_STEP = 1.15;
const FONT = '12px system-ui, "DejaVu Sans", sans-serif';
/** The height of a line of FONT above its baseline, CSS px (the box a test compares; 12 px type). */
const TEXT_PX = 12;
/** The least room between the bottom orientation letter and the scale bar's text, CSS px. */
const EDGE_GAP_PX = 6;

/** The three-view CT viewer; see docs/viewer.md for the overlay and event API. */
export class CtViewer {
  /**
   * container: an element the viewer fills. options.layout: 'row' (three views side by side, default) or 'main'
   * (a large axial view beside coronal over sagittal).
   */
  constructor(container, { layout = 'row' } = {}) {
    this.container = container;
    this.container.classList.add('ct-viewer', `layout-${layout}`);
    this.volume = null;
    this.focusMm = [0, 0, 0];
    this.window = { centre: WINDOW_PRESETS.soft.centre, width: WINDOW_PRESETS.soft.width };
    this.lut = greyLookup(this.window.centre, this.window.width);
    this.tool = 'crosshair';
    this.layers = [];
    this.listeners = new Map();
    this.cursor = null; // {view, px, py}: the pointer over a view
    this.readout = null; // {view, mm, hu}: what the labels show under the cursor (HU null outside the CT)
    this.activeView = null;
    this.frame = 0;
    this.views = {};
    this.images = {};
    for (const name of ['axial', 'coronal', 'sagittal']) {
      const canvas = document.createElement('canvas');
      canvas.className = 'ct-view-canvas';
      canvas.tabIndex = 0;
      canvas.setAttribute('aria-label', `${name} CT view`);
      canvas.dataset.view = name;
      const cell = document.createElement('div');
      cell.className = `ct-view ct-view-${name}`;
      cell.style.setProperty('--view-colour', VIEW_COLOURS[name]);
      cell.append(canvas);
      container.append(cell);
      const view = new PlaneView(name, canvas);
      this.views[name] = view;
      this.images[name] = { key: null, canvas: document.createElement('canvas'), data: null, scratch: null };
      this.bindPointer(view);
    }
    this.measure = new MeasureLayer(this);
    this.addOverlay(this.measure);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
  }

  // ---- state -------------------------------------------------------------------------------------------------

  /** Shows a CtVolume (ct-volume.js); the focus goes to its centre and every view is fitted. */
  setVolume(volume) {
    this.volume = volume;
    this.focusMm = [0, 1, 2].map((a) => volume.mmOf(a, Math.floor(volume.size[a] / 2)));
    for (const view of Object.values(this.views)) {
      view.thicknessMm = volume.spacingMm[view.normalAxis];
      view.fit(volume);
      view.fitted = true;
    }
    this.syncSlices();
    this.redraw();
  }

  /** Moves the crosshair focus to p (mm LPS, snapped to voxel centres inside the volume); every view follows. */
  setFocus(p) {
    if (!this.volume) return;
    const v = this.volume;
    this.focusMm = [0, 1, 2].map((a) => v.mmOf(a, v.clampIndex(a, v.indexOf(a, p[a]))));
    this.syncSlices();
    this.emit('focus', { mm: this.focusMm.slice() });
    this.redraw();
  }

  /** Steps view `name` by `delta` slices along its normal. */
  stepSlice(name, delta) {
    const view = this.views[name];
    const p = this.focusMm.slice();
    p[view.normalAxis] += delta * this.volume.spacingMm[view.normalAxis];
    this.setFocus(p);
  }

  /** Sets the window in HU (centre, width ≥ 1). */
  setWindow(centre, width) {
    this.window = { centre: Math.round(centre), width: Math.max(1, Math.round(width)) };
    greyLookup(this.window.centre, this.window.width, this.lut);
    this.emit('window', { ...this.window });
    this.redraw();
  }

  /** Sets a window preset by key of WINDOW_PRESETS (soft, lung, bone, liver). */
  setPreset(key) {
    const p = WINDOW_PRESETS[key];
    if (!p) throw new Error(`unknown window preset ${key}: use one of ${Object.keys(WINDOW_PRESETS).join(', ')}`);
    this.setWindow(p.centre, p.width);
  }

  /**
   * Chooses what the left button does: 'crosshair' (click or drag moves the focus), 'windowlevel', 'pan', 'zoom',
   * 'measure', or any other name, for which the viewer does nothing itself and only emits pointer events.
   * The right button always drags window/level, the middle button always pans, the wheel scrolls slices.
   */
  setTool(name) {
    this.tool = name;
    this.container.dataset.tool = name;
  }

  /** Resets zoom and pan of every view. */
  resetViews() {
    if (!this.volume) return;
    Object.values(this.views).forEach((v) => v.fit(this.volume));
    this.redraw();
  }

  // ---- overlays and events -----------------------------------------------------------------------------------

  /** Adds a layer {draw(ctx, view, viewer)}; layers draw in the order added, after the image, before the labels. */
  addOverlay(layer) {
    this.layers.push(layer);
    this.redraw();
    return layer;
  }

  /** Removes a layer added before. */
  removeOverlay(layer) {
    this.layers = this.layers.filter((l) => l !== layer);
    this.redraw();
  }

  /** Listens to 'pointer', 'focus', 'window', 'measure', 'cursor' or 'drawn'; returns a function that stops listening. */
  on(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(listener);
    return () => this.listeners.get(type).delete(listener);
  }

  emit(type, event) {
    for (const listener of this.listeners.get(type) || []) listener(event);
  }

  /** Schedules one repaint of every view (coalesced to the next animation frame). */
  redraw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderNow();
    });
  }

  /** Repaints every view now. */
  renderNow() {
    const started = performance.now();
    const before = this.readout;
    this.readout = null;
    for (const view of Object.values(this.views)) this.drawView(view);
    const key = (r) => (r ? `${r.view}|${r.mm.join(',')}|${r.hu}` : '');
    if (key(before) !== key(this.readout)) this.emit('cursor', this.readout);
    this.emit('drawn', { ms: performance.now() - started });
  }

  // ---- drawing -----------------------------------------------------------------------------------------------

  syncSlices() {
    const v = this.volume;
    for (const view of Object.values(this.views)) {
      view.sliceIndex = v.clampIndex(view.normalAxis, v.indexOf(view.normalAxis, this.focusMm[view.normalAxis]));
      view.sliceMm = v.mmOf(view.normalAxis, view.sliceIndex);
    }
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    for (const view of Object.values(this.views)) {
      const box = view.canvas.parentElement.getBoundingClientRect();
      const w = Math.max(1, Math.floor(box.width));
      const h = Math.max(1, Math.floor(box.height));
      if (w === view.widthPx && h === view.heightPx && view.canvas.width === Math.round(w * dpr)) continue;
      view.widthPx = w;
      view.heightPx = h;
      view.canvas.width = Math.round(w * dpr);
      view.canvas.height = Math.round(h * dpr);
      view.canvas.style.width = `${w}px`;
      view.canvas.style.height = `${h}px`;
      if (this.volume) {
        const zoom = view.zoom;
        const centre = view.centreMm;
        view.fit(this.volume);
        if (view.fitted) {
          view.zoom = zoom;
          view.centreMm = centre;
        }
        view.fitted = true;
      }
    }
    this.redraw();
  }

  /** The plane image of a view as a canvas of voxels, rebuilt only when slice, window or loaded data change. */
  planeImage(view) {
    const img = this.images[view.name];
    const v = this.volume;
    const key = `${view.sliceIndex}|${this.window.centre}|${this.window.width}|${v.version}`;
    if (img.key === key) return img.canvas;
    const plane = v.planeValues(view.name, view.sliceIndex, img.scratch);
    if (view.name !== 'axial') img.scratch = plane.values;
    if (!img.data || img.data.width !== plane.width || img.data.height !== plane.height) {
      img.canvas.width = plane.width;
      img.canvas.height = plane.height;
      img.data = new ImageData(plane.width, plane.height);
      img.pixels = new Uint32Array(img.data.data.buffer);
    }
    const values = plane.values;
    const pixels = img.pixels;
    const lut = this.lut;
    for (let n = 0; n < values.length; n++) pixels[n] = lut[values[n] + 32768];
    img.canvas.getContext('2d').putImageData(img.data, 0, 0);
    img.key = key;
    return img.canvas;
  }

  drawView(view) {
    const ctx = view.canvas.getContext('2d');
    const dpr = view.canvas.width / view.widthPx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, view.canvas.width, view.canvas.height);
    if (!this.volume) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const v = this.volume;
    const [u0, u1] = v.extentMm(view.uAxis);
    const [w0, w1] = v.extentMm(view.vAxis);
    const corner = [0, 0, 0];
    corner[view.uAxis] = u0;
    corner[view.vAxis] = view.vSign > 0 ? w0 : w1;
    const [x, y] = view.toPixel(corner);
    ctx.imageSmoothingEnabled = view.pixelsPerMm * Math.min(v.spacingMm[view.uAxis], v.spacingMm[view.vAxis]) > 1.5;
    ctx.drawImage(this.planeImage(view), x, y, (u1 - u0) * view.pixelsPerMm, (w1 - w0) * view.pixelsPerMm);
    // the layers' labels are placed together once all have drawn; the side orientation letters stay clear
    const w = view.widthPx;
    const h = view.heightPx;
    view.labels = new OverlayLabels([4, 20, w - 4, h - 20], [[0, h / 2 - 9, 22, h / 2 + 9], [w - 22, h / 2 - 9, w, h / 2 + 9]]);
    for (const layer of this.layers) {
      ctx.save();
      layer.draw(ctx, view, this);
      ctx.restore();
    }
    view.labels.place(ctx);
    this.drawCrosshair(ctx, view);
    this.drawLabels(ctx, view);
  }

  drawCrosshair(ctx, view) {
    const [fx, fy] = view.toPixel(this.focusMm);
    const gap = 12;
    ctx.lineWidth = 1;
    for (const other of Object.values(this.views)) {
      if (other === view) continue;
      ctx.strokeStyle = VIEW_COLOURS[other.name];
      ctx.globalAlpha = 0.75;
      ctx.beginPath();
      if (other.normalAxis === view.uAxis) { // a vertical line at the other plane's coordinate
        const px = Math.round(fx) + 0.5;
        ctx.moveTo(px, 0); ctx.lineTo(px, fy - gap); ctx.moveTo(px, fy + gap); ctx.lineTo(px, view.heightPx);
      } else {
        const py = Math.round(fy) + 0.5;
        ctx.moveTo(0, py); ctx.lineTo(fx - gap, py); ctx.moveTo(fx + gap, py); ctx.lineTo(view.widthPx, py);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  drawLabels(ctx, view) {
    const v = this.volume;
    const w = view.widthPx;
    const h = view.heightPx;
    ctx.font = FONT;
    ctx.shadowColor = '#000';
    ctx.shadowBlur = 3;
    ctx.fillStyle = '#ffd54a';
    const [left, right, top, bottom] = EDGE_LABELS[view.name];
    ctx.font = `bold ${FONT}`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(left, 6, h / 2);
    ctx.textAlign = 'right';
    ctx.fillText(right, w - 6, h / 2);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(top, w / 2, 6);
    ctx.textBaseline = 'bottom';
    ctx.fillText(bottom, w / 2, h - 6);
    const bottomHalf = ctx.measureText(bottom).width / 2;
    // what is written at the view's bottom edge, [x0, y0, x1, y1] CSS px (the browser tests check that none touch)
    view.edgeText = [{ text: bottom, box: [w / 2 - bottomHalf, h - 6 - TEXT_PX, w / 2 + bottomHalf, h - 6] }];
    ctx.font = FONT;
    ctx.fillStyle = '#e8edf2';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    const axis = 'xyz'[view.normalAxis];
    const name = view.name.charAt(0).toUpperCase() + view.name.slice(1);
    const loading = view.name === 'axial' ? !v.loaded[view.sliceIndex] : !v.complete();
    ctx.fillText(name + (loading ? '  loading…' : ''), 6, 6);
    ctx.textBaseline = 'bottom';
    ctx.fillText(`${axis} = ${view.sliceMm.toFixed(1)} mm  (${view.sliceIndex + 1}/${v.size[view.normalAxis]})`, 6, h - 22);
    ctx.fillText(`W ${this.window.width}  L ${this.window.centre}`, 6, h - 6);
    if (this.cursor && this.cursor.view === view) {
      const p = view.toPatient(this.cursor.px, this.cursor.py); // the slice may have changed under a still cursor
      const hu = v.huAt(p);
      this.readout = { view: view.name, mm: p, hu };
      ctx.textAlign = 'right';
      ctx.fillText(`(${p.map((c) => c.toFixed(1)).join(', ')}) mm  ${hu === null ? '—' : `${hu} HU`}`, w - 6, h - 22);
    }
    this.drawScaleBar(ctx, view, view.edgeText[0].box[2] + EDGE_GAP_PX);
    ctx.shadowBlur = 0;
  }

  /**
   * A 10, 20, 50 or 100 mm bar at the bottom right with its length written left of it: the shortest bar of at least 40 px at the
   * current zoom; where its text would reach the bottom orientation letter (a narrow view: the sagittal's "I" touched "50 mm"),
   * the longest shorter bar of at least 20 px whose text stays right of `clearOfPx`, else the text above the bar's right end.
   */
  drawScaleBar(ctx, view, clearOfPx) {
    const x1 = view.widthPx - 8;
    const y = view.heightPx - 8;
    const textLeft = (m) => x1 - m * view.pixelsPerMm - 4 - ctx.measureText(`${m} mm`).width;
    let mm = [10, 20, 50, 100].find((m) => m * view.pixelsPerMm >= 40) || 100;
    if (textLeft(mm) < clearOfPx) {
      mm = [50, 20, 10].find((m) => m < mm && m * view.pixelsPerMm >= 20 && textLeft(m) >= clearOfPx) || mm;
    }
    const len = mm * view.pixelsPerMm;
    ctx.strokeStyle = '#e8edf2';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x1 - len, y - 4); ctx.lineTo(x1 - len, y); ctx.lineTo(x1, y); ctx.lineTo(x1, y - 4);
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    const text = `${mm} mm`;
    const width = ctx.measureText(text).width;
    const [right, baseline] = textLeft(mm) >= clearOfPx ? [x1 - len - 4, y + 2] : [x1, y - 6];
    ctx.fillText(text, right, baseline);
    view.edgeText.push({ text, box: [right - width, baseline - TEXT_PX, right, baseline] });
  }

  // ---- interaction -------------------------------------------------------------------------------------------

  bindPointer(view) {
    const canvas = view.canvas;
    let drag = null;
    const position = (e) => {
      const box = canvas.getBoundingClientRect();
      return [e.clientX - box.left, e.clientY - box.top];
    };
    const pointerEvent = (kind, e) => {
      const [px, py] = position(e);
      let consumed = false;
      const event = {
        kind, view, px, py, mm: view.toPatient(px, py), button: e.button, buttons: e.buttons,
        shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, altKey: e.altKey, consume() { consumed = true; },
      };
      this.emit('pointer', event);
      return consumed ? null : event;
    };
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    canvas.addEventListener('pointerdown', (e) => {
      if (!this.volume) return;
      canvas.focus({ preventScroll: true });
      this.activeView = view;
      canvas.setPointerCapture(e.pointerId);
      const event = pointerEvent('down', e);
      if (!event) { drag = { mode: 'external' }; return; }
      const mode = e.button === 2 ? 'windowlevel' : e.button === 1 ? 'pan' : this.tool;
      drag = { mode, x: e.clientX, y: e.clientY, window: { ...this.window }, centre: view.centreMm.slice(), zoom: view.zoom };
      if (mode === 'crosshair') this.setFocus(event.mm);
      if (mode === 'measure') this.measure.start(view, event.mm);
      e.preventDefault();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.volume) return;
      const event = pointerEvent('move', e);
      if (event) this.cursor = { view, px: event.px, py: event.py };
      if (!event || !drag) { this.redraw(); return; }
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (drag.mode === 'crosshair') this.setFocus(event.mm);
      else if (drag.mode === 'windowlevel') this.setWindow(drag.window.centre + dy * 2, drag.window.width + dx * 4);
      else if (drag.mode === 'pan') {
        view.centreMm = [drag.centre[0] - dx / view.pixelsPerMm, drag.centre[1] - view.vSign * dy / view.pixelsPerMm];
      } else if (drag.mode === 'zoom') view.zoom = Math.max(0.25, Math.min(40, drag.zoom * Math.pow(1.01, -dy)));
      else if (drag.mode === 'measure') this.measure.move(event.mm);
      this.redraw();
    });
    const end = (e) => {
      if (!this.volume) return;
      pointerEvent('up', e);
      if (drag && drag.mode === 'measure') this.measure.finish();
      drag = null;
      this.redraw();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener('pointerleave', () => {
      if (this.cursor && this.cursor.view === view) this.cursor = null;
      this.redraw();
    });
    canvas.addEventListener('pointerenter', () => { this.activeView = view; });
    canvas.addEventListener('wheel', (e) => {
      if (!this.volume) return;
      e.preventDefault();
      if (e.ctrlKey) {
        const [px, py] = position(e);
        this.zoomAt(view, px, py, e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
      } else {
        this.stepSlice(view.name, (e.deltaY < 0 ? 1 : -1) * (e.shiftKey ? 5 : 1));
      }
    }, { passive: false });
    canvas.addEventListener('keydown', (e) => {
      if (!this.volume) return;
      const steps = { ArrowUp: 1, ArrowDown: -1, PageUp: 5, PageDown: -5 };
      if (e.key in steps) this.stepSlice(view.name, steps[e.key]);
      else if (e.key === '+' || e.key === '=') this.zoomAt(view, view.widthPx / 2, view.heightPx / 2, ZOOM_STEP);
      else if (e.key === '-') this.zoomAt(view, view.widthPx / 2, view.heightPx / 2, 1 / ZOOM_STEP);
      else if (e.key === 'Home') this.resetViews();
      else if (e.key === 'Escape') this.measure.clear();
      else return;
      e.preventDefault();
    });
  }

  /** Zooms a view by `factor` keeping the patient point under canvas pixel (px, py) in place. */
  zoomAt(view, px, py, factor) {
    const before = view.toPatient(px, py);
    view.zoom = Math.max(0.25, Math.min(40, view.zoom * factor));
    const after = view.toPatient(px, py);
    view.centreMm = [view.centreMm[0] + before[view.uAxis] - after[view.uAxis],
      view.centreMm[1] + before[view.vAxis] - after[view.vAxis]];
    this.redraw();
  }
}


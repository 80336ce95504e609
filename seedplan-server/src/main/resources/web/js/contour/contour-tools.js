// The contouring tools on the axial view: polygon (click the corners; click the first corner, press Enter or
// double-click to close; Esc cancels), brush and eraser (discs of the brush radius, dragged). Every edit replaces
// the selected structure's contours on the slice shown and can be undone.
import { SliceMask } from './slice-raster.js';
import { contoursOn, setSlice } from './structure-model.js';

/** Pixels within which a click closes the polygon on its first corner. */
const CLOSE_PX = 7;

/** Binds the tools to the viewer's pointer events; `state` is the screen's state (contour-page.js). */
export function bindContourTools(viewer, state, changed) {
  let stroke = null;
  viewer.on('pointer', (e) => {
    const drawing = ['polygon', 'brush', 'erase'].includes(state.tool);
    if (!drawing) return;
    if (e.kind === 'move') {
      state.hover = e.mm;
      state.hoverView = e.view.name;
      if (stroke && e.view.name === 'axial') paint(e.mm);
      viewer.redraw();
      return;
    }
    if (e.view.name !== 'axial' || (e.kind === 'down' && e.button !== 0)) return;
    if (e.kind === 'down') {
      e.consume();
      if (!state.selected) {
        state.message('Add or choose a structure first.');
        return;
      }
      if (state.tool === 'polygon') addCorner(e);
      else startStroke(e);
    } else if (e.kind === 'up' && stroke) {
      stroke = null;
      changed();
    }
  });

  function addCorner(e) {
    const z = viewer.views.axial.sliceMm;
    if (state.polygon && state.polygonZ !== z) state.polygon = null;
    if (!state.polygon) {
      state.polygon = [];
      state.polygonZ = z;
    }
    const p = state.polygon;
    if (p.length >= 3) {
      const [fx, fy] = e.view.toPixel([p[0][0], p[0][1], z]);
      const [lx, ly] = e.view.toPixel([p[p.length - 1][0], p[p.length - 1][1], z]);
      if (Math.hypot(e.px - fx, e.py - fy) <= CLOSE_PX || Math.hypot(e.px - lx, e.py - ly) <= 2) {
        closePolygon();
        return;
      }
    }
    p.push([e.mm[0], e.mm[1]]);
    viewer.redraw();
  }

  function startStroke(e) {
    const s = state.selected;
    const z = viewer.views.axial.sliceMm;
    state.remember();
    const mask = new SliceMask(state.volume);
    mask.fill(contoursOn(s, z).map((c) => c.points));
    stroke = { s, z, mask };
    paint(e.mm);
  }

  function paint(mm) {
    if (!stroke || !sameZ(viewer.views.axial.sliceMm, stroke.z)) return;
    stroke.mask.disc(mm, state.brushRadiusMm, state.tool === 'erase' ? 0 : 1);
    setSlice(stroke.s, stroke.z, stroke.mask.trace());
    viewer.redraw();
  }

  /** Closes the polygon being drawn into the selected structure (added to what the slice holds already). */
  function closePolygon() {
    const p = state.polygon;
    state.polygon = null;
    if (!p || p.length < 3 || !state.selected) return;
    const s = state.selected;
    const z = state.polygonZ;
    state.remember();
    const existing = contoursOn(s, z);
    if (!existing.length) {
      setSlice(s, z, [p]);
    } else {
      const mask = new SliceMask(state.volume);
      mask.fill(existing.map((c) => c.points));
      mask.fill([p]);
      setSlice(s, z, mask.trace());
    }
    changed();
  }

  window.addEventListener('keydown', (e) => {
    if (state.tool !== 'polygon' || !state.polygon) return;
    if (e.key === 'Enter') closePolygon();
    else if (e.key === 'Escape') state.polygon = null;
    else if (e.key === 'Backspace') state.polygon.pop();
    else return;
    e.preventDefault();
    viewer.redraw();
  });
  return { closePolygon };
}

function sameZ(a, b) {
  return Math.abs(a - b) < 0.01;
}

// <sp-ct-toolbar> — the viewer's tools (crosshair, window/level, pan, zoom, measure), window presets, reset and the
// position and HU under the cursor, bound to a CtViewer with bind(viewer). Screens that add their own tools put them
// beside it.
import { h } from '../dom.js';
import { WINDOW_PRESETS } from './window-presets.js';

const TOOLS = [
  ['crosshair', 'Crosshair', 'Click or drag to move the crosshair; the other views follow'],
  ['windowlevel', 'W/L', 'Drag: horizontal changes the width, vertical the level (right button in any tool)'],
  ['pan', 'Pan', 'Drag to move the image (middle button in any tool)'],
  ['zoom', 'Zoom', 'Drag up to zoom in (Ctrl + wheel in any tool)'],
  ['measure', 'Measure', 'Drag to measure a distance in mm; Esc clears'],
];

/** The tool buttons and the window presets of a CtViewer. */
export class SpCtToolbar extends HTMLElement {
  /** Binds the buttons to `viewer`; `extraTools` are [key, label, title] of tools the screen handles itself. */
  bind(viewer, extraTools = []) {
    this.viewer = viewer;
    const buttons = [...TOOLS, ...extraTools].map(([key, label, title]) => h('button', {
      type: 'button', class: 'tool', 'data-tool': key, title, 'aria-pressed': String(viewer.tool === key),
      onclick: () => this.choose(key),
    }, label));
    const presets = h('select', { id: 'window-preset', 'aria-label': 'Window preset', onchange: (e) => viewer.setPreset(e.target.value) },
      Object.entries(WINDOW_PRESETS).map(([key, p]) => h('option', { value: key }, `${p.label} (W ${p.width} L ${p.centre})`)));
    viewer.on('window', (w) => {
      const match = Object.entries(WINDOW_PRESETS).find(([, p]) => p.centre === w.centre && p.width === w.width);
      if (match) presets.value = match[0];
      else presets.selectedIndex = -1;
    });
    const readout = h('output', { id: 'cursor-readout', class: 'cursor-readout', 'aria-live': 'off', title: 'Under the cursor: position (mm LPS) and CT number' });
    viewer.on('cursor', (r) => {
      readout.textContent = r ? `(${r.mm.map((c) => c.toFixed(1)).join(', ')}) mm  ${r.hu === null ? '—' : `${r.hu} HU`}` : '';
      readout.title = `Under the cursor${r ? ` on the ${r.view} view` : ''}: position (mm LPS) and CT number`;
    });
    this.replaceChildren(h('div', { class: 'segmented', role: 'group', 'aria-label': 'Tool' }, buttons), presets,
      h('button', { type: 'button', id: 'reset-views', title: 'Fit every view (Home)', onclick: () => viewer.resetViews() }, 'Reset'), readout);
  }

  /** Makes `key` the left-button tool and shows it pressed. */
  choose(key) {
    this.viewer.setTool(key);
    for (const b of this.querySelectorAll('button.tool')) b.setAttribute('aria-pressed', String(b.dataset.tool === key));
    this.dispatchEvent(new CustomEvent('tool', { detail: key }));
  }
}

customElements.define('sp-ct-toolbar', SpCtToolbar);

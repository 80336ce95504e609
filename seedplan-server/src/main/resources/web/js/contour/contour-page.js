// The contouring screen: draw and edit structures on the CT (polygon, brush, eraser), copy to the next slice,
// interpolate, delete; margins and booleans computed by the server; RTSTRUCT import; each save a new version.
import { ApiError, get, post, put, upload } from '../api.js';
import { h, replace, showMessage } from '../dom.js';
import { instant } from '../format.js';
import { openImagingPage } from '../viewer/imaging-page.js';
import { offerOnly, permissionsIn } from '../session.js';
import { ContourLayer } from './contour-layer.js';
import { bindContourTools } from './contour-tools.js';
import { STRUCTURE_TYPES, TYPE_COLOURS, contoursOn, drawnSlices, interpolate, setSlice } from './structure-model.js';

const $ = (id) => document.getElementById(id);
const error = $('error');

/** Everything the screen edits; exposed as window.seedplanContour for the browser tests. */
const state = {
  volume: null,
  viewer: null,
  structures: [],
  selected: null,
  tool: 'crosshair',
  polygon: null,
  brushRadiusMm: 5,
  set: null, // {id, version, name}
  dirty: false,
  undo: [],
  /** Keeps a copy of the structures for Undo. */
  remember() {
    this.undo.push(JSON.stringify(this.structures.map(plain)));
    if (this.undo.length > 50) this.undo.shift();
  },
  message(text) {
    showMessage($('notice'), 'info', text);
  },
};
window.seedplanContour = state;

function plain(s) {
  return { name: s.name, type: s.type, colour: s.colour, contours: s.contours };
}

function withView(s) {
  return { ...s, visible: true };
}

function changed() {
  state.dirty = true;
  renderStructures();
  state.viewer.redraw();
}

function problem(e, what) {
  showMessage(error, 'error', `${what}: ${e.message}`);
}

// ---- structure list -----------------------------------------------------------------------------------------

function renderStructures() {
  const rows = state.structures.map((s) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.backgroundColor = s.colour;
    const visible = h('input', { type: 'checkbox', 'aria-label': `Show ${s.name}`, checked: s.visible,
      onclick: (e) => { e.stopPropagation(); s.visible = e.target.checked; state.viewer.redraw(); } });
    return h('tr', { 'aria-selected': String(s === state.selected), 'data-structure': s.name,
      onclick: () => { state.selected = s; renderStructures(); state.viewer.redraw(); } },
    h('td', {}, visible), h('td', {}, swatch, ' ', s.name), h('td', { class: 'muted' }, s.type),
    h('td', { class: 'num muted' }, `${drawnSlices(s).length} sl.`));
  });
  replace($('structure-rows'), rows.length ? rows : [h('tr', {}, h('td', { class: 'muted' }, 'No structure yet: add one below.'))]);
  for (const id of ['derive-a', 'derive-b']) {
    const select = $(id);
    const before = select.value;
    replace(select, state.structures.map((s) => h('option', { value: s.name }, s.name)));
    if (state.structures.some((s) => s.name === before)) select.value = before;
  }
  $('set-version').textContent = state.set ? `version ${state.set.version}${state.dirty ? ' · unsaved changes' : ''}`
    : (state.dirty ? 'not saved yet' : '');
  $('save').disabled = !state.dirty || !state.structures.length;
}

function addStructure() {
  const name = $('new-name').value.trim();
  if (!name) return showMessage(error, 'error', 'Give the new structure a name.');
  if (state.structures.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    return showMessage(error, 'error', `A structure named ${name} exists already.`);
  }
  showMessage(error, 'error', '');
  const s = { name, type: $('new-type').value, colour: $('new-colour').value, contours: [], visible: true };
  state.structures.push(s);
  state.selected = s;
  $('new-name').value = '';
  if (!['polygon', 'brush', 'erase'].includes(state.tool)) $('ct-tools').choose('polygon');
  changed();
}

// ---- slice edits --------------------------------------------------------------------------------------------

function requireSelected() {
  if (!state.selected) throw new Error('choose a structure first');
  return state.selected;
}

function copySlice(delta) {
  const s = requireSelected();
  const view = state.viewer.views.axial;
  const from = contoursOn(s, view.sliceMm);
  if (!from.length) throw new Error(`${s.name} has no contour on this slice to copy`);
  const k = view.sliceIndex + delta;
  if (k < 0 || k >= state.volume.size[2]) throw new Error('there is no slice beyond the last one');
  const z = state.volume.mmOf(2, k);
  state.remember();
  setSlice(s, z, from.map((c) => c.points.map((p) => p.slice())));
  state.viewer.stepSlice('axial', delta);
  changed();
}

function interpolateSelected() {
  const s = requireSelected();
  state.remember();
  const filled = interpolate(s, state.volume.header.slicePositionsMm);
  state.message(filled ? `${s.name}: ${filled} slices interpolated.` : `${s.name}: no empty slice between drawn slices.`);
  changed();
}

function deleteOnSlice() {
  const s = requireSelected();
  state.remember();
  setSlice(s, state.viewer.views.axial.sliceMm, []);
  changed();
}

function deleteStructure() {
  const s = requireSelected();
  if (!window.confirm(`Delete the structure ${s.name} with all its contours?`)) return;
  state.remember();
  state.structures = state.structures.filter((x) => x !== s);
  state.selected = state.structures[0] || null;
  changed();
}

function undo() {
  const last = state.undo.pop();
  if (!last) return;
  const names = state.selected ? state.selected.name : null;
  state.structures = JSON.parse(last).map(withView);
  state.selected = state.structures.find((s) => s.name === names) || state.structures[0] || null;
  changed();
}

// ---- margins and booleans (server) ---------------------------------------------------------------------------

async function derive() {
  const op = $('derive-op').value;
  const a = state.structures.find((s) => s.name === $('derive-a').value);
  const b = state.structures.find((s) => s.name === $('derive-b').value);
  const name = $('derive-name').value.trim();
  if (!a || !a.contours.length) throw new Error('structure A has no contours');
  if (!name) throw new Error('give the result a name');
  const body = { operation: op, a: plain(a), name, type: $('derive-type').value, colour: TYPE_COLOURS[$('derive-type').value] };
  if (op === 'expand') body.marginMm = Number($('derive-margin').value);
  else body.b = plain(b);
  $('derive').disabled = true;
  try {
    const result = await post(`/api/ct/${encodeURIComponent(state.volume.header.seriesInstanceUid)}/structures/derive`, body);
    state.remember();
    const existing = state.structures.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (existing) Object.assign(existing, result, { visible: true });
    else state.structures.push(withView(result));
    state.selected = state.structures.find((s) => s.name === result.name);
    state.message(`${result.name} made: ${op === 'expand' ? `${a.name} + ${body.marginMm} mm` : `${a.name} ${op} ${b.name}`}, on ${drawnSlices(state.selected).length} slices.`);
    changed();
  } finally {
    $('derive').disabled = false;
  }
}

// ---- structure sets: load, save, import, history ------------------------------------------------------------

const seriesPath = () => `/api/ct/${encodeURIComponent(state.volume.header.seriesInstanceUid)}`;

function show(set) {
  state.set = { id: set.id, version: set.version, name: set.name };
  state.structures = (set.structures || []).map(withView);
  state.selected = state.structures[0] || null;
  state.dirty = false;
  state.undo = [];
  $('set-name').value = set.name;
  renderStructures();
  state.viewer.redraw();
  history();
}

async function listSets(chooseId) {
  const sets = await get(`${seriesPath()}/structure-sets`);
  const select = $('set-choice');
  replace(select, h('option', { value: '' }, sets.length ? '— new structure set —' : 'No saved structure set'),
    sets.map((s) => h('option', { value: s.id }, `${s.name} · v${s.version} · ${s.savedBy}`)));
  if (chooseId) select.value = String(chooseId);
  return sets;
}

async function openSet(id) {
  if (!id) {
    state.set = null;
    state.structures = [];
    state.selected = null;
    state.dirty = false;
    renderStructures();
    replace($('history'));
    state.viewer.redraw();
    return;
  }
  show(await get(`/api/structure-sets/${id}`));
}

async function save() {
  const structures = state.structures.filter((s) => s.contours.length).map(plain);
  const empty = state.structures.filter((s) => !s.contours.length).map((s) => s.name);
  if (!structures.length) throw new Error('nothing to save: draw a contour first');
  $('save').disabled = true;
  try {
    const saved = state.set
      ? await put(`/api/structure-sets/${state.set.id}`, { version: state.set.version, structures })
      : await post(`${seriesPath()}/structure-sets`, { name: $('set-name').value.trim() || 'Contours', structures });
    const selected = state.selected ? state.selected.name : null;
    show(saved);
    state.selected = state.structures.find((s) => s.name === selected) || state.selected;
    renderStructures();
    await listSets(saved.id);
    state.message(`Saved as version ${saved.version}${empty.length ? ` (without the empty ${empty.join(', ')})` : ''}.`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      throw new Error(`someone saved a newer version of this structure set meanwhile; your changes are still on screen.`
        + ' Note them, reopen the set and apply them again.');
    }
    throw e;
  } finally {
    renderStructures();
  }
}

async function history() {
  if (!state.set) return;
  const versions = await get(`/api/structure-sets/${state.set.id}/versions`);
  replace($('history'), versions.map((v) => h('li', { 'data-version': v.version },
    h('strong', {}, `v${v.version}`), ` ${v.savedBy} · ${instant(v.savedAt)}`, h('div', { class: 'muted' }, v.source))));
}

async function storedRtStructs() {
  const select = $('stored-rtstruct');
  const p = await get(`/api/patients/${state.volume.header.patientDbId}`);
  const study = (p.studies || []).find((s) => s.studyInstanceUid === state.volume.header.studyInstanceUid);
  const series = study ? study.series.filter((s) => s.modality === 'RTSTRUCT') : [];
  replace(select, series.length
    ? series.map((s) => h('option', { value: s.seriesInstanceUid }, `RTSTRUCT ${s.description || s.seriesInstanceUid}`))
    : [h('option', { value: '' }, 'No RTSTRUCT stored in this study')]);
  $('import-stored').disabled = !series.length;
}

async function imported(set) {
  await listSets(set.id);
  show(set);
  state.message(`Imported ${set.structures.length} structures as “${set.name}”, version 1.`);
}

// ---- start ----------------------------------------------------------------------------------------------------

function guard(what, fn) {
  return async (...args) => {
    showMessage(error, 'error', '');
    try {
      await fn(...args);
    } catch (e) {
      problem(e, what);
    }
  };
}

async function start() {
  const { session, viewer, volume } = await openImagingPage({
    layout: 'main',
    extraTools: [['polygon', 'Polygon', 'Click the corners; click the first corner, Enter or double-click closes; Esc cancels'],
      ['brush', 'Brush', 'Drag to paint the selected structure on this slice'],
      ['erase', 'Erase', 'Drag to erase the selected structure on this slice']],
  });
  state.viewer = viewer;
  state.volume = volume;
  // saving, importing and deriving need EDIT_PLAN in the patient's centre: a read-only role sees the contours, not those
  const patient = await get(`/api/patients/${volume.header.patientDbId}`);
  offerOnly(permissionsIn(session, patient.centreId));
  viewer.addOverlay(new ContourLayer(state));
  $('ct-tools').addEventListener('tool', (e) => {
    state.tool = e.detail;
    state.polygon = null;
  });
  bindContourTools(viewer, state, changed);
  for (const id of ['new-type', 'derive-type']) replace($(id), STRUCTURE_TYPES.map((t) => h('option', { value: t }, t)));
  $('derive-type').value = 'CTV';
  $('new-type').addEventListener('change', () => { $('new-colour').value = TYPE_COLOURS[$('new-type').value]; });
  $('brush-radius').addEventListener('change', (e) => { state.brushRadiusMm = Math.max(0.5, Number(e.target.value) || 5); });
  $('derive-op').addEventListener('change', () => {
    const margin = $('derive-op').value === 'expand';
    $('margin-box').hidden = !margin;
    $('derive-b-box').hidden = margin;
  });
  $('derive-b-box').hidden = true;
  $('add-structure').addEventListener('click', addStructure);
  $('new-name').addEventListener('keydown', (e) => { if (e.key === 'Enter') addStructure(); });
  $('copy-up').addEventListener('click', guard('Copy', () => copySlice(1)));
  $('copy-down').addEventListener('click', guard('Copy', () => copySlice(-1)));
  $('interpolate').addEventListener('click', guard('Interpolation', interpolateSelected));
  $('delete-slice').addEventListener('click', guard('Delete', deleteOnSlice));
  $('delete-structure').addEventListener('click', guard('Delete', deleteStructure));
  $('undo').addEventListener('click', undo);
  window.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'z') { undo(); e.preventDefault(); }
  });
  $('derive').addEventListener('click', guard('Margin or boolean', derive));
  $('save').addEventListener('click', guard('Save', save));
  $('set-choice').addEventListener('change', guard('Open', async (e) => {
    if (state.dirty && !window.confirm('Discard the unsaved changes?')) return;
    await openSet(e.target.value);
  }));
  $('import-stored').addEventListener('click', guard('Import', async () => {
    await imported(await post(`${seriesPath()}/structure-sets/import`, { seriesInstanceUid: $('stored-rtstruct').value }));
  }));
  $('rtstruct-file').addEventListener('change', guard('Import', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    await imported(await upload(`${seriesPath()}/structure-sets/import`, form));
    e.target.value = '';
  }));
  window.addEventListener('beforeunload', (e) => {
    if (state.dirty) e.preventDefault();
  });
  const sets = await listSets();
  if (sets.length) {
    $('set-choice').value = String(sets[0].id);
    await openSet(sets[0].id);
  } else {
    renderStructures();
  }
  await storedRtStructs();
}

start().catch((e) => {
  if (e.message !== 'no series') showMessage(error, 'error', e.message);
});

// The plan screen: intent form, optimisation with progress, seeds, needles, template holes, structures and isodose
// lines on the three CT views, DVH, metrics and goals beside them; drag a seed or a needle, add or delete seeds,
// lock needles and re-plan the rest, compare with uniform loading, save as a draft revision, approve with the
// password and download the PDF, the needle table and the RT Plan. API: docs/planning-screen.md.
import { del, get, post } from '../api.js';
import { h, replace, showMessage } from '../dom.js';
import { requireSession } from '../session.js';
import { openImagingPage } from '../viewer/imaging-page.js';
import { drawDvh } from './dvh-chart.js';
import { IntentForm } from './intent-form.js';
import { ModelBasedPanel } from './model-based-panel.js';
import { legendEntry } from './isodose-lines.js';
import { PlanLayer, nearestNeedle, pickNeedle, pickSeed } from './plan-layers.js';

const EDIT_TOOLS = [
  ['seed', 'Drag seed', 'Drag a seed in the plane of the view; with Shift along its needle'],
  ['needle', 'Drag needle', 'Drag a needle with its seeds in the plane of the view'],
  ['addseed', 'Add seed', 'Click: a seed on the nearest needle at that depth'],
  ['delete', 'Delete', 'Click a seed to delete it; Shift-click a needle to delete it with its seeds'],
  ['addneedle', 'Add needle', 'Template: click a hole on a view across the needles, or the tip on a view along them; free-hand (or Shift-click'
    + ' with a template, for a needle through no hole): click the entry, then the tip. The new needle is loaded at the plan\'s spacing from the'
    + ' far edge of the target'],
];
const error = document.getElementById('error');
const $ = (id) => document.getElementById(id);
const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d));

const needleStateTitle = 'by hand: moved, loaded or added since the last optimisation (lock it to keep it as placed);'
  + ' in patient: kept where it was placed by the last re-plan, with its seeds';
const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const minus = (a, b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const plus = (a, b, s = 1) => [a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2]];
const length = (a) => Math.hypot(a[0], a[1], a[2]);

/** A template hole's label: column letters (A … Z, AA …) and row number from 1, as printed on the template and named by the server. */
function holeLabel(column, row) {
  let s = '';
  let c = column;
  do {
    s = String.fromCharCode(65 + (c % 26)) + s;
    c = Math.floor(c / 26) - 1;
  } while (c >= 0);
  return s + (row + 1);
}

/** The hole of template `t` (the session's `template`) that the needle through point p goes through, or null outside A1's quadrant. */
function nearestHole(t, p) {
  const rel = minus(p, t.holeA1Mm);
  const column = Math.round(dot(rel, t.columnStepMm) / dot(t.columnStepMm, t.columnStepMm));
  const row = Math.round(dot(rel, t.rowStepMm) / dot(t.rowStepMm, t.rowStepMm));
  if (column < 0 || row < 0) return null;
  return { label: holeLabel(column, row), entryMm: plus(plus(t.holeA1Mm, t.columnStepMm, column), t.rowStepMm, row) };
}

/** The point of the needle's axis (between tip and entry) nearest to p: Shift-drag keeps a seed in its needle. */
function alongNeedle(n, p) {
  const d = [0, 1, 2].map((k) => n.tipMm[k] - n.entryMm[k]);
  const len2 = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
  const t = Math.max(0, Math.min(1, ((p[0] - n.entryMm[0]) * d[0] + (p[1] - n.entryMm[1]) * d[1] + (p[2] - n.entryMm[2]) * d[2]) / len2));
  return [0, 1, 2].map((k) => n.entryMm[k] + t * d[k]);
}

/** The screen's state: the session JSON, the choices, the viewer, the selection, timings for the tests. */
class PlanPage {
  constructor(patientId, choices, viewer) {
    this.patientId = patientId;
    this.choices = choices;
    this.viewer = viewer;
    this.state = null;
    this.sessionId = null;
    this.selectedSeed = null;
    this.selectedNeedle = null;
    this.pendingEntry = null;
    this.inflight = false;
    this.pending = null;
    this.uniform = null;
    this.saved = null;
    this.show = { structures: true, implant: true, wash: false, labels: true };
    this.timings = { drag: [], replan: [], optimise: [] };
    this.colours = Object.fromEntries(choices.structures.map((s) => [s.name, s.colour]));
    this.form = new IntentForm($('intent-form'), choices, () => viewer.focusMm.slice());
    this.modelBased = new ModelBasedPanel($('model-based-panel'), this.colours,
      choices.structures.filter((s) => s.type !== 'EXTERNAL').map((s) => s.name));
    viewer.addOverlay(new PlanLayer(this));
    viewer.on('pointer', (e) => this.pointer(e));
    viewer.on('focus', () => this.slicesChanged());
    $('optimise').onclick = () => this.optimise();
    $('replan').onclick = () => this.replan();
    $('save').onclick = () => this.save();
    $('approve').onclick = () => this.openApproval();
    $('approve-form').addEventListener('submit', (e) => this.approve(e));
    $('uniform-toggle').onchange = () => this.toggleUniform();
    $('wash-toggle').onchange = (e) => {
      this.show.wash = e.target.checked;
      this.slicesChanged();
    };
    $('labels-toggle').onchange = (e) => {
      this.show.labels = e.target.checked;
      this.viewer.redraw();
    };
  }

  /** The viewer's current slice of each plane, mm. */
  slices() {
    const v = this.viewer.views;
    return { axial: v.axial.sliceMm, coronal: v.coronal.sliceMm, sagittal: v.sagittal.sliceMm };
  }

  query() {
    const s = this.slices();
    return `?axial=${s.axial}&coronal=${s.coronal}&sagittal=${s.sagittal}${this.show.wash ? '&wash=true' : ''}`;
  }

  async optimise() {
    let body;
    try {
      body = this.form.read();
    } catch (e) {
      showMessage(error, 'error', e.message);
      return;
    }
    showMessage(error, 'error', '');
    const started = performance.now();
    try {
      if (this.sessionId) del(`/api/planning/${this.sessionId}`).catch(() => {});
      const s = await post(`/api/patients/${this.patientId}/planning`, body);
      this.sessionId = s.id;
      this.saved = null;
      this.updateSaved();
      await this.poll();
      this.timings.optimise.push(performance.now() - started);
    } catch (e) {
      showMessage(error, 'error', e.message);
    }
  }

  /** Polls the session until it is ready, showing the planner's progress. */
  async poll() {
    const bar = $('plan-progress');
    bar.hidden = false;
    $('optimise').disabled = true;
    $('replan').disabled = true;
    try {
      for (;;) {
        const s = await get(`/api/planning/${this.sessionId}${this.query()}`);
        bar.value = s.fraction;
        $('plan-stage').textContent = s.status === 'RUNNING' ? s.stage : '';
        if (s.status !== 'RUNNING') {
          if (s.error) showMessage(error, 'error', `Planning: ${s.error}`);
          if (s.seeds) {
            $('intent-panel').open = false;
            this.apply(s);
          }
          return s;
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    } finally {
      bar.hidden = true;
      $('optimise').disabled = false;
      $('replan').disabled = false;
    }
  }

  apply(s) {
    this.state = s;
    this.form.setFixedNeedles(s.fixedNeedles || []);
    for (const m of s.metrics || []) {
      if (!this.colours[m.name]) this.colours[m.name] = m.type === 'CTV' ? '#ff40ff' : m.type === 'PTV' ? '#40c0ff' : '#ff8080';
    }
    this.render();
    this.viewer.renderNow();
  }

  render() {
    const s = this.state;
    for (const id of ['goals-panel', 'dvh-panel', 'metrics-panel', 'needles-panel', 'save-panel']) $(id).hidden = false;
    const met = s.goals.filter((g) => g.met).length;
    $('goal-summary').textContent = `${met} of ${s.goals.length} met`;
    replace($('goals'), s.goals.map((g) => h('li', { class: g.met ? 'met' : 'unmet', 'data-goal': `${g.structure} ${g.goal}` },
      `${g.structure} ${g.goal}: ${fmt(g.value, 1)} ${g.unit}`)));
    this.drawDvh();
    // doses and volumes in two tables, so that the side column shows every metric without a sideways scroll
    const table = (columns, cells) => [h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c)))),
      h('tbody', {}, s.metrics.map((m) => h('tr', { 'data-structure': m.name }, h('td', {}, m.name), ...cells(m))))];
    replace($('metrics'), ...table(['Structure', 'cc', 'D90 Gy', 'D100', 'Dmax', 'D2cc', 'D0.1cc'], (m) => [
      h('td', {}, fmt(m.volumeCc, 1)), h('td', { class: 'd90' }, fmt(m.d90Gy)), h('td', {}, fmt(m.d100Gy)), h('td', {}, fmt(m.dmaxGy)),
      h('td', {}, fmt(m.d2ccGy)), h('td', {}, fmt(m.d0_1ccGy))]));
    replace($('metrics-volume'), ...table(['Structure', 'V100 %', 'V150', 'V200', 'HI', 'CI'], (m) => [
      h('td', { class: 'v100' }, fmt(m.v100Pct)), h('td', {}, fmt(m.v150Pct)), h('td', {}, fmt(m.v200Pct)),
      h('td', {}, fmt(m.hi, 2)), h('td', {}, fmt(m.ciPaddick, 2))]));
    $('seed-summary').textContent = `${s.seedCount} seeds, ${s.needleCount} needles, ${fmt(s.totalStrengthU, 2)} U`;
    const counts = {};
    for (const sd of s.seeds) counts[sd.needle] = (counts[sd.needle] || 0) + 1;
    replace($('statements'), (s.statements || []).map((x) => h('li', {}, x)));
    replace($('needles'), h('thead', {}, h('tr', {}, ['#', 'Hole', 'Seeds', 'Depth', 'State', 'Lock'].map((c) => h('th', {}, c)))),
      h('tbody', {}, s.needles.map((n) => h('tr', { class: this.selectedNeedle === n.number ? 'selected' : null, 'data-needle': n.number,
        onclick: (e) => { if (e.target.type !== 'checkbox') this.select(null, n.number); } },
      h('td', {}, String(n.number)), h('td', {}, n.hole || '—'), h('td', {}, String(counts[n.number] || 0)),
      h('td', {}, `${fmt(Math.hypot(...[0, 1, 2].map((k) => n.tipMm[k] - n.entryMm[k])), 0)} mm`),
      h('td', { class: 'needle-state', title: needleStateTitle }, this.needleState(n)),
      h('td', {}, h('input', { type: 'checkbox', class: 'lock', 'aria-label': `Lock needle ${n.number}`, checked: n.locked,
        onchange: (e) => this.edit({ op: e.target.checked ? 'lock' : 'unlock', needles: [n.number] }) }))))));
  }

  /** A needle held where it was placed by the last re-plan (a fixed needle in the patient), changed by hand since, or neither. */
  needleState(n) {
    const same = (a, b) => length(minus(a, b)) < 0.01; // the state's needles are rounded to 0.001 mm
    if ((this.state.fixedNeedles || []).some((f) => f.inPatient && same(f.entryMm, n.entryMm) && same(f.tipMm, n.tipMm))) return 'in patient';
    return n.edited ? 'by hand' : '';
  }

  drawDvh() {
    const s = this.state;
    const rx = s.intent.targets.map((t) => t.prescriptionGy);
    drawDvh($('dvh'), s.structures, this.colours, rx, this.uniform && $('uniform-toggle').checked ? this.uniform.structures : null);
    // colours through the CSSOM: the Content Security Policy refuses style attributes
    const swatch = (text, colour) => {
      const e = h('span', {}, text);
      e.style.setProperty('--c', colour);
      return e;
    };
    replace($('dvh-legend'), s.structures.map((st) => swatch(st.name, this.colours[st.name] || '#444')));
    this.isodoseLegend();
  }

  /** The isodose legend beside the views: each level drawn as on the image (width, dashes, casing) and named. */
  isodoseLegend() {
    const style = this.state.isodoseStyle;
    const targets = this.state.intent.targets.map((t) => t.structure);
    const key = JSON.stringify([style, targets]);
    if (!style || this.isodoseLegendKey === key) return;
    this.isodoseLegendKey = key;
    const others = targets.slice(1).map((t, i) => legendEntry(style.otherPrescriptions[i % style.otherPrescriptions.length],
      style.casingPx, `100 % of ${t}`));
    replace($('isodose-legend'), h('span', { class: 'iso-title' }, targets.length > 1 ? `Isodoses (% of ${targets[0]}):` : 'Isodoses:'),
      style.levels.map((l) => legendEntry(l, style.casingPx, `${l.percent} %`)), others);
    $('isodose-panel').hidden = false;
  }

  async toggleUniform() {
    if ($('uniform-toggle').checked && !this.uniform && this.sessionId) {
      try {
        this.uniform = await get(`/api/planning/${this.sessionId}/uniform`);
      } catch (e) {
        showMessage(error, 'error', e.message);
      }
    }
    if (this.state) this.drawDvh();
  }

  select(seedId, needle) {
    this.selectedSeed = seedId;
    this.selectedNeedle = needle;
    if (this.state) this.render();
    this.viewer.redraw();
  }

  /** Sends an edit (latest wins while one is in flight); `startedAt` is when the mouse event that caused it came. */
  edit(body, startedAt = performance.now()) {
    if (!this.sessionId || !this.state) return;
    if (this.inflight) {
      this.pending = { body, startedAt };
      return;
    }
    this.inflight = true;
    post(`/api/planning/${this.sessionId}/edits`, { ...body, slices: this.slices(), wash: this.show.wash }).then((s) => {
      this.apply(s);
      if (s.added) this.needleAdded(s.added);
      requestAnimationFrame(() => {
        const ms = performance.now() - startedAt;
        if (['moveSeed', 'moveNeedle'].includes(body.op)) this.timings.drag.push({ ms, serverMs: s.serverMs });
        $('edit-timing').textContent = `edit → image ${ms.toFixed(0)} ms (server ${s.serverMs.toFixed(0)} ms)`;
      });
    }).catch((e) => {
      showMessage(error, 'error', e.message);
      if (body.op === 'addNeedle') $('add-needle-line').textContent = '';
    }).finally(() => {
      this.inflight = false;
      if (this.pending) {
        const p = this.pending;
        this.pending = null;
        this.edit(p.body, p.startedAt);
      }
    });
  }

  pointer(e) {
    const tool = this.viewer.tool;
    if (tool !== 'addneedle' && this.pendingEntry) {
      this.pendingEntry = null;
      this.viewer.redraw();
    }
    if (!this.state || !EDIT_TOOLS.some(([k]) => k === tool) || e.button > 0) return;
    const now = performance.now();
    if (e.kind === 'down') {
      if (tool === 'seed') {
        const s = pickSeed(this.state, e.view, e.px, e.py);
        if (!s) return;
        e.consume();
        this.drag = { kind: 'seed', seed: s, view: e.view };
        this.select(s.id, s.needle);
      } else if (tool === 'needle') {
        const n = pickNeedle(this.state, e.view, e.px, e.py);
        if (!n) return;
        e.consume();
        this.drag = { kind: 'needle', needle: n, view: e.view, lastMm: e.mm };
        this.select(null, n.number);
      } else if (tool === 'addseed') {
        e.consume();
        const n = nearestNeedle(this.state, e.mm);
        if (n) this.edit({ op: 'addSeed', needle: n.number, nearMm: e.mm }, now);
      } else if (tool === 'addneedle') {
        e.consume();
        this.addNeedleAt(e, now);
      } else if (tool === 'delete') {
        e.consume();
        if (e.shiftKey) {
          const n = pickNeedle(this.state, e.view, e.px, e.py);
          if (n) this.edit({ op: 'deleteNeedle', needle: n.number }, now);
        } else {
          const s = pickSeed(this.state, e.view, e.px, e.py);
          if (s) this.edit({ op: 'deleteSeed', seed: s.id }, now);
        }
      }
    } else if ((e.kind === 'move' || e.kind === 'up') && this.drag) {
      const d = this.drag;
      const axis = d.view.normalAxis;
      if (d.kind === 'seed') {
        let to = e.mm.slice();
        to[axis] = d.seed.positionMm[axis];
        const needle = this.state.needles.find((n) => n.number === d.seed.needle);
        if (e.shiftKey && needle) to = alongNeedle(needle, e.mm);
        d.seed.positionMm = to; // shown at once; dose, DVH and isodoses follow from the server
        this.viewer.redraw();
        this.edit({ op: 'moveSeed', seed: d.seed.id, toMm: to }, now);
      } else {
        const shift = [0, 1, 2].map((k) => (k === axis ? 0 : e.mm[k] - d.lastMm[k]));
        if (Math.hypot(...shift) > 0.05) {
          d.lastMm = e.mm;
          this.edit({ op: 'moveNeedle', needle: d.needle.number, shiftMm: shift }, now);
        }
      }
      if (e.kind === 'up') this.drag = null;
    }
  }

  /**
   * Adds a whole needle where the physicist clicked. With a coplanar template: the hole the click's needle line goes
   * through; on a view along the needles the click is the tip, on a view across them the depth is the one typed, else the
   * planner's path through that hole to the far edge of the target. Free-hand: a first click sets the entry, a second the
   * tip (a typed depth shortens or lengthens it). The server loads the needle (docs/planning-screen.md).
   */
  addNeedleAt(e, now) {
    const line = $('add-needle-line');
    const t = this.state.template;
    const typedDepth = Number($('needle-depth').value) || null;
    const spacing = Number($('needle-spacing').value) || undefined;
    let entry;
    let tip;
    let through;
    if (t && !e.shiftKey && !this.pendingEntry) {
      const hole = nearestHole(t, e.mm);
      if (!hole) {
        line.textContent = 'That point lies outside the template\'s holes (before column A or row 1).';
        return;
      }
      const taken = this.state.needles.find((n) => length(minus(n.entryMm, hole.entryMm)) < 0.5);
      if (taken) {
        line.textContent = `Hole ${hole.label} carries needle ${taken.number} already.`;
        return;
      }
      let depth = typedDepth;
      if (Math.abs(t.direction[e.view.normalAxis]) < 0.05) {
        depth = dot(minus(e.mm, hole.entryMm), t.direction); // a view along the needles: the click is the tip
      } else if (!depth) {
        const path = (this.state.availableNeedles || []).find((n) => length(minus(n.entryMm, hole.entryMm)) < 0.5);
        if (!path) {
          line.textContent = `Hole ${hole.label}: the planner found no safe path to the target through it; type a depth to add it anyway.`;
          return;
        }
        depth = length(minus(path.tipMm, path.entryMm));
      }
      if (!(depth > 5)) {
        line.textContent = `Hole ${hole.label}: the tip must lie more than 5 mm beyond the template (got ${fmt(depth, 1)} mm).`;
        return;
      }
      entry = hole.entryMm;
      tip = plus(entry, t.direction, depth);
      through = `hole ${hole.label}`;
    } else {
      if (!this.pendingEntry) {
        this.pendingEntry = e.mm.slice();
        line.textContent = `Entry set${t ? ' (through no hole)' : ''}: now click the tip.`;
        this.viewer.redraw();
        return;
      }
      entry = this.pendingEntry;
      this.pendingEntry = null;
      const d = minus(e.mm, entry);
      if (!(length(d) > 5)) {
        line.textContent = 'The tip must lie more than 5 mm from the entry: click the entry again.';
        this.viewer.redraw();
        return;
      }
      tip = typedDepth ? plus(entry, d, typedDepth / length(d)) : e.mm.slice();
      through = 'the skin';
    }
    line.textContent = `Adding a needle through ${through}, ${fmt(length(minus(tip, entry)), 1)} mm deep…`;
    this.edit({ op: 'addNeedle', entryMm: entry, tipMm: tip, spacingMm: spacing }, now);
  }

  /** Says what the server added (needle, hole, seeds, spacing, and any warning about its path) and selects the needle. */
  needleAdded(a) {
    const n = this.state.needles.find((x) => x.number === a.needle);
    $('add-needle-line').textContent = `Needle ${a.needle}${n && n.hole ? ` (hole ${n.hole})` : ''}, ${fmt(n ? length(minus(n.tipMm, n.entryMm)) : NaN, 1)} mm:`
      + ` ${a.seeds} seed${a.seeds === 1 ? '' : 's'}${a.seeds ? ` every ${fmt(a.spacingMm, 0)} mm from the far edge of the target` : ' (it meets no part of the target)'}.`;
    if (a.warning) showMessage(error, 'error', `Warning: ${a.warning}`);
    this.select(null, a.needle);
  }

  slicesChanged() {
    if (!this.sessionId || !this.state) return;
    clearTimeout(this.sliceTimer);
    this.sliceTimer = setTimeout(async () => {
      try {
        const s = await get(`/api/planning/${this.sessionId}${this.query()}`);
        if (s.seeds) this.apply(s);
      } catch (e) {
        showMessage(error, 'error', e.message);
      }
    }, 60);
  }

  /** Re-plans the unlocked needles; says which needles were kept and how the first target's D90 and V100 moved. */
  async replan() {
    const started = performance.now();
    const before = this.state;
    const first = (s) => s.metrics.find((m) => m.name === s.intent.targets[0].structure) || {};
    try {
      $('replan-line').textContent = '';
      await post(`/api/planning/${this.sessionId}/reoptimise`, {});
      this.uniform = null;
      const s = await this.poll();
      if (s && s.seeds && !s.error) {
        const kept = s.needles.filter((n) => n.locked).map((n) => n.number);
        const [a, b] = [first(before), first(s)];
        $('replan-line').textContent = `Re-planned ${kept.length ? `around needle${kept.length > 1 ? 's' : ''} ${kept.join(', ')}` : 'all needles'}`
          + ` in ${fmt(s.lastRunSeconds, 1)} s: ${s.seedCount} seeds (were ${before.seedCount}); ${s.intent.targets[0].structure} D90`
          + ` ${fmt(a.d90Gy)} → ${fmt(b.d90Gy)} Gy, V100 ${fmt(a.v100Pct)} → ${fmt(b.v100Pct)} %.`;
      }
      requestAnimationFrame(() => this.timings.replan.push(performance.now() - started));
    } catch (e) {
      showMessage(error, 'error', e.message);
    }
  }

  async save() {
    try {
      const body = this.saved ? { planId: this.saved.id, reason: 'changed in the plan screen' } : { name: $('plan-name').value };
      this.saved = await post(`/api/planning/${this.sessionId}/revisions`, body);
      this.updateSaved();
    } catch (e) {
      showMessage(error, 'error', e.message);
    }
  }

  updateSaved() {
    const r = this.saved;
    this.modelBased.show(r, this.form.read().targets.filter((t) => t.expandFrom).map((t) => t.structure));
    $('saved-line').textContent = r ? `Plan ${r.id} “${r.name}”, revision ${r.revision}: ${r.status}${r.approvedBy ? ` by ${r.approvedBy}` : ''}` : '';
    $('approve').disabled = !r || r.status !== 'DRAFT';
    const approved = r && r.status === 'APPROVED';
    for (const [id, path] of [['download-pdf', 'report.pdf'], ['download-table', 'needle-table.pdf'], ['download-dicom', 'export/dicom']]) {
      const a = $(id);
      a.classList.toggle('disabled', !approved);
      a.setAttribute('aria-disabled', String(!approved));
      if (approved) a.href = `/api/plans/${r.id}/revisions/${r.revision}/${path}`; else a.removeAttribute('href');
    }
  }

  openApproval() {
    $('approve-what').textContent = `Plan ${this.saved.id} revision ${this.saved.revision}: ${this.state.seedCount} seeds, `
      + this.state.goals.map((g) => `${g.structure} ${g.goal.split(' ')[0]} ${fmt(g.value)} ${g.unit}`).slice(0, 2).join(', ');
    $('approve-error').hidden = true;
    $('approve-password').value = '';
    $('approve-dialog').showModal();
  }

  async approve(e) {
    if (e.submitter && e.submitter.value === 'cancel') return;
    e.preventDefault();
    try {
      this.saved = await post(`/api/plans/${this.saved.id}/revisions/${this.saved.revision}/approval`, {
        password: $('approve-password').value, printedName: $('approve-name').value, meaning: 'approved for treatment',
      });
      $('approve-dialog').close();
      this.updateSaved();
    } catch (err) {
      showMessage($('approve-error'), 'error', err.message);
    }
  }
}

async function start() {
  await requireSession();
  const q = new URLSearchParams(location.search);
  const patientId = q.get('patient');
  if (!patientId || !/^\d+$/.test(patientId)) {
    showMessage(error, 'error', 'No patient chosen: open the plan screen from a patient page.');
    return;
  }
  $('patient-link').href = `/patient.html?id=${patientId}`;
  let choices;
  try {
    choices = await get(`/api/patients/${patientId}/planning`);
  } catch (e) {
    showMessage(error, 'error', e.status === 403 ? `You may not plan this patient: ${e.message}` : `This patient cannot be planned yet: ${e.message}`);
    return;
  }
  if (q.get('series') !== choices.ctSeriesUid) {
    q.set('series', choices.ctSeriesUid);
    history.replaceState(null, '', `${location.pathname}?${q}`);
  }
  const { viewer } = await openImagingPage({ layout: 'main', extraTools: EDIT_TOOLS });
  window.seedplanPlan = new PlanPage(patientId, choices, viewer);
}

start().catch((e) => {
  if (e.message !== 'no series') showMessage(error, 'error', e.message);
});

// The model-based dose (AAPM TG-186) panel of the plan and verification screens: run the Monte Carlo on the server with
// progress and cancel, then D90 and V100 of the targets and the organ doses beside TG-43, each dose column labelled with the
// dose it is (TG-43 Dw,w; Dm,m or Dw,m) with ±1σ, a * beside the ± of a metric whose estimated noise bias exceeds its σ and,
// under the table, the result's note saying what ± and * mean (the words report.pdf and the command line print under their tables: core dose.modelbased.ModelBasedNotes),
// and the DVH of both doses with the model-based 1σ band. What the panel is for (a plan revision, a verification) is its
// subject; a result is shown only beside the subject it was computed for.
// API: docs/model-based-dose.md.
import { del, get, post } from './api.js';
import { h, replace, showMessage } from './dom.js';

const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d));
const PAD = { left: 30, right: 8, top: 8, bottom: 22 };
/** The compositions a structure can be given: TG-186 Table III's (Beaulieu et al. 2012), ICRU 46 muscle and water. */
/** " at 1.05 g/cm³" for a composition given with a density, "" for one at the CT's. */
const atDensity = (o) => (o.densityGPerCm3 == null ? '' : ` at ${o.densityGPerCm3} g/cm³`);

const MATERIALS = ['liver', 'prostate', 'heart', 'mean-skin', 'eye-lens', 'mean-gland', 'mean-male-soft-tissue', 'mean-female-soft-tissue',
  'mean-adipose', 'lung-inflated', 'cortical-bone', 'muscle', 'water'];

/**
 * The panel in `section` (an empty `<section class="panel">`). A subject says what the dose is computed for:
 * `{ key, name, startUrl, runUrl(id), stored(): Promise<result | null>, owns(run): boolean, label(result), empty, note, intro?, colours,
 * structures }` (`structures`: the names a composition may be given to).
 */
export class ModelBasedDosePanel {
  constructor(section) {
    this.section = section;
    section.classList.add('mb-panel');
    this.subject = null;
    this.run = null;
    this.result = null;
    this.pollTimer = null;
    this.photons = h('input', { type: 'number', id: 'mb-photons', min: 10000, max: 200000000, step: 1000000, value: 20000000,
      title: 'Most photons of the run (the server allows 10 000 to 200 000 000)' });
    this.uncertainty = h('input', { type: 'number', id: 'mb-uncertainty', min: 0.5, max: 10, step: 0.5, value: 2,
      title: 'The run stops when the mean 1σ over the target voxels reaches this (%)' });
    this.specification = h('select', { id: 'mb-specification', title: 'Dm,m: dose to medium in medium (TG-186\'s recommendation); Dw,m: dose to water in medium' },
      h('option', { value: 'dm,m' }, 'Dm,m'), h('option', { value: 'dw,m' }, 'Dw,m'));
    // the user's choices, sent with the run and stored with its result: the soft tissue no contour assigns (empty: TG-186's
    // for the patient's recorded sex) and a composition per structure (the server refuses an unknown material or structure)
    this.softTissue = h('select', { id: 'mb-soft-tissue', title: 'Soft tissue of the voxels no contour assigns (TG-186 Table III)' },
      h('option', { value: '' }, 'by the patient\'s sex'), h('option', { value: 'mean-male-soft-tissue' }, 'mean male'),
      h('option', { value: 'mean-female-soft-tissue' }, 'mean female'));
    this.overrideStructure = h('select', { id: 'mb-override-structure', 'aria-label': 'Structure to give a composition' });
    this.overrideMaterial = h('select', { id: 'mb-override-material', 'aria-label': 'Composition to give it' },
      ...MATERIALS.map((m) => h('option', { value: m }, m)));
    this.overrideDensity = h('input', { type: 'number', id: 'mb-override-density', min: 0.001, max: 22.6, step: 0.01, placeholder: 'CT\'s',
      'aria-label': 'Mass density to give it (g/cm³); empty: the CT\'s', title: 'Mass density (g/cm³); empty: the CT\'s own in each voxel' });
    this.overrideAdd = h('button', { type: 'button', id: 'mb-override-add', onclick: () => this.addOverride() }, 'Give');
    this.overrides = [];
    this.overrideList = h('span', { id: 'mb-overrides', class: 'small' });
    this.button = h('button', { type: 'button', id: 'model-based-run', onclick: () => this.start() }, 'Model-based dose (TG-186)');
    this.cancelButton = h('button', { type: 'button', id: 'model-based-cancel', hidden: true, onclick: () => this.cancel() }, 'Cancel');
    this.progress = h('progress', { id: 'model-based-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Model-based dose progress' });
    this.step = h('span', { id: 'model-based-step', class: 'muted small', 'aria-live': 'polite' });
    this.message = h('p', { class: 'message error', hidden: true, role: 'alert' });
    this.warning = h('p', { id: 'model-based-warning', class: 'message warn', hidden: true });
    this.intro = h('p', { id: 'model-based-intro', class: 'small add-needle-line', hidden: true });
    this.what = h('p', { id: 'model-based-what', class: 'muted small add-needle-line' });
    this.table = h('table', { id: 'model-based-table', class: 'metrics' });
    this.footnote = h('p', { id: 'model-based-footnote', class: 'small add-needle-line' });
    this.canvas = h('canvas', { id: 'model-based-dvh', class: 'dvh', width: 300, height: 190, hidden: true,
      'aria-label': 'DVH: TG-43 solid, model-based dashed with its 1σ band' });
    this.legend = h('div', { class: 'legend mb-legend' });
    this.tissues = h('p', { id: 'model-based-tissues', class: 'muted small add-needle-line' });
    this.choices = h('p', { id: 'model-based-choices', class: 'small add-needle-line' });
    this.note = h('p', { id: 'model-based-note', class: 'muted small add-needle-line' });
    replace(section,
      h('header', {}, h('h2', {}, 'Model-based dose (TG-186)')),
      h('div', { class: 'run-row small' },
        h('label', { class: 'check' }, 'dose ', this.specification),
        h('label', { class: 'check' }, 'stop at ', this.uncertainty, ' %'),
        h('label', { class: 'check' }, 'photons ≤ ', this.photons)),
      h('div', { class: 'run-row small' },
        h('label', { class: 'check' }, 'soft tissue ', this.softTissue),
        h('label', { class: 'check' }, 'give ', this.overrideStructure), h('label', { class: 'check' }, ' ', this.overrideMaterial),
        h('label', { class: 'check' }, ' at ', this.overrideDensity, ' g/cm³'), this.overrideAdd, this.overrideList),
      h('div', { class: 'run-row' }, this.button, this.cancelButton, this.progress, this.step),
      this.intro, this.message, this.what, this.warning, h('div', { class: 'scroll-x' }, this.table), this.footnote, this.canvas, this.legend, this.choices,
      this.tissues, this.note);
    this.photons.style.width = '100px';
    this.uncertainty.style.width = '50px';
    this.overrideDensity.style.width = '56px';
    section.hidden = true;
  }

  /** What the screen shows changed (or null: nothing to compute for): show only its own result. */
  async show(subject) {
    if ((subject ? subject.key : null) === (this.subject ? this.subject.key : null)) return;
    this.subject = subject;
    this.result = null;
    this.overrides = [];
    replace(this.overrideStructure, ...((subject && subject.structures) || []).map((n) => h('option', { value: n }, n)));
    this.drawOverrides();
    this.draw();
    this.section.hidden = !subject;
    if (!subject) return;
    this.intro.textContent = subject.intro || '';
    this.intro.hidden = !subject.intro;
    try {
      const stored = await subject.stored();
      if (this.subject === subject && stored) this.accept(stored);
    } catch (e) {
      showMessage(this.message, 'error', e.message);
    }
  }

  /** Gives the chosen structure the chosen composition, at the density given or the CT's (replacing one it had), for the next run. */
  addOverride() {
    const structure = this.overrideStructure.value;
    if (!structure) return;
    const given = { structure, material: this.overrideMaterial.value };
    if (this.overrideDensity.value !== '') given.densityGPerCm3 = Number(this.overrideDensity.value);
    this.overrides = this.overrides.filter((o) => o.structure !== structure).concat([given]);
    this.drawOverrides();
  }

  drawOverrides() {
    replace(this.overrideList, ...this.overrides.map((o) => h('span', { class: 'mb-override' }, `${o.structure}: ${o.material}${atDensity(o)} `,
      h('button', { type: 'button', 'aria-label': `Remove ${o.structure}'s composition`, onclick: () => {
        this.overrides = this.overrides.filter((x) => x !== o);
        this.drawOverrides();
      } }, '×'), ' ')));
  }

  async start() {
    if (!this.subject) return;
    const subject = this.subject;
    showMessage(this.message, 'error', '');
    const body = { specification: this.specification.value, photons: Number(this.photons.value), uncertaintyPct: Number(this.uncertainty.value),
      tissues: this.overrides.map((o) => ({ ...o })) };
    if (this.softTissue.value) body.softTissue = this.softTissue.value;
    try {
      this.run = await post(subject.startUrl, body);
      this.runSubject = subject;
      this.running(true);
      this.poll();
    } catch (e) {
      showMessage(this.message, 'error', e.message);
    }
  }

  async cancel() {
    if (!this.run) return;
    try {
      await del(this.runSubject.runUrl(this.run.id));
    } catch (e) {
      showMessage(this.message, 'error', e.message);
    }
  }

  poll() {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(async () => {
      try {
        const r = await get(this.runSubject.runUrl(this.run.id));
        this.progress.value = r.progress;
        this.step.textContent = `${r.step} (${Math.round(100 * r.progress)} %)`;
        if (r.state === 'running') {
          this.poll();
          return;
        }
        this.running(false);
        if (r.state === 'done' && this.subject === this.runSubject && this.subject.owns(r)) this.accept(r.result);
        else if (r.state === 'done') this.step.textContent = `computed for ${this.runSubject.name}, not the one on the screen`;
        else if (r.state === 'cancelled') this.step.textContent = 'cancelled';
        else showMessage(this.message, 'error', r.error);
      } catch (e) {
        this.running(false);
        showMessage(this.message, 'error', e.message);
      }
    }, 300);
  }

  running(on) {
    this.button.disabled = on;
    this.cancelButton.hidden = !on;
    this.progress.hidden = !on;
    if (on) this.step.textContent = 'queued';
  }

  accept(result) {
    this.result = result;
    this.step.textContent = '';
    this.draw();
  }

  draw() {
    const r = this.result;
    this.canvas.hidden = !r;
    if (!r) {
      replace(this.table);
      replace(this.legend);
      showMessage(this.warning, 'warn', '');
      this.what.textContent = this.subject ? this.subject.empty : '';
      this.tissues.textContent = '';
      this.choices.textContent = '';
      this.footnote.textContent = '';
      this.note.textContent = '';
      return;
    }
    this.what.textContent = `${this.subject.label(r)}: ${r.specification} (${r.specificationDescription}); `
      + `${r.photons.toLocaleString('en')} photons in ${fmt(r.seconds, r.seconds < 10 ? 1 : 0)} s, mean 1σ in the targets ${fmt(r.meanTargetUncertaintyPct)} %; `
      + `by ${r.computedBy}.`;
    // the metric's name may wrap (plan.css keeps table cells on one line) so that Δ stays inside the side column
    const wrap = (td) => {
      td.style.whiteSpace = 'normal';
      return td;
    };
    // * beside the ± of a metric whose estimated noise bias exceeds its σ (results before the "mc" session carry no flag)
    const cells = (row) => (row.resolved
      ? [h('td', { class: 'num' }, `${fmt(row.modelBased)} ± ${fmt(row.sigma)}`,
        ...(row.biasAboveSigma ? [' ', h('span', { class: 'mb-bias-mark' }, '*')] : [])),
        h('td', { class: 'num' }, `${row.differencePct > 0 ? '+' : ''}${fmt(row.differencePct)} %`)]
      : [h('td', { class: 'num', title: 'Too few photons reached the voxels that decide this metric: run with more photons' },
        'not resolved'), h('td', { class: 'num' }, '—')]);
    replace(this.table,
      h('thead', {}, h('tr', {}, h('th', {}, 'Metric'), h('th', { class: 'num' }, r.tg43Label),
        h('th', { class: 'num' }, `${r.specification} ± 1σ`), h('th', { class: 'num' }, 'Δ'))),
      h('tbody', {}, r.comparison.map((row) => h('tr', {},
        wrap(h('td', {}, `${row.structure} ${row.metric} (${row.unit})`)), h('td', { class: 'num' }, fmt(row.tg43)), ...cells(row)))));
    showMessage(this.warning, 'warn', r.meanTargetUncertaintyPct > 5 ? `Mean 1σ in the targets ${fmt(r.meanTargetUncertaintyPct)} %, far above`
      + ' 2 %: a quick look only; noise lowers D90 and raises near-maximum doses (D0.1cc, D2cc).' : '');
    // which composition each target and organ was given (TG-186 Table III), as shares of its voxels, and why
    this.tissues.textContent = (r.structureTissues || []).length === 0 ? ''
      : `Tissues (TG-186 Table III): ${r.structureTissues.map((t) => `${t.structure} ${t.materials.filter((m) => m.pct >= 1)
        .map((m) => `${m.material} ${fmt(m.pct, 0)} %`).join(', ')} (${t.basis})`).join('; ')}.`;
    // the soft tissue and the compositions the user gave, stored with the result (results before the "mc2" session have none)
    this.choices.textContent = !r.softTissue ? '' : `Compositions: soft tissue no contour assigns ${r.softTissue}, by ${r.softTissueBy}`
      + `${(r.tissueOverrides || []).map((o) => `; ${o.structure} ${o.material}${atDensity(o)}, by ${o.by}`).join('')}.`;
    this.footnote.textContent = `${r.uncertaintyNote}.`;
    this.note.textContent = `${r.tg43Label}: ${r.tg43Description}. ${this.subject.note}`;
    const key = (colour, text) => {
      const span = h('span', {}, text);
      span.style.setProperty('--c', colour);
      return span;
    };
    replace(this.legend, h('span', { class: 'muted' }, `${r.tg43Label} solid, ${r.specification} dashed with its ±1σ band:`),
      ...r.dvh.map((s) => key(this.subject.colours[s.name] || '#444', s.name)));
    requestAnimationFrame(() => this.drawDvh());
  }

  /** TG-43 (solid) and model-based (dashed) cumulative DVHs, the model-based 1σ band shaded, every structure in its colour. */
  drawDvh() {
    const r = this.result;
    if (!r || !r.dvh.length) return;
    const dpr = window.devicePixelRatio || 1;
    const w = this.canvas.clientWidth || 300;
    const hgt = this.canvas.clientHeight || 190;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(hgt * dpr);
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    // up to where every curve has fallen below 3 % (the tails near the seeds run on to 4 × the prescription)
    const top = Math.max(10, ...r.dvh.map((s) => {
      const i = s.doseGy.findIndex((d, k) => s.tg43Pct[k] < 3 && s.modelBasedPct[k] + s.sigmaPct[k] < 3);
      return i < 0 ? s.doseGy[s.doseGy.length - 1] : Math.min(s.doseGy[s.doseGy.length - 1], 1.1 * s.doseGy[i]);
    }));
    const x = (d) => PAD.left + (d / top) * (w - PAD.left - PAD.right);
    const y = (v) => PAD.top + (1 - v / 100) * (hgt - PAD.top - PAD.bottom);
    ctx.font = '10px system-ui, sans-serif';
    ctx.strokeStyle = '#d8dee5';
    ctx.fillStyle = '#57606a';
    for (let v = 0; v <= 100; v += 25) {
      ctx.beginPath();
      ctx.moveTo(PAD.left, y(v));
      ctx.lineTo(w - PAD.right, y(v));
      ctx.stroke();
      ctx.fillText(`${v}`, 4, y(v) + 3);
    }
    const step = top > 300 ? 100 : 50;
    for (let d = 0; d <= top; d += step) {
      if (x(d) < w - PAD.right - 26) ctx.fillText(`${d}`, x(d) - 6, hgt - 8);
    }
    ctx.fillText('Gy', w - PAD.right - 14, hgt - 8);
    for (const s of r.dvh) {
      const colour = this.subject.colours[s.name] || '#444';
      ctx.save();
      ctx.globalAlpha = 0.25;
      ctx.fillStyle = colour;
      ctx.beginPath();
      const n = s.doseGy.filter((d) => d <= top).length;
      for (let i = 0; i < n; i += 1) {
        const v = Math.min(100, s.modelBasedPct[i] + s.sigmaPct[i]);
        if (i) ctx.lineTo(x(s.doseGy[i]), y(v)); else ctx.moveTo(x(s.doseGy[i]), y(v));
      }
      for (let i = n - 1; i >= 0; i -= 1) ctx.lineTo(x(s.doseGy[i]), y(Math.max(0, s.modelBasedPct[i] - s.sigmaPct[i])));
      ctx.closePath();
      ctx.fill();
      ctx.restore();
      for (const [values, dash] of [[s.tg43Pct, []], [s.modelBasedPct, [5, 4]]]) {
        ctx.save();
        ctx.setLineDash(dash);
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1.6;
        ctx.beginPath();
        s.doseGy.forEach((d, i) => {
          if (d <= top) (i ? ctx.lineTo(x(d), y(values[i])) : ctx.moveTo(x(d), y(values[i])));
        });
        ctx.stroke();
        ctx.restore();
      }
    }
  }
}

// The plan intent form: targets with prescriptions (a target may be another expanded by a margin: CTV = GTV + 5 mm,
// for dual GTV/CTV prescriptions), organ limits, the seed model and the strength of one seed with its unit and
// calibration date, the approach, and the needles kept as placed (with whether they are in the patient). read() gives the JSON of POST /api/patients/{id}/planning (docs/planning-screen.md).
// The form opens with the intent of the patient's plan in force (the choices' storedIntent: the newest approved or locked
// revision, else the newest draft); without one it opens with defaults and empty seed dates, which must be given: the
// certificate's date is never guessed (a strength read as of today would be off by the decay since calibration).
import { h, replace } from '../dom.js';
import { isoDateInput, isoDateOf } from '../iso-date.js';

const ORGAN_KINDS = [['d2cc', 'D2cc ≤'], ['d0.1cc', 'D0.1cc ≤'], ['dmax', 'Dmax ≤'], ['vx', 'V(dose) ≤ %']];
const DIRECTIONS = ['anterior', 'posterior', 'left', 'right', 'inferior', 'superior'];

function isTarget(s) {
  return ['GTV', 'CTV', 'PTV'].includes(s.type);
}

function isOrgan(s) {
  return ['ORGAN', 'AVOIDANCE'].includes(s.type);
}

function options(list, selected) {
  return list.map(([value, label]) => h('option', { value, selected: value === selected ? '' : null }, label));
}

function num(name, value, attrs = {}) {
  return h('input', { type: 'number', name, value: value ?? '', step: 'any', ...attrs });
}

/**
 * Fills `form` from the choices of GET /api/patients/{id}/planning, with their stored intent when there is one; `focus()` gives
 * the crosshair (for free-hand entry).
 */
export class IntentForm {
  constructor(form, choices, focus) {
    this.form = form;
    this.choices = choices;
    this.focus = focus;
    const structures = choices.structures.filter((s) => s.type !== 'EXTERNAL');
    this.names = structures.map((s) => [s.name, s.name]);
    this.targets = h('div', { id: 'target-rows' });
    this.organs = h('div', { id: 'organ-rows' });
    const models = choices.seedModels.map((m) => [m.key, `${m.key} (T½ ${m.halfLifeDays} d)`]);
    // one field a line, each label in the first column: a strength stored as computed (16 decimals) and two ISO dates
    // do not fit one line of the 380 px column beside each other (docs/screen-layout.md)
    this.seed = h('fieldset', { class: 'seed-fields' }, h('legend', {}, 'Seeds'),
      h('div', { class: 'row' }, h('select', { name: 'model', 'aria-label': 'Seed model' }, options(models, 'amersham6711'))),
      h('label', { class: 'row' }, h('span', {}, 'Strength'), num('strength', 0.6, { min: 0, 'aria-label': 'Strength of one seed' })),
      h('label', { class: 'row' }, h('span', {}, 'Unit'),
        h('select', { name: 'unit', 'aria-label': 'Strength unit' }, options([['mCi', 'mCi'], ['U', 'U (µGy·m²/h)'], ['MBq', 'MBq']], 'mCi'))),
      h('label', { class: 'row' }, h('span', {}, 'Calibrated'), isoDateInput({ name: 'calibrationDate', required: true })),
      h('label', { class: 'row' }, h('span', {}, 'Implant'), isoDateInput({ name: 'implantDate', required: true })));
    // the approach and a template's side on one line; free-hand, the entry on a line of its own: the button and the entry's
    // coordinates ([-234.5, -345.6, -1234.5] mm) do not fit beside the approach in the 380 px column (docs/screen-layout.md)
    this.approach = h('fieldset', {}, h('legend', {}, 'Approach'),
      h('div', { class: 'row' },
        h('select', { name: 'approachType', 'aria-label': 'Approach', onchange: () => this.showApproach() },
          options([['coplanar', 'Coplanar template'], ['freehand', 'Free-hand'], ['printed', '3D-printed template']], 'coplanar')),
        h('select', { name: 'direction', 'aria-label': 'Template side (needles enter from)' }, options(DIRECTIONS.map((d) => [d, `from ${d}`]), 'anterior'))),
      h('div', { class: 'row entry' },
        h('span', {}, 'Entry'),
        h('button', { type: 'button', class: 'small', title: 'The entry of the needles: the crosshair\'s position', onclick: () => this.takeEntry() },
          'at crosshair'),
        h('span', { class: 'mono small', id: 'entry-mm' })));
    const stored = choices.storedIntent;
    replace(form,
      h('p', { id: 'intent-source', class: 'small' }, stored ? (stored.form
        ? `The intent of plan “${stored.planName}”, revision ${stored.revision} (${stored.status.toLowerCase()})`
        : `Not the intent of plan “${stored.planName}”: ${stored.note}`) : 'No plan yet: a new intent'),
      h('fieldset', {}, h('legend', {}, 'Targets and prescriptions'), this.targets,
        h('button', { type: 'button', class: 'small', onclick: () => this.addTarget(null, 100) }, '+ target')),
      h('fieldset', {}, h('legend', {}, 'Organ limits'), this.organs,
        h('button', { type: 'button', class: 'small', onclick: () => this.addOrgan(null, 'd2cc', 60) }, '+ organ')),
      this.seed, this.approach, this.fixed = h('fieldset', { id: 'fixed-needles', hidden: '' }));
    this.fixedNeedles = [];
    this.entryMm = null;
    if (stored && stored.form) {
      this.fill(stored.form);
    } else {
      const targets = structures.filter(isTarget);
      for (const t of targets.length ? targets : structures.slice(0, 1)) this.addTarget(t.name, 120);
      for (const o of structures.filter(isOrgan)) this.addOrgan(o.name, 'd2cc', 60);
    }
    this.showApproach();
  }

  /** Sets the fields to an intent form's JSON (as read() gives it and the server stores it in a revision). */
  fill(f) {
    for (const t of f.targets) this.addTarget(t.structure, t.prescriptionGy, t.expandFrom, t.marginMm);
    for (const o of f.organs || []) this.addOrgan(o.structure, o.kind, o.doseGy, o.needleMarginMm, o.kind === 'vx' ? o.volumePct : null);
    const set = (root, name, value) => { if (value !== undefined && value !== null) root.querySelector(`[name="${name}"]`).value = value; };
    set(this.seed, 'model', f.seed.sourceModelKey);
    set(this.seed, 'strength', f.seed.strength);
    set(this.seed, 'unit', f.seed.unit);
    set(this.seed, 'calibrationDate', f.seed.calibrationDate);
    set(this.seed, 'implantDate', f.seed.implantDate);
    set(this.approach, 'approachType', f.approach.type);
    if (typeof f.approach.direction === 'string') set(this.approach, 'direction', f.approach.direction);
    if (f.approach.entryMm) {
      this.entryMm = f.approach.entryMm;
      this.approach.querySelector('#entry-mm').textContent = `[${this.entryMm.join(', ')}] mm`;
    }
    if (f.fixedNeedles) this.setFixedNeedles(f.fixedNeedles);
  }

  addTarget(name, rx, from = '', margin = 5) {
    // two lines of one line each: the target and its prescription; what it is made from (drawn, or another plus a margin)
    const row = h('div', { class: 'target-row limit' },
      h('div', { class: 'row' },
        h('input', { name: 'name', value: name || '', list: 'structure-names', size: 6, 'aria-label': 'Target structure' }),
        h('label', {}, 'Rx ', num('rx', rx, { min: 0, 'aria-label': 'Prescription (Gy)' }), ' Gy'),
        h('button', { type: 'button', class: 'small remove', title: 'Remove', onclick: () => row.remove() }, '×')),
      h('label', { class: 'row', title: 'Make this target by expanding another structure by a margin' }, '= ',
        h('select', { name: 'from', 'aria-label': 'Expand from' }, h('option', { value: '' }, 'drawn'), options(this.names, from)),
        ' + ', num('margin', margin, { min: 0, max: 30, 'aria-label': 'Margin (mm)' }), ' mm'));
    this.targets.append(row);
    if (!document.getElementById('structure-names')) {
      this.form.append(h('datalist', { id: 'structure-names' }, this.names.map(([n]) => h('option', { value: n }))));
    }
  }

  /** An organ row; a V(dose) limit also has the organ's volume share (%) that may receive the dose, shown only for it. */
  addOrgan(name, kind, dose, margin = 5, volumePct = null) {
    const kindSelect = h('select', { name: 'kind', 'aria-label': 'Limit' }, options(ORGAN_KINDS, kind));
    const volume = h('span', { class: 'vx-volume' }, ' ≤ ', num('volume', volumePct, { min: 0, max: 100, 'aria-label': 'Volume limit (%)' }), ' %');
    const showVolume = () => { volume.hidden = kindSelect.value !== 'vx'; };
    kindSelect.addEventListener('change', showVolume);
    showVolume();
    // two lines of one line each: the organ and the kind of limit; the dose (and a V(dose)'s volume share) and the needles' margin
    const row = h('div', { class: 'organ-row limit' },
      h('div', { class: 'row' },
        h('select', { name: 'name', 'aria-label': 'Organ' }, options(this.names, name)),
        kindSelect,
        h('button', { type: 'button', class: 'small remove', title: 'Remove', onclick: () => row.remove() }, '×')),
      h('div', { class: 'row' },
        h('span', {}, num('dose', dose, { 'aria-label': 'Dose limit (Gy)' }), ' Gy'), volume,
        h('label', { title: 'Distance every needle keeps from the organ' }, 'keep ', num('margin', margin, { min: 0, 'aria-label': 'Needle margin (mm)' }), ' mm')));
    this.organs.append(row);
  }

  /**
   * The needles kept where they are (the session's fixed needles: after a re-plan around locked needles, those in the
   * patient with their seeds): listed, each removable, and sent with the form so that a new plan keeps them too.
   */
  setFixedNeedles(list) {
    if (JSON.stringify(list) === JSON.stringify(this.fixedNeedles)) return;
    this.fixedNeedles = list.map((f) => ({ ...f }));
    const mm = (v) => `[${v.map((x) => x.toFixed(1)).join(', ')}]`;
    replace(this.fixed, h('legend', {}, 'Needles kept as placed'),
      this.fixedNeedles.map((f, i) => h('div', { class: 'row fixed-row small' },
        h('span', { class: 'mono' }, `tip ${mm(f.tipMm)} mm`),
        h('span', {}, `${f.seedDistancesMm ? `${f.seedDistancesMm.length} seeds` : 'loading optimised'}${f.inPatient ? ', in the patient' : ''}`),
        h('button', { type: 'button', class: 'small', title: 'Plan without this needle', onclick: () => {
          this.setFixedNeedles(this.fixedNeedles.filter((_, k) => k !== i));
        } }, '×'))));
    this.fixed.hidden = this.fixedNeedles.length === 0;
  }

  showApproach() {
    const type = this.approach.querySelector('[name=approachType]').value;
    this.approach.querySelector('[name=direction]').hidden = type !== 'coplanar';
    for (const e of this.approach.querySelectorAll('.entry')) e.hidden = type === 'coplanar';
  }

  takeEntry() {
    this.entryMm = this.focus().map((v) => Math.round(v * 10) / 10);
    document.getElementById('entry-mm').textContent = `[${this.entryMm.join(', ')}] mm`;
  }

  /** The form as the API's JSON. */
  read() {
    const value = (root, name) => root.querySelector(`[name="${name}"]`).value;
    const number = (root, name) => Number(value(root, name));
    const targets = [...this.targets.querySelectorAll('.target-row')].map((r) => {
      const t = { structure: value(r, 'name').trim(), prescriptionGy: number(r, 'rx') };
      if (value(r, 'from')) Object.assign(t, { expandFrom: value(r, 'from'), marginMm: number(r, 'margin') });
      return t;
    });
    const organs = [...this.organs.querySelectorAll('.organ-row')].map((r) => {
      const kind = value(r, 'kind');
      if (kind === 'vx' && value(r, 'volume') === '') {
        throw new Error(`Organ ${value(r, 'name')}: give the volume (%) that may receive ${value(r, 'dose')} Gy, or choose another limit`);
      }
      return {
        structure: value(r, 'name'), kind, doseGy: number(r, 'dose'), volumePct: kind === 'vx' ? number(r, 'volume') : 0,
        needleMarginMm: number(r, 'margin'),
      };
    });
    const calibrationDate = isoDateOf(this.seed.querySelector('[name="calibrationDate"]'), 'Seeds, calibration date');
    const implantDate = isoDateOf(this.seed.querySelector('[name="implantDate"]'), 'Seeds, implant date');
    if (!calibrationDate || !implantDate) {
      throw new Error('Seeds: give the calibration date (the certificate\'s) and the implant date: the strength is decayed from one to the other');
    }
    const seed = {
      sourceModelKey: value(this.seed, 'model'), strength: number(this.seed, 'strength'), unit: value(this.seed, 'unit'),
      calibrationDate, implantDate,
    };
    const type = value(this.approach, 'approachType');
    const approach = type === 'coplanar' ? { type, direction: value(this.approach, 'direction') } : { type, entryMm: this.entryMm };
    const form = { targets, organs, seed, approach };
    if (this.fixedNeedles.length) form.fixedNeedles = this.fixedNeedles;
    return form;
  }
}

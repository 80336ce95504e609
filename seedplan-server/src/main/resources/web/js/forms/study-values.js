// The study variables of one record level (PATIENT, LESION or VISIT) as form inputs: the centre's studies' variables
// (GET /api/centres/{id}/research-studies) with the record's stored values (GET /api/patients/{id}/study-values),
// checked as the server checks them (number in range, one of the levels, a date — partial allowed —, yes/no), saved
// one value at a time with PUT /api/study-values. Inputs carry data-field="study.<name>" (study.<name>_<k> for instance
// k ≥ 2 of a repeated variable, which shows its stored instances and one empty input for the next).
import { get, put } from '../api.js';
import { h } from '../dom.js';
import { fieldMessage, fieldOf, partialDateProblem, precisionOf, setFieldError } from './fields.js';

/** Inputs for the variables of {@code level} of the record {@code recordId} (null: not saved yet), or null when none. */
export async function studyInputs(record, level, recordId, title = 'Study variables') {
  const studies = await get(`/api/centres/${record.centreId}/research-studies`);
  const values = await get(`/api/patients/${record.id}/study-values`);
  const variables = studies.flatMap((s) => s.variables.filter((v) => v.level === level && !v.retired).map((v) => ({ ...v, study: s })));
  if (!variables.length) return null;
  const entries = [];
  for (const v of variables) {
    const stored = recordId === null ? [] : values.filter((x) => x.variableId === v.id && x.recordId === recordId).sort((a, b) => a.instance - b.instance);
    // a repeated variable shows its stored instances and one more, empty, for the next value
    const instances = v.repeated ? [...stored.map((x) => x.instance), (stored.length ? stored[stored.length - 1].instance : 0) + 1] : [1];
    for (const instance of instances) {
      entries.push(entryOf(v, instance, stored.find((x) => x.instance === instance) || null));
    }
  }
  const panel = h('section', { class: 'panel', 'aria-labelledby': `study-${level}-${recordId}-title` },
    h('header', {}, h('h2', { id: `study-${level}-${recordId}-title` }, title),
      h('span', { class: 'count' }, [...new Set(variables.map((v) => v.study.code))].join(', '))),
    h('div', { class: 'body form-grid' }, entries.map((e) => e.wrap)));
  return { panel, entries, problems: () => problemsOf(entries) };
}

/** One input of a variable's instance: {variable, instance, field, input, wrap, stored}. */
function entryOf(v, instance, stored) {
  let input;
  if (v.type === 'CATEGORY' || v.type === 'YES_NO') {
    const levels = v.type === 'YES_NO' ? ['yes', 'no'] : v.levels;
    input = h('select', {}, h('option', { value: '' }, '—'), levels.map((l) => h('option', { value: l, selected: stored && stored.value === l ? true : null }, l)));
  } else {
    input = h('input', { type: 'text', autocomplete: 'off', value: stored ? stored.value : '', placeholder: v.type === 'DATE' ? 'yyyy, yyyy-mm or yyyy-mm-dd' : '' });
  }
  const hint = v.type === 'NUMBER' ? [v.unit, rangeText(v)].filter(Boolean).join(' · ') : v.type === 'DATE' ? 'partial dates allowed' : null;
  const field = instance === 1 ? `study.${v.name}` : `study.${v.name}_${instance}`;
  const label = v.repeated ? `${v.label} (${instance})` : v.label;
  const { wrap } = fieldOf(label, field, input, hint);
  if (v.type === 'DATE') {
    const precision = h('span', { class: 'hint precision' });
    input.addEventListener('input', () => {
      const t = input.value.trim();
      precision.textContent = t && !partialDateProblem(t) ? `known to the ${precisionOf(t)}` : '';
    });
    wrap.append(precision);
  }
  return { variable: v, instance, field, input, wrap, stored };
}

function rangeText(v) {
  if (v.min == null && v.max == null) return '';
  return `${v.min == null ? '…' : v.min}–${v.max == null ? '…' : v.max}`;
}

function problemsOf(entries) {
  const out = {};
  for (const { variable: v, input, field } of entries) {
    const t = input.value.trim();
    if (!t) continue;
    if (v.type === 'NUMBER') {
      const n = Number(t.replace(',', '.'));
      if (!/^[-+]?\d*[.,]?\d+$/.test(t) || !Number.isFinite(n)) out[field] = `${v.label}: a number${v.unit ? ` in ${v.unit}` : ''}`;
      else if ((v.min != null && n < v.min) || (v.max != null && n > v.max)) out[field] = `${v.label}: ${t} is outside ${rangeText(v)}${v.unit ? ` ${v.unit}` : ''}`;
    } else if (v.type === 'DATE' && partialDateProblem(t)) {
      out[field] = partialDateProblem(t);
    }
  }
  return out;
}

/** Saves the changed values for record {@code recordId}; a refusal is placed at its field and rethrown. */
export async function saveStudyValues(study, recordId, form) {
  for (const e of study.entries) {
    const t = e.input.value.trim().replace(/^(-?\d*),(\d+)$/, '$1.$2');
    const before = e.stored ? e.stored.value : '';
    if (t === before) continue;
    if (!t && !e.stored) continue;
    const body = { variableId: e.variable.id, recordId, instance: e.instance, value: t || null };
    if (e.stored) body.version = e.stored.version;
    if (!t) body.reason = 'cleared on the form';
    try {
      const saved = await put('/api/study-values', body);
      e.stored = saved.value === null ? null : saved;
    } catch (err) {
      if (err.field) err.field = e.field;
      setFieldError(form, e.field, fieldMessage(err));
      throw err;
    }
  }
}

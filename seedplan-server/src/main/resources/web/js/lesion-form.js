// "Add lesion" on the patient page: what the registry's lesion holds (label, organ, site — segment, lobe or nodal
// station —, target or not, node or not, baseline diameters in mm and the date they were measured), checked here as the
// server checks it (POST /api/patients/{id}/lesions), whose refusals are shown under the field they name.
import { ApiError, post } from './api.js';
import { h, showMessage } from './dom.js';
import { clearAllErrors, dateProblem, fieldMessage, fieldOf, focusFirstError, numberOf, setFieldError } from './forms/fields.js';
import { isoDateInput } from './iso-date.js';

/** Organs offered as you type (any other may be typed). */
const ORGANS = ['liver', 'lung', 'lymph node', 'pancreas', 'kidney', 'adrenal gland', 'bone', 'soft tissue', 'prostate', 'thyroid'];

/**
 * RECIST 1.1 section 3.1.1 (the server's ClinicalApi says the same): a target lesion is measurable from 10 mm in longest
 * diameter, a node from 15 mm in short axis.
 */
const MIN_MEASURABLE_MM = 10;
const MIN_MEASURABLE_NODE_MM = 15;

/** The next free label L1, L2 … among the patient's lesions. */
function nextLabel(lesions) {
  const taken = new Set(lesions.map((l) => l.label));
  let n = 1;
  while (taken.has(`L${n}`)) n += 1;
  return `L${n}`;
}

/** The browser's own checks: {field: message} of what is wrong. */
function problemsOf(f, today) {
  const problems = {};
  if (!f.label.input.value.trim()) problems.label = 'Name the lesion, e.g. L1';
  if (!f.organ.input.value.trim()) problems.organ = 'Give the organ (e.g. liver): RECIST 1.1 takes at most two target lesions per organ';
  for (const key of ['baselineLongestMm', 'baselineShortAxisMm', 'baselineViableMm']) {
    const v = numberOf(f[key].input);
    if (Number.isNaN(v) || (v !== null && (v <= 0 || v > 500))) problems[key] = 'A diameter in mm, more than 0 and at most 500';
  }
  const target = f.target.input.value === 'true';
  const nodal = f.nodal.input.checked;
  const key = nodal ? 'baselineShortAxisMm' : 'baselineLongestMm';
  const measured = numberOf(f[key].input);
  const least = nodal ? MIN_MEASURABLE_NODE_MM : MIN_MEASURABLE_MM;
  if (target && !problems[key] && measured === null) {
    problems[key] = `A target ${nodal ? 'node needs its short axis' : 'lesion needs its longest diameter'} (mm); or make it non-target`;
  } else if (target && !problems[key] && measured < least) {
    problems[key] = `Not measurable: RECIST 1.1 needs at least ${least} mm for a target ${nodal ? 'node (short axis)' : 'lesion'}`;
  }
  const date = f.baselineDate.input.value.trim();
  const anyDiameter = ['baselineLongestMm', 'baselineShortAxisMm', 'baselineViableMm'].some((k) => f[k].input.value.trim());
  if (!date && anyDiameter) problems.baselineDate = 'Give the date of the scan the diameters were measured on (yyyy-mm-dd)';
  else if (date && dateProblem(date)) problems.baselineDate = dateProblem(date);
  else if (date && today && date > today) problems.baselineDate = `${date} is in the future (today is ${today})`;
  return problems;
}

/** The body the API takes. */
function bodyOf(f) {
  const n = (key) => numberOf(f[key].input);
  return {
    label: f.label.input.value.trim(), organ: f.organ.input.value.trim(), site: f.site.input.value.trim() || null,
    target: f.target.input.value === 'true', nodal: f.nodal.input.checked, baselineLongestMm: n('baselineLongestMm'),
    baselineShortAxisMm: n('baselineShortAxisMm'), baselineViableMm: n('baselineViableMm'), baselineDate: f.baselineDate.input.value.trim() || null,
  };
}

/**
 * The add-lesion form of patient `patient` (GET /api/patients/{id}), hidden until opened; calls onSaved(lesion) after the
 * server stored it. Returns {opener, form}.
 */
export function lesionForm(patient, onSaved) {
  const today = new Date().toISOString().slice(0, 10);
  const f = {
    label: fieldOf('Label', 'label', h('input', { type: 'text', class: 'short', value: nextLabel(patient.lesions || []) })),
    organ: fieldOf('Organ', 'organ', h('input', { type: 'text', list: 'lesion-organs', autocomplete: 'off' })),
    site: fieldOf('Site', 'site', h('input', { type: 'text', placeholder: 'e.g. segment VII, right upper lobe' }), 'segment, lobe or nodal station; side'),
    target: fieldOf('RECIST', 'target', h('select', {}, h('option', { value: 'true' }, 'target'), h('option', { value: 'false' }, 'non-target'))),
    nodal: fieldOf(null, 'nodal', h('input', { type: 'checkbox' })),
    baselineLongestMm: fieldOf('Longest (mm)', 'baselineLongestMm', h('input', { type: 'text', inputmode: 'decimal', class: 'mm' })),
    baselineShortAxisMm: fieldOf('Short axis (mm)', 'baselineShortAxisMm', h('input', { type: 'text', inputmode: 'decimal', class: 'mm' }), 'nodes'),
    baselineViableMm: fieldOf('Viable (mm)', 'baselineViableMm', h('input', { type: 'text', inputmode: 'decimal', class: 'mm' }), 'enhancing part, mRECIST'),
    baselineDate: fieldOf('Measured on', 'baselineDate', isoDateInput({})),
  };
  // the checkbox's label wraps it (the forms' style for a yes/no field)
  f.nodal.wrap.prepend(h('label', {}, f.nodal.input, 'lymph node'));
  const message = h('p', { class: 'message', role: 'status', hidden: true });
  const cancel = h('button', { type: 'button', id: 'lesion-cancel' }, 'Cancel');
  const form = h('form', { id: 'lesion-form', class: 'body form-row', novalidate: true, hidden: true, 'aria-label': 'Add lesion' },
    Object.values(f).map((x) => x.wrap), h('datalist', { id: 'lesion-organs' }, ORGANS.map((o) => h('option', { value: o }))),
    h('div', { class: 'field' }, h('span', { class: 'hint' }, ' '), h('div', { class: 'row' }, cancel,
      h('button', { type: 'submit', class: 'primary', id: 'lesion-save' }, 'Save lesion'))), message);
  const opener = h('button', { type: 'button', id: 'add-lesion', 'data-needs': 'EDIT_REGISTRY' }, 'Add lesion');
  opener.addEventListener('click', () => {
    form.hidden = false;
    opener.disabled = true;
    f.organ.input.focus();
  });
  cancel.addEventListener('click', () => {
    form.hidden = true;
    opener.disabled = false;
    clearAllErrors(form);
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearAllErrors(form);
    showMessage(message, 'info', '');
    const problems = problemsOf(f, today);
    if (Object.keys(problems).length) {
      for (const [field, text] of Object.entries(problems)) setFieldError(form, field, text);
      focusFirstError(form);
      return;
    }
    try {
      onSaved(await post(`/api/patients/${patient.id}/lesions`, bodyOf(f)));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (!(err.field && setFieldError(form, err.field, fieldMessage(err)))) showMessage(message, 'error', err.message);
      focusFirstError(form);
    }
  });
  return { opener, form };
}

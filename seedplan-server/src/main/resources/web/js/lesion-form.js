// "Add lesion" and "Edit" of a lesion on the patient page: what the registry's lesion holds (label, organ, site — segment,
// lobe or nodal station —, target or not, node or not, baseline diameters in mm and the date they were measured), checked
// here as the server checks it (POST /api/patients/{id}/lesions, PUT /api/lesions/{id} with the version read), whose
// refusals are shown under the field they name; a change someone else saved first (409) is said, with a reload.
import { ApiError, post, put } from './api.js';
import { h, showMessage } from './dom.js';
import { clearAllErrors, clearFieldError, dateProblem, fieldMessage, fieldOf, focusFirstError, numberOf, setFieldError } from './forms/fields.js';
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

/** The browser's own checks: {field: message} of what is wrong; `others`: the patient's other lesions. */
function problemsOf(f, today, others) {
  const problems = {};
  const label = f.label.input.value.trim();
  if (!label) problems.label = 'Name the lesion, e.g. L1';
  else if (others.some((l) => l.label === label)) problems.label = `${label} is already a lesion of this patient; choose another label`;
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

/** The text a lesion's stored value takes in its field ('' when not recorded). */
const shown = (v) => (v === null || v === undefined ? '' : String(v));

/**
 * The lesion form of patient `patient` (GET /api/patients/{id}), hidden until opened: empty to add a lesion (the opener), or
 * filled with a stored lesion's values by edit(lesion) to change it at the version it was read; calls onSaved(lesion) after the
 * server stored it. Returns {opener, form, edit}.
 */
export function lesionForm(patient, onSaved) {
  const today = new Date().toISOString().slice(0, 10);
  const lesions = patient.lesions || [];
  const f = {
    label: fieldOf('Label', 'label', h('input', { type: 'text', class: 'short' })),
    organ: fieldOf('Organ', 'organ', h('input', { type: 'text', list: 'lesion-organs', autocomplete: 'off' })),
    site: fieldOf('Site', 'site', h('input', { type: 'text', placeholder: 'e.g. segment VII, right upper lobe' }), 'segment, lobe or nodal station; side'),
    target: fieldOf('RECIST', 'target', h('select', {}, h('option', { value: 'true' }, 'target'), h('option', { value: 'false' }, 'non-target'))),
    nodal: fieldOf(null, 'nodal', h('input', { type: 'checkbox' })),
    baselineLongestMm: fieldOf('Longest (mm)', 'baselineLongestMm', h('input', { type: 'text', inputmode: 'decimal', class: 'mm' })),
    baselineShortAxisMm: fieldOf('Short axis (mm)', 'baselineShortAxisMm', h('input', { type: 'text', inputmode: 'decimal', class: 'mm' }), 'nodes'),
    baselineViableMm: fieldOf('Viable (mm)', 'baselineViableMm', h('input', { type: 'text', inputmode: 'decimal', class: 'mm' }), 'enhancing part, mRECIST'),
    baselineDate: fieldOf('Measured on', 'baselineDate', isoDateInput({})),
  };
  // why a stored lesion is changed: kept with each changed field in the audit trail (optional, as the API takes it)
  const reason = fieldOf('Reason for the change', 'reason', h('input', { type: 'text', class: 'reason', placeholder: 'e.g. re-measured on the portal phase' }),
    'kept in the audit trail');
  // the checkbox's label wraps it (the forms' style for a yes/no field)
  f.nodal.wrap.prepend(h('label', {}, f.nodal.input, 'lymph node'));
  const title = h('h3', { id: 'lesion-form-title', class: 'form-title' });
  const message = h('p', { class: 'message', id: 'lesion-message', role: 'status', hidden: true });
  const reload = h('button', { type: 'button', id: 'lesion-reload', hidden: true, onclick: () => location.reload() }, 'Reload the page');
  const cancel = h('button', { type: 'button', id: 'lesion-cancel' }, 'Cancel');
  const save = h('button', { type: 'submit', class: 'primary', id: 'lesion-save' }, 'Save lesion');
  const form = h('form', { id: 'lesion-form', class: 'body', novalidate: true, hidden: true, 'aria-labelledby': title.id }, title,
    h('div', { class: 'form-row' }, Object.values(f).map((x) => x.wrap), reason.wrap,
      h('datalist', { id: 'lesion-organs' }, ORGANS.map((o) => h('option', { value: o }))),
      h('div', { class: 'field' }, h('span', { class: 'hint' }, ' '), h('div', { class: 'row' }, cancel, save))), h('div', { class: 'form-actions' }, message, reload));
  const opener = h('button', { type: 'button', id: 'add-lesion', 'data-needs': 'EDIT_REGISTRY' }, 'Add lesion');
  /** The stored lesion being changed, null when adding one. */
  let editing = null;

  /** Marks the table row of the lesion being edited (tinted, aria-current for a screen reader); none when null. */
  const markRow = (lesion) => {
    for (const row of document.querySelectorAll('#lesions tbody tr.editing')) {
      row.classList.remove('editing');
      row.removeAttribute('aria-current');
    }
    const row = lesion && document.querySelector(`#lesions .edit-lesion[data-lesion-id="${lesion.id}"]`)?.closest('tr');
    if (row) {
      row.classList.add('editing');
      row.setAttribute('aria-current', 'true');
    }
  };

  const open = (lesion) => {
    editing = lesion;
    markRow(lesion);
    clearAllErrors(form);
    showMessage(message, 'info', '');
    reload.hidden = true;
    const v = lesion || { label: nextLabel(lesions), target: true, nodal: false };
    f.label.input.value = shown(v.label);
    f.organ.input.value = shown(v.organ);
    f.site.input.value = shown(v.site);
    f.target.input.value = String(v.target !== false);
    f.nodal.input.checked = v.nodal === true;
    for (const key of ['baselineLongestMm', 'baselineShortAxisMm', 'baselineViableMm', 'baselineDate']) f[key].input.value = shown(v[key]);
    reason.input.value = '';
    reason.wrap.hidden = !lesion;
    title.textContent = lesion ? `Edit lesion ${lesion.label}` : 'Add lesion';
    save.textContent = lesion ? 'Save changes' : 'Save lesion';
    form.hidden = false;
    opener.disabled = true;
    form.scrollIntoView({ block: 'nearest' });
    (lesion ? f.label : f.organ).input.focus();
  };
  opener.addEventListener('click', () => open(null));
  // a field's message goes once the field is typed in again
  form.addEventListener('input', (e) => { if (e.target.dataset.field) clearFieldError(form, e.target.dataset.field); });
  cancel.addEventListener('click', () => {
    form.hidden = true;
    opener.disabled = false;
    editing = null;
    markRow(null);
    clearAllErrors(form);
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearAllErrors(form);
    showMessage(message, 'info', '');
    const problems = problemsOf(f, today, lesions.filter((l) => !editing || l.id !== editing.id));
    if (Object.keys(problems).length) {
      for (const [field, text] of Object.entries(problems)) setFieldError(form, field, text);
      focusFirstError(form);
      return;
    }
    try {
      onSaved(editing
        ? await put(`/api/lesions/${editing.id}`, { ...bodyOf(f), version: editing.version, reason: reason.input.value.trim() || null })
        : await post(`/api/patients/${patient.id}/lesions`, bodyOf(f)));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 409 && editing) {
        showMessage(message, 'error', `Lesion ${editing.label} was changed by someone else after this page was loaded, so your change`
          + ' was not saved. Reload the page to see the stored values, then make your change again.');
        reload.hidden = false;
        reload.focus();
        return;
      }
      if (!(err.field && setFieldError(form, err.field, fieldMessage(err)))) showMessage(message, 'error', err.message);
      focusFirstError(form);
    }
  });
  return { opener, form, edit: open };
}

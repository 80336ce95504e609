// Study variables of the caller's centres (forms-studies.html): every study with its variables; a centre's
// administrator creates a study (optionally from the seed-implant template), applies the template, defines a
// variable (name, label, type with unit and range or levels, record level, repeated) and retires one. Refusals are
// shown at the field the server names.
import { ApiError, get, post, put } from '../api.js';
import { h, replace, showMessage } from '../dom.js';
import { centresOf, requireSession } from '../session.js';
import '../components/sp-app-header.js';
import { clearAllErrors, fieldMessage, fieldOf, focusFirstError, setFieldError } from './fields.js';

const pageError = document.getElementById('error');
const LEVELS = { PATIENT: 'patient', LESION: 'lesion', VISIT: 'visit' };
const TYPES = { NUMBER: 'number', CATEGORY: 'category', DATE: 'date', YES_NO: 'yes/no' };

function describe(v) {
  if (v.type === 'NUMBER') {
    const range = v.min == null && v.max == null ? '' : ` ${v.min == null ? '…' : v.min}–${v.max == null ? '…' : v.max}`;
    return `number${v.unit ? ` (${v.unit})` : ''}${range}`;
  }
  if (v.type === 'CATEGORY') return v.levels.join(' · ');
  return TYPES[v.type];
}

/** Submits a form's body; a refusal goes to its field, or to the form's message. */
function wire(form, message, send) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearAllErrors(form);
    showMessage(message, 'info', '');
    try {
      await send();
      await render();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (!(err.field && setFieldError(form, err.field, fieldMessage(err)))) showMessage(message, 'error', err.message);
      focusFirstError(form);
    }
  });
}

function variableForm(study) {
  const name = fieldOf('Name (column)', 'name', h('input', { type: 'text', placeholder: 'afp_group' }), 'lower case, digits, _');
  const label = fieldOf('Label on the form', 'label', h('input', { type: 'text', placeholder: 'AFP group' }));
  const type = fieldOf('Type', 'type', h('select', {}, Object.entries(TYPES).map(([k, t]) => h('option', { value: k }, t))));
  const unit = fieldOf('Unit', 'unit', h('input', { type: 'text', class: 'short' }));
  const min = fieldOf('Min', 'min', h('input', { type: 'text', class: 'short', inputmode: 'decimal' }));
  const max = fieldOf('Max', 'max', h('input', { type: 'text', class: 'short', inputmode: 'decimal' }));
  const levels = fieldOf('Levels', 'levels', h('input', { type: 'text', placeholder: '<400 | ≥400' }), 'separated by |');
  const level = fieldOf('Record', 'level', h('select', {}, Object.entries(LEVELS).map(([k, t]) => h('option', { value: k }, t))));
  const repeated = h('input', { type: 'checkbox' });
  const message = h('p', { class: 'message', role: 'status', hidden: true });
  const form = h('form', { class: 'body form-row', novalidate: true, 'data-study': study.code }, name.wrap, label.wrap, type.wrap, unit.wrap, min.wrap,
    max.wrap, levels.wrap, level.wrap, h('div', { class: 'field' }, h('label', {}, repeated, ' repeated')),
    h('div', { class: 'field' }, h('span', { class: 'hint' }, ' '), h('button', { type: 'submit', class: 'primary' }, 'Define variable')), message);
  const number = (input) => (input.value.trim() === '' ? null : Number(input.value.trim().replace(',', '.')));
  wire(form, message, () => {
    const t = type.input.value;
    const problems = {};
    for (const [f, i] of [['min', min.input], ['max', max.input]]) {
      if (t === 'NUMBER' && i.value.trim() && Number.isNaN(number(i))) problems[f] = 'A number';
    }
    if (Object.keys(problems).length) {
      for (const [f, text] of Object.entries(problems)) setFieldError(form, f, text);
      return Promise.reject(new ApiError(400, { detail: 'check the marked fields' }));
    }
    return post(`/api/research-studies/${study.id}/variables`, {
      name: name.input.value.trim(), label: label.input.value.trim(), type: t, level: level.input.value, repeated: repeated.checked,
      unit: t === 'NUMBER' ? unit.input.value.trim() || null : null, min: t === 'NUMBER' ? number(min.input) : null,
      max: t === 'NUMBER' ? number(max.input) : null,
      levels: t === 'CATEGORY' ? levels.input.value.split('|').map((x) => x.trim()).filter(Boolean) : [],
    });
  });
  return form;
}

function studyPanel(study, admin) {
  const rows = study.variables.map((v) => h('tr', { class: v.retired ? 'retired' : null, 'data-variable': v.name },
    h('td', { class: 'mono' }, v.name), h('td', {}, v.label), h('td', {}, LEVELS[v.level]), h('td', {}, describe(v)),
    h('td', {}, v.repeated ? 'yes' : 'no'), h('td', { class: 'num' }, String(v.version)),
    h('td', {}, v.retired ? 'retired' : admin ? h('button', { type: 'button', onclick: async () => {
      await put(`/api/study-variables/${v.id}`, { version: v.version, retired: true, reason: 'retired on the study-variables screen' });
      await render();
    } }, 'Retire') : '')));
  const template = admin ? h('button', { type: 'button', onclick: async () => {
    await post(`/api/research-studies/${study.id}/template`, { template: 'seed-implant' });
    await render();
  } }, 'Add the seed-implant template') : null;
  return h('section', { class: 'panel', 'aria-labelledby': `study-${study.id}` },
    h('header', {}, h('h2', { id: `study-${study.id}` }, `${study.code} · ${study.name}`), h('span', { class: 'count' }, String(study.variables.length)),
      h('div', { class: 'spacer' }), template),
    rows.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Name', 'Label', 'Record', 'Values', 'Repeated', 'Version', ''].map((c) => h('th', {}, c)))),
      h('tbody', {}, rows)) : h('p', { class: 'empty' }, 'No variable yet.'),
    admin ? variableForm(study) : null);
}

function newStudyForm(centre) {
  const code = fieldOf('Code', 'code', h('input', { type: 'text', class: 'short' }));
  const name = fieldOf('Title', 'name', h('input', { type: 'text' }));
  const template = h('input', { type: 'checkbox', checked: true });
  const message = h('p', { class: 'message', role: 'status', hidden: true });
  const form = h('form', { class: 'body form-row', novalidate: true, id: `new-study-${centre.id}` }, code.wrap, name.wrap,
    h('div', { class: 'field' }, h('label', {}, template, ' start from the seed-implant template')),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Create study')), message);
  wire(form, message, () => post(`/api/centres/${centre.id}/research-studies`, { code: code.input.value.trim(), name: name.input.value.trim(),
    template: template.checked ? 'seed-implant' : null }));
  return h('section', { class: 'panel' }, h('header', {}, h('h2', {}, `New study of ${centre.name}`)), form);
}

let session = null;

async function render() {
  const blocks = [];
  for (const centre of centresOf(session)) {
    if (!centre.permissions.has('READ_REGISTRY')) continue; // a role that does not read the registry (statistician)
    const admin = centre.permissions.has('DEFINE_STUDY');
    const studies = await get(`/api/centres/${centre.id}/research-studies`);
    blocks.push(h('h2', { class: 'centre-title' }, centre.name));
    studies.forEach((s) => blocks.push(studyPanel(s, admin)));
    if (!studies.length) blocks.push(h('p', { class: 'empty' }, 'No research study in this centre yet.'));
    if (admin) blocks.push(newStudyForm(centre));
  }
  replace(document.getElementById('centres'), blocks);
}

async function main() {
  session = await requireSession();
  if (!session) return;
  document.querySelector('sp-app-header').setSession(session);
  try {
    await render();
  } catch (e) {
    showMessage(pageError, 'error', `The studies could not be loaded: ${e.message}`);
  }
}

main();

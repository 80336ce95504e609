// The follow-up visit form (visit.html?patient=ID[&visit=VISIT_ID]): date, pain (NRS), KPS, target-lesion measurements
// with the RECIST 1.1 / mRECIST response computed as they are typed and the rule that produced it, non-target and new
// lesions, the 30 QLQ-C30 items with the scale scores, laboratory values and the study variables of the visit level.
// Checks run at the field as the nurse types; on saving, the server checks again (its response is authoritative) and
// a refusal is shown under the field it names.
import { ApiError, get, post, put } from '../api.js';
import { h, replace, showMessage } from '../dom.js';
import { personName } from '../format.js';
import { offerOnly, permissionsIn, requireSession } from '../session.js';
import '../components/sp-app-header.js';
import { CRITERIA, assess, at } from './response.js';
import { SCALES, maxAnswer, scores, valid } from './qlq.js';
import { clearAllErrors, clearFieldError, dateProblem, fieldMessage, fieldOf, focusFirstError, integerOf, numberOf, setFieldError } from './fields.js';
import { studyInputs, saveStudyValues } from './study-values.js';

const form = document.getElementById('visit-form');
const pageError = document.getElementById('error');
const saveMessage = document.getElementById('save-message');
let record = null; // GET /api/patients/{id}/follow-up
let editing = null; // the visit being edited, or null
let criterion = 'RECIST_1_1';
let study = null; // study-variable inputs of the visit level
const inputs = {};

function option(value, label, selected) {
  return h('option', { value, selected: selected ? true : null }, label);
}

function textInput(attrs = {}) {
  return h('input', { type: 'text', autocomplete: 'off', ...attrs });
}

function visitPanel(v) {
  inputs.visitDate = textInput({ placeholder: 'yyyy-mm-dd', inputmode: 'numeric', value: v ? v.visitDate : '', class: 'date' });
  inputs.nrsPain = textInput({ inputmode: 'numeric', value: v && v.nrsPain != null ? v.nrsPain : '', class: 'short' });
  inputs.kps = h('select', {}, option('', '—'), [100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0].map((k) => option(k, String(k), v && v.kps === k)));
  inputs.newLesion = h('select', {}, option('', 'not assessed', v && v.newLesion == null), option('false', 'no', v && v.newLesion === false),
    option('true', 'yes', v && v.newLesion === true));
  inputs.nonTarget = h('select', {}, option('', 'not assessed'), [['CR', 'CR (disappeared)'], ['NON_CR_NON_PD', 'non-CR / non-PD'],
    ['PD', 'PD (unequivocal progression)'], ['NE', 'not evaluable']].map(([c, l]) => option(c, l, v && v.nonTarget === c)));
  const row = h('div', { class: 'form-row' },
    fieldOf('Visit date', 'visitDate', inputs.visitDate, record.firstImplantDate ? `implant ${record.firstImplantDate}` : 'no implant recorded').wrap,
    fieldOf('Pain (NRS 0–10)', 'nrsPain', inputs.nrsPain, '0 none · 10 worst').wrap,
    fieldOf('KPS', 'kps', inputs.kps).wrap,
    fieldOf('New lesion', 'newLesion', inputs.newLesion).wrap,
    fieldOf('Non-target lesions', 'nonTarget', inputs.nonTarget).wrap);
  return h('section', { class: 'panel', 'aria-labelledby': 'visit-title' }, h('header', {}, h('h2', { id: 'visit-title' }, 'Visit')), h('div', { class: 'body' }, row));
}

function lesionPanel(v) {
  const targets = record.lesions.filter((l) => l.target);
  const nonTargets = record.lesions.filter((l) => !l.target);
  const choice = h('div', { class: 'criterion', role: 'radiogroup', 'aria-label': 'Response criterion' },
    Object.entries(CRITERIA).map(([code, c]) => h('label', {}, h('input', { type: 'radio', name: 'criterion', value: code, checked: code === criterion ? true : null,
      onchange: () => { criterion = code; update(); } }), ` ${c.label}`)));
  const rows = [];
  for (const l of record.lesions) {
    const m = v ? (v.measurements || []).find((x) => x.lesionId === l.id) : null;
    const cell = (name, value) => {
      const input = textInput({ inputmode: 'decimal', class: 'mm', value: value == null ? '' : value, 'aria-label': `${l.label} ${name}` });
      inputs[`measurements.${l.id}.${name}`] = input;
      return h('td', { class: 'num' }, fieldOf(null, `measurements.${l.id}.${name}`, input).wrap);
    };
    rows.push(h('tr', { 'data-lesion': l.label },
      h('th', { scope: 'row' }, l.label), h('td', {}, [l.organ, l.site].filter(Boolean).join(' · ') || '—'),
      h('td', {}, `${l.target ? 'target' : 'non-target'}${l.nodal ? ', node (short axis)' : ''}`),
      h('td', { class: 'num' }, baselineText(l)),
      cell('longestMm', m ? m.longestMm : null), cell('shortAxisMm', m ? m.shortAxisMm : null), cell('viableMm', m ? m.viableMm : null)));
  }
  const table = record.lesions.length ? h('table', { class: 'measure' },
    h('thead', {}, h('tr', {}, ['Lesion', 'Organ', 'Kind', 'Baseline', 'Longest (mm)', 'Short axis (mm)', 'Viable (mm)'].map((t, i) =>
      h('th', { scope: 'col', class: i >= 3 ? 'num' : null }, t)))), h('tbody', {}, rows))
    : h('p', { class: 'empty' }, 'No lesion recorded at baseline: record the lesions on the patient page first.');
  const result = h('div', { id: 'response', class: 'response', 'aria-live': 'polite', 'data-field': 'response' });
  return h('section', { class: 'panel', 'aria-labelledby': 'lesions-title' },
    h('header', {}, h('h2', { id: 'lesions-title' }, 'Lesions and response'), h('span', { class: 'count' },
      `${targets.length} target${targets.length === 1 ? '' : 's'}, ${nonTargets.length} non-target`), h('div', { class: 'spacer' }), choice),
    table, result);
}

function baselineText(l) {
  const parts = [];
  if (l.nodal ? l.baselineShortAxisMm != null : l.baselineLongestMm != null) parts.push(`${l.nodal ? l.baselineShortAxisMm : l.baselineLongestMm} mm`);
  if (l.baselineViableMm != null) parts.push(`viable ${l.baselineViableMm} mm`);
  return parts.join(' · ') || '—';
}

function qlqPanel(v) {
  const items = [];
  for (let i = 1; i <= 30; i++) {
    const value = v && v.qlqC30 && v.qlqC30[i] != null ? v.qlqC30[i] : '';
    const input = textInput({ inputmode: 'numeric', class: 'answer', value, 'aria-label': `QLQ-C30 item ${i}` });
    inputs[`qlqC30.${i}`] = input;
    items.push(fieldOf(`${i}`, `qlqC30.${i}`, input, i >= 29 ? '1–7' : '1–4').wrap);
  }
  const body = h('tbody', {}, SCALES.map((s) => h('tr', {}, h('th', { scope: 'row' }, s.title), h('td', { class: 'mono' }, s.code),
    h('td', { class: 'num', id: `score-${s.code}` }, '—'))), h('tr', {}, h('th', { scope: 'row' }, 'Summary score'), h('td', { class: 'mono' }, 'SUM'),
    h('td', { class: 'num', id: 'score-SUMMARY' }, '—')));
  return h('section', { class: 'panel', 'aria-labelledby': 'qlq-title' },
    h('header', {}, h('h2', { id: 'qlq-title' }, 'Quality of life: EORTC QLQ-C30'),
      h('span', { class: 'hint' }, 'answers as ticked on the questionnaire: items 1–28 from 1 (not at all) to 4 (very much); 29–30 from 1 (very poor) to 7 (excellent)')),
    h('div', { class: 'qlq' }, h('div', { class: 'items' }, items),
      h('table', { class: 'scores' }, h('thead', {}, h('tr', {}, h('th', {}, 'Scale'), h('th', {}, ''), h('th', { class: 'num' }, 'Score 0–100'))), body)));
}

function labPanel(v) {
  const list = h('tbody', { id: 'labs' });
  const addRow = (lab) => {
    const i = list.children.length;
    const name = textInput({ value: lab ? lab.name : '', placeholder: 'AFP', class: 'lab-name' });
    const value = textInput({ inputmode: 'decimal', value: lab ? lab.value : '', class: 'mm' });
    const unit = textInput({ value: lab ? lab.unit : '', placeholder: 'ng/mL', class: 'lab-unit' });
    list.append(h('tr', {}, h('td', {}, fieldOf(null, `labs.${i}.name`, name).wrap), h('td', {}, fieldOf(null, `labs.${i}.value`, value).wrap),
      h('td', {}, fieldOf(null, `labs.${i}.unit`, unit).wrap)));
  };
  (v && v.labs && v.labs.length ? v.labs : [null, null]).forEach(addRow);
  return h('section', { class: 'panel', 'aria-labelledby': 'labs-title' },
    h('header', {}, h('h2', { id: 'labs-title' }, 'Laboratory values'), h('div', { class: 'spacer' }),
      h('button', { type: 'button', onclick: () => addRow(null) }, 'Add a value')),
    h('table', { class: 'labs' }, h('thead', {}, h('tr', {}, h('th', {}, 'Analyte'), h('th', {}, 'Value'), h('th', {}, 'Unit'))), list));
}

/** The form's content as the API's body, with the problems the browser finds (field → text). */
function collect() {
  const problems = {};
  const body = {};
  const date = inputs.visitDate.value.trim();
  if (!date) problems.visitDate = 'Type the date of the visit (yyyy-mm-dd)';
  else if (dateProblem(date)) problems.visitDate = dateProblem(date);
  else if (date > record.today) problems.visitDate = `${date} is in the future (today is ${record.today})`;
  else if (record.birthDate && date < record.birthDate) problems.visitDate = `${date} is before the patient's birth (${record.birthDate})`;
  else if (record.deathDate && date > record.deathDate) problems.visitDate = `${date} is after the patient's death (${record.deathDate})`;
  body.visitDate = date;
  const nrs = integerOf(inputs.nrsPain);
  if (Number.isNaN(nrs) || (nrs !== null && (nrs < 0 || nrs > 10))) problems.nrsPain = 'NRS is a whole number from 0 (no pain) to 10 (worst pain)';
  body.nrsPain = Number.isNaN(nrs) ? null : nrs;
  body.kps = inputs.kps.value === '' ? null : Number(inputs.kps.value);
  body.newLesion = inputs.newLesion.value === '' ? null : inputs.newLesion.value === 'true';
  body.nonTarget = inputs.nonTarget.value || null;
  body.measurements = [];
  for (const l of record.lesions) {
    const m = { lesionId: l.id };
    let any = false;
    for (const name of ['longestMm', 'shortAxisMm', 'viableMm']) {
      const field = `measurements.${l.id}.${name}`;
      const value = numberOf(inputs[field]);
      if (Number.isNaN(value) || (value !== null && (value < 0 || value > 500))) problems[field] = 'A diameter 0–500 mm';
      m[name] = Number.isNaN(value) ? null : value;
      any = any || m[name] !== null;
    }
    if (m.viableMm !== null && m.longestMm !== null && m.viableMm > m.longestMm) {
      problems[`measurements.${l.id}.viableMm`] = `The viable part (${m.viableMm} mm) cannot be larger than the lesion (${m.longestMm} mm)`;
    }
    if (m.shortAxisMm !== null && m.longestMm !== null && m.shortAxisMm > m.longestMm) {
      problems[`measurements.${l.id}.shortAxisMm`] = `The short axis (${m.shortAxisMm} mm) cannot be longer than the longest diameter (${m.longestMm} mm)`;
    }
    if (any) body.measurements.push(m);
  }
  body.qlqC30 = {};
  for (let i = 1; i <= 30; i++) {
    const a = integerOf(inputs[`qlqC30.${i}`]);
    if (a === null) continue;
    if (Number.isNaN(a) || !valid(i, a)) problems[`qlqC30.${i}`] = `1–${maxAnswer(i)}`;
    else body.qlqC30[i] = a;
  }
  body.labs = [];
  form.querySelectorAll('#labs tr').forEach((tr, i) => {
    const [name, value, unit] = tr.querySelectorAll('input');
    if (!name.value.trim() && !value.value.trim() && !unit.value.trim()) return;
    const v = numberOf(value);
    if (!name.value.trim()) problems[`labs.${i}.name`] = 'Name the analyte';
    if (v === null || Number.isNaN(v) || v < 0) problems[`labs.${i}.value`] = 'A number ≥ 0';
    if (!unit.value.trim()) problems[`labs.${i}.unit`] = 'Give the unit';
    body.labs.push({ name: name.value.trim(), value: v, unit: unit.value.trim() });
  });
  return { body, problems };
}

/** Recomputes the response and the QLQ-C30 scores and shows the field problems of what was typed. */
function update(event) {
  const { body, problems } = collect();
  if (event && event.target && event.target.dataset.field) {
    const field = event.target.dataset.field;
    clearFieldError(form, field);
    if (problems[field] && event.type === 'change') setFieldError(form, field, problems[field]);
    // the "not saved" line goes once every marked field is corrected
    if (!form.querySelector('[aria-invalid="true"]') && saveMessage.classList.contains('error')) showMessage(saveMessage, 'error', '');
  }
  showResponse(body);
  const s = scores(body.qlqC30);
  for (const [code, value] of Object.entries(s)) {
    const cell = document.getElementById(`score-${code}`);
    cell.textContent = value === null ? '—' : value.toFixed(1);
    if (value === null) delete cell.dataset.score;
    else cell.dataset.score = String(value);
  }
  return { body, problems };
}

function candidateVisits(body) {
  const others = record.visits.filter((v) => !editing || v.id !== editing.id);
  return [...others, body];
}

function showResponse(body) {
  const box = document.getElementById('response');
  box.classList.remove('disagree');
  const responses = assess(criterion, record.firstImplantDate, record.lesions, candidateVisits(body));
  const label = CRITERIA[criterion].label;
  if (!record.firstImplantDate) {
    replace(box, h('p', { class: 'muted' }, 'No implant recorded: the response is counted from the implant.'));
    return null;
  }
  if (responses === null) {
    replace(box, h('p', { class: 'muted' }, `The patient cannot be assessed by ${label}: every target lesion needs its baseline`
      + (criterion === 'MRECIST' ? ' viable diameter.' : ' diameter.')));
    return null;
  }
  if (!body.visitDate || dateProblem(body.visitDate)) {
    replace(box, h('p', { class: 'muted' }, 'Type the visit date to see the response.'));
    return null;
  }
  const r = at(responses, body.visitDate);
  if (!r) {
    replace(box, h('p', { class: 'muted' }, body.visitDate <= record.firstImplantDate
      ? 'A visit on or before the implant day is a baseline visit: no response.'
      : 'Measure the target lesions, or assess the non-target or new lesions, to see the response.'));
    return null;
  }
  const sumLine = r.sumMm === null ? null : h('dl', { class: 'sums' },
    h('dt', {}, 'Sum now'), h('dd', { id: 'sum-now' }, `${round(r.sumMm)} mm`),
    h('dt', {}, 'Baseline'), h('dd', {}, `${round(r.baselineMm)} mm`),
    h('dt', {}, 'Nadir before'), h('dd', {}, `${round(r.nadirMm)} mm`));
  replace(box,
    h('div', { class: 'verdict' },
      h('span', { class: `resp ${r.overall}`, id: 'overall-response', 'data-response': r.overall }, r.overall.replace(/_/g, '-')),
      h('div', {}, h('div', { class: 'criterion-name' }, `${label} · overall response`),
        h('div', { id: 'overall-rule' }, r.overallRule))),
    r.target === null ? null : h('p', { class: 'rule', id: 'target-rule', 'data-target': r.target }, `Target lesions — ${r.rule}`),
    sumLine);
  return r;
}

function round(x) {
  return Math.round(x * 10) / 10;
}

async function save(event) {
  event.preventDefault();
  showMessage(saveMessage, 'info', '');
  clearAllErrors(form);
  const { body, problems } = update();
  const studyProblems = study ? study.problems() : {};
  Object.assign(problems, studyProblems);
  for (const [field, text] of Object.entries(problems)) setFieldError(form, field, text);
  if (Object.keys(problems).length) {
    showMessage(saveMessage, 'error', `Not saved: ${Object.keys(problems).length} field${Object.keys(problems).length === 1 ? '' : 's'} to correct (marked in red).`);
    focusFirstError(form);
    return;
  }
  const r = at(assess(criterion, record.firstImplantDate, record.lesions, candidateVisits(body)), body.visitDate);
  if (r) body.response = { criterion, target: r.target, overall: r.overall };
  const button = document.getElementById('save');
  button.disabled = true;
  try {
    const saved = editing
      ? await put(`/api/visit-forms/${editing.id}`, { ...body, version: editing.version })
      : await post(`/api/patients/${record.id}/visit-forms`, body);
    if (study) await saveStudyValues(study, saved.id, form);
    const server = saved.responses && saved.responses[criterion];
    editing = saved;
    record = await get(`/api/patients/${record.id}/follow-up`);
    editing = record.visits.find((v) => v.id === saved.id) || saved;
    history.replaceState(null, '', `/visit.html?patient=${record.id}&visit=${saved.id}`);
    showMessage(saveMessage, 'ok', `Saved the visit of ${saved.visitDate}` + (server ? `; the server confirms ${CRITERIA[criterion].label} ${server.overall.replace(/_/g, '-')}.` : '.'));
    document.getElementById('save').textContent = 'Save changes';
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const placed = e.field && setFieldError(form, e.field, fieldMessage(e));
    if (e.field === 'response') document.getElementById('response').classList.add('disagree');
    showMessage(saveMessage, 'error', placed ? 'Not saved: the server refused a field (marked in red).' : `Not saved: ${e.message}`);
    focusFirstError(form);
  } finally {
    button.disabled = false;
  }
}

async function main() {
  const session = await requireSession();
  if (!session) return;
  document.querySelector('sp-app-header').setSession(session);
  const params = new URLSearchParams(location.search);
  const id = params.get('patient');
  if (!id || !/^\d+$/.test(id)) {
    showMessage(pageError, 'error', 'No patient chosen: open the visit form from a patient page.');
    return;
  }
  try {
    record = await get(`/api/patients/${id}/follow-up`);
  } catch (e) {
    showMessage(pageError, 'error', e.status === 404 ? 'This patient does not exist or is not in one of your centres.'
      : `The patient could not be loaded: ${e.message}`);
    return;
  }
  const allowed = permissionsIn(session, record.centreId);
  offerOnly(allowed);
  const visitId = params.get('visit');
  editing = visitId ? record.visits.find((v) => String(v.id) === visitId) || null : null;
  const name = personName(record.familyName, record.givenName) || `Patient ${record.patientId}`;
  document.title = `Follow-up visit · ${name} · seedplan`;
  const back = document.getElementById('patient-link');
  back.textContent = name;
  back.href = `/patient.html?id=${record.id}`;
  document.getElementById('patient-name').textContent = name;
  document.getElementById('patient-line').textContent = [record.patientId, record.firstImplantDate ? `implant ${record.firstImplantDate}` : 'no implant']
    .join(' · ');
  document.getElementById('title').textContent = editing ? `Follow-up visit of ${editing.visitDate}` : 'New follow-up visit';
  const panels = [visitPanel(editing), lesionPanel(editing), qlqPanel(editing), labPanel(editing)];
  try {
    study = await studyInputs(record, 'VISIT', editing ? editing.id : null);
    if (study) panels.push(study.panel);
  } catch (e) {
    showMessage(pageError, 'warn', `The study variables could not be loaded: ${e.message}`);
  }
  replace(document.getElementById('panels'), panels);
  if (!allowed.has('EDIT_REGISTRY')) {
    // a read-only role reads the visit: its values are shown, not editable (the save is not offered); the criterion stays a choice
    form.querySelectorAll('input:not([type="radio"]), select, textarea').forEach((el) => {
      if (el.tagName === 'INPUT') el.readOnly = true; else el.disabled = true;
    });
  }
  document.getElementById('save').textContent = editing ? 'Save changes' : 'Save visit';
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', save);
  document.getElementById('content').hidden = false;
  update();
}

main();

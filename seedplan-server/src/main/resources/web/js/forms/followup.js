// The follow-up page of a patient (followup.html?patient=ID): visits with their responses (links to the visit form),
// adverse events (CTCAE v5.0 term and grade, or RTOG; onset known to the year, month or day), progressions, hyperthermia
// sessions (upload of a temperature log, with the session's analysis) and the patient's study variables. Every form
// checks at the field and shows the server's refusals under the field they name.
import { ApiError, get, post, upload } from '../api.js';
import { h, replace, showMessage } from '../dom.js';
import { personName } from '../format.js';
import { offerOnly, permissionsIn, requireSession } from '../session.js';
import '../components/sp-app-header.js';
import { clearAllErrors, dateProblem, fieldMessage, fieldOf, focusFirstError, integerOf, partialDateProblem, precisionOf, setFieldError } from './fields.js';
import { saveStudyValues, studyInputs } from './study-values.js';

const pageError = document.getElementById('error');
let record = null;

function header(id, title, count, ...extra) {
  return h('header', {}, h('h2', { id }, title), h('span', { class: 'count' }, String(count)), h('div', { class: 'spacer' }), ...extra);
}

function table(columns, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows));
}

const dash = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

function visitsPanel() {
  const rows = record.visits.map((v) => {
    const r = v.responses && v.responses.RECIST_1_1;
    const m = v.responses && v.responses.MRECIST;
    return h('tr', {}, h('td', {}, h('a', { href: `/visit.html?patient=${record.id}&visit=${v.id}` }, v.visitDate)),
      h('td', { class: 'num' }, dash(v.monthsSinceImplant == null ? null : v.monthsSinceImplant.toFixed(1))),
      h('td', {}, r ? r.overall.replace(/_/g, '-') : '—'), h('td', {}, m ? m.overall.replace(/_/g, '-') : '—'),
      h('td', { class: 'num' }, dash(v.nrsPain)), h('td', { class: 'num' }, v.qlqC30Scores && v.qlqC30Scores.QL2 != null ? v.qlqC30Scores.QL2.toFixed(1) : '—'),
      h('td', {}, (v.labs || []).map((l) => `${l.name} ${l.value} ${l.unit}`).join(' · ') || '—'));
  });
  replace(document.getElementById('visits'), header('visits-title', 'Visits', record.visits.length),
    rows.length ? table(['Date', 'Months', 'RECIST 1.1', 'mRECIST', 'NRS', 'QoL (QL2)', 'Labs'], rows) : h('p', { class: 'empty' }, 'No visit yet.'));
}

/** A small form: fields, a submit button and a message line; submit(body) → promise. */
function smallForm(id, fields, submitLabel, submit) {
  const message = h('p', { class: 'message', role: 'status', hidden: true });
  const form = h('form', { id, class: 'body form-row', novalidate: true, 'data-needs': 'EDIT_REGISTRY' }, fields.map((f) => f.wrap), h('div', { class: 'field' },
    h('span', { class: 'hint' }, ' '), h('button', { type: 'submit', class: 'primary' }, submitLabel)), message);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearAllErrors(form);
    showMessage(message, 'info', '');
    try {
      const problems = await submit(form);
      if (problems && Object.keys(problems).length) {
        for (const [f, t] of Object.entries(problems)) setFieldError(form, f, t);
        focusFirstError(form);
        return;
      }
      await reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (!(err.field && setFieldError(form, err.field, fieldMessage(err)))) showMessage(message, 'error', err.message);
      focusFirstError(form);
    }
  });
  return form;
}

function eventsPanel() {
  const onset = fieldOf('Onset', 'onsetDate', h('input', { type: 'text', placeholder: 'yyyy-mm-dd', class: 'date' }), 'or yyyy-mm, yyyy if only that is known');
  const term = fieldOf('Term', 'term', h('input', { type: 'text', placeholder: 'e.g. Pneumothorax', list: 'ae-terms' }));
  const scale = fieldOf('Scale', 'scale', h('select', {}, h('option', { value: 'CTCAE_5' }, 'CTCAE v5.0'), h('option', { value: 'RTOG' }, 'RTOG')));
  const grade = fieldOf('Grade', 'grade', h('input', { type: 'text', inputmode: 'numeric', class: 'short' }), '1–5');
  const attribution = fieldOf('Attribution', 'attribution', h('select', {}, h('option', { value: '' }, '—'),
    ['UNRELATED', 'UNLIKELY', 'POSSIBLE', 'PROBABLE', 'DEFINITE'].map((a) => h('option', { value: a }, a.toLowerCase()))));
  const terms = h('datalist', { id: 'ae-terms' }, ['Pneumothorax', 'Haemorrhage', 'Pain', 'Fever', 'Seed migration', 'Radiation pneumonitis',
    'Nausea', 'Fatigue', 'Skin reaction'].map((t) => h('option', { value: t })));
  const form = smallForm('ae-form', [onset, term, scale, grade, attribution], 'Record event', async () => {
    const problems = {};
    const o = onset.input.value.trim();
    if (o && partialDateProblem(o)) problems.onsetDate = partialDateProblem(o);
    else if (o && o > record.today) problems.onsetDate = `${o} is in the future (today is ${record.today})`;
    if (!term.input.value.trim()) problems.term = 'Give the CTCAE or RTOG term';
    const g = integerOf(grade.input);
    if (g === null || Number.isNaN(g) || g < 1 || g > 5) problems.grade = 'Grade is a whole number 1–5';
    if (Object.keys(problems).length) return problems;
    await post(`/api/patients/${record.id}/adverse-events`, { onsetDate: o || null, term: term.input.value.trim(), scale: scale.input.value,
      grade: g, attribution: attribution.input.value || null });
    return null;
  });
  const rows = record.adverseEvents.map((e) => h('tr', {}, h('td', {}, e.onsetDate ? `${e.onsetDate} (${precisionOf(e.onsetDate)})` : 'unknown'),
    h('td', {}, e.term), h('td', {}, e.scale === 'RTOG' ? 'RTOG' : 'CTCAE v5.0'), h('td', { class: 'num' }, String(e.grade)), h('td', {}, dash(e.attribution))));
  replace(document.getElementById('events'), header('events-title', 'Adverse events', record.adverseEvents.length),
    rows.length ? table(['Onset', 'Term', 'Scale', 'Grade', 'Attribution'], rows) : h('p', { class: 'empty' }, 'No adverse event recorded.'), terms, form);
}

function progressionsPanel() {
  const date = fieldOf('Date of diagnosis', 'date', h('input', { type: 'text', placeholder: 'yyyy-mm-dd', class: 'date' }));
  const type = fieldOf('Where', 'type', h('select', {}, h('option', { value: 'LOCAL' }, 'local (the implanted lesion)'), h('option', { value: 'DISTANT' }, 'distant')));
  const form = smallForm('progression-form', [date, type], 'Record progression', async () => {
    const d = date.input.value.trim();
    const problem = !d ? 'Type the date (yyyy-mm-dd)' : dateProblem(d) || (d > record.today ? `${d} is in the future (today is ${record.today})`
      : record.firstImplantDate && d < record.firstImplantDate ? `${d} is before the implant (${record.firstImplantDate})` : '');
    if (problem) return { date: problem };
    await post(`/api/patients/${record.id}/progressions`, { date: d, type: type.input.value });
    return null;
  });
  const rows = record.progressions.map((p) => h('tr', {}, h('td', {}, p.date), h('td', {}, p.type === 'LOCAL' ? 'local' : 'distant')));
  replace(document.getElementById('progressions'), header('progressions-title', 'Progressions', record.progressions.length),
    rows.length ? table(['Date', 'Where'], rows) : h('p', { class: 'empty' }, 'No progression recorded.'), form);
}

function hyperthermiaPanel() {
  const session = fieldOf('Session', 'session', h('input', { type: 'text', inputmode: 'numeric', class: 'short', value: String(record.hyperthermiaSessions.length + 1) }));
  const start = fieldOf('Start', 'start', h('input', { type: 'text', placeholder: 'yyyy-mm-ddThh:mm', class: 'date' }));
  const file = fieldOf('Temperature log (CSV)', 'file', h('input', { type: 'file', accept: '.csv,text/csv' }), 'columns time_min,channel,temp_c');
  const form = smallForm('hyperthermia-form', [session, start, file], 'Upload session', async () => {
    const problems = {};
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(start.input.value.trim())) problems.start = 'Type the start as yyyy-mm-ddThh:mm';
    if (!file.input.files.length) problems.file = 'Choose the session\'s CSV log';
    if (Object.keys(problems).length) return problems;
    const data = new FormData();
    data.append('session', session.input.value.trim());
    data.append('start', start.input.value.trim());
    data.append('file', file.input.files[0]);
    await upload(`/api/patients/${record.id}/hyperthermia`, data);
    return null;
  });
  const rows = record.hyperthermiaSessions.map((s) => h('tr', {}, h('td', { class: 'num' }, String(s.session)), h('td', {}, s.start.replace('T', ' ')),
    h('td', { class: 'num' }, String(s.analysis.channels)), h('td', { class: 'num' }, `${s.analysis.durationMin.toFixed(0)} min`),
    h('td', { class: 'num' }, `${s.analysis.t90C.toFixed(1)} °C`), h('td', { class: 'num' }, `${s.analysis.t50C.toFixed(1)} °C`),
    h('td', { class: 'num' }, `${s.analysis.maxC.toFixed(1)} °C`), h('td', { class: 'num' }, `${s.analysis.cem43T90Min.toFixed(1)} min`),
    h('td', {}, [s.analysis.overheating ? 'overheating' : null, s.analysis.missedTarget ? 'target time missed' : null].filter(Boolean).join(', ') || 'ok')));
  replace(document.getElementById('hyperthermia'), header('hyperthermia-title', 'Hyperthermia sessions', record.hyperthermiaSessions.length),
    rows.length ? table(['#', 'Start', 'Channels', 'Duration', 'T90', 'T50', 'Max', 'CEM43 T90', 'Flags'], rows)
      : h('p', { class: 'empty' }, 'No session recorded.'), form);
}

/** A form of the study variables of one record (the patient, or one lesion), saved on its own. */
async function studyForm(level, recordId, title, id) {
  const study = await studyInputs(record, level, recordId, title);
  if (!study) return null;
  const holder = h('form', { id, novalidate: true });
  const message = h('p', { class: 'message', role: 'status', hidden: true });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save study variables');
  study.panel.append(h('div', { class: 'body savebar-inline', 'data-needs': 'EDIT_REGISTRY' }, message, save));
  holder.append(study.panel);
  holder.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearAllErrors(holder);
    const problems = study.problems();
    if (Object.keys(problems).length) {
      for (const [f, t] of Object.entries(problems)) setFieldError(holder, f, t);
      focusFirstError(holder);
      return;
    }
    try {
      await saveStudyValues(study, recordId, holder);
      showMessage(message, 'ok', 'Saved.');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showMessage(message, 'error', 'Not saved: a value was refused (marked in red).');
    }
  });
  return holder;
}

async function studyPanels() {
  const forms = [await studyForm('PATIENT', record.id, 'Study variables of the patient', 'study-form')];
  for (const l of record.lesions) {
    forms.push(await studyForm('LESION', l.id, `Study variables of lesion ${l.label}${l.organ ? ` (${l.organ})` : ''}`, `study-lesion-${l.id}`));
  }
  replace(document.getElementById('study-forms'), forms.filter(Boolean));
}

async function reload() {
  record = await get(`/api/patients/${record.id}/follow-up`);
  visitsPanel();
  eventsPanel();
  progressionsPanel();
  hyperthermiaPanel();
}

async function main() {
  const session = await requireSession();
  if (!session) return;
  document.querySelector('sp-app-header').setSession(session);
  const id = new URLSearchParams(location.search).get('patient');
  if (!id || !/^\d+$/.test(id)) {
    showMessage(pageError, 'error', 'No patient chosen: open the follow-up from a patient page.');
    return;
  }
  try {
    record = await get(`/api/patients/${id}/follow-up`);
  } catch (e) {
    showMessage(pageError, 'error', e.status === 404 ? 'This patient does not exist or is not in one of your centres.'
      : `The patient could not be loaded: ${e.message}`);
    return;
  }
  offerOnly(permissionsIn(session, record.centreId));
  const name = personName(record.familyName, record.givenName) || `Patient ${record.patientId}`;
  document.title = `Follow-up · ${name} · seedplan`;
  const back = document.getElementById('patient-link');
  back.textContent = name;
  back.href = `/patient.html?id=${record.id}`;
  document.getElementById('patient-name').textContent = name;
  document.getElementById('patient-line').textContent = [record.patientId, record.firstImplantDate ? `implant ${record.firstImplantDate}` : 'no implant'].join(' · ');
  document.getElementById('new-visit').href = `/visit.html?patient=${record.id}`;
  await reload();
  try {
    await studyPanels();
  } catch (e) {
    showMessage(pageError, 'warn', `The study variables could not be loaded: ${e.message}`);
  }
  document.getElementById('content').hidden = false;
}

main();

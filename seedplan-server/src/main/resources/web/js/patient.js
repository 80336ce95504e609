// Patient page: demographics and diagnosis, plans (revision, status, approval, D90/V100), studies with series,
// lesions, implants and follow-up visits — all from GET /api/patients/{id}.
import { get } from './api.js';
import { h, replace, showMessage } from './dom.js';
import { ageYears, calendarDate, instant, personName, quantity, sexLabel } from './format.js';
import { centresOf, offerOnly, permissionsIn, requireSession } from './session.js';
import './components/sp-app-header.js';
import './components/sp-status-badge.js';
import './components/sp-dicom-upload.js';
import { SpPacs } from './components/sp-pacs.js';
import { lesionForm } from './lesion-form.js';

const error = document.getElementById('error');
const yesNo = (v) => (v === true ? 'yes' : v === false ? 'no' : '—');
const text = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

/**
 * A section with a title, a count and a table of the given columns, or a line saying there is none. A column with `needs` (a
 * permission) is marked data-needs on its header and cells, so a role without it does not see the column at all.
 */
function tableSection(element, title, items, columns, emptyText, rowsOf = (item) => [rowOf(item, columns)]) {
  const id = `${element.id}-title`;
  const header = h('header', {}, h('h2', { id }, title), h('span', { class: 'count' }, String(items.length)));
  if (!items.length) {
    replace(element, header, h('p', { class: 'empty' }, emptyText));
    return;
  }
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, 'data-needs': c.needs || null }, c.label)));
  replace(element, header, h('table', {}, h('thead', {}, head), h('tbody', {}, items.flatMap(rowsOf))));
}

function rowOf(item, columns, attributes = {}) {
  return h('tr', attributes, columns.map((c) => h('td', { class: c.num ? 'num' : c.cls || null, 'data-needs': c.needs || null }, c.value(item))));
}

/** " (CTV)": the structure a plan's stored D90 is of, as stored ("structure not recorded" for older revisions); '' without a D90. */
const ofStructure = (p) => (p.d90Gy == null ? '' : ` (${p.metricsStructure})`);

/** " (CTV)": the structure an implant's planned D90/V100 are of, as stored ("structure not recorded" for older rows); '' without them. */
const plannedOf = (i) => (i.plannedD90Gy == null && i.plannedV100Percent == null ? '' : ` (${i.plannedMetricsStructure})`);

/** " (CTV)": the structure an implant's post-operative D90/V100 are of ("structure not recorded" for older rows); '' without them. */
const postOf = (i) => (i.postD90Gy == null && i.postV100Percent == null ? '' : ` (${i.postMetricsStructure})`);

const PLAN_COLUMNS = [
  { label: 'Plan', value: (p) => text(p.name) },
  { label: 'Revision', num: true, value: (p) => text(p.revision) },
  { label: 'Status', value: (p) => h('sp-status-badge', { status: p.status || '' }) },
  { label: 'Approved by', value: (p) => text(p.approvedBy) },
  { label: 'Approved at', value: (p) => instant(p.approvedAt) },
  { label: 'Prescription', num: true, value: (p) => quantity(p.prescriptionGy, 1, 'Gy') },
  { label: 'D90', num: true, value: (p) => (p.doseNotDecayed ? h('span', { class: 'not-decayed',
    title: 'No implant date stated: the dose is of the seeds\' strength on their calibration date, not decayed' },
  quantity(p.d90Gy, 1, 'Gy'), ofStructure(p), ' (S_K at calibration)') : [quantity(p.d90Gy, 1, 'Gy'), ofStructure(p)]) },
  { label: 'V100', num: true, value: (p) => quantity(p.v100Percent, 1, '%') },
  { label: 'Seeds', num: true, value: (p) => text(p.seedCount) },
  // only for a role that may send (its header and cells are hidden with the button by offerOnly: no empty column)
  { label: 'PACS', needs: 'EXPORT_PLAN', value: (p) => SpPacs.sendButton(p) },
];

/** Links to the image screens (CT viewer, contouring, verification) of a CT series. */
function imageLinks(s) {
  if (s.modality !== 'CT') return '';
  const q = `series=${encodeURIComponent(s.seriesInstanceUid)}&patient=${new URLSearchParams(location.search).get('id')}`;
  return h('span', { class: 'image-links' }, h('a', { href: `/viewer.html?${q}` }, 'View'), ' · ',
    h('a', { href: `/contour.html?${q}` }, 'Contour'), h('span', { 'data-needs': 'EDIT_PLAN' }, ' · ', h('a', { href: `/verify.html?${q}` }, 'Verify')));
}

const SERIES_COLUMNS = [
  { label: 'Date', value: (s) => imageLinks(s) },
  { label: 'Modality', value: (s) => text(s.modality) },
  { label: 'Description', value: (s) => text(s.description) },
  { label: 'Instances', num: true, value: (s) => (s.instanceCount === 1 ? '1 image' : `${text(s.instanceCount)} images`) },
  { label: 'Series Instance UID', cls: 'mono', value: (s) => text(s.seriesInstanceUid) },
];

const LESION_COLUMNS = [
  { label: 'Lesion', value: (l) => text(l.label) },
  { label: 'Organ', value: (l) => text(l.organ) },
  { label: 'Site', value: (l) => text(l.site) },
  { label: 'Target', value: (l) => yesNo(l.target) },
  { label: 'Nodal', value: (l) => yesNo(l.nodal) },
  { label: 'Longest', num: true, value: (l) => quantity(l.baselineLongestMm, 0, 'mm') },
  { label: 'Short axis', num: true, value: (l) => quantity(l.baselineShortAxisMm, 0, 'mm') },
  { label: 'Viable', num: true, value: (l) => quantity(l.baselineViableMm, 0, 'mm') },
  { label: 'Measured on', cls: 'date', value: (l) => calendarDate(l.baselineDate) },
  // only for a role that may change the registry (hidden with its header by offerOnly); opens the lesion form filled. A header
  // of its own: a screen reader names the column of each Edit button by it
  { label: 'Edit', needs: 'EDIT_REGISTRY', value: (l) => h('button', { type: 'button', class: 'edit-lesion', 'data-lesion-id': l.id,
    'aria-label': `Edit lesion ${l.label}` }, 'Edit') },
];

const IMPLANT_COLUMNS = [
  { label: 'Date', cls: 'date', value: (i) => calendarDate(i.implantDate) },
  { label: 'Seeds', num: true, value: (i) => text(i.seedCount) },
  { label: 'Activity per seed', num: true, value: (i) => quantity(i.seedActivityMCi, 2, 'mCi') },
  { label: 'Planned D90', num: true, value: (i) => [quantity(i.plannedD90Gy, 1, 'Gy'), plannedOf(i)] },
  { label: 'Planned V100', num: true, value: (i) => quantity(i.plannedV100Percent, 1, '%') },
  { label: 'Post-op D90', num: true, value: (i) => [quantity(i.postD90Gy, 1, 'Gy'), postOf(i)] },
  { label: 'Post-op V100', num: true, value: (i) => quantity(i.postV100Percent, 1, '%') },
  { label: 'Post-op CT', value: (i) => (i.postopStudyUid ? 'stored' : '—') },
];

/**
 * Where an implant's figures came from, on a line under its row: the planned ones from the plan revision it is recorded against,
 * the post-operative ones from the verification run they were saved from (its id, when it finished, the dose engine) or typed in.
 */
function figuresFrom(i) {
  const r = i.plannedFrom;
  const planned = i.plannedD90Gy == null && i.plannedV100Percent == null ? 'none'
    : r ? `${r.planName}, revision ${r.revision} (${r.status.toLowerCase()})` : 'entered by hand (no plan revision)';
  const s = i.postMetricsSource;
  const post = i.postD90Gy == null && i.postV100Percent == null ? 'none'
    : s ? `verification ${s.verificationRunId.slice(0, 8)}, run ${s.runFinishedAt.slice(0, 16).replace('T', ' ')} UTC, ${s.doseEngine}`
      : 'entered by hand';
  return `Planned figures: ${planned} · post-op figures: ${post}`;
}

/** An implant's row, and the line saying where its figures came from. */
const implantRows = (i) => [rowOf(i, IMPLANT_COLUMNS),
  h('tr', { class: 'figures-from' }, h('td', { colspan: String(IMPLANT_COLUMNS.length), title: i.postMetricsSource
    ? `Verification run ${i.postMetricsSource.verificationRunId}` : '' }, figuresFrom(i)))];

const VISIT_COLUMNS = [
  { label: 'Date', cls: 'date', value: (v) => calendarDate(v.visitDate) },
  { label: 'Months after implant', num: true, value: (v) => quantity(v.monthsSinceImplant, 1) },
  { label: 'Pain (NRS 0–10)', num: true, value: (v) => text(v.nrsPain) },
  { label: 'KPS', num: true, value: (v) => text(v.kps) },
  { label: 'New lesion', value: (v) => yesNo(v.newLesion) },
  { label: 'Non-target', value: (v) => text(v.nonTarget).replace(/_/g, ' ') },
];

/** The study line, then one indented line per series, so the series sit under their study. */
function studyRows(study) {
  const series = study.series || [];
  const images = series.reduce((sum, s) => sum + (s.instanceCount || 0), 0);
  const head = h('tr', { 'data-study-uid': study.studyInstanceUid },
    h('td', {}, calendarDate(study.studyDate)),
    h('td', {}, [...new Set(series.map((s) => s.modality))].join(', ') || '—'),
    h('td', {}, h('strong', {}, text(study.description))),
    h('td', { class: 'num' }, `${series.length} series · ${images}`),
    h('td', { class: 'mono' }, text(study.studyInstanceUid)));
  return [head, ...series.map((s) => rowOf(s, SERIES_COLUMNS, { class: 'series' }))];
}

function demographics(p, centreName) {
  const items = [
    ['Patient ID', p.patientId],
    ['Sex', sexLabel(p.sex)],
    ['Birth date', p.birthDate ? `${calendarDate(p.birthDate)} (${ageYears(p.birthDate)} y)` : '—'],
    ['Centre', centreName],
    ['Diagnosis', p.diagnosis, 'wide'],
    ['Stage', p.stage],
    ['TNM', [p.tnmT, p.tnmN, p.tnmM].filter(Boolean).join(' ')],
    ['CNLC', p.cnlcStage],
    ['BCLC', p.bclcStage],
    ['Child-Pugh', p.childPugh],
    ['KPS', p.kps],
    ['ECOG', p.ecog],
    ['Prior treatments', p.priorTreatments, 'wide'],
    ['Died', p.deathDate ? calendarDate(p.deathDate) : null],
  ];
  // the identifying fields always show; the clinical ones when recorded
  return items.filter(([, v], i) => i < 5 || (v !== null && v !== undefined && v !== ''))
    .map(([label, v, cls]) => h('div', { class: cls || null }, h('dt', {}, label), h('dd', {}, text(v))));
}

async function start() {
  const session = await requireSession();
  document.querySelector('sp-app-header').setSession(session);
  const id = new URLSearchParams(location.search).get('id');
  if (!id || !/^\d+$/.test(id)) {
    showMessage(error, 'error', 'No patient chosen: open a patient from the patient list.');
    return;
  }
  let p;
  try {
    p = await get(`/api/patients/${id}`);
  } catch (e) {
    showMessage(error, 'error', e.status === 404
      ? 'This patient does not exist or is not in one of your centres.'
      : `The patient could not be loaded: ${e.message}`);
    return;
  }
  // the one rule for actions the roles here do not allow (data-needs): not offered
  offerOnly(permissionsIn(session, p.centreId));
  const centres = centresOf(session);
  const centre = centres.find((c) => String(c.id) === String(p.centreId));
  const name = personName(p.familyName, p.givenName) || `Patient ${p.patientId}`;
  document.title = `${name} · seedplan`;
  document.getElementById('crumb-name').textContent = name;
  document.getElementById('patient-name').textContent = name;
  document.getElementById('patient-line').textContent =
    [p.patientId, sexLabel(p.sex), p.birthDate ? `${ageYears(p.birthDate)} years` : null, p.diagnosis]
      .filter(Boolean).join(' · ');
  replace(document.getElementById('demographics'), demographics(p, centre ? centre.name : p.centreCode || p.centreId));

  tableSection(document.getElementById('plans'), 'Plans', p.plans || [], PLAN_COLUMNS, 'No plan yet.');
  document.querySelector('#plans header').append(h('a', { class: 'button', id: 'open-plan-screen', href: `/plan.html?patient=${p.id}`, 'data-needs': 'EDIT_PLAN' }, 'Plan'));
  tableSection(document.getElementById('studies'), 'Studies', p.studies || [],
    [{ label: 'Date' }, { label: 'Modality' }, { label: 'Description' }, { label: 'Series · images', num: true },
      { label: 'Study / series UID' }], 'No study yet. Upload a CT to add one.', studyRows);
  const pacs = h('sp-pacs', { id: 'pacs' });
  pacs.patient = p;
  document.querySelector('#studies header').append(pacs);
  const lesions = document.getElementById('lesions');
  tableSection(lesions, 'Lesions', p.lesions || [], LESION_COLUMNS, 'No lesion recorded.');
  const addLesion = lesionForm(p, () => location.reload());
  lesions.querySelector('header').append(addLesion.opener);
  lesions.append(addLesion.form);
  lesions.addEventListener('click', (e) => {
    const button = e.target.closest('.edit-lesion');
    if (button) addLesion.edit((p.lesions || []).find((l) => String(l.id) === button.dataset.lesionId));
  });
  tableSection(document.getElementById('implants'), 'Implants', p.implants || [], IMPLANT_COLUMNS, 'No implant recorded.', implantRows);
  tableSection(document.getElementById('visits'), 'Follow-up visits', p.visits || [], VISIT_COLUMNS, 'No follow-up visit recorded.');
  document.querySelector('#visits header').append(h('a', { class: 'button', id: 'open-follow-up', href: `/followup.html?patient=${p.id}` }, 'Follow-up'),
    h('a', { class: 'button', id: 'new-visit', href: `/visit.html?patient=${p.id}`, 'data-needs': 'EDIT_REGISTRY' }, 'New visit'));

  const uploader = document.getElementById('upload');
  uploader.centres = centres.filter((c) => String(c.id) === String(p.centreId));
  uploader.centreId = p.centreId;
  document.getElementById('content').hidden = false;
}

start().catch((e) => showMessage(error, 'error', e.message));

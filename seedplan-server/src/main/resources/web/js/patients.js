// Patient list: debounced search by patient ID or name, centre filter (several centres), pages of 50.
import { get } from './api.js';
import { h, replace, showMessage } from './dom.js';
import { calendarDate, personName, sexLabel } from './format.js';
import { centresOf, centresWith, homePage, requireSession } from './session.js';
import './components/sp-app-header.js';
import './components/sp-status-badge.js';
import './components/sp-dicom-upload.js';

const PAGE_SIZE = 50;
const DEBOUNCE_MS = 250;

const search = document.getElementById('search');
const centreSelect = document.getElementById('centre');
const rows = document.querySelector('#patients tbody');
const empty = document.getElementById('empty');
const range = document.getElementById('range');
const previous = document.getElementById('previous');
const next = document.getElementById('next');
const error = document.getElementById('error');
const subtitle = document.getElementById('subtitle');
const uploader = document.getElementById('upload');

const urlState = new URLSearchParams(location.search);
const state = {
  q: urlState.get('q') || '',
  centreId: urlState.get('centreId') || '',
  offset: Math.max(0, Number(urlState.get('offset')) || 0),
  total: 0,
};
let severalCentres = false;
let subtitleBase = '';
let inFlight = null;
let timer = null;

/** Keeps the filters in the address so that Back and a reload return to the same page of results. */
function rememberInUrl() {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  if (state.centreId) p.set('centreId', state.centreId);
  if (state.offset) p.set('offset', String(state.offset));
  const query = p.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

function row(p) {
  // one link per row (one Tab stop): on the name, or on the patient ID when no name is recorded
  const name = personName(p.familyName, p.givenName);
  const href = `/patient.html?id=${encodeURIComponent(p.id)}`;
  return h('tr', { 'data-patient-id': p.patientId },
    h('td', { class: 'mono' }, name ? p.patientId : h('a', { href }, p.patientId)),
    h('td', {}, name ? h('a', { href }, name) : h('span', { class: 'muted' }, 'not recorded')),
    h('td', {}, sexLabel(p.sex)),
    h('td', {}, calendarDate(p.birthDate)),
    severalCentres ? h('td', {}, p.centreCode || '') : null,
    h('td', {}, p.diagnosis || '—'),
    h('td', { class: 'num' }, p.lesionCount ?? '—'),
    h('td', { class: 'num' }, p.studyCount ?? '—'),
    h('td', {}, h('sp-status-badge', { status: p.latestPlanStatus || '' })));
}

async function load() {
  rememberInUrl();
  if (inFlight) inFlight.abort();
  inFlight = new AbortController();
  const p = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(state.offset) });
  if (state.q) p.set('q', state.q);
  if (state.centreId) p.set('centreId', state.centreId);
  document.getElementById('patients').setAttribute('aria-busy', 'true');
  try {
    const page = await get(`/api/patients?${p}`, { signal: inFlight.signal });
    showMessage(error, 'error', '');
    state.total = page.total;
    replace(rows, page.items.map(row));
    empty.hidden = page.items.length > 0;
    empty.textContent = state.q ? `No patient matches “${state.q}”.` : 'No patients yet. Upload a CT study to create one.';
    const last = state.offset + page.items.length;
    range.textContent = page.total ? `${state.offset + 1}–${last} of ${page.total}` : '0 patients';
    const scope = state.centreId && centreSelect.selectedOptions[0] ? centreSelect.selectedOptions[0].textContent : subtitleBase;
    subtitle.textContent = `${scope} · ${page.total} ${page.total === 1 ? 'patient' : 'patients'}${state.q ? ' found' : ''}`;
    previous.disabled = state.offset === 0;
    next.disabled = last >= page.total;
  } catch (e) {
    if (e.status === 403) {
      showMessage(error, 'error', `Your role does not give access to patient records (${e.message}).`);
    } else if (e.name !== 'AbortError') {
      showMessage(error, 'error', `The patient list could not be loaded: ${e.message}`);
    }
  } finally {
    document.getElementById('patients').removeAttribute('aria-busy');
  }
}

function filtersChanged() {
  state.offset = 0;
  load();
}

search.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    state.q = search.value.trim();
    filtersChanged();
  }, DEBOUNCE_MS);
});
document.getElementById('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(timer);
  state.q = search.value.trim();
  filtersChanged();
});
centreSelect.addEventListener('change', () => {
  state.centreId = centreSelect.value;
  if (uploader.centres.some((c) => String(c.id) === state.centreId)) uploader.centreId = state.centreId;
  filtersChanged();
});
previous.addEventListener('click', () => {
  state.offset = Math.max(0, state.offset - PAGE_SIZE);
  load();
});
next.addEventListener('click', () => {
  state.offset += PAGE_SIZE;
  load();
});

async function start() {
  const session = await requireSession();
  if (!centresWith(session, 'READ_REGISTRY').length) {
    location.replace(homePage(session)); // a role that reads no patient records (statistician)
    return;
  }
  document.querySelector('sp-app-header').setSession(session);
  const centres = centresOf(session);
  severalCentres = centres.length > 1;
  document.getElementById('centre-field').hidden = !severalCentres;
  document.querySelector('#patients .centre-col').hidden = !severalCentres;
  centreSelect.append(...centres.map((c) => h('option', { value: c.id }, `${c.name} (${c.code})`)));
  subtitleBase = severalCentres ? `${centres.length} centres` : (centres[0] ? centres[0].name : '');
  search.value = state.q;
  centreSelect.value = state.centreId;
  const uploadable = centresWith(session, 'EDIT_REGISTRY');
  uploader.hidden = !uploadable.length;
  uploader.centres = uploadable;
  uploader.centreId = uploadable.some((c) => String(c.id) === state.centreId) ? state.centreId : (uploadable[0] ? uploadable[0].id : null);
  await load();
  search.focus();
}

start().catch((e) => showMessage(error, 'error', e.message));

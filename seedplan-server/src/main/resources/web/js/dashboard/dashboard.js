// Cohort dashboard: choose a centre and an analysis plan (a template, editable as JSON), run it on the centre's
// registry through POST /api/analysis/run, and see the plan's tables (numbers, downloadable as CSV) and figures (SVG).
import { get, post } from '../api.js';
import { h, replace, showMessage } from '../dom.js';
import { centresWith, requireSession } from '../session.js';
import '../components/sp-app-header.js';

const form = document.getElementById('run-form');
const centreSelect = document.getElementById('centre');
const templateSelect = document.getElementById('template');
const planText = document.getElementById('plan');
const status = document.getElementById('status');
const error = document.getElementById('error');
const results = document.getElementById('results');
let templates = [];

/** A number cell shown with at most 4 significant digits (the CSV download keeps every digit). */
function shown(cell) {
  if (cell === '' || cell === 'NA' || !/^-?\d+(\.\d+)?([eE]-?\d+)?$/.test(cell)) return cell;
  const v = Number(cell);
  if (Number.isInteger(v)) return cell;
  return Math.abs(v) < 0.001 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

function csv(table) {
  const quote = (c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return [table.header, ...table.rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

function tableView(t) {
  const link = h('a', { href: URL.createObjectURL(new Blob([csv(t)], { type: 'text/csv' })), download: `${t.name}.csv` }, 'CSV');
  return h('section', { class: 'dashboard-table', 'data-table': t.name },
    h('h3', {}, t.title, ' ', link),
    h('table', {},
      h('thead', {}, h('tr', {}, ...t.header.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...t.rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, shown(c))))))),
    h('ul', { class: 'notes' }, ...t.notes.map((n) => h('li', {}, n))));
}

function figureView(f) {
  const figure = h('figure', { 'data-figure': f.name });
  const svg = new DOMParser().parseFromString(f.svg, 'image/svg+xml').documentElement;
  figure.append(document.importNode(svg, true), h('figcaption', { class: 'muted' }, f.caption));
  return figure;
}

templateSelect.addEventListener('change', () => {
  const t = templates.find((x) => x.name === templateSelect.value);
  if (t) planText.value = t.plan;
});

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  let plan;
  try {
    plan = JSON.parse(planText.value);
  } catch (err) {
    showMessage(error, 'error', `The plan is not valid JSON: ${err.message}`);
    planText.focus();
    return;
  }
  status.textContent = 'Running…';
  results.setAttribute('aria-busy', 'true');
  try {
    const r = await post(`/api/analysis/run?centreId=${encodeURIComponent(centreSelect.value)}`, { plan });
    showMessage(error, 'error', '');
    document.getElementById('results-title').textContent = r.minCellSize > 1
      ? `${r.title} · ${r.patients} patients · groups under ${r.minCellSize} patients shown as "< ${r.minCellSize}"`
      : `${r.title} · ${r.patients} patients`;
    replace(document.getElementById('figures'), ...r.figures.map(figureView));
    replace(document.getElementById('tables'), ...r.tables.map(tableView));
    results.hidden = false;
    status.textContent = `${r.tables.length} tables, ${r.figures.length} figures`;
  } catch (err) {
    showMessage(error, 'error', err.message);
    status.textContent = '';
  } finally {
    results.removeAttribute('aria-busy');
  }
});

(async () => {
  const session = await requireSession();
  document.querySelector('sp-app-header').setSession(session);
  // an analysis runs on a centre's de-identified registry: only where a role allows that export (statistician)
  const centres = centresWith(session, 'EXPORT_DEIDENTIFIED');
  if (!centres.length) {
    document.getElementById('run-form').hidden = true;
    showMessage(error, 'info', `Cohort analyses run on the de-identified registry (EXPORT_DEIDENTIFIED), which your roles do not allow: `
      + `${session.whoMay.EXPORT_DEIDENTIFIED}.`);
    return;
  }
  centreSelect.append(...centres.map((c) => h('option', { value: c.id }, `${c.name} (${c.code})`)));
  templates = await get('/api/analysis/templates');
  templateSelect.append(...templates.map((t) => h('option', { value: t.name }, `${t.name} — ${t.title}`)));
  templateSelect.value = 'default';
  templateSelect.dispatchEvent(new Event('change'));
})();

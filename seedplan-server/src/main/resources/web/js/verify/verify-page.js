// The verification screen: the post-op CT, a verification run on the server (seed finding with its progress), the
// matched / extra / missing seeds on the images, pre- and post-plan metrics and DVHs side by side, the cold regions,
// the post-implant isodose lines, the approval of the post-implant plan with the e-signature, and "Save to implant": the
// post-implant figures written into the implant recorded against the verified plan revision.
import { ApiError, del, get, post } from '../api.js';
import { h, replace, showMessage } from '../dom.js';
import { isoDateOf, markIsoDate } from '../iso-date.js';
import { offerOnly, permissionsIn } from '../session.js';
import { openImagingPage } from '../viewer/imaging-page.js';
import { ContourLayer } from '../contour/contour-layer.js';
import { drawDvh } from './dvh-chart.js';
import { SeedLayer } from './seed-layer.js';
import { describeRigid, resampleIntoPlanFrameInWorker } from './plan-frame.js';
import { VerificationModelBasedPanel } from './model-based-panel.js';
import { IsodoseLayer } from './isodose-layer.js';

const $ = (id) => document.getElementById(id);
const error = $('error');
/** postOp: the post-op CT as stored (its own frame); complete: resolves when all its slices are in. */
/** jobId: the run whose result is shown (a run in progress is running.id until it is done). */
const state = { result: null, jobId: null, running: null, session: null, postOp: null, complete: null };
/** The contours the verification used, drawn under the seeds (the contouring screen's layer, nothing selected). */
const contours = { structures: [], selected: null, volume: null, tool: 'crosshair' };
window.seedplanVerify = state;

/** The metrics shown for targets and for organs, with their labels. */
const TARGET_METRICS = [['d_pct_gy.90', 'D90'], ['v_pct.100', 'V100'], ['v_pct.150', 'V150'], ['v_pct.200', 'V200'], ['volume_cc', 'Volume']];
const ORGAN_METRICS = [['dmax_gy', 'Dmax'], ['d_cc_gy.2', 'D2cc'], ['d_cc_gy.0.1', 'D0.1cc']];
const number = (v, digits = 1) => (v === null || v === undefined ? '—' : Number(v).toFixed(digits));

async function plansOf(patientId) {
  const p = await get(`/api/patients/${patientId}`);
  // verifying (and so everything after it) needs EDIT_PLAN in the patient's centre: a read-only role sees the post-op CT only
  offerOnly(permissionsIn(state.session, p.centreId));
  const select = $('plan-choice');
  const plans = (p.plans || []).filter((x) => !String(x.name).startsWith('Post-implant'));
  replace(select, plans.length
    ? plans.map((x) => h('option', { value: `${x.id}:${x.revision}` }, `${x.name} · revision ${x.revision} · ${x.status}`))
    : [h('option', { value: '' }, 'No plan of this patient to verify against')]);
  $('run').disabled = !plans.length;
}

async function run(viewer) {
  const [planId, revision] = $('plan-choice').value.split(':').map(Number);
  const body = { planId, revision, postOpSeriesUid: state.postOp.header.seriesInstanceUid, acceptScannerCoordinates: $('accept-frame').checked,
    implantDate: isoDateOf($('implant-date'), 'Implant date') || null };
  $('run').disabled = true;
  try {
    let job;
    try {
      job = await post('/api/verifications', body);
    } catch (e) {
      if (e instanceof ApiError && e.field === 'acceptScannerCoordinates') {
        $('frame-text').textContent = 'The post-op CT has another Frame of Reference than the plan\'s CT. Tick to compare the seeds in'
          + ' scanner coordinates (the patient lay the same way on the same scanner), then verify again.';
        $('frame-box').title = e.problem.detail;
        $('frame-box').hidden = false;
        return;
      }
      if (e instanceof ApiError && e.field === 'implantDate') {
        // a revision with the seeds' calibration date but no implant date: the post-implant dose needs the implant day
        $('implant-text').textContent = e.problem.detail;
        $('implant-box').hidden = false;
        $('implant-date').focus();
        return;
      }
      throw e;
    }
    state.running = job;
    $('run-cancelled').hidden = true;
    $('cancel-run').disabled = false;
    $('run-progress').hidden = false;
    while (job.state === 'running') {
      $('job-progress').value = job.progress;
      $('job-step').textContent = job.cancelRequested ? cancellingLine(job) : job.step;
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = await get(`/api/verifications/${job.id}`);
    }
    if (job.state === 'failed') throw new Error(job.error);
    if (job.state === 'cancelled') {
      // nothing was kept; the result shown before (if any) stays the one the panels act on
      $('run-progress').hidden = true;
      $('run-cancelled').hidden = false;
      return;
    }
    await showInFrame(job.result, viewer);
    $('run-progress').hidden = true;
    state.jobId = job.id;
    show(job.result, viewer);
  } finally {
    state.running = null;
    $('cancel-run').disabled = true;
    $('run').disabled = false;
  }
}

/**
 * What a run asked to stop is doing: the server stops it within the step under way (the seed finding and the TG-43 dose poll
 * the cancel inside their work, the other steps end before the next one begins) and keeps nothing (docs/server.md).
 */
const cancellingLine = (job) => `cancelling: the run stops within or at the end of the step under way and keeps nothing (now ${job.step})`;

/** Asks the server to stop the run in progress. */
async function cancelRun() {
  if (!state.running) return;
  $('cancel-run').disabled = true;
  const job = await del(`/api/verifications/${state.running.id}`);
  if (job.state === 'running') $('job-step').textContent = cancellingLine(job);
}

/**
 * Every position of the answer is in the plan's frame. When a registration was applied the images become the post-op CT
 * resampled into that frame (as the seed finder read it), so seeds, contours and cold voxels fall where they are; the
 * banner says so with the registration's UID, rotation and shift. Without one the post-op CT is shown as stored.
 */
async function showInFrame(r, viewer) {
  const banner = $('frame-applied');
  if (!r.registration) {
    banner.hidden = true;
    if (viewer.volume !== state.postOp) show3d(viewer, state.postOp);
    return;
  }
  $('job-step').textContent = 'bringing the post-op CT into the plan\'s frame for display';
  const [planCt] = await Promise.all([get(`/api/ct/${encodeURIComponent(r.planCtSeriesUid)}`), state.complete,
    new Promise((resolve) => requestAnimationFrame(resolve))]);
  const { rotationDeg, translationMm } = describeRigid(r.registration.postOpToPlanMatrix);
  $('job-progress').value = 0;
  show3d(viewer, await resampleIntoPlanFrameInWorker(state.postOp, r.registration, planCt, (done) => { $('job-progress').value = done; }));
  banner.textContent = `Images in the plan's frame: the post-op CT resampled (trilinear, on the planning CT's slices) by Spatial Registration`
    + ` ${r.registration.sopInstanceUid}, rotation ${rotationDeg.toFixed(1)}°, shift (${translationMm.map((t) => t.toFixed(1)).join(', ')}) mm.`
    + ' Seeds, contours and cold regions are drawn in that frame; HU read-outs are interpolated.';
  banner.title = r.frameNote || '';
  banner.hidden = false;
}

function show3d(viewer, volume) {
  contours.volume = volume;
  viewer.setVolume(volume);
  const [nx, ny, nz] = volume.size;
  const [dx, dy, dz] = volume.spacingMm;
  $('series-line').textContent = `CT ${nx} × ${ny} × ${nz}, ${dx.toFixed(2)} × ${dy.toFixed(2)} × ${dz.toFixed(2)} mm`
    + (volume.header.resampledByRegistration ? ' (in the plan\'s frame)' : '');
}

function show(r, viewer) {
  state.result = r;
  contours.structures = (r.structureContours || []).filter((s) => s.type !== 'EXTERNAL').map((s) => ({ ...s, visible: true }));
  $('results').hidden = false;
  const matched = r.matches.length;
  replace($('seed-summary'),
    ...(r.selfCheck || []).map((n) => item('Check first', n, null, true)),
    item('Planned', r.planned.length), item('Found', r.found.length),
    item('Matched', matched, 'matched-count'), item('Missing', r.missing.length), item('Extra', r.extra.length),
    item('Displacement', `mean ${number(r.meanDisplacementMm)} mm, max ${number(r.maxDisplacementMm)} mm`),
    seedPlaces('missing-list', 'Missing: planned at', r.missing, r.planned, viewer, missingPlace(r)),
    seedPlaces('extra-list', 'Extra: found at', r.extra, r.found, viewer),
    r.frameNote ? item('Coordinates', r.frameNote, null, true) : null,
    ...(r.notes || []).map((n) => item('Note', n, null, true)));
  replace($('found-seeds').tBodies[0], foundSeedRows(r, viewer));
  const rows = [];
  for (const s of r.structures) {
    const target = ['GTV', 'CTV', 'PTV'].includes(s.type);
    for (const [key, label] of target ? TARGET_METRICS : ORGAN_METRICS) {
      const m = s.metrics.find((x) => x.key === key);
      if (!m) continue;
      // the server's ChangeFlag (docs/verify.md, "Marking a change"): red below the goal, amber a change that matters
      const flag = FLAGS[m.flag] || FLAGS.NONE;
      const diff = m.difference === null ? '—' : Math.abs(m.difference) < 0.05 ? '0.0' : `${m.difference > 0 ? '+' : ''}${number(m.difference)}`;
      rows.push(h('tr', { 'data-structure': s.name, 'data-metric': key, 'data-flag': m.flag || 'NONE' }, h('td', {}, s.name),
        h('td', {}, `${label} (${m.unit || ''})`), h('td', { class: 'num' }, number(m.pre)),
        h('td', { class: flag.post ? `num ${flag.post}` : 'num', title: flag.title }, number(m.post)),
        h('td', { class: flag.diff ? `num ${flag.diff}` : 'num', title: flag.title }, diff)));
    }
  }
  replace($('metric-rows'), rows);
  $('plan-approved').textContent = approvedLine(r);
  $('grid-note').textContent = `* Plan: ${r.doseGrid ? r.doseGrid.description : 'the approved seeds re-computed on the post-plan\'s grid'}.`
    + ` Marked: red, a target's D90 below the prescription or V100 below ${V100_GOAL_PCT} %; amber, D90 (or an organ's dose) changed`
    + ` by 5 % of the prescription or more for the worse, or V100 by 5 points.`;
  const targets = new Set(r.structures.filter((s) => ['GTV', 'CTV', 'PTV'].includes(s.type)).map((s) => s.name));
  const keep = (list) => list.filter((d) => targets.has(d.name) || r.structures.length <= 4);
  drawDvh($('dvh'), keep(r.dvhPre), keep(r.dvhPost), r.prescriptionGy, 2.5 * r.prescriptionGy);
  // arrays in the server's order (the plan's targets, largest region first): an object keyed by name would put "2" before "CTV"
  const cold = r.coldRegions.flatMap(({ structure, regions }) => regions.map((c) => ({ name: structure, ...c })));
  $('cold-count').textContent = String(cold.length);
  replace($('cold-list'), cold.length ? cold.map((c) => h('li', {},
    `${c.name}: ${number(c.volumeCc, 2)} cc, min ${number(c.minDoseGy)} Gy `,
    h('button', { type: 'button', onclick: () => viewer.setFocus([c.centroidMm.xMm, c.centroidMm.yMm, c.centroidMm.zMm]) }, 'Show')))
    : [h('li', { class: 'muted' }, 'No part of a target below the prescription.')]);
  const sp = r.supplement;
  replace($('supplement'), sp
    ? [h('p', {}, `${sp.seeds.length} supplementary seed${sp.seeds.length === 1 ? '' : 's'} proposed on the plan's needles`
        + ` (magenta +); D90 ${sp.d90.map((d) => `${d.structure} ${number(d.beforeGy)} → ${number(d.afterGy)} Gy`).join(', ')}`
        + (sp.reachesPrescription ? ', prescription reached.' : ', prescription still not reached.'))]
    : [h('p', { class: 'muted' }, r.supplementNote || 'No supplementary seeds proposed.')]);
  $('contours-used').textContent = `Contours: ${r.contours}. Dose: TG-43 line source, ${r.sourceModelKey}, total dose of the`
    + ` permanent implant, prescription ${number(r.prescriptionGy)} Gy; ${r.strengthLabel || 'strength as stored'}.`;
  $('approved').hidden = true;
  $('approve').disabled = false;
  state.modelBased.show(state.jobId, r);
  state.isodoses.show(state.jobId);
  implantOf(r).catch((e) => showMessage(error, 'error', `Implant record: ${e.message}`));
  viewer.redraw();
}

/** The implant recorded against the verified revision (the patient page's implants name the revision they are of), shown in the panel. */
async function implantOf(r) {
  state.implant = null;
  $('implant-replace').hidden = true;
  $('implant-saved').hidden = true;
  const p = await get(`/api/patients/${state.postOp.header.patientDbId}`);
  const of = (p.implants || []).filter((i) => i.plannedFrom && i.plannedFrom.planId === r.planId && i.plannedFrom.revision === r.revision);
  if (of.length !== 1) {
    $('implant-target').textContent = of.length ? `${of.length} implants are recorded against ${r.planName} revision ${r.revision}: edit the one`
      + ' meant on the patient page.' : `No implant is recorded against ${r.planName} revision ${r.revision}: record it on the patient page to`
      + ' save these figures into it.';
    $('save-implant').disabled = true;
    return;
  }
  state.implant = of[0];
  describeImplant(of[0], r);
  $('save-implant').disabled = false;
}

/** "Implant of 2026-12-01 (Liver plan, revision 2): post-op D90 131.5 Gy (CTV), verification 3f2a1b2c of … UTC, TG-43." */
function describeImplant(i, r) {
  $('implant-target').textContent = `Implant of ${i.implantDate} (${r.planName}, revision ${r.revision}): `
    + (i.postD90Gy == null && i.postV100Percent == null ? 'no post-op figures yet.' : `post-op D90 ${number(i.postD90Gy)} Gy`
      + ` (${i.postMetricsStructure}), ${sourceText(i.postMetricsSource)}.`);
}

/** Where an implant's post-op figures came from: "verification 3f2a… of 2026-12-04 14:10 UTC, TG-43" or "entered by hand". */
function sourceText(s) {
  return s ? `verification ${s.verificationRunId.slice(0, 8)} of ${s.runFinishedAt.slice(0, 16).replace('T', ' ')} UTC, ${s.doseEngine}` : 'entered by hand';
}

/**
 * Saves the post-implant figures into the implant (the implant's version as read, so that another edit in between is refused);
 * an implant that holds other post-op figures asks for a reason first and replaces them only then.
 */
async function saveToImplant() {
  const replacing = !$('implant-replace').hidden;
  const body = { implantId: state.implant.id, version: state.implant.version, engine: $('implant-engine').value };
  if (replacing) Object.assign(body, { replace: true, reason: $('implant-reason').value });
  $('save-implant').disabled = true;
  try {
    const saved = await post(`/api/verifications/${state.jobId}/implant`, body);
    state.implant = saved;
    describeImplant(saved, state.result);
    $('implant-replace').hidden = true;
    $('save-implant').textContent = 'Save to implant';
    showMessage($('implant-saved'), 'ok', `Saved into the implant of ${saved.implantDate}: ${saved.postMetricsStructure} D90`
      + ` ${number(saved.postD90Gy)} Gy, V100 ${number(saved.postV100Percent)} % (${sourceText(saved.postMetricsSource)}).`);
  } catch (e) {
    if (e instanceof ApiError && e.field === 'replace') {
      $('implant-replace-text').textContent = e.problem.detail;
      $('implant-replace').hidden = false;
      $('save-implant').textContent = 'Replace with a reason';
      $('implant-reason').focus();
      return;
    }
    throw e;
  } finally {
    $('save-implant').disabled = false;
  }
}

/** The missing or extra seeds, each with its position (mm LPS), where it was planned when known, and a button that centres the views on it. */
function seedPlaces(id, label, indices, seeds, viewer, placeOf = () => '') {
  if (!indices.length) return null;
  return h('div', { class: 'wide' }, h('dt', {}, label), h('dd', {}, h('ul', { id, class: 'seed-places' }, indices.map((n) => {
    const p = [seeds[n].xMm, seeds[n].yMm, seeds[n].zMm];
    return h('li', { 'data-index': n }, `seed ${n + 1}${placeOf(n)}: ${mm(p)} mm `,
      h('button', { type: 'button', onclick: () => viewer.setFocus(p) }, 'Show'));
  }))));
}

const mm = (p) => `(${p.map((c) => (Math.abs(c) < 0.05 ? 0 : c).toFixed(1)).join(', ')})`;

/** A missing seed's planned needle and place on it: " (needle 3, seed 2 from the tip)". */
function missingPlace(r) {
  const byIndex = new Map((r.missingSeeds || []).map((m) => [m.planned, m]));
  return (n) => (byIndex.has(n) ? ` (${byIndex.get(n).place})` : '');
}

/** The V100 goal the server flags against (TargetGoal's default). */
const V100_GOAL_PCT = 95;
/** How each ChangeFlag is shown: the class of the post value and of the difference, and the reason as a tooltip. */
const FLAGS = {
  NONE: { title: 'within what seed finding and the dose grid alone change (less than 5 % of the prescription)' },
  WORSE: { diff: 'caution', title: 'a change for the worse of 5 % of the prescription or more (V100: 5 points)' },
  GOAL_NOT_MET: { post: 'worse', diff: 'worse', title: 'below the prescription (D90) or the V100 goal' },
};

/**
 * "Plan, as approved (planning grid): CTV D90 135.2 Gy, V100 96.3 % …" — the plan's own numbers, as stored, with the structure
 * stored with them; a revision stored without it says "structure not recorded" (the server's text), never a guess.
 */
function approvedLine(r) {
  const a = r.planAsApproved;
  if (!a) return 'Plan, as approved: the revision stores no metrics of its own; the Plan* column is its only dose.';
  const shown = [['d_pct_gy.90', 'D90', 'Gy'], ['d_pct_gy.100', 'D100', 'Gy'], ['v_pct.100', 'V100', '%'], ['v_pct.150', 'V150', '%'],
    ['volume_cc', 'volume', 'cc']].filter(([k]) => a.metrics[k] !== undefined);
  const of = a.structureRecorded ? `${a.structure} ` : `${a.structure}: `;
  return `Plan, as approved (revision ${r.revision}, planning grid): ${of}`
    + shown.map(([k, label, unit]) => `${label} ${number(a.metrics[k])} ${unit}`).join(', ') + '.';
}

/**
 * One row per found seed: centre (a button that centres the views on it), axis (unit vector, LPS, sign arbitrary),
 * confidence, and the needle and place from the tip of the planned seed it was matched to ("extra" when none).
 */
function foundSeedRows(r, viewer) {
  const plannedOf = new Map(r.matches.map((m) => [m.found, m.planned]));
  const spaced = (values, digits) => values.map((c) => (Math.abs(c) < 0.5 * 10 ** -digits ? 0 : c).toFixed(digits)).join(' ');
  return r.found.map((f, n) => {
    const p = plannedOf.has(n) ? r.planned[plannedOf.get(n)] : null;
    const axis = f.axis ? spaced([f.axis.x, f.axis.y, f.axis.z], 2) : '—';
    const place = !p ? [h('td', { class: 'num', colspan: 2 }, 'extra')]
      : [h('td', { class: 'num' }, p.needle ? String(p.needle) : '—'), h('td', { class: 'num' }, p.needle ? String(p.seedOnNeedle) : '—')];
    return h('tr', { 'data-found': n, 'data-planned': p ? plannedOf.get(n) : '' }, h('td', { class: 'num' }, String(n + 1)),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => viewer.setFocus([f.xMm, f.yMm, f.zMm]) },
        spaced([f.xMm, f.yMm, f.zMm], 1))),
      h('td', { class: 'axis' }, axis), h('td', { class: 'num' }, number(f.confidence, 2)), ...place);
  });
}

function item(label, value, id, wide) {
  return h('div', { class: wide ? 'wide' : null }, h('dt', {}, label), h('dd', { id: id || null }, String(value)));
}

async function approve() {
  const dialog = $('approve-dialog');
  $('approve-name').value = state.session.user.displayName || '';
  $('approve-password').value = '';
  showMessage($('approve-error'), 'error', '');
  dialog.showModal();
  $('approve-password').focus();
  const planRef = await new Promise((resolve) => {
    $('approve-cancel').onclick = () => { dialog.close(); resolve(null); };
    $('approve-form').onsubmit = async (e) => {
      e.preventDefault();
      $('approve-sign').disabled = true;
      try {
        const plan = state.postPlan || await post(`/api/verifications/${state.jobId}/post-plan`, {});
        state.postPlan = plan;
        await post(`/api/plans/${plan.planId}/revisions/${plan.revision}/approval`, {
          printedName: $('approve-name').value, password: $('approve-password').value, meaning: 'approved for treatment' });
        dialog.close();
        resolve(plan);
      } catch (err) {
        showMessage($('approve-error'), 'error', err.message);
      } finally {
        $('approve-sign').disabled = false;
      }
    };
  });
  if (!planRef) return;
  showMessage($('approved'), 'ok', `${planRef.name} (plan ${planRef.planId}, revision ${planRef.revision}) approved by ${$('approve-name').value}.`);
  $('approve').disabled = true;
}

async function start() {
  const { session, viewer, volume, complete } = await openImagingPage({ layout: 'main' });
  state.session = session;
  state.postOp = volume;
  state.complete = complete;
  contours.volume = volume;
  viewer.addOverlay(new ContourLayer(contours));
  state.isodoses = new IsodoseLayer(viewer, $('isodose-legend'), (m) => showMessage(error, 'error', m));
  viewer.addOverlay(state.isodoses);
  viewer.addOverlay(new SeedLayer(state));
  state.modelBased = new VerificationModelBasedPanel($('model-based-panel'));
  viewer.setPreset('bone');
  markIsoDate($('implant-date'));
  $('run').addEventListener('click', () => run(viewer).catch((e) => showMessage(error, 'error', `Verification: ${e.message}`)));
  $('cancel-run').addEventListener('click', () => cancelRun().catch((e) => showMessage(error, 'error', `Cancel: ${e.message}`)));
  $('approve').addEventListener('click', () => approve().catch((e) => showMessage(error, 'error', e.message)));
  $('save-implant').addEventListener('click', () => saveToImplant().catch((e) => showMessage(error, 'error', `Save to implant: ${e.message}`)));
  // the run button stays disabled (verify.html) until its handler is attached and the plans to verify against are listed
  await plansOf(volume.header.patientDbId);
}

start().catch((e) => {
  if (e.message !== 'no series') showMessage(error, 'error', e.message);
});

// "Needles from CT" on the plan screen (docs/needles.md): choose a plan revision of the patient and the CT taken with
// the needles in place; "Find needles" has the server find the needles and pair them with the planned ones, and lists
// each needle's tip and angle error with a tick "use in the re-plan" (needles matched to the plan ticked, found needles
// not in the plan unticked: the finder can read a streak or a chain of seeds as a needle, and only the physicist looking
// at the CT can tell). "Re-plan around the ticked needles" has the server find them again, check that the finding is the
// one decided on (findingId), and save the plan re-optimised around the ticked needles as a new DRAFT revision, which is
// opened here: its needles and seeds are drawn on the three views (needles as found in magenta) and its goals listed.
import { get, post } from '../api.js';
import { h, replace, showMessage } from '../dom.js';

const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d));
const FOUND_COLOUR = '#ff3df0'; // magenta: apart from the crosshair (blue, green, orange), seeds (green) and isodoses
const SEED_COLOUR = '#39ff7a';
const SEED_HALF_LENGTH_MM = 2.25;

/** Where segment a → b crosses the view's plane, or null. */
function crossing(view, a, b) {
  const n = view.normalAxis;
  const da = a[n] - view.sliceMm;
  const db = b[n] - view.sliceMm;
  if (da === db || da * db > 0) return null;
  const t = da / (da - db);
  return [0, 1, 2].map((k) => a[k] + t * (b[k] - a[k]));
}

/** The overlay of the opened revision: its needles (those found on the CT in magenta, numbered as in the revision) and seeds. */
class RevisionLayer {
  constructor(panel) {
    this.panel = panel;
  }

  draw(ctx, view) {
    const r = this.panel.opened;
    if (!r) return;
    // seeds first, so that the needles' tips (the point of this screen) stay visible on top
    const tolerance = Math.max(view.thicknessMm / 2, 1.0);
    ctx.strokeStyle = SEED_COLOUR;
    ctx.lineWidth = 3.5;
    ctx.lineCap = 'round';
    for (const s of r.seeds) {
      const p = [s.xMm, s.yMm, s.zMm];
      if (Math.abs(p[view.normalAxis] - view.sliceMm) > tolerance) continue;
      const n = s.needle === null ? null : r.needles[s.needle];
      const d = n ? [0, 1, 2].map((k) => n.tipMm[k] - n.entryMm[k]) : [0, 0, 1];
      const len = Math.hypot(...d) || 1;
      const a = view.toPixel(p.map((v, k) => v - (d[k] / len) * SEED_HALF_LENGTH_MM));
      const b = view.toPixel(p.map((v, k) => v + (d[k] / len) * SEED_HALF_LENGTH_MM));
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.stroke();
    }
    ctx.lineCap = 'butt';
    const found = this.panel.foundTips;
    ctx.font = '11px system-ui, sans-serif';
    r.needles.forEach((n, i) => {
      const isFound = found.some((t) => Math.hypot(t[0] - n.tipMm[0], t[1] - n.tipMm[1], t[2] - n.tipMm[2]) < 0.05);
      ctx.strokeStyle = isFound ? FOUND_COLOUR : '#c8c8c8';
      ctx.fillStyle = ctx.strokeStyle;
      const inPlane = view.onSlice(n.entryMm[view.normalAxis]) && view.onSlice(n.tipMm[view.normalAxis]);
      if (inPlane || view.name !== 'axial') {
        // project the needle onto the view; dashed where it lies off the slice
        const [x1, y1] = view.toPixel(n.entryMm);
        const [x2, y2] = view.toPixel(n.tipMm);
        ctx.lineWidth = 1.5;
        ctx.setLineDash(inPlane ? [] : [4, 3]);
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.arc(x2, y2, 2.5, 0, 2 * Math.PI);
        ctx.fill();
        return;
      }
      const p = crossing(view, n.entryMm, n.tipMm);
      if (!p) return;
      const [px, py] = view.toPixel(p);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(px, py, 4, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.fillText(String(i + 1), px + 5, py - 4);
    });
  }
}

/** The panel: plan revision and CT series choices, the finding with its ticks, the re-plan, the opened revision. */
class NeedlesFromCtPanel {
  constructor(page) {
    this.page = page;
    this.opened = null;
    this.foundTips = [];
    this.finding = null; // the answer of "Find needles", and the request it answered (this.asked)
    this.asked = null;
    this.result = null; // the answer of the re-plan
    this.revision = h('select', { id: 'nct-revision', 'aria-label': 'Plan revision' });
    this.series = h('select', { id: 'nct-series', 'aria-label': 'Intra-operative CT series' });
    this.reason = h('input', { id: 'nct-reason', value: 'needles placed: re-plan around them' });
    this.bevel = h('input', { id: 'nct-bevel', type: 'number', min: '0.1', max: '10', step: '0.1', placeholder: 'estimated from the scan',
      title: 'The needles\' bevel length along the axis, mm (18 G ground at 20°: 3.5; at 30°: 2.2). Empty: estimated from the scan.' });
    this.run = h('button', { type: 'button', id: 'nct-run', class: 'primary', onclick: () => this.find() }, 'Find needles');
    this.replan = h('button', { type: 'button', id: 'nct-replan', class: 'primary', hidden: true, onclick: () => this.start() },
      'Re-plan around the ticked needles');
    this.message = h('p', { id: 'nct-message', class: 'message', role: 'status', hidden: true });
    this.notes = h('ul', { id: 'nct-notes', class: 'message warn', hidden: true });
    this.notes.style.paddingLeft = '28px'; // the bullets inside the box (CSSOM: the page's CSP allows no inline style attributes)
    this.table = h('table', { id: 'nct-table', class: 'needles', hidden: true });
    this.opened_line = h('p', { id: 'nct-opened', class: 'small', hidden: true });
    const fields = h('div', {},
      h('label', {}, 'Plan revision', this.revision),
      h('label', {}, 'Intra-operative CT', this.series),
      h('label', {}, 'Bevel length, mm (optional)', this.bevel),
      h('label', {}, 'Reason', this.reason));
    // one field per line, full width (styles through the CSSOM: the page's CSP allows no inline style attributes)
    for (const label of fields.children) {
      Object.assign(label.style, { display: 'grid', gap: '2px', marginBottom: '6px' });
      label.lastChild.style.width = '100%';
    }
    this.element = h('details', { class: 'panel', id: 'needles-ct-panel', open: true },
      h('summary', {}, h('h2', {}, 'Needles from CT')),
      fields,
      h('div', { class: 'run-row' }, this.run, this.replan),
      this.message,
      this.notes,
      h('div', { class: 'scroll-y' }, this.table),
      this.opened_line);
    page.viewer.addOverlay(new RevisionLayer(this));
    // a finding answers the choices it was made on: another choice asks for a new one
    for (const field of [this.revision, this.series, this.bevel]) field.addEventListener('change', () => this.forget());
  }

  /** Drops the finding (the choices changed): the table and the re-plan button go until the needles are found again. */
  forget() {
    if (!this.finding) return;
    this.finding = null;
    this.asked = null;
    this.replan.hidden = true;
    this.table.hidden = true;
    this.showNotes([]);
    this.run.className = 'primary';
  }

  /**
   * The answer's notes above the table, first: the re-plan's warnings (a planned needle not found, a found needle crossing an organ's
   * margin) and the finding's (a tip not sure along z or along the needle).
   */
  showNotes(notes) {
    replace(this.notes, ...notes.map((n) => h('li', {}, n)));
    this.notes.hidden = !notes.length;
  }

  /** Fills the choices from the patient page: the newest revision of each plan, and every CT series but the plan's own. */
  async load() {
    const p = await get(`/api/patients/${this.page.patientId}`);
    replace(this.revision, ...p.plans.filter((x) => x.seedCount > 0)
      .map((x) => h('option', { value: `${x.id}/${x.revision}` }, `${x.name} · rev ${x.revision} · ${x.status}`)));
    const planCt = this.page.choices.ctSeriesUid;
    const cts = [];
    for (const st of p.studies) {
      for (const s of st.series) {
        if (s.modality === 'CT' && s.seriesInstanceUid !== planCt) cts.push({ study: st, series: s });
      }
    }
    replace(this.series, ...cts.map((x) => h('option', { value: `${x.study.studyInstanceUid}|${x.series.seriesInstanceUid}` },
      `${x.study.studyDate || ''} ${x.series.description || 'CT'} (${x.series.instanceCount} slices)`.trim())));
    if (cts.length) this.series.selectedIndex = cts.length - 1;
    if (p.plans.length) this.revision.selectedIndex = p.plans.length - 1;
    this.run.disabled = !cts.length || !p.plans.length;
    if (!cts.length) showMessage(this.message, 'info', 'No CT of this patient besides the planning CT: upload the intra-operative CT first.');
  }

  /** The request of the choices made, or null after saying on the panel what is wrong. */
  request() {
    const [planId, revision] = this.revision.value.split('/');
    const [studyInstanceUid, seriesInstanceUid] = this.series.value.split('|');
    const body = { studyInstanceUid, seriesInstanceUid };
    if (this.bevel.value.trim() !== '') {
      const mm = Number(this.bevel.value);
      if (!(mm > 0 && mm <= 10)) {
        showMessage(this.message, 'error', 'Bevel length: give the needles\' bevel length along the axis, more than 0 and at most 10 mm, or leave it empty.');
        return null;
      }
      body.bevelMm = mm;
    }
    return { path: `/api/plans/${planId}/revisions/${revision}/needles-from-ct`, body };
  }

  /** "Find needles": the finding alone (nothing saved), shown with a tick per found needle. */
  async find() {
    const asked = this.request();
    if (!asked) return;
    this.run.disabled = true;
    this.replan.hidden = true;
    showMessage(this.message, 'info', 'Finding the needles…');
    try {
      this.finding = await post(asked.path, { ...asked.body, replan: false });
      this.asked = asked;
      const extra = this.finding.unmatchedFound.length;
      const missing = this.finding.unmatchedPlanned.length;
      showMessage(this.message, extra || missing ? 'warn' : 'info', `${this.finding.needles.length + extra} needles found`
        + (missing ? `, ${missing} planned not found` : '') + (extra ? `, ${extra} not in the plan (unticked)` : '')
        + '. Untick any needle the CT does not show, then re-plan.');
      this.table.replaceChildren(...this.rows(this.finding, true));
      this.showNotes(this.finding.notes);
      this.table.hidden = false;
      this.replan.hidden = false;
      this.run.className = ''; // the re-plan is the next step: finding again is the other one
    } catch (e) {
      showMessage(this.message, 'error', e.message);
    } finally {
      this.run.disabled = false;
    }
  }

  /** "Re-plan around the ticked needles": the unticked ones sent as leaveOut, with the finding they were chosen on. */
  async start() {
    const leaveOut = [...this.table.querySelectorAll('input.use')].filter((c) => !c.checked).map((c) => Number(c.value));
    const body = { ...this.asked.body, reason: this.reason.value, findingId: this.finding.findingId, leaveOut };
    this.run.disabled = true;
    this.replan.disabled = true;
    showMessage(this.message, 'info', 'Finding the needles again and re-planning around the ticked ones…');
    try {
      this.result = await post(this.asked.path, body);
      showMessage(this.message, '', '');
      this.replan.hidden = true;
      this.finding = null;
      this.run.className = 'primary';
      this.show(this.result);
      await this.load();
    } catch (e) {
      showMessage(this.message, 'error', e.message);
    } finally {
      this.run.disabled = false;
      this.replan.disabled = false;
    }
  }

  /**
   * The table's rows: per planned needle its found needle and errors, then the planned needles not found and the found needles not in
   * the plan; each found needle with its tick "use in the re-plan" (open to change while choosing, else showing what was used).
   */
  rows(r, choosing) {
    const tick = (n) => h('td', {}, h('input', { type: 'checkbox', class: 'use', value: n.foundNeedle, checked: n.used && (choosing ? n.plannedNeedle !== undefined : true),
      disabled: !choosing, 'aria-label': `Use found needle ${n.foundNeedle} in the re-plan`, title: 'use in the re-plan' }));
    const rows = [h('tr', {}, h('th', { title: 'Use the found needle in the re-plan' }, 'Use'), h('th', { title: 'Planned needle' }, 'Plan'),
      h('th', { title: 'Needle found on the CT' }, 'Found'),
      h('th', { class: 'num', title: 'Distance between found and planned tip, mm' }, 'Tip mm'),
      h('th', { class: 'num', title: 'Along the planned axis, mm (+ deeper); (±X) under it where the tip\'s place along the needle is not sure to 1 mm' }, 'Depth'),
      h('th', { class: 'num', title: 'Across the planned axis, mm; (±X) under it where the tip\'s place across the needle in the CT\'s slices is not sure to 1 mm' }, 'Lateral'),
      h('th', { class: 'num', title: 'Angle between planned and found axis, degrees; (±X) under it where the image does not hold the needle\'s axis to 2°' }, 'Angle °'))];
    for (const n of r.needles) {
      rows.push(h('tr', { class: n.tipErrorMm > 5 || n.angleErrorDeg > 5 ? 'warn' : null }, tick(n), h('td', {}, n.plannedNeedle),
        h('td', {}, n.foundNeedle, n.tipCertain ? '' : ' ?'),
        h('td', { class: 'num', title: n.tipZUncertaintyMm > 1 ? 'the tip may lie this far along the CT\'s z: the image does not tell' : null },
          fmt(n.tipErrorMm), n.tipZUncertaintyMm > 1 ? [h('br'), '(z ±' + fmt(n.tipZUncertaintyMm) + ')'] : null),
        h('td', { class: 'num', title: n.tipAxisUncertaintyMm > 1 ? 'the tip may lie this far along the needle: the voxels around its end do not hold its place' : null },
          (n.depthErrorMm >= 0 ? '+' : '') + fmt(n.depthErrorMm), n.tipAxisUncertaintyMm > 1 ? [h('br'), '(±' + fmt(n.tipAxisUncertaintyMm) + ')'] : null),
        h('td', { class: 'num', title: n.tipInPlaneUncertaintyMm > 1 ? 'the tip may lie this far across the needle in the CT\'s slices: its voxels do not hold its centreline there' : null },
          fmt(n.lateralErrorMm), n.tipInPlaneUncertaintyMm > 1 ? [h('br'), '(±' + fmt(n.tipInPlaneUncertaintyMm) + ')'] : null),
        h('td', { class: 'num', title: n.axisUncertaintyDeg > 2 ? 'the needle\'s axis may be this far off: it lies inside one thick slice, which does not show its height, or its steel ran together with another needle\'s' : null },
          fmt(n.angleErrorDeg), n.axisUncertaintyDeg > 2 ? [h('br'), '(±' + fmt(n.axisUncertaintyDeg) + ')'] : null)));
    }
    for (const n of r.unmatchedPlanned) {
      rows.push(h('tr', { class: 'warn' }, h('td', {}), h('td', {}, n.plannedNeedle), h('td', { colspan: 5 }, 'not found on the CT')));
    }
    for (const n of r.unmatchedFound) {
      rows.push(h('tr', { class: 'warn' }, tick(n), h('td', {}, '—'), h('td', {}, n.foundNeedle), h('td', { colspan: 4, class: 'why' },
        choosing ? 'not in the plan: tick it only if the CT shows a needle there'
          : (n.used ? 'not in the plan: kept as placed' : 'not in the plan: left out'))));
    }
    if (r.needles.length) {
      rows.push(h('tr', { class: 'mean' }, h('td', {}), h('td', { colspan: 2 }, 'mean'), h('td', { class: 'num' }, fmt(r.meanTipErrorMm)), h('td', {}),
        h('td', {}), h('td', { class: 'num' }, fmt(r.meanAngleErrorDeg))));
    }
    return rows;
  }

  /** The table of errors and of the needles used, then the new revision opened on the views. */
  show(r) {
    const rows = this.rows(r, false);
    replace(this.table, ...rows);
    this.showNotes(r.notes);
    this.table.hidden = false;
    const rev = r.revision;
    this.opened = rev;
    this.foundTips = [...r.needles, ...r.unmatchedFound].filter((n) => n.used).map((n) => n.tipMm);
    const unmet = r.goals.filter((g) => !g.met);
    replace(this.opened_line, h('strong', {}, `Opened: plan ${rev.id} “${rev.name}” revision ${rev.revision} (${rev.status})`),
      `: ${rev.seedCount} seeds on ${rev.needleCount} needles, ${this.foundTips.length} as found on the CT (magenta)`
      + (r.leftOut.length ? `; left out as not in the patient: found needle ${r.leftOut.join(', ')}` : '')
      + `. ${rev.metricsStructure ?? 'structure not recorded'}: D90 ${fmt(rev.d90Gy)} Gy, V100 ${fmt(rev.v100Percent)} %. `,
      unmet.length ? h('span', { class: 'unmet' }, `Goals not met: ${unmet.map((g) => `${g.structure} ${g.goal}`).join(', ')}.`) : 'All goals met.',
      ' Published template series: 4.4 mm, 2.8° mean.');
    this.opened_line.hidden = false;
    this.page.show.implant = false;
    document.getElementById('intent-panel').open = false;
    if (this.foundTips.length) this.page.viewer.setFocus(this.foundTips[0]);
    this.page.viewer.redraw();
    this.element.scrollIntoView({ block: 'start' });
  }
}

/** Mounts the panel once the plan screen is up. */
function mount() {
  const page = window.seedplanPlan;
  if (!page) {
    setTimeout(mount, 100);
    return;
  }
  const panel = new NeedlesFromCtPanel(page);
  document.querySelector('.plan-side').prepend(panel.element);
  window.seedplanNeedlesFromCt = panel;
  panel.load().catch((e) => showMessage(panel.message, 'error', e.message));
}

mount();

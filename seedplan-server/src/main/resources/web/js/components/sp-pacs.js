// <sp-pacs> — the patient page's DICOM network actions, through the documented API:
//   "Send to PACS" beside an approved plan: its RT Plan goes to a PACS of the patient's centre (C-STORE);
//   "Fetch from PACS…": the studies a PACS of the centre holds under the patient's ID (C-FIND), each of which can be
//   fetched into the patient's record (C-GET). The PACS are the centre's known peers (GET /api/dicom/peers).
import { get, post } from '../api.js';
import { h, replace, showMessage } from '../dom.js';
import { calendarDate } from '../format.js';

/** Set `patient` (GET /api/patients/{id}) before it is connected. */
export class SpPacs extends HTMLElement {
  constructor() {
    super();
    this.patient = null;
    this.peers = null;
    this.changed = false;
  }

  /** The "Send to PACS" button of one plan row: only for an approved (or locked, i.e. exported) revision. */
  static sendButton(plan) {
    if (plan.status !== 'APPROVED' && plan.status !== 'LOCKED') return '';
    return h('button', {
      type: 'button', class: 'send-pacs', 'data-plan': plan.id, 'data-revision': plan.revision, 'data-needs': 'EXPORT_PLAN',
      onclick: () => document.querySelector('sp-pacs').openSend(plan),
    }, 'Send to PACS');
  }

  connectedCallback() {
    if (this.dialog) return;
    const opener = h('button', { type: 'button', id: 'pacs-fetch-open', 'data-needs': 'EDIT_REGISTRY' }, 'Fetch from PACS…');
    this.heading = h('h2', { id: 'pacs-title' }, '');
    this.peerSelect = h('select', { id: 'pacs-peer', name: 'peerId' });
    this.intro = h('p', { class: 'hint', id: 'pacs-intro' }, '');
    this.results = h('div', { id: 'pacs-results', 'aria-live': 'polite' });
    this.message = h('p', { id: 'pacs-message', class: 'message', role: 'alert', hidden: true });
    this.actButton = h('button', { type: 'submit', class: 'primary', id: 'pacs-act' }, '');
    this.closeButton = h('button', { type: 'button', id: 'pacs-close' }, 'Close');
    const form = h('form', { method: 'dialog' },
      h('header', {}, this.heading),
      h('div', { class: 'body' }, this.intro,
        h('div', { class: 'field' }, h('label', { for: 'pacs-peer' }, 'PACS'), this.peerSelect),
        this.results, this.message),
      h('footer', {}, this.closeButton, this.actButton));
    this.dialog = h('dialog', { 'aria-labelledby': 'pacs-title' }, form);
    opener.addEventListener('click', () => this.openFetch());
    this.closeButton.addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => {
      if (this.changed) location.reload();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.action();
    });
    this.replaceChildren(opener, this.dialog);
  }

  /** The known peers of the patient's centre that may do `what` ('maySend' or 'mayReceive'). */
  async peersFor(what) {
    if (!this.peers) {
      const answer = await get('/api/dicom/peers');
      this.peers = answer.peers.filter((p) => String(p.centreId) === String(this.patient.centreId));
    }
    return this.peers.filter((p) => p[what]);
  }

  async show(title, intro, what, actLabel, action) {
    this.heading.textContent = title;
    this.intro.textContent = intro;
    this.actButton.textContent = actLabel;
    this.action = action;
    replace(this.results);
    showMessage(this.message, 'error', '');
    this.dialog.showModal();
    let peers = [];
    try {
      peers = await this.peersFor(what);
    } catch (e) {
      showMessage(this.message, 'error', e.message);
    }
    this.peerSelect.replaceChildren(...peers.map((p) => h('option', { value: p.id },
      `${p.aeTitle} (${p.host}:${p.port})${p.description ? ` · ${p.description}` : ''}`)));
    this.actButton.disabled = peers.length === 0;
    if (!peers.length) {
      showMessage(this.message, 'warn', 'This centre has no PACS that allows this. Its administrator adds one under the known DICOM peers.');
    }
  }

  openSend(plan) {
    this.show(`Send plan “${plan.name}” to a PACS`,
      `The DICOM RT Plan of revision ${plan.revision} goes to the chosen PACS. Sending records an export for treatment and locks the revision.`,
      'mayReceive', 'Send', () => this.send(plan));
  }

  async send(plan) {
    this.actButton.disabled = true;
    showMessage(this.message, 'info', 'Sending…');
    try {
      const r = await post(`/api/plans/${plan.id}/revisions/${plan.revision}/send`, { peerId: Number(this.peerSelect.value) });
      showMessage(this.message, 'ok', `Sent to ${r.peer}: RT Plan ${r.sopInstanceUid}.`);
      this.changed = true;
    } catch (e) {
      showMessage(this.message, 'error', e.message);
      this.actButton.disabled = false;
    }
  }

  openFetch() {
    this.show('Fetch a study from a PACS',
      `The studies the chosen PACS holds under Patient ID ${this.patient.patientId}. A study fetched is added to this patient's record.`,
      'maySend', 'Search', () => this.search());
  }

  async search() {
    this.actButton.disabled = true;
    showMessage(this.message, 'info', 'Searching…');
    replace(this.results);
    try {
      const studies = await get(`/api/patients/${this.patient.id}/pacs/studies?peerId=${encodeURIComponent(this.peerSelect.value)}`);
      showMessage(this.message, 'info', studies.length ? '' : `The PACS holds no study under Patient ID ${this.patient.patientId}.`);
      if (studies.length) {
        const head = h('tr', {}, ['Date', 'Description', 'Modalities', 'Images', ''].map((t, i) =>
          h('th', { scope: 'col', class: i === 3 ? 'num' : null }, t)));
        replace(this.results, h('table', { id: 'pacs-studies' }, h('thead', {}, head),
          h('tbody', {}, studies.map((s) => this.studyRow(s)))));
      }
    } catch (e) {
      showMessage(this.message, 'error', e.message);
    }
    this.actButton.disabled = false;
  }

  studyRow(s) {
    const cell = h('td', {});
    if (s.inRegistry) {
      cell.append(h('span', { class: 'muted' }, 'In the record'));
    } else {
      cell.append(h('button', { type: 'button', class: 'fetch-study', 'data-study': s.studyInstanceUid,
        onclick: (e) => this.fetchStudy(s, e.target, cell) }, 'Fetch'));
    }
    return h('tr', { 'data-study': s.studyInstanceUid },
      h('td', {}, calendarDate(s.studyDate)), h('td', {}, s.description || '—'), h('td', {}, s.modalities ? s.modalities.split('\\').join(', ') : '—'),
      h('td', { class: 'num' }, s.instances || '—'), cell);
  }

  async fetchStudy(s, button, cell) {
    button.disabled = true;
    showMessage(this.message, 'info', 'Fetching the study…');
    try {
      const r = await post(`/api/patients/${this.patient.id}/pacs/fetch`, { peerId: Number(this.peerSelect.value), studyInstanceUid: s.studyInstanceUid });
      replace(cell, h('span', { class: 'muted' }, 'In the record'));
      showMessage(this.message, r.failed ? 'warn' : 'ok', `${r.stored} image${r.stored === 1 ? '' : 's'} in ${r.seriesCount} series added to the record`
        + (r.failed ? `; ${r.failed} could not be stored (see the audit trail)` : '') + '. Close to see the study.');
      this.changed = true;
    } catch (e) {
      showMessage(this.message, 'error', e.message);
      button.disabled = false;
    }
  }
}

customElements.define('sp-pacs', SpPacs);

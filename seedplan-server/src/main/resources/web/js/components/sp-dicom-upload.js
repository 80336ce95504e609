// <sp-dicom-upload> — a button that opens the upload dialog: a DICOM folder or files, or one .zip, with a
// progress bar. POST /api/studies creates the study (and the patient when new) and the patient page opens.
import { ApiError, upload } from '../api.js';
import { h, showMessage } from '../dom.js';
import { byteSize } from '../format.js';

/** Upload of one study; set `centres` ([{id, name}]) and optionally `centreId` before use. */
export class SpDicomUpload extends HTMLElement {
  constructor() {
    super();
    this.centres = [];
    this.centreId = null;
    this.files = [];
    this.sending = null;
  }

  connectedCallback() {
    if (this.dialog) return;
    const opener = h('button', { type: 'button', id: 'upload-open' }, 'Upload DICOM…');
    this.centreSelect = h('select', { id: 'upload-centre', name: 'centreId' });
    this.centreField = h('div', { class: 'field' }, h('label', { for: 'upload-centre' }, 'Centre'), this.centreSelect);
    this.folderInput = h('input', { type: 'file', id: 'upload-folder', webkitdirectory: true, multiple: true });
    this.fileInput = h('input', { type: 'file', id: 'upload-files', multiple: true, accept: '.dcm,.zip,application/dicom,application/zip' });
    this.chosen = h('p', { id: 'upload-chosen', class: 'muted', 'aria-live': 'polite' }, 'Nothing chosen yet.');
    this.progress = h('progress', { id: 'upload-progress', max: '100', value: '0', 'aria-label': 'Upload progress' });
    this.percent = h('span', { id: 'upload-percent' }, '');
    this.progressLine = h('div', { class: 'progressline', hidden: true }, this.progress, this.percent);
    this.message = h('p', { id: 'upload-message', class: 'message', role: 'alert', hidden: true });
    this.sendButton = h('button', { type: 'submit', class: 'primary', id: 'upload-send', disabled: true }, 'Upload');
    this.cancelButton = h('button', { type: 'button', id: 'upload-cancel' }, 'Cancel');

    const form = h('form', { method: 'dialog' },
      h('header', {}, h('h2', { id: 'upload-title' }, 'Upload a CT study')),
      h('div', { class: 'body' },
        h('p', { class: 'hint' }, 'A folder of DICOM files, several files, or one .zip. The patient is found by the DICOM Patient ID in the centre, or created.'),
        this.centreField,
        h('div', { class: 'choices' },
          h('label', { class: 'button', for: 'upload-folder' }, 'Choose folder…', this.folderInput),
          h('label', { class: 'button', for: 'upload-files' }, 'Choose files or .zip…', this.fileInput)),
        this.chosen, this.progressLine, this.message),
      h('footer', {}, this.cancelButton, this.sendButton));
    this.dialog = h('dialog', { 'aria-labelledby': 'upload-title' }, form);

    opener.addEventListener('click', () => this.open());
    this.cancelButton.addEventListener('click', () => this.dialog.close());
    // closing the dialog (Cancel, Escape) during an upload cancels it: the server stores all of it or nothing
    this.dialog.addEventListener('close', () => {
      if (this.sending) this.sending.abort();
    });
    this.folderInput.addEventListener('change', () => this.choose(this.folderInput.files));
    this.fileInput.addEventListener('change', () => this.choose(this.fileInput.files));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.send();
    });
    this.replaceChildren(opener, this.dialog);
  }

  open() {
    this.centreSelect.replaceChildren(...this.centres.map((c) => h('option', { value: c.id }, c.name)));
    if (this.centreId !== null) this.centreSelect.value = String(this.centreId);
    this.centreField.hidden = this.centres.length < 2;
    this.files = [];
    this.folderInput.value = '';
    this.fileInput.value = '';
    this.chosen.textContent = 'Nothing chosen yet.';
    this.progressLine.hidden = true;
    showMessage(this.message, 'error', '');
    this.sendButton.disabled = true;
    this.dialog.showModal();
  }

  choose(fileList) {
    // hidden files of a copied folder (.DS_Store, ._*) are not DICOM
    this.files = [...fileList].filter((f) => !f.name.startsWith('.'));
    const bytes = this.files.reduce((sum, f) => sum + f.size, 0);
    this.chosen.textContent = this.files.length
      ? `${this.files.length} file${this.files.length === 1 ? '' : 's'}, ${byteSize(bytes)}`
      : 'The choice holds no files.';
    this.sendButton.disabled = this.files.length === 0;
  }

  async send() {
    const data = new FormData();
    data.append('centreId', this.centreSelect.value);
    for (const f of this.files) data.append('file', f, f.name);
    this.sendButton.disabled = true;
    this.progressLine.hidden = false;
    showMessage(this.message, 'error', '');
    const show = (sent, total) => {
      const pct = total ? Math.round((100 * sent) / total) : 0;
      this.progress.value = pct;
      this.percent.textContent = `${pct} %`;
    };
    show(0, 1);
    this.sending = new AbortController();
    try {
      const result = await upload('/api/studies', data, show, this.sending.signal);
      show(1, 1);
      showMessage(this.message, 'ok',
        `Stored ${result.instanceCount} images in ${result.seriesCount} series. Opening the patient…`);
      location.assign(`/patient.html?id=${encodeURIComponent(result.id)}`);
    } catch (e) {
      this.progressLine.hidden = true;
      if (e.name !== 'AbortError') showMessage(this.message, 'error', e instanceof ApiError ? e.message : String(e));
      this.sendButton.disabled = false;
    } finally {
      this.sending = null;
    }
  }
}

customElements.define('sp-dicom-upload', SpDicomUpload);

// What the image screens share: session and header, the series and patient from the address, the CT opened into
// a CtViewer with its toolbar, load progress and the series panel.
import { h, replace, showMessage } from '../dom.js';
import { requireSession } from '../session.js';
import '../components/sp-app-header.js';
import { openCtSeries } from './ct-loader.js';
import { CtViewer } from './ct-viewer.js';
import './sp-ct-toolbar.js';

/** The screen's address parameters: series (Series Instance UID) and patient (database id). */
export function pageParameters() {
  const q = new URLSearchParams(location.search);
  return { series: q.get('series'), patient: q.get('patient'), plan: q.get('plan'), q };
}

/**
 * Opens the session and the CT series of the address into a new CtViewer in #views; resolves to
 * {session, viewer, volume, complete, params} once the first image is on screen.
 */
export async function openImagingPage({ layout = 'row', extraTools = [] } = {}) {
  const error = document.getElementById('error');
  const session = await requireSession();
  document.querySelector('sp-app-header').setSession(session);
  const params = pageParameters();
  if (params.patient && /^\d+$/.test(params.patient)) {
    document.getElementById('patient-link').href = `/patient.html?id=${params.patient}`;
  }
  if (!params.series) {
    showMessage(error, 'error', 'No CT series chosen: open one from a study on the patient page.');
    throw new Error('no series');
  }
  const viewer = new CtViewer(document.getElementById('views'), { layout });
  window.seedplanViewer = viewer; // for the browser tests and the console
  const progress = document.getElementById('progress');
  let opened;
  try {
    opened = await openCtSeries(params.series, {
      onProgress: (n, total) => {
        progress.max = total;
        progress.value = n;
        progress.title = `${n} of ${total} slices loaded`;
        viewer.redraw();
      },
    });
  } catch (e) {
    showMessage(error, 'error', e.status === 404
      ? 'This CT series does not exist or is not of a patient of your centres.'
      : `The CT could not be opened: ${e.message}`);
    throw e;
  }
  const { volume, complete } = opened;
  viewer.setVolume(volume);
  viewer.renderNow();
  // milliseconds from the start of navigation to the first CT image on screen: the frame after the first drawing
  // (read by the speed benchmark)
  requestAnimationFrame(() => { window.seedplanFirstImageMs = performance.now(); });
  document.getElementById('toolbar').hidden = false;
  document.getElementById('ct-tools').bind(viewer, extraTools);
  describeSeries(volume);
  if (!params.patient) document.getElementById('patient-link').href = `/patient.html?id=${volume.header.patientDbId}`;
  complete.then(() => {
    progress.hidden = true;
    viewer.redraw();
  }).catch((e) => showMessage(error, 'error', `Slices could not be loaded: ${e.message}`));
  return { session, viewer, volume, complete, params };
}

function describeSeries(volume) {
  const hd = volume.header;
  const [nx, ny, nz] = volume.size;
  const [dx, dy, dz] = volume.spacingMm;
  document.getElementById('series-line').textContent = `CT ${nx} × ${ny} × ${nz}, ${dx.toFixed(2)} × ${dy.toFixed(2)} × ${dz.toFixed(2)} mm`;
  const info = document.getElementById('series-info');
  if (!info) return;
  const z = hd.slicePositionsMm;
  replace(info,
    item('Slices', `${nz} (z ${z[0].toFixed(1)} to ${z[z.length - 1].toFixed(1)} mm)`),
    item('Pixel size', `${dx.toFixed(3)} × ${dy.toFixed(3)} mm`),
    item('Slice spacing', `${dz.toFixed(2)} mm`),
    item('Matrix', `${nx} × ${ny}`),
    item('Frame of Reference', hd.frameOfReferenceUid, true),
    item('Series UID', hd.seriesInstanceUid, true));
}

function item(label, value, wide) {
  return h('div', { class: wide ? 'wide' : null }, h('dt', {}, label), h('dd', { class: wide ? 'mono small' : null }, value || '—'));
}

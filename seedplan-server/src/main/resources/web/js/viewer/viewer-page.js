// The CT viewer screen: three linked views of one series, tools, window presets and the list of measurements.
import { h, replace, showMessage } from '../dom.js';
import { openImagingPage } from './imaging-page.js';

async function start() {
  const { viewer } = await openImagingPage({ layout: 'row' });
  const list = document.getElementById('measurements');
  const show = () => {
    const items = viewer.measure.items;
    if (!items.length) {
      replace(list, h('li', { class: 'muted' }, 'Choose “Measure” and drag on an image.'));
      return;
    }
    replace(list, items.map((m, n) => h('li', { 'data-length-mm': m.lengthMm.toFixed(2) },
      `${m.lengthMm.toFixed(1)} mm `, h('span', { class: 'muted' }, `on ${m.plane} slice ${m.sliceIndex + 1}`))));
  };
  viewer.on('measure', show);
}

start().catch((e) => {
  if (e.message !== 'no series') showMessage(document.getElementById('error'), 'error', e.message);
});

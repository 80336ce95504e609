// A cumulative DVH chart on a canvas: volume % against dose (Gy), the pre-plan dashed and the post-plan solid in each
// structure's colour, the prescription marked.

const COLOURS = ['#d62828', '#f08c00', '#2a7de1', '#2b9348', '#8e44ad', '#6c757d'];

/** Draws pre and post DVHs ([{name, doseGy[], volumePercent[]}]) up to maxGy with the prescription line at rxGy. */
export function drawDvh(canvas, pre, post, rxGy, maxGy) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const hgt = canvas.clientHeight;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(hgt * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  const left = 36;
  const bottom = hgt - 26;
  const right = w - 8;
  const top = 8;
  const x = (gy) => left + (Math.min(gy, maxGy) / maxGy) * (right - left);
  const y = (pct) => bottom - (pct / 100) * (bottom - top);
  ctx.font = '10px system-ui, "DejaVu Sans", sans-serif';
  ctx.strokeStyle = '#d8dee5';
  ctx.fillStyle = '#5b6878';
  ctx.lineWidth = 1;
  for (let pct = 0; pct <= 100; pct += 25) {
    ctx.beginPath(); ctx.moveTo(left, y(pct)); ctx.lineTo(right, y(pct)); ctx.stroke();
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle'; ctx.fillText(`${pct}%`, left - 4, y(pct));
  }
  const step = maxGy > 300 ? 100 : 50;
  for (let gy = 0; gy <= maxGy; gy += step) {
    ctx.textAlign = 'center'; ctx.textBaseline = 'top'; ctx.fillText(String(gy), x(gy), bottom + 3);
  }
  ctx.fillText('Gy', right - 8, bottom + 13);
  ctx.strokeStyle = '#222';
  ctx.setLineDash([2, 2]);
  ctx.beginPath(); ctx.moveTo(x(rxGy), top); ctx.lineTo(x(rxGy), bottom); ctx.stroke();
  ctx.setLineDash([]);
  const names = [...new Set([...pre, ...post].map((d) => d.name))];
  const curve = (d, dashed) => {
    ctx.strokeStyle = COLOURS[names.indexOf(d.name) % COLOURS.length];
    ctx.lineWidth = dashed ? 1.25 : 2;
    ctx.setLineDash(dashed ? [5, 3] : []);
    ctx.beginPath();
    d.doseGy.forEach((gy, n) => {
      if (gy > maxGy) return;
      if (n === 0) ctx.moveTo(x(gy), y(d.volumePercent[n])); else ctx.lineTo(x(gy), y(d.volumePercent[n]));
    });
    ctx.stroke();
    ctx.setLineDash([]);
  };
  pre.forEach((d) => curve(d, true));
  post.forEach((d) => curve(d, false));
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  names.forEach((name, n) => {
    ctx.fillStyle = COLOURS[n % COLOURS.length];
    ctx.fillText(name, right - 70, top + 4 + n * 12);
  });
}

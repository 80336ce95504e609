// The cumulative DVH chart beside the images: volume % against dose (Gy) for every structure of the plan, the
// prescriptions marked; a comparison plan (uniform loading) dashed.

const PAD = { left: 34, right: 8, top: 8, bottom: 24 };

/** Draws `structures` ([{name, doseGy[], volumePct[]}]) on `canvas`; `colours` maps names to CSS colours. */
export function drawDvh(canvas, structures, colours, prescriptionsGy, comparison) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 300;
  const hgt = canvas.clientHeight || 190;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(hgt * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  if (!structures.length) return;
  const top = structures[0].doseGy[structures[0].doseGy.length - 1];
  const x = (d) => PAD.left + (d / top) * (w - PAD.left - PAD.right);
  const y = (v) => PAD.top + (1 - v / 100) * (hgt - PAD.top - PAD.bottom);
  ctx.font = '10px system-ui, sans-serif';
  ctx.strokeStyle = '#d8dee5';
  ctx.fillStyle = '#57606a';
  ctx.lineWidth = 1;
  for (let v = 0; v <= 100; v += 25) {
    ctx.beginPath();
    ctx.moveTo(PAD.left, y(v));
    ctx.lineTo(w - PAD.right, y(v));
    ctx.stroke();
    ctx.fillText(`${v}`, 4, y(v) + 3);
  }
  const step = top > 300 ? 100 : 50;
  for (let d = 0; d <= top; d += step) {
    if (x(d) < w - PAD.right - 26) ctx.fillText(`${d}`, x(d) - 6, hgt - 10);
  }
  ctx.fillText('Gy', w - PAD.right - 14, hgt - 10);
  ctx.save();
  ctx.setLineDash([2, 3]);
  ctx.strokeStyle = '#8c959f';
  for (const rx of prescriptionsGy) {
    ctx.beginPath();
    ctx.moveTo(x(rx), PAD.top);
    ctx.lineTo(x(rx), y(0));
    ctx.stroke();
  }
  ctx.restore();
  const curve = (s, dash) => {
    ctx.save();
    ctx.setLineDash(dash);
    ctx.strokeStyle = colours[s.name] || '#444';
    ctx.lineWidth = 1.8;
    ctx.beginPath();
    s.doseGy.forEach((d, i) => (i ? ctx.lineTo(x(d), y(s.volumePct[i])) : ctx.moveTo(x(d), y(s.volumePct[i]))));
    ctx.stroke();
    ctx.restore();
  };
  for (const s of comparison || []) curve(s, [5, 4]);
  for (const s of structures) curve(s, []);
}

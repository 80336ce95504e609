// EORTC QLQ-C30 v3.0 scale scores computed in the browser (Fayers et al., EORTC QLQ-C30 Scoring Manual, 3rd ed., 2001),
// the same formulas as seedplan-outcomes' QlqC30Scoring: raw score = mean of the validly answered items; functional
// scales S = (1 − (RS − 1)/range)·100, symptom scales and global QoL S = (RS − 1)/range·100; a scale with fewer than
// half of its items answered is missing. Summary score (Giesinger et al. 2016): mean of the 13 scales other than QL2
// and FI, symptoms reversed (100 − S), only when all 13 exist.

export const SCALES = [
  { code: 'QL2', title: 'Global health status / QoL', kind: 'GLOBAL', range: 6, items: [29, 30] },
  { code: 'PF2', title: 'Physical functioning', kind: 'FUNCTIONAL', range: 3, items: [1, 2, 3, 4, 5] },
  { code: 'RF2', title: 'Role functioning', kind: 'FUNCTIONAL', range: 3, items: [6, 7] },
  { code: 'EF', title: 'Emotional functioning', kind: 'FUNCTIONAL', range: 3, items: [21, 22, 23, 24] },
  { code: 'CF', title: 'Cognitive functioning', kind: 'FUNCTIONAL', range: 3, items: [20, 25] },
  { code: 'SF', title: 'Social functioning', kind: 'FUNCTIONAL', range: 3, items: [26, 27] },
  { code: 'FA', title: 'Fatigue', kind: 'SYMPTOM', range: 3, items: [10, 12, 18] },
  { code: 'NV', title: 'Nausea and vomiting', kind: 'SYMPTOM', range: 3, items: [14, 15] },
  { code: 'PA', title: 'Pain', kind: 'SYMPTOM', range: 3, items: [9, 19] },
  { code: 'DY', title: 'Dyspnoea', kind: 'SYMPTOM', range: 3, items: [8] },
  { code: 'SL', title: 'Insomnia', kind: 'SYMPTOM', range: 3, items: [11] },
  { code: 'AP', title: 'Appetite loss', kind: 'SYMPTOM', range: 3, items: [13] },
  { code: 'CO', title: 'Constipation', kind: 'SYMPTOM', range: 3, items: [16] },
  { code: 'DI', title: 'Diarrhoea', kind: 'SYMPTOM', range: 3, items: [17] },
  { code: 'FI', title: 'Financial difficulties', kind: 'SYMPTOM', range: 3, items: [28] },
];

/** Highest answer code of an item: 4 for items 1–28, 7 for items 29–30. */
export function maxAnswer(item) {
  return item >= 29 ? 7 : 4;
}

/** True when answer is a valid code of the item. */
export function valid(item, answer) {
  return Number.isInteger(answer) && answer >= 1 && answer <= maxAnswer(item);
}

/** The score 0–100 of one scale from answers by item number ({1: 2, …}), or null. */
export function scaleScore(scale, answers) {
  let sum = 0;
  let answered = 0;
  for (const item of scale.items) {
    const a = answers[item];
    if (a !== null && a !== undefined && valid(item, a)) {
      sum += a;
      answered++;
    }
  }
  if (answered === 0 || 2 * answered < scale.items.length) return null;
  const rs = sum / answered;
  const fraction = (rs - 1.0) / scale.range;
  return scale.kind === 'FUNCTIONAL' ? (1.0 - fraction) * 100.0 : fraction * 100.0;
}

/** Every scale's score by code, plus SUMMARY. */
export function scores(answers) {
  const out = {};
  for (const s of SCALES) out[s.code] = scaleScore(s, answers);
  let sum = 0;
  let complete = true;
  for (const s of SCALES) {
    if (s.code === 'QL2' || s.code === 'FI') continue;
    const v = out[s.code];
    if (v === null) {
      complete = false;
      break;
    }
    sum += s.kind === 'FUNCTIONAL' ? v : 100.0 - v;
  }
  out.SUMMARY = complete ? sum / 13.0 : null;
  return out;
}

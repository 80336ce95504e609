// RECIST 1.1 / mRECIST time-point responses computed in the browser with the rules of seedplan-outcomes'
// ResponseAssessment (Eisenhauer et al. 2009 §4.3 and table 1; Lencioni & Llovet 2010), so the form shows the response
// as the diameters are typed. The server recomputes it when the visit is saved; its answer is authoritative.
// Order of evaluation: PD first (sum ≥ 120 % of the nadir, and with RECIST 1.1 also ≥ nadir + 5 mm; the nadir is the
// smallest fully measured sum before the visit, baseline included), then NE (a target not measured), then CR
// (RECIST 1.1: non-nodal targets 0 mm and nodal short axes < 10 mm; mRECIST: no viable tumour), then PR (sum ≤ 70 %
// of baseline), else SD. Under mRECIST a non-nodal target is measured by its viable diameter, a node by its short axis.

/** Tolerance so that exactly −30 % / +20 % fall into their category, mm (as the server). */
const EPS_MM = 1e-9;

export const CRITERIA = {
  RECIST_1_1: { label: 'RECIST 1.1', absoluteRule: true, absoluteMm: 5 },
  MRECIST: { label: 'mRECIST', absoluteRule: false, absoluteMm: 5 },
};

/** The diameter a criterion uses for a lesion: baseline (m = null) or at a visit (m = measurement). */
export function diameterOf(criterion, lesion, m) {
  const viable = criterion === 'MRECIST' && !lesion.nodal;
  if (m === undefined) return num(viable ? lesion.baselineViableMm : lesion.nodal ? lesion.baselineShortAxisMm : lesion.baselineLongestMm);
  if (!m) return null;
  return num(viable ? m.viableMm : lesion.nodal ? m.shortAxisMm : m.longestMm);
}

function num(v) {
  return v === null || v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v);
}

function imaged(v) {
  return (v.measurements || []).length > 0 || v.nonTarget != null || v.newLesion != null;
}

/**
 * Responses of the imaging visits after the implant, in date order: [{visitDate, sumMm, nadirMm, baselineMm, target,
 * nonTarget, newLesion, overall, carried, missing, rule}], or null when the patient cannot be assessed (no implant,
 * no lesion, a target without the criterion's baseline diameter).
 */
export function assess(criterion, implantDate, lesions, visits) {
  if (!implantDate || !lesions.length) return null;
  const rules = CRITERIA[criterion];
  const targets = lesions.filter((l) => l.target);
  if (targets.some((l) => diameterOf(criterion, l) === null)) return null;
  const hasNonTargets = lesions.some((l) => !l.target);
  let base = 0;
  for (const l of targets) base += diameterOf(criterion, l);
  let nadir = base;
  let progressed = null;
  const out = [];
  const ordered = visits.map((v, i) => ({ v, i })).sort((a, b) => (a.v.visitDate < b.v.visitDate ? -1 : a.v.visitDate > b.v.visitDate ? 1 : a.i - b.i));
  for (const { v } of ordered) {
    if (!(v.visitDate > implantDate) || !imaged(v)) continue;
    const byId = new Map((v.measurements || []).map((m) => [String(m.lesionId), m]));
    let target = null;
    let sum = null;
    let nadirBefore = null;
    const missing = [];
    let rule = '';
    if (targets.length) {
      let cur = 0;
      let all = true;
      let cr = true;
      for (const l of targets) {
        const d = diameterOf(criterion, l, byId.get(String(l.id)) || null);
        if (d === null) {
          all = false;
          missing.push(l.label);
          continue;
        }
        cur += d;
        cr = cr && (l.nodal ? d < 10 : d === 0);
      }
      sum = cur;
      nadirBefore = nadir;
      [target, rule] = targetResponse(rules, criterion, cur, all, cr, base, nadir, missing);
      if (all) nadir = Math.min(nadir, cur);
    }
    const nonTarget = hasNonTargets ? (v.nonTarget == null ? 'NE' : v.nonTarget) : null;
    const newLesion = v.newLesion === true;
    let overall = overallOf(target, nonTarget, newLesion);
    let overallRule = overallRuleOf(target, nonTarget, newLesion, overall);
    let carried = false;
    if (progressed && overall !== 'PD') {
      overall = 'PD';
      carried = true;
      overallRule = `PD carried forward: progression was found on ${progressed}; evaluation ends at progression`;
    }
    if (overall === 'PD' && !progressed) progressed = v.visitDate;
    out.push({ visitDate: v.visitDate, sumMm: sum, nadirMm: nadirBefore, baselineMm: targets.length ? base : null, target, nonTarget,
      newLesion, overall, carried, missing, rule, overallRule });
  }
  return out;
}

function mm(x) {
  return `${Math.round(x * 10) / 10} mm`;
}

function pct(x) {
  const r = Math.round(x * 10) / 10;
  return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${Math.abs(r)} %`;
}

function targetResponse(rules, criterion, cur, all, allGone, base, nadir, missing) {
  const relative = cur >= 1.2 * nadir - EPS_MM;
  const absolute = !rules.absoluteRule || cur - nadir >= rules.absoluteMm - EPS_MM;
  const fromNadir = nadir > 0 ? pct(((cur - nadir) / nadir) * 100) : '';
  const fromBase = base > 0 ? pct(((cur - base) / base) * 100) : '';
  const what = criterion === 'MRECIST' ? 'sum of viable diameters' : 'sum of diameters';
  if (relative && absolute && cur > nadir) {
    return ['PD', `PD: ${what} ${mm(cur)} is at least 20 % above the nadir ${mm(nadir)} (${fromNadir})`
      + (rules.absoluteRule ? ` and at least ${rules.absoluteMm} mm more (${mm(cur - nadir)})` : '')];
  }
  if (!all) return ['NE', `NE: target lesion${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not measured`];
  if (allGone) {
    return ['CR', criterion === 'MRECIST' ? 'CR: no viable (enhancing) tumour in any target lesion'
      : 'CR: every non-nodal target has disappeared and every nodal target is below 10 mm short axis'];
  }
  if (cur <= 0.7 * base + EPS_MM) return ['PR', `PR: ${what} ${mm(cur)} is at least 30 % below the baseline ${mm(base)} (${fromBase})`];
  return ['SD', `SD: ${what} ${mm(cur)} is neither 30 % below the baseline ${mm(base)} (${fromBase}) nor 20 % above the nadir ${mm(nadir)}`
    + (fromNadir ? ` (${fromNadir})` : '')];
}

/** Overall response from target, non-target and new lesions (RECIST 1.1 tables 1 and 2), as the server. */
export function overallOf(target, nonTarget, newLesion) {
  if (newLesion || target === 'PD' || nonTarget === 'PD') return 'PD';
  if (target === null) {
    if (nonTarget === null) return 'NE';
    return nonTarget === 'CR' ? 'CR' : nonTarget === 'NON_CR_NON_PD' ? 'NON_CR_NON_PD' : 'NE';
  }
  if (target === 'NE') return 'NE';
  if (target === 'CR') return nonTarget === null || nonTarget === 'CR' ? 'CR' : 'PR';
  return target;
}

function overallRuleOf(target, nonTarget, newLesion, overall) {
  if (newLesion) return 'Overall PD: an unequivocal new lesion (RECIST 1.1 table 1)';
  if (nonTarget === 'PD' && target !== 'PD') return 'Overall PD: unequivocal progression of non-target disease';
  if (target === 'CR' && overall === 'PR') return 'Overall PR: targets in CR but non-target disease persists (RECIST 1.1 table 1)';
  if (target === null) return `Overall ${overall} from the non-target assessment (RECIST 1.1 table 2)`;
  return `Overall ${overall}: as the targets` + (nonTarget ? `, non-target ${nonTarget.replace(/_/g, '-')}` : '') + ', no new lesion';
}

/** The response of the visit on {@code date} (the last one of that date), or null. */
export function at(responses, date) {
  if (!responses) return null;
  let found = null;
  for (const r of responses) if (r.visitDate === date) found = r;
  return found;
}

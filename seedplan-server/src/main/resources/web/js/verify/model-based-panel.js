// The verification screen's model-based dose (AAPM TG-186): the shared panel (../model-based-dose-panel.js) for the seeds
// a verification found, in the post-op CT's tissues. A result belongs to the verification and the found seeds it was
// computed for (the server's verificationKey and foundSeedsKey) and is never shown beside another; TG-43 stays the
// verification's dose of record. API: docs/model-based-dose.md.
import { get } from '../api.js';
import { ModelBasedDosePanel } from '../model-based-dose-panel.js';

/** Distinct colours for the structures of a verification without colours of their own. */
const FALLBACK = ['#d1242f', '#0969da', '#1a7f37', '#8250df', '#bc4c00', '#57606a'];

/** The panel in `section` (an empty `<section class="panel">` of verify.html). */
export class VerificationModelBasedPanel {
  constructor(section) {
    this.panel = new ModelBasedDosePanel(section);
  }

  /** The verification shown changed: `jobId` the server's run, `r` its result (null while none). */
  show(jobId, r) {
    if (!jobId || !r) return this.panel.show(null);
    const url = `/api/verifications/${jobId}/model-based`;
    const keys = { verification: null, seeds: null };
    const colours = {};
    (r.structureContours || []).forEach((s, i) => { colours[s.name] = s.colour || FALLBACK[i % FALLBACK.length]; });
    const what = `the ${r.found.length} seeds found on post-op CT ${r.postOpSeriesUid} (plan ${r.planId} revision ${r.revision})`;
    return this.panel.show({
      key: jobId,
      name: `verification ${jobId.slice(0, 8)}`,
      startUrl: url,
      runUrl: (id) => `${url}/${id}`,
      stored: async () => {
        const stored = await get(url);
        if (stored.verificationJobId !== jobId) return null;
        keys.verification = stored.verificationKey;
        keys.seeds = stored.foundSeedsKey;
        return stored.result && stored.result.verificationKey === keys.verification && stored.result.foundSeedsKey === keys.seeds
          ? stored.result : null;
      },
      owns: (run) => run.verificationJobId === jobId || (run.verificationKey === keys.verification && run.foundSeedsKey === keys.seeds),
      label: (x) => `The ${x.seedCount} seeds found (${x.strengthAtImplantU.toFixed(3)} U at implant, ${x.sourceModelKey})`,
      empty: `No model-based dose computed yet for ${what}.`,
      intro: 'TG-43 stays the verification\'s dose of record: the metrics, cold regions and post-plan above are TG-43. This panel'
        + ' compares them with the dose in the post-op CT\'s tissues (default HU curve; the compositions below the table).',
      note: 'Computed for these found seeds only: a new verification shows its own.',
      colours,
      structures: (r.structureContours || []).filter((s) => s.type !== 'EXTERNAL').map((s) => s.name),
    });
  }
}

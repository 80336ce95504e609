// The plan screen's model-based dose (AAPM TG-186): the shared panel (../model-based-dose-panel.js) for the saved plan
// revision; a result belongs to the revision it was computed for and is never shown beside another.
// API: docs/model-based-dose.md.
import { get } from '../api.js';
import { ModelBasedDosePanel } from '../model-based-dose-panel.js';

/**
 * The panel in `section` (an empty `<section class="panel">` of plan.html); `colours` maps structure names to CSS colours,
 * `structures` names the drawn structures a composition may be given to (with the saved intent's derived targets).
 */
export class ModelBasedPanel {
  constructor(section, colours, structures) {
    this.panel = new ModelBasedDosePanel(section);
    this.colours = colours;
    this.structures = structures;
  }

  /**
   * The saved revision shown on the plan screen changed (or null: nothing saved); `derived` names the targets its intent form
   * makes (CTV = GTV + margin), which may be given a composition too.
   */
  show(saved, derived = []) {
    if (!saved) return this.panel.show(null);
    const key = `${saved.id}/${saved.revision}`;
    const url = `/api/plans/${saved.id}/revisions/${saved.revision}/model-based`;
    return this.panel.show({
      key,
      startUrl: url,
      runUrl: (id) => `/api/model-based/${id}`,
      stored: async () => {
        const stored = await get(url);
        return `${stored.planId}/${stored.revision}` === key ? stored.result : null;
      },
      owns: (run) => `${run.planId}/${run.revision}` === key,
      name: `revision ${saved.revision}`,
      label: (r) => `Plan ${r.planId} revision ${r.revision}`,
      empty: `Plan ${saved.id} revision ${saved.revision}: no model-based dose computed for it yet.`,
      note: 'Edits made after saving this revision are not in it.',
      colours: this.colours,
      structures: this.structures.concat(derived.filter((n) => !this.structures.includes(n))),
    });
  }
}

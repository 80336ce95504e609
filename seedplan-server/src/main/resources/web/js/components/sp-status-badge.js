// <sp-status-badge status="APPROVED"> — a plan status as a coloured word (never colour alone).

const KNOWN = ['DRAFT', 'APPROVED', 'LOCKED', 'RETIRED'];

/** A plan's status badge: DRAFT, APPROVED, LOCKED or RETIRED; no status shows a dash. */
export class SpStatusBadge extends HTMLElement {
  static get observedAttributes() {
    return ['status'];
  }

  connectedCallback() {
    this.render();
  }

  attributeChangedCallback() {
    this.render();
  }

  render() {
    const status = (this.getAttribute('status') || '').toUpperCase();
    const span = document.createElement('span');
    if (status) {
      span.className = `badge ${KNOWN.includes(status) ? status : ''}`;
      span.textContent = status;
    } else {
      span.className = 'muted';
      span.textContent = '—';
    }
    this.replaceChildren(span);
  }
}

customElements.define('sp-status-badge', SpStatusBadge);

// <sp-app-header current="patients"> — the bar on every signed-in screen: name, navigation, user, sign-out.
import { h } from '../dom.js';
import { centresOf, centresWith, homePage, signOut } from '../session.js';

/** The application bar; call setSession(session) once the session is loaded. */
export class SpAppHeader extends HTMLElement {
  setSession(session) {
    const centres = centresOf(session);
    const roleText = centres.length === 1
      ? `${centres[0].name} · ${centres[0].roles.map(roleLabel).join(', ')}`
      : `${centres.length} centres`;
    const current = this.getAttribute('current');
    const signOutButton = h('button', { type: 'button', id: 'sign-out' }, 'Sign out');
    signOutButton.addEventListener('click', () => {
      signOutButton.disabled = true;
      signOut('signedout');
    });
    // a screen is in the bar only for a user whose roles can use it: the records need READ_REGISTRY, the dashboard's
    // analyses EXPORT_DEIDENTIFIED (statistician); the screens themselves are still reachable by address, and refused there
    const reads = centresWith(session, 'READ_REGISTRY').length > 0;
    const analyses = centresWith(session, 'EXPORT_DEIDENTIFIED').length > 0;
    this.replaceChildren(h('header', { class: 'appbar' },
      h('a', { class: 'brand', href: homePage(session) }, 'seedplan'),
      h('nav', { 'aria-label': 'Main' },
        reads ? h('a', { href: '/patients.html', 'aria-current': current === 'patients' ? 'page' : null }, 'Patients') : null,
        analyses ? h('a', { href: '/dashboard.html', 'aria-current': current === 'dashboard' ? 'page' : null }, 'Cohort dashboard') : null,
        reads ? h('a', { href: '/forms-studies.html', 'aria-current': current === 'studies' ? 'page' : null }, 'Study variables') : null),
      h('div', { class: 'who' },
        h('span', {}, h('strong', { id: 'user-name' }, session.user.displayName || session.user.username),
          ' · ', h('span', { title: centres.map((c) => c.name).join(', ') }, roleText)),
        signOutButton)));
  }
}

/** "data_entry" / "DATA_ENTRY" → "data entry". */
export function roleLabel(role) {
  return String(role).toLowerCase().replace(/_/g, ' ');
}

customElements.define('sp-app-header', SpAppHeader);

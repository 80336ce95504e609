// The signed-in session on every screen but sign-in: load it (or go to sign-in), sign out, idle timeout.
import { ApiError, del, get, setCsrfToken, setUnauthorizedHandler } from './api.js';
import { h } from './dom.js';

/** The server ends a session after 30 minutes without a request; the screen signs out on the same clock. */
export const IDLE_LIMIT_MS = 30 * 60 * 1000;
const IDLE_WARNING_MS = 60 * 1000;

/** Where to come back to after signing in again. */
function here() {
  return location.pathname + location.search;
}

/** Sends the browser to the sign-in screen with a reason it explains (idle, expired, signedout). */
export function toSignIn(reason, next = here()) {
  const params = new URLSearchParams({ reason });
  if (next && next !== '/' && reason !== 'signedout') params.set('next', next);
  location.replace(`/?${params}`);
}

/**
 * Loads the current session; without one (401) goes to sign-in and never resolves. A user who must change
 * the password is sent to sign-in, which asks for the new one. Starts the idle timer.
 */
export async function requireSession() {
  let session;
  try {
    session = await get('/api/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      toSignIn('expired');
      return new Promise(() => {});
    }
    throw e;
  }
  if (session.mustChangePassword) {
    toSignIn('password');
    return new Promise(() => {});
  }
  setCsrfToken(session.csrfToken);
  setUnauthorizedHandler(() => toSignIn('expired'));
  watchIdle();
  return session;
}

let signingOut = false;

/** Ends the session on the server and shows the sign-in screen with the reason. */
export async function signOut(reason = 'signedout') {
  if (signingOut) return;
  signingOut = true;
  try {
    await del('/api/session');
  } catch (e) {
    // already ended on the server (401) or unreachable: the screen signs out all the same
  }
  toSignIn(reason);
}

/**
 * The centres the user holds a role in, each once, sorted by name: [{id, code, name, roles, permissions}], where
 * permissions is the Set of what the roles there allow, as the server sent it with the session.
 */
export function centresOf(session) {
  const byId = new Map();
  for (const r of session.roles || []) {
    const c = byId.get(r.centreId) || { id: r.centreId, code: r.centreCode, name: r.centreName, roles: [], permissions: new Set() };
    c.roles.push(r.role);
    for (const p of r.permissions || []) c.permissions.add(p);
    byId.set(r.centreId, c);
  }
  return [...byId.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** The centres where some role of the user allows `permission` (e.g. 'EDIT_REGISTRY'). */
export function centresWith(session, permission) {
  return centresOf(session).filter((c) => c.permissions.has(permission));
}

/** What the user's roles allow in one centre (a Set of permission names; empty without a role there). */
export function permissionsIn(session, centreId) {
  const c = centresOf(session).find((x) => String(x.id) === String(centreId));
  return c ? c.permissions : new Set();
}

/** The user's first screen: the patient list when a role reads the registry, else the cohort dashboard (statistician). */
export function homePage(session) {
  return centresWith(session, 'READ_REGISTRY').length ? '/patients.html' : '/dashboard.html';
}

/**
 * The one rule for actions a role may not take: an element marked data-needs="PERMISSION" is hidden unless
 * `allowed` (a Set) holds that permission — now and whenever such an element is added under `root` later. The server
 * still refuses a forged request (403); this only keeps the screens from offering it.
 */
export function offerOnly(allowed, root = document.body) {
  const apply = (el) => {
    if (el.dataset && el.dataset.needs) el.hidden = !allowed.has(el.dataset.needs);
    if (el.querySelectorAll) el.querySelectorAll('[data-needs]').forEach((x) => { x.hidden = !allowed.has(x.dataset.needs); });
  };
  apply(root);
  new MutationObserver((changes) => changes.forEach((m) => m.addedNodes.forEach(apply)))
    .observe(root, { childList: true, subtree: true });
}

function watchIdle() {
  let last = Date.now();
  let warning = null;
  const activity = () => {
    last = Date.now();
    if (warning) {
      warning.remove();
      warning = null;
      // reading and typing send no request: tell the server the user is here, or its own idle clock ends the session
      get('/api/session').catch(() => {});
    }
  };
  for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart']) {
    window.addEventListener(type, activity, { passive: true, capture: true });
  }
  setInterval(() => {
    const idle = Date.now() - last;
    if (idle >= IDLE_LIMIT_MS) {
      signOut('idle');
    } else if (idle >= IDLE_LIMIT_MS - IDLE_WARNING_MS && !warning) {
      warning = h('div', { class: 'message warn idle-warning', role: 'alert' },
        'No activity for 29 minutes: you will be signed out in one minute. Press a key or click to stay signed in.');
      document.body.append(warning);
    }
  }, 5000);
}

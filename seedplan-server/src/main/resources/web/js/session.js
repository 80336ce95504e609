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

/** The centres the user holds a role in, each once, sorted by name: [{id, code, name, roles}]. */
export function centresOf(session) {
  const byId = new Map();
  for (const r of session.roles || []) {
    const c = byId.get(r.centreId) || { id: r.centreId, code: r.centreCode, name: r.centreName, roles: [] };
    c.roles.push(r.role);
    byId.set(r.centreId, c);
  }
  return [...byId.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
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

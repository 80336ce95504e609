// Sign-in screen: username and password, wrong-password and locked-account messages, forced password change.
import { ApiError, get, post, put, setCsrfToken } from './api.js';
import { showMessage } from './dom.js';
import { instant } from './format.js';
import { homePage } from './session.js';

const NOTICES = {
  idle: 'You were signed out after 30 minutes without activity. Sign in again to continue.',
  expired: 'Your session has ended (30 minutes without activity, or signed out elsewhere). Sign in again to continue.',
  signedout: 'You are signed out.',
};
const MIN_PASSWORD_LENGTH = 12;

const params = new URLSearchParams(location.search);
const signinForm = document.getElementById('signin-form');
const passwordForm = document.getElementById('password-form');
const notice = document.getElementById('notice');
const error = document.getElementById('error');

/**
 * Only a path of this site, so that a crafted link cannot send the user elsewhere after signing in; without one, the
 * user's first screen (the cohort dashboard for a statistician, who reads no patient records).
 */
function nextPage(session) {
  const next = params.get('next') || '';
  return /^\/[^/\\]/.test(next) ? next : homePage(session);
}

function proceed(session) {
  if (session.mustChangePassword) {
    signinForm.hidden = true;
    passwordForm.hidden = false;
    showMessage(notice, 'info', '');
    showMessage(error, 'error', '');
    document.getElementById('current-password').focus();
  } else {
    location.replace(nextPage(session));
  }
}

function markInvalid(form, field) {
  for (const input of form.querySelectorAll('input')) {
    input.setAttribute('aria-invalid', field && input.name === field ? 'true' : 'false');
  }
  const bad = field && form.querySelector(`input[name="${CSS.escape(field)}"]`);
  if (bad) bad.focus();
}

/** The 423 answer: its detail says until when (a UTC instant), shown here in the browser's local time. */
function lockedMessage(e) {
  const until = (e.problem.detail || '').match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/);
  return until
    ? `Too many failed sign-ins: this account is locked until ${instant(until[0])} (local time). Try again then, or ask an administrator to unlock it.`
    : e.message;
}

/** A password is typed blind: say when Caps Lock would change it. */
signinForm.password.addEventListener('keyup', (e) => {
  document.getElementById('caps-lock').hidden = !e.getModifierState('CapsLock');
});

signinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = signinForm.username.value.trim();
  const password = signinForm.password.value;
  if (!username || !password) {
    showMessage(error, 'error', !username ? 'Enter your username.' : 'Enter your password.');
    markInvalid(signinForm, !username ? 'username' : 'password');
    return;
  }
  const button = document.getElementById('signin-submit');
  button.disabled = true;
  showMessage(error, 'error', '');
  try {
    const session = await post('/api/session', { username, password });
    setCsrfToken(session.csrfToken);
    proceed(session);
  } catch (e) {
    signinForm.password.value = '';
    if (e instanceof ApiError && e.status === 401) {
      showMessage(error, 'error', 'Wrong username or password.');
      markInvalid(signinForm, 'password');
    } else if (e instanceof ApiError && e.status === 423) {
      showMessage(error, 'error', lockedMessage(e));
      markInvalid(signinForm, null);
    } else {
      showMessage(error, 'error', e.message);
      markInvalid(signinForm, e.field);
    }
  } finally {
    button.disabled = false;
  }
});

passwordForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const currentPassword = passwordForm.currentPassword.value;
  const newPassword = passwordForm.newPassword.value;
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    showMessage(error, 'error', `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    markInvalid(passwordForm, 'newPassword');
    return;
  }
  if (newPassword !== passwordForm.repeatPassword.value) {
    showMessage(error, 'error', 'The two new passwords differ.');
    markInvalid(passwordForm, 'repeatPassword');
    return;
  }
  const button = document.getElementById('password-submit');
  button.disabled = true;
  try {
    const session = await put('/api/session/password', { currentPassword, newPassword });
    location.replace(nextPage(session));
  } catch (e) {
    showMessage(error, 'error', e.message);
    markInvalid(passwordForm, e.field);
    button.disabled = false;
  }
});

async function start() {
  const reason = params.get('reason');
  if (NOTICES[reason]) showMessage(notice, 'info', NOTICES[reason]);
  try {
    const session = await get('/api/session');
    setCsrfToken(session.csrfToken);
    proceed(session);
  } catch (e) {
    // 401: nobody is signed in, which is what this screen is for
  }
}

start();

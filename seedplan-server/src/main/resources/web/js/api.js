// The one way the screens talk to the server: the documented REST API under /api (see /api/openapi.json).
// Sends the session cookie (same origin only) and the CSRF token on every state-changing request, and turns
// RFC 9457 problem details into an ApiError whose message a person can read and which names the field.

let csrfToken = null;
let onUnauthorized = null;

/** An API call that failed: HTTP status, the problem document, and the request field it names (if any). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(readableMessage(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.field = this.problem.field || null;
  }
}

/** Remembers the token from POST/GET /api/session; it goes out as X-CSRF-Token. */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Called with the ApiError when any request other than the session ones is answered 401 (session ended). */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/** "birthDate" → "birth date": a field name as a person says it. */
export function fieldLabel(field) {
  return String(field).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase();
}

function readableMessage(status, problem) {
  const p = problem || {};
  let text = p.detail || p.title || defaultText(status);
  if (p.field) {
    const label = fieldLabel(p.field);
    text = text.split(p.field).join(label);
    if (!text.toLowerCase().includes(label)) text = `${label}: ${text}`;
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function defaultText(status) {
  switch (status) {
    case 0: return 'The server cannot be reached. Check the network connection and try again.';
    case 401: return 'Your session has ended. Sign in again.';
    case 403: return 'Your role does not allow this.';
    case 404: return 'Not found.';
    case 409: return 'Someone else changed this record meanwhile. Reload it and apply your change again.';
    case 413: return 'The upload is too large for the server.';
    default: return `The server answered with status ${status}.`;
  }
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch (e) {
      return null;
    }
  }
  const text = await response.text().catch(() => '');
  return text && text.length < 300 ? { detail: text } : null;
}

function isStateChanging(method) {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

function headersFor(method, hasJsonBody) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (hasJsonBody) headers['Content-Type'] = 'application/json';
  if (isStateChanging(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

function unauthorized(path, error) {
  if (error.status === 401 && onUnauthorized && !path.startsWith('/api/session')) onUnauthorized(error);
}

/** Calls the API; resolves to the parsed JSON body (or null for 204), rejects with ApiError. */
export async function request(method, path, body, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response));
    unauthorized(path, error);
    throw error;
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body, options) => request('POST', path, body, options);
export const put = (path, body, options) => request('PUT', path, body, options);
export const del = (path, options) => request('DELETE', path, undefined, options);

/**
 * POSTs multipart form data with upload progress (fetch cannot report it, XMLHttpRequest can).
 * onProgress receives (bytesSent, bytesTotal); an aborted signal cancels the request. Resolves to the JSON
 * answer, rejects with ApiError (or an AbortError).
 */
export function upload(path, formData, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    if (signal) signal.addEventListener('abort', () => xhr.abort());
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded, e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onload = () => {
      let json = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        json = xhr.responseText && xhr.responseText.length < 300 ? { detail: xhr.responseText } : null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(json);
      } else {
        const error = new ApiError(xhr.status, json);
        unauthorized(path, error);
        reject(error);
      }
    };
    xhr.send(formData);
  });
}

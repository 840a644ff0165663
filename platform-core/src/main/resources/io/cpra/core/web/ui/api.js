// The one way the dashboard talks to cpra: /api/v1 with the token the operator entered,
// kept in sessionStorage (this tab only, gone when it closes).
const KEY = 'cpra.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(KEY, value);
  } else {
    sessionStorage.removeItem(KEY);
  }
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function headers(extra) {
  const result = Object.assign({ Accept: 'application/json' }, extra || {});
  const t = token();
  if (t) {
    result.Authorization = 'Bearer ' + t;
  }
  return result;
}

async function call(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  const response = await fetch('/api/v1' + path, init);
  if (response.status === 204) {
    return null;
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (json && json.error) || ('HTTP ' + response.status));
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const del = (path) => call('DELETE', path);

/** A monitor's name as one path segment (a '/' in it becomes %2F). */
export function seg(name) {
  return encodeURIComponent(name);
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const parts = [];
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(value));
    }
  }
  return parts.length ? '?' + parts.join('&') : '';
}

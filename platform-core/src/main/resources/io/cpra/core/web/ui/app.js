// The dashboard's entry: hash routes, the token, the live stream.
import { token, setToken, get, ApiError } from './api.js';
import { clear, h, notice } from './dom.js';
import * as live from './live.js';
import { overview, monitors, incidents, incident, events } from './views.js';
import { monitor } from './monitor.js';

const view = document.getElementById('view');
let handler = null;
let generation = 0;

async function route() {
  const mine = ++generation;
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, q] = hash.split('?');
  const params = new URLSearchParams(q || '');
  const parts = path.split('/').filter(Boolean);
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('on', a.dataset.nav === (parts[0] || 'overview')
    || (parts[0] === 'monitor' && a.dataset.nav === 'monitors') || (parts[0] === 'incident' && a.dataset.nav === 'incidents')));
  handler = null;
  try {
    let next;
    switch (parts[0]) {
      case undefined: next = await overview(view); break;
      case 'monitors': next = await monitors(view, params); break;
      case 'monitor': next = await monitor(view, decodeURIComponent(parts.slice(1).join('/'))); break;
      case 'incidents': next = await incidents(view, params); break;
      case 'incident': next = await incident(view, parts[1]); break;
      case 'events': next = await events(view); break;
      default: clear(view).append(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the overview')));
    }
    if (mine === generation) handler = next;
  } catch (e) {
    if (mine !== generation) return;
    clear(view).append(h('h1', {}, 'Cannot load this page'), h('p', { class: 'error', id: 'load-error' },
      e instanceof ApiError && (e.status === 401 || e.status === 403)
        ? 'Reads are protected on this server: enter the API token (top right).' : e.message));
  }
}

function showMode() {
  const mode = document.getElementById('mode');
  const button = document.getElementById('token-button');
  if (token()) {
    mode.textContent = 'token set: actions enabled';
    mode.className = 'mode rw';
    button.textContent = 'Token';
  } else {
    mode.textContent = 'read-only (no token)';
    mode.className = 'mode ro';
    button.textContent = 'Enter token';
  }
}

function setupToken() {
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  document.getElementById('token-button').addEventListener('click', () => {
    form.hidden = !form.hidden;
    if (!form.hidden) input.focus();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    input.value = '';
    form.hidden = true;
    showMode();
    notice(token() ? 'Token kept for this tab.' : 'Token forgotten.', 'ok');
    live.restart();
    route();
  });
  document.getElementById('token-clear').addEventListener('click', () => {
    setToken(null);
    form.hidden = true;
    showMode();
    live.restart();
    route();
  });
}

live.onStatus((connected, text) => {
  const el = document.getElementById('live');
  el.className = 'live ' + (connected ? 'on' : 'off');
  el.querySelector('span').textContent = text;
});
live.onEvent((event) => { if (handler) handler(event); });

setupToken();
showMode();
window.addEventListener('hashchange', route);
live.restart();
route();

// Small DOM helpers and the one table of colours and stages: every colour is shown with a
// word and an icon, never alone.

/** Creates an element: h('a', {href: '#'}, 'text', child). Text is always text, never HTML. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on')) {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

export const COLOURS = {
  green: { icon: '\u2713', word: 'green', meaning: 'healthy' },
  yellow: { icon: '\u25b2', word: 'yellow', meaning: 'degraded' },
  cyan: { icon: '\u21bb', word: 'cyan', meaning: 'being repaired' },
  red: { icon: '\u2715', word: 'red', meaning: 'incident' },
  gray: { icon: '\u25c6', word: 'gray', meaning: 'maintenance' },
  purple: { icon: '\u2298', word: 'purple', meaning: 'unreachable: a parent is down' },
};

export const STAGES = ['healthy', 'failing', 'intervening', 'verifying', 'incident', 'maintenance', 'unreachable'];

/** A chip with the colour's icon and its word, e.g. "✕ red". */
export function colourChip(colour, text) {
  const c = COLOURS[colour] || { icon: '?', word: colour || 'unknown' };
  return h('span', { class: 'chip c-' + (colour || 'none'), title: c.meaning || '' },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, c.icon), ' ', text || c.word);
}

export function stageChip(stage, colour) {
  return colourChip(colour, stage);
}

export function when(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function ago(iso) {
  if (!iso) {
    return '—';
  }
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 0) {
    return 'in ' + span(-seconds);
  }
  return span(seconds) + ' ago';
}

function span(seconds) {
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.round(seconds / 60) + ' min';
  if (seconds < 86400) return Math.round(seconds / 3600) + ' h';
  return Math.round(seconds / 86400) + ' d';
}

export function formatMillis(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1) return '<1 ms';
  if (ms < 10000) return Math.round(ms) + ' ms';
  return (ms / 1000).toFixed(1) + ' s';
}

export function clear(el) {
  while (el.firstChild) {
    el.removeChild(el.firstChild);
  }
  return el;
}

export function notice(text, kind) {
  const banner = document.getElementById('banner');
  banner.textContent = text;
  banner.className = 'banner ' + (kind || 'info');
  banner.hidden = false;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => { banner.hidden = true; }, kind === 'error' ? 8000 : 4000);
}

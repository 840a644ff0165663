// A response-time chart drawn as plain SVG: a few hundred points at most need no library,
// and this keeps the dashboard free of third-party code and of its styles.
const NS = 'http://www.w3.org/2000/svg';

function el(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, v);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Draws points [{t: Date, ms: number, failed: boolean}] as a line with failures marked.
 * Returns an <svg> that scales to its container's width.
 */
export function latencyChart(points, label) {
  const width = 720;
  const height = 220;
  const pad = { left: 64, right: 12, top: 12, bottom: 28 };
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label });
  svg.append(el('title', {}, label));
  const t0 = Math.min(...points.map((p) => p.t.getTime()));
  const t1 = Math.max(...points.map((p) => p.t.getTime()));
  const max = Math.max(1, ...points.map((p) => p.ms)) * 1.15;
  const x = (t) => pad.left + (t1 === t0 ? (width - pad.left - pad.right) / 2
    : ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right));
  const y = (ms) => height - pad.bottom - (ms / max) * (height - pad.top - pad.bottom);
  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    svg.append(el('line', { x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value), class: 'grid' }));
    svg.append(el('text', { x: pad.left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis' },
      (value < 10 ? value.toFixed(1) : Math.round(value)) + ' ms'));
  }
  const fmt = (t) => new Date(t).toISOString().slice(11, 16);
  svg.append(el('text', { x: pad.left, y: height - 8, class: 'axis' }, fmt(t0) + ' UTC'));
  svg.append(el('text', { x: width - pad.right, y: height - 8, 'text-anchor': 'end', class: 'axis' }, fmt(t1) + ' UTC'));
  const ordered = [...points].sort((a, b) => a.t - b.t);
  const d = ordered.map((p, i) => (i ? 'L' : 'M') + x(p.t.getTime()).toFixed(1) + ' ' + y(p.ms).toFixed(1)).join(' ');
  svg.append(el('path', { d, class: 'line' }));
  for (const p of ordered) {
    const dot = el('circle', { cx: x(p.t.getTime()), cy: y(p.ms), r: p.failed ? 4 : 2.5, class: p.failed ? 'dot failed' : 'dot' });
    dot.append(el('title', {}, `${p.t.toISOString()} — ${p.ms.toFixed(1)} ms${p.failed ? ' (failed)' : ''}`));
    svg.append(dot);
  }
  return svg;
}

/** Uptime bars, oldest first: [{label, fraction|null}]. */
export function uptimeBars(days) {
  const width = 720;
  const height = 34;
  const gap = 2;
  const w = (width - gap * (days.length - 1)) / days.length;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'bars', role: 'img', 'aria-label': 'daily uptime' });
  days.forEach((day, i) => {
    const cls = day.fraction === null ? 'none' : day.fraction >= 0.999 ? 'up' : day.fraction >= 0.95 ? 'partial' : 'down';
    const rect = el('rect', { x: (i * (w + gap)).toFixed(1), y: 0, width: w.toFixed(1), height, rx: 2, class: 'bar ' + cls });
    rect.append(el('title', {}, day.label + ': ' + (day.fraction === null ? 'no checks' : (day.fraction * 100).toFixed(2) + ' % up')));
    svg.append(rect);
  });
  return svg;
}

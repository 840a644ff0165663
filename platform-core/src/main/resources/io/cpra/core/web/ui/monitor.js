// One monitor's page: state, definition, last outcomes, uptime per window, response time,
// incidents with their timelines, and the operator's actions when a token is set.
import { get, seg, query, token, ApiError } from './api.js';
import { h, clear, colourChip, when, ago, formatMillis } from './dom.js';
import { actions, incidentRow } from './views.js';
import { latencyChart, uptimeBars } from './chart.js';

export const WINDOWS = ['1h', '24h', '7d', '30d', '90d', '1y'];

export async function monitor(root, name) {
  let m;
  try {
    m = await get('/monitors/' + seg(name));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      clear(root).append(h('h1', {}, name), h('p', { class: 'muted' }, 'No such monitor.'));
      return null;
    }
    throw e;
  }
  const head = h('div', { id: 'monitor-head' });
  const renderHead = (mon) => {
    clear(head).append(
      h('h1', {}, mon.name, ' ', h('span', { id: 'monitor-state', dataset: { colour: mon.colour, stage: mon.stage } },
        colourChip(mon.colour, mon.colour + ' · ' + mon.stage + (mon.paused ? ' · paused' : '')))),
      token() ? h('p', {}, actions(mon, renderHead)) : h('p', { class: 'muted' }, 'Read-only: enter the API token to pause, resume, run or put in maintenance.'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Type'), h('dd', {}, mon.type),
        h('dt', {}, 'Interval'), h('dd', {}, formatInterval(mon.interval_ms)),
        h('dt', {}, 'Groups'), h('dd', {}, mon.groups.join(', ') || '—'),
        h('dt', {}, 'Last run'), h('dd', {}, ago(mon.last_run)),
        h('dt', {}, 'Next due'), h('dd', {}, mon.paused ? 'paused' : ago(mon.next_due)),
        h('dt', {}, 'Failures in a row'), h('dd', {}, String(mon.consecutive_failures)),
        h('dt', {}, 'Maintenance until'), h('dd', {}, mon.stage === 'maintenance' ? (mon.maintenance_until ? when(mon.maintenance_until) : 'ended by an operator') : '—'),
        h('dt', {}, 'Defined in'), h('dd', {}, mon.origin || '—'),
        h('dt', {}, 'Open incident'), h('dd', {}, mon.open_incident
          ? h('a', { href: '#/incident/' + mon.open_incident.id }, '#' + mon.open_incident.id + ' ' + (mon.open_incident.cause || '')) : 'none')));
  };
  renderHead(m);
  const recent = h('section', { class: 'panel', id: 'recent-checks' });
  const renderRecent = (mon) => {
    clear(recent).append(h('h2', {}, 'Last checks'));
    const outcomes = mon.recent_outcomes || [];
    if (!outcomes.length) {
      recent.append(h('p', { class: 'muted' }, 'No checks yet.'));
      return;
    }
    const points = outcomes.map((o) => ({ t: new Date(o.at), ms: o.latency_ms || 0, failed: o.status !== 'ok' && o.status !== 'healthy' }));
    recent.append(h('div', { class: 'chart-wrap', id: 'recent-chart' }, latencyChart(points, 'response time of the last checks')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'compact' },
        h('thead', {}, h('tr', {}, ['At', 'Status', 'Latency', 'Message'].map((t) => h('th', {}, t)))),
        h('tbody', {}, [...outcomes].reverse().map((o) => h('tr', {}, h('td', {}, when(o.at)),
          h('td', {}, o.status === 'ok' || o.status === 'healthy' ? colourChip('green', o.status) : colourChip('red', o.status)),
          h('td', {}, formatMillis(o.latency_ms)), h('td', { class: 'cause' }, o.message || '')))))));
  };
  renderRecent(m);
  const history = h('section', { class: 'panel', id: 'history' }, h('h2', {}, 'Uptime and response time'), h('p', { class: 'muted' }, 'Loading…'));
  const incidents = h('section', { class: 'panel', id: 'monitor-incidents' }, h('h2', {}, 'Incidents'));
  const definition = h('section', { class: 'panel' }, h('h2', {}, 'Definition'),
    h('pre', { class: 'definition' }, JSON.stringify(m.definition, null, 2)));
  clear(root).append(head, recent, history, incidents, definition);
  renderHistory(history, name);
  const list = await get('/incidents' + query({ monitor: name, limit: 20 }));
  const body = h('tbody', {}, list.incidents.map(incidentRow));
  incidents.append(list.incidents.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'monitors' }, h('thead', {}, h('tr', {},
      ['#', 'Monitor', 'State', 'Opened', 'Closed', 'Cause'].map((t) => h('th', {}, t)))), body))
    : h('p', { class: 'muted' }, 'No incidents.'));
  return async (event) => {
    if (event.monitor === name) {
      const fresh = await get('/monitors/' + seg(name));
      renderHead(fresh);
      renderRecent(fresh);
    }
  };
}

/**
 * Uptime per window, 90 daily bars and the 24-hour response-time series, from the check
 * history (GET /api/v1/monitors/{name}/uptime?window= and .../series?window=). A server without
 * history answers 404: the panel then says "no history yet" and the rest of the page is unaffected.
 */
async function renderHistory(panel, name) {
  const body = h('div', {});
  const base = '/monitors/' + seg(name);
  try {
    const uptimes = [];
    for (const w of WINDOWS) {
      uptimes.push(await get(base + '/uptime' + query({ window: w })));
    }
    const windows = h('dl', { class: 'facts windows', id: 'uptime-windows' });
    uptimes.forEach((u, i) => windows.append(h('dt', {}, WINDOWS[i]),
      h('dd', {}, u.uptime_percent === null || u.uptime_percent === undefined ? '—' : u.uptime_percent.toFixed(2) + ' %')));
    body.append(windows);
    const days = await get(base + '/series' + query({ window: '90d', step: '1d' }));
    body.append(h('div', { class: 'chart-wrap', id: 'uptime-bars' }, uptimeBars((days.points || []).map((p) => ({
      label: p.at.slice(0, 10), fraction: p.checks ? (p.checks - p.failures) / p.checks : null,
    })))));
    const series = await get(base + '/series' + query({ window: '24h' }));
    const points = (series.points || []).filter((p) => p.checks > 0 && p.latency_avg_ms !== null).map((p) => ({
      t: new Date(p.at), ms: p.latency_avg_ms, failed: p.failures > 0,
    }));
    body.append(points.length
      ? h('div', { class: 'chart-wrap', id: 'history-chart' }, latencyChart(points, 'average response time over 24 hours'))
      : h('p', { class: 'muted' }, 'No checks recorded in the last 24 hours yet.'));
  } catch (e) {
    body.append(h('p', { class: 'muted', id: 'no-history' }, e instanceof ApiError && e.status === 404
      ? 'No history yet: this server does not record check history.' : 'History unavailable: ' + e.message));
  }
  clear(panel).append(h('h2', {}, 'Uptime and response time'), body);
}

/** An interval in milliseconds as an operator writes it: 5 s, 2 min, 1 h. */
function formatInterval(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms % 3600000 === 0) return ms / 3600000 + ' h';
  if (ms % 60000 === 0) return ms / 60000 + ' min';
  if (ms % 1000 === 0) return ms / 1000 + ' s';
  return ms + ' ms';
}

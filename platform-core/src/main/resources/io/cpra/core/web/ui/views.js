// The overview, the monitors listing, incidents and the event stream. Each view renders into
// the main element and returns a handler for live events (or nothing).
import { get, post, del, seg, query, token } from './api.js';
import { h, clear, colourChip, COLOURS, STAGES, when, ago, formatMillis, notice } from './dom.js';

const PAGE = 50;

export async function overview(root) {
  const summary = await get('/summary');
  const cards = h('section', { class: 'cards', id: 'summary' });
  const render = (s) => {
    clear(cards);
    for (const colour of Object.keys(COLOURS)) {
      cards.append(h('a', { class: 'card c-' + colour, href: '#/monitors?colour=' + colour, dataset: { colour } },
        h('span', { class: 'big', dataset: { count: colour } }, String(s.colours[colour] ?? 0)),
        colourChip(colour, colour + ' · ' + COLOURS[colour].meaning)));
    }
    cards.append(h('a', { class: 'card', href: '#/incidents' },
      h('span', { class: 'big', id: 'open-incidents' }, String(s.open_incidents)), h('span', {}, 'open incidents')));
  };
  render(summary);
  const stages = h('table', { class: 'compact' });
  const pipes = h('table', { class: 'compact' });
  const facts = h('dl', { class: 'facts' });
  let last = { at: performance.now(), finished: summary.checks.finished };
  const renderDetails = (s) => {
    clear(stages).append(h('caption', {}, 'Monitors by stage'),
      h('tbody', {}, STAGES.map((stage) => h('tr', {}, h('th', {}, stage), h('td', { dataset: { stage } }, String(s.stages[stage] ?? 0))))));
    clear(pipes).append(h('caption', {}, 'Pipelines'),
      h('thead', {}, h('tr', {}, h('th', {}, 'pool'), h('th', {}, 'queued'), h('th', {}, 'in flight / limit'), h('th', {}, 'p99 lateness'))),
      h('tbody', {}, s.pools.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, String(p.queue_depth)),
        h('td', {}, p.in_flight + ' / ' + p.limit), h('td', {}, formatMillis(p.lateness.p99_ms)))))),
    clear(facts).append(
      h('dt', {}, 'Monitors'), h('dd', {}, String(s.monitors)),
      h('dt', {}, 'Pulse pipeline'), h('dd', { class: s.pulse_pipeline.state === 'keeping_up' ? '' : 'warn' }, s.pulse_pipeline.state.replaceAll('_', ' ')),
      h('dt', {}, 'Checks finished'), h('dd', {}, String(s.checks.finished)),
      h('dt', {}, 'Checks/s'), h('dd', { id: 'rate' }, '…'),
      h('dt', {}, 'Paused / disabled'), h('dd', {}, s.held.paused + ' / ' + s.held.disabled),
      h('dt', {}, 'Plugins'), h('dd', {}, `${s.plugins.pulse} pulse, ${s.plugins.intervention} intervention, ${s.plugins.code} code`
        + (s.plugins.failures ? `, ${s.plugins.failures} failed` : '')));
  };
  renderDetails(summary);
  const recent = h('ul', { class: 'events', id: 'recent-events' });
  clear(root).append(h('h1', {}, 'Overview'), cards,
    h('div', { class: 'grid2' }, h('section', { class: 'panel' }, facts, stages), h('section', { class: 'panel' }, pipes)),
    h('section', { class: 'panel' }, h('h2', {}, 'Live events'), recent));
  let pending = null;
  const refresh = async () => {
    pending = null;
    const s = await get('/summary');
    const now = performance.now();
    const rate = (s.checks.finished - last.finished) / ((now - last.at) / 1000);
    last = { at: now, finished: s.checks.finished };
    render(s);
    renderDetails(s);
    const r = document.getElementById('rate');
    if (r) r.textContent = rate.toFixed(1);
  };
  const timer = setInterval(() => { if (document.getElementById('summary')) refresh(); else clearInterval(timer); }, 5000);
  return (event) => {
    recent.prepend(eventItem(event));
    while (recent.children.length > 20) recent.lastChild.remove();
    if (!pending && (event.kind === 'stage_changed' || event.kind.startsWith('incident'))) {
      pending = setTimeout(refresh, 300);
    }
  };
}

export function eventItem(event) {
  const colour = event.colour || (event.to ? stageColour(event.to) : null);
  let text = event.kind.replaceAll('_', ' ');
  if (event.kind === 'stage_changed') text = `${event.from} → ${event.to}`;
  if (event.kind === 'code_raised') text = `${event.colour} code` + (event.summary ? ': ' + event.summary : '');
  if (event.kind === 'delivery') text = `delivery ${event.delivered ? 'delivered' : 'failed'} (${event.notifier})`;
  if (event.kind === 'intervention_finished') text = `intervention ${event.success ? 'succeeded' : 'failed'}`;
  return h('li', { class: 'event' }, h('span', { class: 'when' }, when(event.at).slice(11)),
    colour ? colourChip(colour, '') : h('span', { class: 'chip c-none' }, '•'),
    h('a', { href: '#/monitor/' + seg(event.monitor) }, event.monitor), ' ', h('span', {}, text));
}

export function stageColour(stage) {
  return { healthy: 'green', failing: 'yellow', intervening: 'cyan', verifying: 'cyan', incident: 'red', maintenance: 'gray', unreachable: 'purple' }[stage];
}

export async function monitors(root, params) {
  const filters = {
    search: params.get('search') || '', colour: params.get('colour') || '', stage: params.get('stage') || '',
    group: params.get('group') || '', type: params.get('type') || '',
    sort: params.get('sort') || '', order: params.get('order') || '',
  };
  const cursors = params.get('cursor') ? [params.get('cursor')] : [null];
  const form = h('form', { class: 'filters', id: 'filters' },
    h('input', { name: 'search', type: 'search', placeholder: 'Search names', value: filters.search, 'aria-label': 'search names' }),
    select('colour', ['', ...Object.keys(COLOURS)], filters.colour, 'any colour'),
    select('stage', ['', ...STAGES], filters.stage, 'any stage'),
    h('input', { name: 'group', placeholder: 'group', value: filters.group, 'aria-label': 'group' }),
    h('input', { name: 'type', placeholder: 'type', value: filters.type, 'aria-label': 'type' }),
    // the same server-side sort as the column headers, for phone widths where the table has none
    h('select', { name: 'sort', 'aria-label': 'sort by' }, ['', ...Object.values(SORTS)].map((v) =>
      h('option', { value: v, selected: v === filters.sort }, v ? 'sort: ' + v.replace('_', ' ') : 'loaded order'))),
    h('select', { name: 'order', 'aria-label': 'order' }, ['', 'desc'].map((v) =>
      h('option', { value: v, selected: v === filters.order || (!v && filters.order === 'asc') }, v ? 'descending' : 'ascending'))),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const q = new URLSearchParams();
    for (const [k, v] of data.entries()) if (v) q.set(k, v);
    location.hash = '#/monitors' + (q.toString() ? '?' + q : '');
  });
  const body = h('tbody', { id: 'monitor-rows' });
  const table = h('table', { class: 'monitors' }, h('thead', {}, h('tr', {},
    ['Name', 'Colour', 'Stage', 'Type', 'Groups', 'Last check', 'Last run', token() ? 'Actions' : null]
      .filter(Boolean).map((t) => sortHeader(t, filters)))), body);
  const pager = h('div', { class: 'pager' });
  clear(root).append(h('h1', {}, 'Monitors'), form, h('div', { class: 'table-wrap' }, table), pager);
  const rows = new Map();
  let index = 0;
  const load = async () => {
    const page = await get('/monitors' + query({ ...filters, limit: PAGE, cursor: cursors[index] }));
    clear(body);
    rows.clear();
    for (const m of page.monitors) {
      const row = monitorRow(m);
      rows.set(m.name, row);
      body.append(row);
    }
    if (!page.monitors.length) {
      body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, page.next ? 'None on this stretch; see the next page.' : 'No monitors match.')));
    }
    clear(pager).append(
      h('button', { type: 'button', disabled: index === 0, onclick: () => { index--; load(); } }, '← Previous'),
      h('span', { class: 'muted' }, `page ${index + 1}`),
      h('button', { type: 'button', disabled: !page.next, onclick: () => { cursors[index + 1] = page.next; index++; load(); } }, 'Next →'));
  };
  await load();
  return async (event) => {
    const row = rows.get(event.monitor);
    if (row && (event.kind === 'stage_changed' || event.kind.startsWith('incident'))) {
      const m = await get('/monitors/' + seg(event.monitor));
      const fresh = monitorRow(m);
      row.replaceWith(fresh);
      rows.set(m.name, fresh);
    }
  };
}

/** The server-side sort behind each sortable column: "Last run" is when the last check started. */
const SORTS = { Name: 'name', Colour: 'colour', Stage: 'stage', Type: 'type', 'Last run': 'last_check' };

/**
 * A column header; a sortable one is a button that sorts the listing on the server by that
 * column, ascending first, and reverses the order when clicked again. The order shows as an
 * arrow and in aria-sort, so it does not rest on the colour alone.
 */
function sortHeader(label, filters) {
  const field = SORTS[label];
  if (!field) return h('th', {}, label);
  const current = (filters.sort || (filters.order ? 'name' : '')) === field;
  const descending = current && filters.order === 'desc';
  const click = () => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v && k !== 'sort' && k !== 'order') q.set(k, v);
    q.set('sort', field);
    q.set('order', current && !descending ? 'desc' : 'asc');
    location.hash = '#/monitors?' + q;
  };
  return h('th', { 'aria-sort': current ? (descending ? 'descending' : 'ascending') : 'none' },
    h('button', { type: 'button', class: 'sort' + (current ? ' on' : ''), dataset: { sort: field }, onclick: click,
      title: 'Sort by ' + label.toLowerCase() }, label + (current ? (descending ? ' ▼' : ' ▲') : '')));
}

function select(name, values, current, any) {
  return h('select', { name, 'aria-label': name }, values.map((v) => h('option', { value: v, selected: v === current }, v || any)));
}

export function monitorRow(m) {
  const latency = m.last_check ? formatMillis(m.last_check.latency_ms) + ' · ' + m.last_check.status : '—';
  const row = h('tr', { dataset: { monitor: m.name, colour: m.colour, stage: m.stage } },
    h('td', { 'data-label': 'Name' }, h('a', { href: '#/monitor/' + seg(m.name) }, m.name)),
    h('td', { 'data-label': 'Colour' }, colourChip(m.colour)),
    h('td', { 'data-label': 'Stage', class: 'stage' }, m.stage + (m.paused ? ' (paused)' : '')),
    h('td', { 'data-label': 'Type' }, m.type),
    h('td', { 'data-label': 'Groups' }, m.groups.join(', ') || '—'),
    h('td', { 'data-label': 'Last check' }, latency),
    h('td', { 'data-label': 'Last run' }, ago(m.last_run)),
    token() ? h('td', { 'data-label': 'Actions' }, actions(m, (fresh) => row.replaceWith(monitorRow(fresh)))) : null);
  return row;
}

/** The operator's buttons for one monitor; after each, `done` gets the monitor as it is now. */
export function actions(m, done) {
  const act = (label, fn) => h('button', {
    type: 'button', class: 'act', dataset: { action: label.toLowerCase().replaceAll(' ', '-') },
    onclick: async (e) => {
      e.target.disabled = true;
      try {
        await fn();
        notice(`${label}: ${m.name}`, 'ok');
        done(await get('/monitors/' + seg(m.name)));
      } catch (err) {
        notice(`${label} ${m.name}: ${err.message}`, 'error');
        e.target.disabled = false;
      }
    },
  }, label);
  const path = '/monitors/' + seg(m.name);
  return h('span', { class: 'actions' },
    m.paused ? act('Resume', () => post(path + '/resume')) : act('Pause', () => post(path + '/pause')),
    m.stage === 'maintenance' ? act('End maintenance', () => del(path + '/maintenance'))
      : act('Maintenance', () => post(path + '/maintenance', { for: '1h' })),
    act('Run now', () => post(path + '/run')));
}

export async function incidents(root, params) {
  const open = params.get('open') || '';
  const list = h('tbody', {});
  const pager = h('div', { class: 'pager' });
  clear(root).append(h('h1', {}, 'Incidents'),
    h('p', { class: 'tabs' }, h('a', { href: '#/incidents', class: open === '' ? 'on' : '' }, 'All'),
      h('a', { href: '#/incidents?open=true', class: open === 'true' ? 'on' : '' }, 'Open'),
      h('a', { href: '#/incidents?open=false', class: open === 'false' ? 'on' : '' }, 'Closed')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'monitors' }, h('thead', {}, h('tr', {},
      ['#', 'Monitor', 'State', 'Opened', 'Closed', 'Cause'].map((t) => h('th', {}, t)))), list)), pager);
  const cursors = [null];
  let index = 0;
  const load = async () => {
    const page = await get('/incidents' + query({ open, limit: PAGE, cursor: cursors[index] }));
    clear(list);
    for (const i of page.incidents) list.append(incidentRow(i));
    if (!page.incidents.length) list.append(h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No incidents.')));
    clear(pager).append(
      h('button', { type: 'button', disabled: index === 0, onclick: () => { index--; load(); } }, '← Previous'),
      h('button', { type: 'button', disabled: !page.next, onclick: () => { cursors[index + 1] = page.next; index++; load(); } }, 'Next →'));
  };
  await load();
  return (event) => { if (event.kind.startsWith('incident') && index === 0) load(); };
}

export function incidentRow(i) {
  return h('tr', {},
    h('td', { 'data-label': '#' }, h('a', { href: '#/incident/' + i.id }, '#' + i.id)),
    h('td', { 'data-label': 'Monitor' }, h('a', { href: '#/monitor/' + seg(i.monitor) }, i.monitor)),
    h('td', { 'data-label': 'State' }, i.open ? colourChip('red', 'open') : colourChip('green', 'closed')),
    h('td', { 'data-label': 'Opened' }, when(i.opened_at)),
    h('td', { 'data-label': 'Closed' }, when(i.closed_at)),
    h('td', { 'data-label': 'Cause', class: 'cause' }, i.cause));
}

export async function incident(root, id) {
  const i = await get('/incidents/' + encodeURIComponent(id));
  const timeline = h('ol', { class: 'timeline' });
  for (const e of i.timeline) {
    const detail = e.detail || {};
    const extra = detail.checks ? detail.checks.map((c) => `${c.status} ${c.message || ''}`).join('; ')
      : detail.message || detail.summary || (detail.to ? `${detail.from} → ${detail.to}` : '');
    timeline.append(h('li', {}, h('span', { class: 'when' }, when(e.at)),
      e.colour ? colourChip(e.colour, '') : null, h('strong', {}, e.kind.replaceAll('_', ' ')), ' ', h('span', { class: 'muted' }, extra)));
  }
  clear(root).append(h('h1', {}, `Incident #${i.id}`),
    h('p', {}, h('a', { href: '#/monitor/' + seg(i.monitor) }, i.monitor), ' · ',
      i.open ? colourChip('red', 'open') : colourChip('green', 'closed'), ' · opened ', when(i.opened_at),
      i.closed_at ? ' · closed ' + when(i.closed_at) : ''),
    h('p', { class: 'cause' }, i.cause), h('h2', {}, 'Timeline'), timeline);
  return (event) => { if (String(event.incident_id) === String(id)) incident(root, id); };
}

export async function events(root) {
  const list = h('ul', { class: 'events', id: 'event-stream' });
  const stored = await get('/events/history?limit=50');
  for (const e of stored.events) {
    list.append(eventItem(Object.assign({ kind: e.kind, at: e.at, monitor: e.monitor, colour: e.colour }, e.detail || {}, { kind: e.kind })));
  }
  clear(root).append(h('h1', {}, 'Events'), h('p', { class: 'muted' }, 'Newest first; new events appear as they happen.'), list);
  return (event) => {
    list.prepend(eventItem(event));
    while (list.children.length > 200) list.lastChild.remove();
  };
}

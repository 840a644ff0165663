// The live stream, /api/v1/events, read with fetch rather than EventSource so that the token
// can go in the Authorization header when reads are protected. Reconnects after a drop, with
// a growing pause; listeners get each event's parsed JSON.
import { token } from './api.js';

const listeners = new Set();
const statusListeners = new Set();
let controller = null;
let retryMs = 1000;

export function onEvent(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onStatus(listener) {
  statusListeners.add(listener);
}

function status(connected, text) {
  statusListeners.forEach((l) => l(connected, text));
}

/** (Re)starts the stream, e.g. after the token changed. */
export function restart() {
  if (controller) {
    controller.abort();
  }
  controller = new AbortController();
  run(controller.signal);
}

async function run(signal) {
  const headers = { Accept: 'text/event-stream' };
  const t = token();
  if (t) {
    headers.Authorization = 'Bearer ' + t;
  }
  try {
    const response = await fetch('/api/v1/events', { headers, signal, cache: 'no-store' });
    if (!response.ok) {
      status(false, response.status === 401 || response.status === 403 ? 'needs token' : 'HTTP ' + response.status);
      if (response.status === 401 || response.status === 403) {
        return; // waits for a token; restart() is called when one is entered
      }
      throw new Error('HTTP ' + response.status);
    }
    status(true, 'live');
    retryMs = 1000;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        dispatch(block);
      }
    }
    throw new Error('stream ended');
  } catch (e) {
    if (signal.aborted) {
      return;
    }
    status(false, 'reconnecting');
    setTimeout(() => { if (!signal.aborted) run(signal); }, retryMs);
    retryMs = Math.min(retryMs * 2, 30000);
  }
}

function dispatch(block) {
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('data:')) {
      data += line.slice(5).trim();
    }
  }
  if (!data) {
    return; // a comment: ': connected', ': heartbeat'
  }
  let event;
  try {
    event = JSON.parse(data);
  } catch (e) {
    return;
  }
  listeners.forEach((l) => {
    try {
      l(event);
    } catch (err) {
      console.error(err);
    }
  });
}

// The dashboard's entry point: reads what the monitor publishes, draws each section, and reads the
// state again every REFRESH_MILLIS. Each section fails on its own, saying why.
import { el, when, relative, absolute, legacyDate } from './format.js';
import { json, text, HttpError } from './data.js';
import { statusClass } from './chart.js';
import { PromiseTable, toRow } from './promises.js';
import { renderResources } from './resources.js';
import { renderSubMonitors } from './submonitors.js';
import { ParameterEditor } from './parameters.js';

const REFRESH_MILLIS = 30000;
const table = new PromiseTable(() => refreshState());

function problem(message) {
  const node = document.getElementById('problem');
  node.textContent = message;
  node.hidden = !message;
}

function header(state) {
  const title = state.title || 'slapmon';
  document.title = `${state.status === 'OK' ? '' : '⚠ '}${title} · slapmon`;
  document.getElementById('title').textContent = title;
  const overall = document.getElementById('overall');
  overall.textContent = state.status || 'UNKNOWN';
  overall.className = `badge ${statusClass(state.status)}`;
  const counts = state.state || {};
  const date = legacyDate(state.date);
  document.getElementById('subtitle').textContent =
    `${state['hosting-title'] || ''} · ${counts.success ?? 0} OK, ${counts.error ?? 0} failing`
    + subMonitorCounts(state['sub-monitors'])
    + (date ? ` · state of ${absolute(date)}` : '');
  const runner = state.runner || {};
  const line = document.getElementById('runner');
  const last = runner['last-run'] ? new Date(runner['last-run']) : null;
  const next = runner['next-run'] ? new Date(runner['next-run']) : null;
  const upcoming = next && next > new Date() ? `; next run ${relative(next)}` : '';
  line.replaceChildren('Promises last ran ', when(last), upcoming, '.');
  line.classList.toggle('stale', Boolean(runner.stale));
  if (runner.stale) line.prepend(el('strong', { text: 'The promise runner looks stopped. ' }));
}

/** A root's sub-monitors as its status counts them, or nothing when it has none. */
function subMonitorCounts(fleet) {
  if (!fleet) return '';
  const total =
    (fleet.ok ?? 0) + (fleet.warning ?? 0) + (fleet.error ?? 0) + (fleet.unreachable ?? 0);
  if (total === 0) return '';
  const failing = [
    fleet.error ? `${fleet.error} ERROR` : '',
    fleet.unreachable ? `${fleet.unreachable} unreachable` : '',
    fleet.warning ? `${fleet.warning} WARNING` : '',
  ].filter(Boolean);
  return ` · sub-monitors: ${failing.length ? failing.join(', ') : 'all OK'} of ${total}`;
}

/** Reports are not in monitor.global.json: private/_document_list names them. */
async function reports() {
  const list = await text('/private/_document_list', { optional: true });
  const names = (list || '').split('\n').filter((name) => name.endsWith('.report'));
  const documents = await Promise.all(
    names.map((name) => json(`/private/${encodeURIComponent(name)}.json`, { optional: true })));
  return documents.filter(Boolean);
}

async function refreshState() {
  try {
    const [state, reportDocuments] = await Promise.all([
      json('/private/monitor.global.json', { optional: true }),
      reports(),
    ]);
    if (!state) {
      problem('No state published yet: the monitor writes it within one promise period of starting.');
      table.update(reportDocuments.map((d) => toRow(d, 'report')));
      return;
    }
    problem('');
    header(state);
    const promises = (state._embedded && state._embedded.promises) || [];
    table.update([
      ...promises.map((d) => toRow(d, 'promise')),
      ...reportDocuments.map((d) => toRow(d, 'report')),
    ]);
  } catch (error) {
    problem(error instanceof HttpError && error.status === 401
      ? 'Not signed in: reload the page to give the monitor user and password.'
      : `Could not read the monitor's state: ${error.message}`);
  }
}

function section(promise, container) {
  promise.catch((error) => container.replaceChildren(
    el('p', { class: 'problem', text: `Unavailable: ${error.message}` })));
}

await refreshState();
document.body.classList.add('ready');
section(renderResources(document.getElementById('resources')), document.getElementById('resources'));
section(renderSubMonitors(document.getElementById('submonitors')), document.getElementById('submonitors'));
const editor = new ParameterEditor(document.getElementById('parameters'),
  document.getElementById('parameters-status'));
section(editor.load(), document.getElementById('parameters'));
setInterval(refreshState, REFRESH_MILLIS);

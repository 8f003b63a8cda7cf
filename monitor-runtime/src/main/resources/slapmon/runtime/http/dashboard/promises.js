// The table of promises and reports: failures first, a filter box, pages of PAGE_SIZE rows, and a
// history chart that opens under a row.
import { el, when, duration, legacyDate, epochDate, isoDate } from './format.js';
import { statusClass } from './chart.js';
import { historyPanel } from './history.js';
import { runNow, HttpError } from './data.js';

export const PAGE_SIZE = 50;

/** One status or report document as a row of the table. */
export function toRow(document, kind) {
  const status = String(document.status || 'UNKNOWN');
  const nagios = document['nagios-status'];
  return {
    name: String(document.title || ''),
    kind,
    status,
    detail: nagios && nagios !== status && nagios !== 'OK' ? nagios : '',
    since: epochDate(document['change-time']),
    lastRun: isoDate(document.date) || legacyDate(document['start-date']),
    took: typeof document['execution-time'] === 'number' ? document['execution-time'] : null,
    message: String(document.message || '').trim(),
  };
}

/**
 * The promise a link names (`#promise=NAME`, the feed items' links): its row alone, chart open;
 * null without one.
 */
export function linkedPromise(hash) {
  const match = /^#promise=(.+)$/.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** Failing first, then warnings, then OK; by name within each. */
function severity(row) {
  if (row.status === 'OK') return 2;
  if (row.status === 'WARNING') return 1;
  return 0;
}

export function sortRows(rows) {
  return [...rows].sort((a, b) => severity(a) - severity(b) || a.name.localeCompare(b.name)
    || a.kind.localeCompare(b.kind));
}

/** The table's state and its drawing; update() replaces the rows and keeps filter, page and open charts. */
export class PromiseTable {
  /** onRan: called once a forced run is done, to read the documents again. */
  constructor(onRan = () => {}) {
    this.onRan = onRan;
    this.running = new Set();
    this.runNotes = new Map();
    this.rows = [];
    this.page = 0;
    this.open = new Set();
    this.panels = new Map();
    this.body = document.querySelector('#promises tbody');
    this.filter = document.getElementById('filter');
    this.statusFilter = document.getElementById('status-filter');
    this.filter.addEventListener('input', () => { this.page = 0; this.unlink(); this.render(); });
    this.link();
    window.addEventListener('hashchange', () => { this.link(); this.render(); });
    this.statusFilter.addEventListener('change', () => { this.page = 0; this.unlink(); this.render(); });
    document.getElementById('previous-page').addEventListener('click', () => { this.page -= 1; this.render(); });
    document.getElementById('next-page').addEventListener('click', () => { this.page += 1; this.render(); });
  }

  /** Shows only the promise the location's hash names, history chart open. */
  link() {
    this.only = linkedPromise(window.location.hash);
    if (this.only !== null) {
      this.page = 0;
      this.open.add(`promise:${this.only}`);
    }
  }

  /** Back to every row once the filter is used: the link's hash goes. */
  unlink() {
    if (this.only === null) return;
    this.only = null;
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }

  update(rows) {
    this.rows = sortRows(rows);
    this.render();
  }

  visible() {
    const words = this.filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const wanted = this.statusFilter.value;
    return this.rows.filter((row) => {
      if (this.only !== null) return row.kind === 'promise' && row.name === this.only;
      if (wanted === 'failing' && row.status === 'OK') return false;
      if (wanted === 'ok' && row.status !== 'OK') return false;
      const haystack = `${row.name} ${row.kind} ${row.status} ${row.detail} ${row.message}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
  }

  render() {
    const rows = this.visible();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    const shown = rows.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE);
    const failing = this.rows.filter((row) => row.status !== 'OK').length;
    document.getElementById('count').textContent =
      `${rows.length} of ${this.rows.length} shown, ${failing} failing`;
    document.getElementById('page').textContent = `page ${this.page + 1} of ${pages}`;
    document.getElementById('previous-page').disabled = this.page === 0;
    document.getElementById('next-page').disabled = this.page >= pages - 1;
    this.body.replaceChildren(...shown.flatMap((row) => this.draw(row)));
    if (shown.length === 0) {
      this.body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted',
        text: this.emptyText() })));
    }
  }

  emptyText() {
    if (this.rows.length === 0) return 'No promise has run yet.';
    if (this.only !== null) return `No promise named "${this.only}".`;
    return 'Nothing matches the filter.';
  }

  /** "Run now": the monitor runs the promise at once; the row shows the new result when done. */
  runButton(row) {
    const busy = this.running.has(row.name);
    const note = this.runNotes.get(row.name);
    return el('span', { class: 'run' },
      el('button', {
        type: 'button', class: 'run-now', disabled: busy,
        title: 'Run this promise now',
        onclick: () => this.run(row.name),
      }, busy ? 'Running…' : 'Run now'),
      note ? el('span', { class: 'run-note', role: 'status', text: note }) : null);
  }

  async run(name) {
    this.running.add(name);
    this.runNotes.delete(name);
    this.render();
    try {
      await runNow(name);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 0;
      this.runNotes.set(name, status === 409 ? 'already running'
        : status === 429 ? 'too many runs now, try again later'
          : `run failed${status ? ` (HTTP ${status})` : ''}`);
    } finally {
      this.running.delete(name);
    }
    await this.onRan();
    this.render();
  }

  draw(row) {
    const key = `${row.kind}:${row.name}`;
    const isOpen = this.open.has(key);
    const toggle = el('button', {
      type: 'button', class: 'name', 'aria-expanded': String(isOpen),
      title: 'Show or hide the history chart',
      onclick: () => {
        if (this.open.has(key)) {
          this.open.delete(key);
          this.panels.delete(key);
        } else {
          this.open.add(key);
        }
        this.render();
      },
    }, row.name, row.kind === 'report' ? el('span', { class: 'kind', text: 'report' }) : null);
    const tr = el('tr', { class: `row ${statusClass(row.status)}`, 'data-name': row.name, 'data-kind': row.kind },
      el('td', { 'data-label': 'Status' },
        el('span', { class: `badge ${statusClass(row.status)}`, text: row.status }),
        row.detail ? el('span', { class: 'detail', text: row.detail }) : null),
      el('td', { 'data-label': 'Name' }, toggle, row.kind === 'promise' ? this.runButton(row) : null),
      el('td', { 'data-label': 'Since' }, when(row.since)),
      el('td', { 'data-label': 'Last message', class: 'message', title: row.message, text: row.message }),
      el('td', { 'data-label': 'Last run' }, when(row.lastRun)),
      el('td', { 'data-label': 'Duration', text: duration(row.took) }));
    if (!isOpen) return [tr];
    if (!this.panels.has(key)) this.panels.set(key, historyPanel(row));
    return [tr, el('tr', { class: 'history-row' }, el('td', { colspan: 6 }, this.panels.get(key)))];
  }
}

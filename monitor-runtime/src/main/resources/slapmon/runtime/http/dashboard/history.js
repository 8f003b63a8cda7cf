// The history chart of one promise or report: the current day from NAME.history.json and the
// archived days from private/documents/NAME.history.YYYY-MM-DD.json.
import { el, legacyDate, utcDay } from './format.js';
import { json, text } from './data.js';
import { statusStrip } from './chart.js';

/** How many days back the chart goes, today included. */
export const DAYS = 7;

/** Where a row's current history is published. */
function currentUrl(row) {
  const name = encodeURIComponent(row.name);
  return row.kind === 'report' ? `/private/documents/${name}.history.json` : `/public/${name}.history.json`;
}

const ARCHIVE_FOLDER = '/private/documents/';

function archiveUrl(row, day) {
  return `${ARCHIVE_FOLDER}${encodeURIComponent(row.name)}.history.${day}.json`;
}

/** The entries of a history document, as runs with a date. */
function runs(document) {
  const data = document && Array.isArray(document.data) ? document.data : [];
  return data
    .map((entry) => ({
      date: legacyDate(entry['start-date']),
      status: String(entry.status || 'UNKNOWN'),
      message: String(entry.message || '').trim(),
    }))
    .filter((run) => run.date);
}

/**
 * The days the private documents folder has an archive of the row for, from its listing: asking
 * for every past day instead cost a 404 for each day the monitor was not running.
 */
async function archivedDays(row) {
  const listing = await text(ARCHIVE_FOLDER, { optional: true });
  const days = new Set();
  if (!listing) return days;
  const prefix = `${row.name}.history.`;
  // The listing percent-encodes each name in its link (docs/dashboard.md). Read as text, not
  // parsed into a document: its inline style would break the dashboard's own CSP.
  for (const [, href] of listing.matchAll(/href="([^"]*)"/g)) {
    let name;
    try {
      name = decodeURIComponent(href.slice(href.lastIndexOf('/') + 1));
    } catch {
      continue;
    }
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(name.slice(prefix.length));
    if (match) days.add(match[1]);
  }
  return days;
}

/** Every run of the last DAYS days, grouped by UTC day, newest day first. */
export async function loadDays(row, now = new Date()) {
  const days = [];
  for (let back = 0; back < DAYS; back += 1) days.push(utcDay(new Date(now.getTime() - back * 86400000)));
  const archived = await archivedDays(row);
  const documents = await Promise.all([
    json(currentUrl(row), { optional: true }),
    ...days.slice(1).filter((day) => archived.has(day))
      .map((day) => json(archiveUrl(row, day), { optional: true })),
  ]);
  const byDay = new Map(days.map((day) => [day, []]));
  for (const run of documents.flatMap(runs)) {
    const day = utcDay(run.date);
    if (byDay.has(day)) byDay.get(day).push(run);
  }
  return days.map((day) => ({ day, runs: byDay.get(day) }));
}

/** A panel that fills itself with the chart once the history is read. */
export function historyPanel(row) {
  const panel = el('div', { class: 'history', 'data-name': row.name },
    el('p', { class: 'muted', text: `Reading the history of ${row.name}…` }));
  loadDays(row).then(
    (days) => {
      const all = days.flatMap((d) => d.runs);
      const failed = all.filter((run) => run.status !== 'OK').length;
      panel.replaceChildren(
        el('p', { class: 'summary', text: `${all.length} runs in the last ${DAYS} days, ${failed} not OK.` }),
        statusStrip(days));
      panel.classList.add('loaded');
    },
    (error) => panel.replaceChildren(el('p', { class: 'problem', text: `History unavailable: ${error.message}` })));
  return panel;
}

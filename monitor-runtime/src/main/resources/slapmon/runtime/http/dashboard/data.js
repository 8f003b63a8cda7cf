// Reading what the monitor publishes. Every URL is on this server, so the browser sends the
// credentials it already gave for the page.

/** Thrown for an answer other than 2xx; carries the HTTP status. */
export class HttpError extends Error {
  constructor(url, status) {
    super(`${url}: HTTP ${status}`);
    this.status = status;
  }
}

/**
 * url on this server, made absolute from the origin: an operator may open the page at an
 * address carrying credentials (user:password@host), and fetch refuses a URL that carries
 * credentials, which a relative URL inherits from such a page's address.
 */
export function own(url) {
  return new URL(url, window.location.origin).href;
}

async function get(url) {
  const response = await fetch(own(url), { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new HttpError(url, response.status);
  return response;
}

/** The parsed JSON at url; null when missing (404) and optional is set. */
export async function json(url, { optional = false } = {}) {
  try {
    return await (await get(url)).json();
  } catch (error) {
    if (optional && error instanceof HttpError && error.status === 404) return null;
    throw error;
  }
}

/** The text at url; null when missing (404) and optional is set. */
export async function text(url, { optional = false } = {}) {
  try {
    return await (await get(url)).text();
  } catch (error) {
    if (optional && error instanceof HttpError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Writes body at url with a WebDAV PUT; returns the receipt the monitor gives an upload it keeps
 * apart (the Slapmon-Upload header of config.tmp.json), or null.
 */
export async function put(url, body) {
  const response = await fetch(own(url), {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  if (!response.ok) throw new HttpError(url, response.status);
  return response.headers.get('Slapmon-Upload');
}

/**
 * Runs the promise titled title now (the monitor's forced run) and returns its answer: {ok,
 * promises: [{title, status, message, …}]}. The header is what the monitor asks of a forced run:
 * a form from another site cannot send it.
 */
export async function runNow(title) {
  const url = `/.slapmon/run?title=${encodeURIComponent(title)}`;
  const response = await fetch(own(url), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'slapmon-dashboard' },
  });
  if (!response.ok) throw new HttpError(url, response.status);
  return response.json();
}

/**
 * A legacy series document ({"date": …, "data": ["date, a, b", "2026-11-24 10:00:00, 1, 2", …]})
 * as {columns: ["date", "a", "b"], rows: [[Date, 1, 2], …]}.
 */
export function series(document, parseDate) {
  const data = document && Array.isArray(document.data) ? document.data : [];
  if (data.length === 0) return { columns: [], rows: [] };
  const columns = String(data[0]).split(',').map((name) => name.trim());
  const rows = [];
  for (const line of data.slice(1)) {
    const cells = String(line).split(',').map((cell) => cell.trim());
    const date = parseDate(cells[0]);
    if (!date) continue;
    rows.push([date, ...cells.slice(1).map((cell) => (cell === '' ? NaN : Number(cell)))]);
  }
  return { columns, rows };
}

/** Where the dashboard reads and writes the instance parameters (the jIO config storage). */
export const CONFIG_FOLDER = '/share/jio_private/config/.jio_documents/';

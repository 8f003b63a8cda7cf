// Small helpers shared by the dashboard's modules: building DOM nodes and writing times.

/** An element with attributes and children; text is always set as text, never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  setAll(node, attributes);
  append(node, children);
  return node;
}

/** An SVG element, same contract as el. */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAll(node, attributes);
  append(node, children);
  return node;
}

function setAll(node, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

/** "2026-11-24 10:46:00 UTC": every date the monitor writes is UTC, so the page says UTC too. */
export function absolute(date) {
  if (!date) return '';
  return date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

/** "5 min ago", "in 40 s", "3 days ago". */
export function relative(date, now = new Date()) {
  if (!date) return '';
  const seconds = Math.round((now - date) / 1000);
  const size = Math.abs(seconds);
  let text;
  if (size < 5) return 'just now';
  if (size < 60) text = `${size} s`;
  else if (size < 3600) text = `${Math.floor(size / 60)} min`;
  else if (size < 86400) text = `${Math.floor(size / 3600)} h ${Math.floor((size % 3600) / 60)} min`;
  else {
    const days = Math.floor(size / 86400);
    text = `${days} day${days === 1 ? '' : 's'}`;
  }
  return seconds >= 0 ? `${text} ago` : `in ${text}`;
}

/** A <time> showing the relative time, with the absolute UTC time below it. */
export function when(date) {
  if (!date) return el('span', { class: 'muted', text: 'never' });
  return el('time', { datetime: date.toISOString(), title: absolute(date) },
    el('span', { class: 'relative', text: relative(date) }),
    el('span', { class: 'absolute', text: absolute(date) }));
}

/** Seconds as "0.012 s", "12.4 s" or "2 min 3 s". */
export function duration(seconds) {
  if (seconds === undefined || seconds === null || Number.isNaN(seconds)) return '';
  if (seconds < 10) return `${seconds.toFixed(3)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** The legacy "YYYY-MM-DD HH:MM:SS" (UTC) as a Date, or null. */
export function legacyDate(text) {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(text || '');
  return match ? new Date(`${match[1]}T${match[2]}Z`) : null;
}

/**
 * An ISO 8601 date with its offset as a Date, or null: "2018-03-22T15:35:07+0000" (today's SlapOS,
 * no colon, which not every browser parses) as well as "+00:00".
 */
export function isoDate(text) {
  const date = new Date(String(text || '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Epoch seconds (possibly fractional) as a Date, or null. */
export function epochDate(seconds) {
  return typeof seconds === 'number' ? new Date(seconds * 1000) : null;
}

/** The UTC day of a date, "YYYY-MM-DD". */
export function utcDay(date) {
  return date.toISOString().slice(0, 10);
}

// The sub-monitors: the list and titles come from the OPML (public/feeds); their own status from
// private/monitor.sub-monitors.json, which the runtime writes when it fetches their titles (the
// browser may not ask other origins itself).
import { el } from './format.js';
import { json, text } from './data.js';
import { statusClass } from './chart.js';

const SHARE_SUFFIX = '/share/jio_private/';

/** The outlines of the OPML, this monitor's own first, as {title, feed, share}. */
export function outlines(opmlText) {
  const xml = new DOMParser().parseFromString(opmlText, 'application/xml');
  if (xml.querySelector('parsererror')) throw new Error('public/feeds is not valid OPML');
  return [...xml.querySelectorAll('outline[xmlUrl]')].map((node) => ({
    title: node.getAttribute('title') || node.getAttribute('text') || '',
    feed: node.getAttribute('xmlUrl'),
    share: node.getAttribute('url') || '',
  }));
}

export async function renderSubMonitors(list) {
  const [opml, states] = await Promise.all([
    text('/public/feeds', { optional: true }),
    json('/private/monitor.sub-monitors.json', { optional: true }),
  ]);
  if (opml === null) {
    list.replaceChildren(el('li', { class: 'muted', text: 'The OPML is not written yet.' }));
    return;
  }
  const known = new Map(((states && states.monitors) || []).map((state) => [state.share, state]));
  const subs = outlines(opml).slice(1);
  if (subs.length === 0) {
    list.replaceChildren(el('li', { class: 'muted', text: 'No sub-monitor: monitor-url-list is empty.' }));
    return;
  }
  list.replaceChildren(...subs.map((sub) => {
    const state = known.get(sub.share);
    // Unreachable (its latest fetch failed) weighs as ERROR in this monitor's own status.
    const unreachable = state && state.problem ? 'UNREACHABLE' : 'UNKNOWN';
    const status = state && state.status ? state.status : unreachable;
    const base = sub.share.endsWith(SHARE_SUFFIX) ? sub.share.slice(0, -SHARE_SUFFIX.length) : sub.share;
    return el('li', { class: 'submonitor', 'data-url': base },
      el('span', { class: `badge ${status === 'UNKNOWN' ? 'status-unknown' : statusClass(status)}`, text: status }),
      el('a', { href: base + '/', rel: 'noopener', text: state && state.placeholder ? base : sub.title }),
      el('a', { href: sub.feed, class: 'feed', rel: 'noopener', text: 'feed' }),
      state && state.problem ? el('span', { class: 'problem', text: state.problem }) : null);
  }));
}

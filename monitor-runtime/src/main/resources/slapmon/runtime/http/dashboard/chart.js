// Charts drawn as SVG by our own small code: a line chart for series and a day-by-day strip of
// promise runs. Sizes are in viewBox units; CSS scales the drawing to the width available.
import { el, svg, absolute } from './format.js';

const WIDTH = 640;

/** Up to five evenly spaced round values from 0 (or the minimum) to at least max. */
function ticks(min, max) {
  const span = max - min || 1;
  const rough = span / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const values = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) values.push(v);
  if (values[values.length - 1] < max) values.push(values[values.length - 1] + step);
  return values;
}

function number(value) {
  if (Math.abs(value) >= 1e6) return value.toExponential(1);
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

function timeLabel(date, spansDays) {
  const text = absolute(date);
  return spansDays ? text.slice(5, 16) : text.slice(11, 16);
}

/**
 * A line chart. series: [{name, points: [[Date, number], …]}]; NaN values are skipped.
 * Returns a <figure> with a caption, the drawing and a legend giving each series' latest value.
 */
export function lineChart({ title, unit = '', series, id }) {
  const height = 200;
  const left = 52;
  const right = 12;
  const top = 10;
  const bottom = 24;
  const points = series.flatMap((s) => s.points).filter(([, v]) => Number.isFinite(v));
  const figure = el('figure', { class: 'chart', id },
    el('figcaption', { text: unit ? `${title} (${unit})` : title }));
  if (points.length === 0) {
    figure.append(el('p', { class: 'muted', text: 'No data yet.' }));
    return figure;
  }
  const times = points.map(([t]) => t.getTime());
  const values = points.map(([, v]) => v);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times) === t0 ? t0 + 60000 : Math.max(...times);
  const scale = ticks(Math.min(0, ...values), Math.max(...values));
  const v0 = scale[0];
  const v1 = scale[scale.length - 1] === v0 ? v0 + 1 : scale[scale.length - 1];
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (WIDTH - left - right);
  const y = (v) => top + (1 - (v - v0) / (v1 - v0)) * (height - top - bottom);
  const drawing = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title });
  for (const value of scale) {
    drawing.append(
      svg('line', { class: 'grid', x1: left, x2: WIDTH - right, y1: y(value), y2: y(value) }),
      svg('text', { class: 'axis', x: left - 6, y: y(value) + 4, 'text-anchor': 'end', text: number(value) }));
  }
  const spansDays = t1 - t0 > 86400000;
  drawing.append(
    svg('text', { class: 'axis', x: left, y: height - 6, text: timeLabel(new Date(t0), spansDays) }),
    svg('text', { class: 'axis', x: WIDTH - right, y: height - 6, 'text-anchor': 'end',
      text: timeLabel(new Date(t1), spansDays) }));
  const legend = el('ul', { class: 'legend' });
  series.forEach((s, index) => {
    const usable = s.points.filter(([, v]) => Number.isFinite(v));
    if (usable.length === 0) return;
    const path = usable.map(([t, v]) => `${x(t.getTime()).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    drawing.append(svg('polyline', { class: `line series-${index}`, points: path },
      svg('title', { text: s.name })));
    const [lastTime, lastValue] = usable[usable.length - 1];
    legend.append(el('li', { class: `series-${index}` },
      el('span', { class: 'swatch' }), `${s.name}: ${number(lastValue)}${unit ? ' ' + unit : ''}`,
      el('span', { class: 'muted', text: ` at ${absolute(lastTime)}` })));
  });
  figure.append(drawing, legend);
  return figure;
}

/**
 * One row per UTC day (newest first), 00:00 to 24:00 across; each run is a mark coloured by its
 * status, with its time, status and message as tooltip. days: [{day: "YYYY-MM-DD", runs:
 * [{date, status, message}]}].
 */
export function statusStrip(days) {
  const left = 84;
  const right = 8;
  const row = 18;
  const gap = 6;
  const top = 18;
  const height = top + days.length * (row + gap);
  const span = WIDTH - left - right;
  const drawing = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img',
    'aria-label': 'Runs by day', class: 'strip' });
  for (let hour = 0; hour <= 24; hour += 6) {
    const at = left + (hour / 24) * span;
    drawing.append(
      svg('text', { class: 'axis', x: at, y: 12, 'text-anchor': hour === 0 ? 'start' : hour === 24 ? 'end' : 'middle',
        text: `${String(hour).padStart(2, '0')}:00` }),
      svg('line', { class: 'grid', x1: at, x2: at, y1: top - 2, y2: height }));
  }
  days.forEach(({ day, runs }, index) => {
    const rowTop = top + index * (row + gap);
    drawing.append(
      svg('text', { class: 'axis', x: 0, y: rowTop + 13, text: day }),
      svg('rect', { class: 'day', x: left, y: rowTop, width: span, height: row }));
    for (const run of runs) {
      const seconds = (run.date.getTime() - Date.parse(`${day}T00:00:00Z`)) / 1000;
      const mark = svg('rect', {
        class: `run ${statusClass(run.status)}`,
        x: (left + (seconds / 86400) * span).toFixed(2),
        y: rowTop,
        width: 1.5,
        height: row,
      }, svg('title', { text: `${absolute(run.date)} ${run.status}${run.message ? ': ' + run.message : ''}` }));
      drawing.append(mark);
    }
  });
  return drawing;
}

/** The CSS class of a status: status-ok, status-error, status-warning. */
export function statusClass(status) {
  if (status === 'OK') return 'status-ok';
  if (status === 'WARNING') return 'status-warning';
  return 'status-error';
}

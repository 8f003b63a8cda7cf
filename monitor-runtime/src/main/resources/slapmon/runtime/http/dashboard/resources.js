// The partition's resource usage, from the documents the collector and the state publisher write
// in private/data/.jio_documents (served as /private/documents/).
import { el, legacyDate } from './format.js';
import { json, series } from './data.js';
import { lineChart } from './chart.js';

const FOLDER = '/private/documents/';

/** Each chart: which document, which columns (by header name), its title and unit. */
const CHARTS = [
  { file: 'monitor_state.data.json', columns: ['Success', 'Error', 'Warning'], title: 'Promise results', id: 'chart-state' },
  { file: 'monitor_resource_process.data.json', columns: ['CPU percent'], title: 'CPU', unit: '%', id: 'chart-cpu' },
  { file: 'monitor_resource_process.data.json', columns: ['total process'], title: 'Processes', id: 'chart-processes' },
  { file: 'monitor_resource_memory.data.json', columns: ['memory used'], title: 'Memory', unit: 'MiB', id: 'chart-memory' },
  { file: 'monitor_resource_io.data.json', columns: ['io rw counter'], title: 'I/O operations', id: 'chart-io' },
  { file: 'monitor_resource_io.data.json', columns: ['disk used'], title: 'Disk used', unit: 'MiB', id: 'chart-disk' },
];

/** Only the latest points: a day of one-minute rows. */
const MAX_POINTS = 1440;

export async function renderResources(container) {
  const files = [...new Set(CHARTS.map((chart) => chart.file))];
  const [status, ...documents] = await Promise.all([
    json(`${FOLDER}monitor_resource.status.json`, { optional: true }),
    ...files.map((file) => json(FOLDER + file, { optional: true })),
  ]);
  const parsed = new Map(files.map((file, index) => [file, series(documents[index], legacyDate)]));
  const figures = CHARTS.map((chart) => {
    const { columns, rows } = parsed.get(chart.file);
    const recent = rows.slice(-MAX_POINTS);
    const lines = chart.columns
      .map((name) => ({ name, index: columns.indexOf(name) }))
      .filter(({ index }) => index > 0)
      .map(({ name, index }) => ({ name, points: recent.map((row) => [row[0], row[index]]) }));
    return lineChart({ title: chart.title, unit: chart.unit, series: lines, id: chart.id });
  });
  const notes = [];
  if (status && status.error) {
    notes.push(el('p', { class: 'problem', text: `The collector could not read the usage: ${status.error}` }));
  }
  container.replaceChildren(...notes, ...figures);
}

// The instance parameters: config.json (the values) and config.parameters.json (which keys are
// editable, and how). An edit is the whole parameter array, PUT as config.tmp.json; the monitor
// applies it and answers in config.result.json with an outcome per key.
import { el, absolute } from './format.js';
import { json, put, CONFIG_FOLDER } from './data.js';
import { problem } from './validation.js';

const POLL_MILLIS = 1000;
const PATIENCE_MILLIS = 60000;

export class ParameterEditor {
  constructor(form, status) {
    this.form = form;
    this.status = status;
    this.entries = [];
    this.descriptions = {};
    this.fields = new Map();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit().catch((error) => this.say(`The edit could not be sent: ${error.message}`, 'problem'));
    });
  }

  async load() {
    const [entries, descriptions] = await Promise.all([
      json(`${CONFIG_FOLDER}config.json`, { optional: true }),
      json(`${CONFIG_FOLDER}config.parameters.json`, { optional: true }),
    ]);
    this.entries = Array.isArray(entries) ? entries : [];
    this.descriptions = descriptions || {};
    this.render();
  }

  render() {
    this.fields.clear();
    const rows = this.entries.map((entry, index) => this.row(entry, index));
    const editable = this.fields.size > 0;
    this.form.replaceChildren(
      ...(rows.length ? rows : [el('p', { class: 'muted', text: 'This instance publishes no parameter.' })]),
      editable ? el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'apply', text: 'Apply changes' })) : null);
  }

  row(entry, index) {
    const key = String(entry.key || '');
    const title = String(entry.title || key);
    const description = key ? this.descriptions[key] : undefined;
    if (!key || !description) {
      return el('div', { class: 'parameter raw', 'data-key': key || title },
        el('span', { class: 'label', text: title }),
        el('output', { class: 'value', text: String(entry.value ?? '') }),
        el('span', { class: 'muted', text: 'read-only' }));
    }
    const id = `parameter-${index}`;
    const secret = description.type === 'htpasswd';
    const input = el('input', {
      id, name: key, type: secret ? 'password' : 'text',
      autocomplete: secret ? 'new-password' : 'off',
      placeholder: secret ? 'unchanged' : '',
      'aria-describedby': `${id}-message`,
    });
    if (!secret) input.value = String(entry.value ?? '');
    const message = el('p', { id: `${id}-message`, class: 'field-message', 'aria-live': 'polite' });
    this.fields.set(key, { input, message, entry, description });
    return el('div', { class: 'parameter', 'data-key': key },
      el('label', { for: id, class: 'label', text: title }),
      input,
      el('span', { class: 'type muted', text: secret ? 'password' : description.type }),
      message);
  }

  /** The whole array with the typed values; null (and messages shown) when one is not valid. */
  collect() {
    let valid = true;
    const values = this.entries.map((entry) => {
      const field = this.fields.get(String(entry.key || ''));
      if (!field) return { key: entry.key, title: entry.title, value: entry.value };
      const value = field.input.value;
      if (field.description.type === 'htpasswd' && value === '') {
        // Left empty: the password stays as it is, whatever it looks like.
        this.mark(field, '', '');
        return { key: entry.key, title: entry.title, value: entry.value };
      }
      const why = problem(entry.key, field.description.type, value);
      this.mark(field, why ? 'invalid' : '', why || '');
      if (why) valid = false;
      return { key: entry.key, title: entry.title, value };
    });
    return valid ? values : null;
  }

  mark(field, state, text) {
    field.message.textContent = text;
    field.message.className = `field-message ${state}`;
    field.input.setAttribute('aria-invalid', String(state === 'invalid' || state === 'refused' || state === 'failed'));
  }

  say(text, kind = '') {
    this.status.textContent = text;
    this.status.className = `status-line ${kind}`;
  }

  async submit() {
    const values = this.collect();
    if (!values) {
      this.say('Nothing was sent: correct the fields marked.', 'problem');
      return;
    }
    const before = await json(`${CONFIG_FOLDER}config.result.json`, { optional: true });
    this.form.querySelector('#apply').disabled = true;
    try {
      const receipt = await put(`${CONFIG_FOLDER}config.tmp.json`, JSON.stringify(values, null, 2));
      this.say('Sent; waiting for the monitor to apply it…', 'pending');
      const result = await this.awaitResult(before, receipt);
      if (result) this.show(result);
      else this.say('Sent, but the monitor has not answered within a minute; it applies the edit when it runs.', 'pending');
    } finally {
      const button = this.form.querySelector('#apply');
      if (button) button.disabled = false;
    }
  }

  /**
   * The outcome of this edit: with a receipt, the entry of `uploads` that names it (another edit
   * sent at the same moment may be the latest); without, the first result that is new.
   */
  async awaitResult(before, receipt) {
    const previous = JSON.stringify(before);
    const deadline = Date.now() + PATIENCE_MILLIS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
      const result = await json(`${CONFIG_FOLDER}config.result.json`, { optional: true });
      if (!result) continue;
      if (receipt) {
        const uploads = Array.isArray(result.uploads) ? result.uploads : [];
        const own = uploads.find((entry) => entry && entry.upload && entry.upload.id === receipt);
        if (own) return own;
      } else if (JSON.stringify(result) !== previous) {
        return result;
      }
    }
    return null;
  }

  async show(result) {
    const outcomes = result.results || {};
    if (result.status === 'applied') await this.load().catch(() => {});
    for (const [key, field] of this.fields) {
      const outcome = outcomes[key];
      if (!outcome) continue;
      const state = outcome.outcome || '';
      const words = { applied: 'applied', unchanged: 'unchanged', refused: 'refused', 'not-applied': 'not applied', failed: 'failed' };
      const text = `${words[state] || state}${outcome.reason ? ': ' + outcome.reason : ''}`;
      this.mark(field, state, text);
    }
    const when = result.date ? ` at ${absolute(new Date(result.date))}` : '';
    const reason = result.reason ? `: ${result.reason}` : '';
    const summary = { applied: 'Applied', refused: 'Refused', failed: 'Failed' }[result.status] || result.status;
    this.say(`${summary}${when}${reason}`, result.status === 'applied' ? 'ok' : 'problem');
  }
}

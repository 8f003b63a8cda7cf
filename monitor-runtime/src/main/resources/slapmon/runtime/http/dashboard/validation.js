// Checks the editor makes before sending, so that an obvious mistake is shown at once next to the
// field. The monitor checks every value again and has the last word.

export const MAX_TIMEOUT_SECONDS = 3600;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Whether a parameter holds the promise timeout: whole seconds from 1 to MAX_TIMEOUT_SECONDS, an
 * optional "s" after the number (the monitor's PromiseTimeout rule, which has the last word).
 */
export function isTimeout(key) {
  return key === 'promise-timeout';
}

/** Why value cannot be a host name, or null. */
export function hostProblem(host) {
  if (host.length > 253) return `"${host}" is not a host name: longer than 253 characters`;
  for (const label of host.split('.')) {
    if (label === '') return `"${host}" is not a host name: it has an empty label`;
    if (!LABEL.test(label)) {
      return `"${host}" is not a host name: "${label}" may hold only letters, digits and inner hyphens`;
    }
  }
  return null;
}

/**
 * Why the value typed for a parameter cannot be sent, or null.
 *
 * @param type the description's type: file, htpasswd or httpdcors
 */
export function problem(key, type, value) {
  if (type === 'htpasswd') {
    if (value === '') return 'the password is empty';
    if (/[\r\n]/.test(value)) return 'the password must be one line';
    if (value.trim() !== value) return 'the password starts or ends with white space';
    if (new TextEncoder().encode(value).length > 72) return 'the password is longer than 72 bytes';
    return null;
  }
  if (type === 'httpdcors') {
    for (const host of value.split(/\s+/).filter(Boolean)) {
      const why = hostProblem(host);
      if (why) return why;
    }
    return null;
  }
  if (isTimeout(key)) {
    const text = value.trim();
    const expected = `expected whole seconds from 1 to ${MAX_TIMEOUT_SECONDS} such as 20 or 20s`;
    const match = /^([0-9]{1,9})s?$/.exec(text);
    if (!match) return `${expected}, got "${text}"`;
    const seconds = Number(match[1]);
    if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) return `${expected}, got "${text}"`;
  }
  return null;
}

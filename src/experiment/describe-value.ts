const MAX_STRING = 40;

/**
 * Describes a found value for an error message: strings quoted, numbers as written,
 * containers by kind and size, a missing value as such. Infinite numbers carry a hint,
 * because JSON has no Infinity: an overflowing literal such as `1e400` parses to it.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) {
      return `${value} (a JSON number beyond ±1.8e308, such as 1e400, overflows to Infinity)`;
    }
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty array' : `an array of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

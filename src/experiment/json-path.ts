/** One step of a JSON path: an object key or an array index. */
export type JsonPathSegment = string | number;

/** A location inside a JSON document, as a list of keys and indices from the root. */
export type JsonPath = readonly JsonPathSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats path segments as a JSON path: `['dynamics', 0, 'dt']` → `$.dynamics[0].dt`.
 * Keys that are not identifiers are quoted: `['a b']` → `$["a b"]`.
 */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

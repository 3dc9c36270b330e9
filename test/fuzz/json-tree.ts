/**
 * Small helpers over decoded JSON documents: every location in a document,
 * reading, replacing and deleting at a location, and parsing the `$.a[0]["b c"]`
 * paths that experiment issues carry back into segments.
 */

/** A decoded JSON value (NaN and ±Infinity allowed: the fuzzer plants them). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A location: object keys and array indices from the root. */
export type Segments = (string | number)[];

/** One location in a document and the value found there. */
export interface Location {
  path: Segments;
  value: Json;
}

/** Every location of the document (the root included), parents before children. */
export function locations(doc: Json, path: Segments = [], out: Location[] = []): Location[] {
  out.push({ path, value: doc });
  if (Array.isArray(doc)) doc.forEach((v, i) => locations(v, [...path, i], out));
  else if (isObject(doc)) for (const [k, v] of Object.entries(doc)) locations(v, [...path, k], out);
  return out;
}

export const isObject = (v: unknown): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deep copy (structuredClone keeps NaN and ±Infinity, unlike a JSON round trip). */
export const clone = <T>(v: T): T => structuredClone(v);

/** The value at `path`, or undefined when the path leaves the document. */
export function getAt(doc: unknown, path: Segments): unknown {
  let at: unknown = doc;
  for (const s of path) {
    if (Array.isArray(at) && typeof s === 'number') at = at[s];
    else if (isObject(at) && typeof s === 'string' && Object.hasOwn(at, s)) at = at[s];
    else return undefined;
  }
  return at;
}

/** A copy of `doc` with the value at `path` replaced (the root when `path` is empty). */
export function setAt(doc: Json, path: Segments, value: Json): Json {
  if (path.length === 0) return value;
  const copy = clone(doc);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path[path.length - 1]] = value;
  return copy;
}

/** A copy of `doc` without the entry at `path` (an object key, or an array element, later ones shifting down). */
export function deleteAt(doc: Json, path: Segments): Json {
  const copy = clone(doc);
  const parent = getAt(copy, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (isObject(parent)) delete parent[last as string];
  return copy;
}

/**
 * Parses a JSON path as `formatJsonPath` writes it (`$`, `.key`, `[3]`, `["any key"]`)
 * into segments; undefined when the text is not such a path.
 */
export function parseJsonPath(text: string): Segments | undefined {
  if (!text.startsWith('$')) return undefined;
  const out: Segments = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    const key = /^\.([A-Za-z_$][A-Za-z0-9_$]*)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
    if (key) {
      out.push(key[1]);
      i += key[0].length;
    } else if (index) {
      out.push(Number(index[1]));
      i += index[0].length;
    } else if (quoted) {
      out.push(JSON.parse(quoted[1]) as string);
      i += quoted[0].length;
    } else return undefined;
  }
  return out;
}

/** True when `prefix` is a prefix of `path` (or equal to it). */
export const startsWith = (path: Segments, prefix: Segments) => prefix.length <= path.length && prefix.every((s, i) => path[i] === s);

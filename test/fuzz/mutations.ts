/**
 * Mutations of valid experiment files, as fast-check arbitraries. Each mutation
 * plants one kind of fault the issue lists (wrong types, missing fields,
 * NaN/Infinity/huge numbers, non-symmetric or wrongly sized matrices, unknown
 * kinds, zero or negative counts, schedules that reach zero, regions of the
 * wrong dimension, sweeps over unknown parameters, unknown keys). Where the
 * fault is certain to make the file invalid, the mutant says where: the
 * validator must then reject it with an issue at that path (or at the
 * enclosing field, for values of a union such as σ or a schedule).
 */
import fc from 'fast-check';
import { clone, deleteAt, getAt, isObject, locations, setAt, type Json, type Location, type Segments } from './json-tree';
import type { Seed } from './seeds';

export interface Mutant {
  /** The seed it came from and what was done, for failure messages. */
  what: string;
  doc: Json;
  /**
   * When the mutation must make the file invalid: the planted fault's path, and
   * whether an issue must sit exactly there ('exact'), there or at an enclosing
   * field below the root ('enclosing'), or anywhere ('anywhere': the fault moves
   * a dimension, so the mismatch may be reported at the other end).
   */
  fault?: { path: Segments; where: 'exact' | 'enclosing' | 'anywhere' };
}

/** Fields whose value is a count: an integer ≥ 1 wherever they occur. */
const COUNT_KEYS = new Set([
  'trajectories',
  'steps',
  'every',
  'substeps',
  'bins',
  'samples',
  'batchSize',
  'hidden',
  'features',
  'inputs',
  'teacherHidden',
  'sparsity',
  'total',
  'dim',
]);

/** Maps whose keys are names the user chooses (a new key there is not an unknown field). */
const NAME_MAPS: Segments[] = [['record', 'regions'], ['sweep']];

const KNOWN_KINDS = /^(quadratic|double-well|relu-net|weighted-l1|diagonal-net|least-squares|logistic|absolute-deviation|gradient-sde|sgd|heavy-ball|heavy-ball-sgd|signsgd|lion|normalized-sgd|clipped-sgd|sme|sme2|ha-sme|hb-ode|none|gaussian|minibatch|point|ball|halfspace|level|step|inverse-power|polynomial|constant|euler-maruyama|exact|rk4)$/;

const pathText = (p: Segments) => JSON.stringify(p);
const same = (a: Segments, b: Segments) => a.length === b.length && a.every((s, i) => s === b[i]);
const lastKey = (p: Segments) => p[p.length - 1];
const isNumberMatrix = (v: unknown): v is number[][] =>
  Array.isArray(v) && v.length > 0 && v.every((row) => Array.isArray(row) && row.length > 0 && row.every((x) => typeof x === 'number'));
const isNumberVector = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number');

/** Every location of a document, computed once per document (seeds are mutated thousands of times). */
const locationCache = new WeakMap<object, Location[]>();
function cachedLocations(doc: Json): Location[] {
  if (doc === null || typeof doc !== 'object') return locations(doc);
  let found = locationCache.get(doc);
  if (!found) locationCache.set(doc, (found = locations(doc)));
  return found;
}

/** Locations of the seed's document that satisfy `keep`. */
const where = (seed: Seed, keep: (l: Location) => boolean) => cachedLocations(seed.doc).filter(keep);

/** An arbitrary that picks one of `items`, or null when there are none. */
const pick = <T>(items: T[]): fc.Arbitrary<T | null> => (items.length === 0 ? fc.constant(null) : fc.constantFrom(...items));

/** A number that no field accepts: zod refuses NaN and ±Infinity everywhere. */
const nonFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

/** Numbers at the edges: huge, tiny, negative, zero, fractional, past the integer and u32 ranges. */
const edgeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 5e-324, -0, 0, -1, 0.5, 2 ** 32, 2 ** 32 - 1, 2 ** 53, 2 ** 53 + 2, 1e15, 1e-300),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A value of every JSON type, for wrong-type replacements. */
const anyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, '', 'x', '1', [], {}, [[]], [null], { kind: 'x' }),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -3, max: 3 }),
);

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** NaN or ±Infinity at a numeric leaf: always invalid, reported at the leaf or its field. */
function nonFiniteNumber(seed: Seed): fc.Arbitrary<Mutant | null> {
  return fc.tuple(pick(where(seed, (l) => typeof l.value === 'number')), nonFinite).map(([l, bad]) =>
    l && { what: `${seed.name}: ${bad} at ${pathText(l.path)}`, doc: setAt(seed.doc, l.path, bad), fault: { path: l.path, where: 'enclosing' } },
  );
}

/** A huge, tiny, negative, zero or fractional number at a numeric leaf: valid or not, never a crash. */
function edgeNumberAt(seed: Seed): fc.Arbitrary<Mutant | null> {
  return fc.tuple(pick(where(seed, (l) => typeof l.value === 'number')), edgeNumber).map(([l, v]) => l && { what: `${seed.name}: ${v} at ${pathText(l.path)}`, doc: setAt(seed.doc, l.path, v) });
}

/** 0, −1 or 2.5 for a count: always invalid, at exactly that path. */
function badCount(seed: Seed): fc.Arbitrary<Mutant | null> {
  const counts = where(seed, (l) => typeof l.value === 'number' && COUNT_KEYS.has(String(lastKey(l.path))) && !l.path.includes('sweep'));
  return fc.tuple(pick(counts), fc.constantFrom(0, -1, 2.5, -4096)).map(
    ([l, v]) => l && { what: `${seed.name}: count ${v} at ${pathText(l.path)}`, doc: setAt(seed.doc, l.path, v), fault: { path: l.path, where: 'exact' } },
  );
}

/** A value of another JSON type anywhere below the root: valid or not (seed, x0, σ and schedules take several types). */
function wrongType(seed: Seed): fc.Arbitrary<Mutant | null> {
  return fc.tuple(pick(where(seed, (l) => l.path.length > 0)), anyJson).map(([l, v]) =>
    l && typeOf(v) !== typeOf(l.value) ? { what: `${seed.name}: ${JSON.stringify(v)} (was a ${typeOf(l.value)}) at ${pathText(l.path)}`, doc: setAt(seed.doc, l.path, v) } : null,
  );
}

/** A field or array element removed: valid (optional fields) or not (required ones). */
function missing(seed: Seed): fc.Arbitrary<Mutant | null> {
  return pick(where(seed, (l) => l.path.length > 0)).map((l) => l && { what: `${seed.name}: removed ${pathText(l.path)}`, doc: deleteAt(seed.doc, l.path) });
}

/** A key no schema knows, added to an object that is not a map of names: invalid, at the new key. */
function unknownKey(seed: Seed): fc.Arbitrary<Mutant | null> {
  const objects = where(seed, (l) => isObject(l.value) && !NAME_MAPS.some((m) => same(m, l.path)));
  return fc.tuple(pick(objects), fc.constantFrom('colour', 'lr_', 'Steps', 'extra', 'kind2')).map(([l, key]) => {
    if (!l || Object.hasOwn(l.value as object, key)) return null;
    const path = [...l.path, key];
    return { what: `${seed.name}: unknown key ${pathText(path)}`, doc: setAt(seed.doc, path, 1), fault: { path, where: 'exact' } };
  });
}

/** An unknown `kind`: invalid, at the kind (or the object holding it). */
function unknownKind(seed: Seed): fc.Arbitrary<Mutant | null> {
  const kinds = where(seed, (l) => lastKey(l.path) === 'kind' && typeof l.value === 'string');
  return fc.tuple(pick(kinds), fc.oneof(fc.constantFrom('sgdd', 'Quadratic', 'gaussian-noise', '', 'adam'), fc.string({ maxLength: 5 }))).map(([l, kind]) =>
    l && !KNOWN_KINDS.test(kind) ? { what: `${seed.name}: kind ${JSON.stringify(kind)} at ${pathText(l.path)}`, doc: setAt(seed.doc, l.path, kind), fault: { path: l.path, where: 'enclosing' } } : null,
  );
}

/**
 * A symmetric matrix made non-symmetric (objective A, a noise covariance): invalid at
 * the matrix. Paths of σ factors are left alone: σ need not be symmetric.
 */
function nonSymmetric(seed: Seed): fc.Arbitrary<Mutant | null> {
  const symmetric = where(seed, (l) => isNumberMatrix(l.value) && l.value.length > 1 && ['A', 'cov'].includes(String(lastKey(l.path))) && l.path[0] !== 'sweep' && getAt(seed.doc, [...l.path.slice(0, -1), 'kind']) !== undefined && l.value.length === l.value[0].length);
  return fc.tuple(pick(symmetric), fc.nat(), fc.constantFrom(1, -0.5, 1e-3)).map(([l, n, delta]) => {
    if (!l) return null;
    const m = clone(l.value as number[][]);
    const d = m.length;
    const i = n % d;
    const j = (i + 1 + (Math.floor(n / d) % (d - 1))) % d;
    m[i][j] += delta;
    return { what: `${seed.name}: ${pathText(l.path)}[${i}][${j}] += ${delta}`, doc: setAt(seed.doc, l.path, m), fault: { path: l.path, where: 'enclosing' } };
  });
}

/**
 * A matrix with a row or a column dropped or added: a d×d matrix (A, σ, a covariance) is then
 * invalid, reported somewhere (the mismatch may show at the other end, e.g. x0); a data matrix may stay valid.
 */
function resizeMatrix(seed: Seed): fc.Arbitrary<Mutant | null> {
  const matrices = where(seed, (l) => isNumberMatrix(l.value) && l.path[0] !== 'sweep');
  return fc.tuple(pick(matrices), fc.constantFrom('drop row', 'drop column', 'add row', 'add column')).map(([l, how]) => {
    if (!l) return null;
    const m = clone(l.value as number[][]);
    const rows = m.length;
    const cols = m[0].length;
    // A 1×1 or single-row/column matrix would become empty (a different fault: an empty array).
    if ((how === 'drop row' && rows < 2) || (how === 'drop column' && cols < 2)) return null;
    if (how === 'drop row') m.pop();
    if (how === 'drop column') m.forEach((row) => row.pop());
    if (how === 'add row') m.push(m[0].slice());
    if (how === 'add column') m.forEach((row) => row.push(0));
    const what = `${seed.name}: ${how} of ${pathText(l.path)} (${rows}×${cols})`;
    // A data matrix (N × d) may lose or gain a sample and stay valid; the d×d matrices may not.
    const square = ['A', 'sigma', 'cov'].includes(String(lastKey(l.path))) && !l.path.includes('data');
    return square ? { what, doc: setAt(seed.doc, l.path, m), fault: { path: l.path, where: 'anywhere' } } : { what, doc: setAt(seed.doc, l.path, m) };
  });
}

/** A region's center or normal with an entry added or dropped: invalid, at that vector. */
function regionWrongDimension(seed: Seed): fc.Arbitrary<Mutant | null> {
  const vectors = where(seed, (l) => ['center', 'normal'].includes(String(lastKey(l.path))) && isNumberVector(l.value) && (l.path[0] === 'escape' || l.path[0] === 'record'));
  return fc.tuple(pick(vectors), fc.boolean()).map(([l, grow]) => {
    if (!l) return null;
    const v = (l.value as number[]).slice();
    if (!grow && v.length < 2) return null;
    if (grow) v.push(0.5);
    else v.pop();
    return { what: `${seed.name}: ${pathText(l.path)} now has ${v.length} entries`, doc: setAt(seed.doc, l.path, v), fault: { path: l.path, where: 'exact' } };
  });
}

/** A sweep over a parameter no dynamics item has: invalid, at the sweep's key. */
function unknownSweep(seed: Seed): fc.Arbitrary<Mutant | null> {
  return fc.constantFrom('learningRate', 'beta2', 'momentum', 'noise.cov', 'x0').map((param) => {
    if (!isObject(seed.doc)) return null;
    const doc = clone(seed.doc);
    doc.sweep = { [param]: [0.1, 0.2] };
    return { what: `${seed.name}: sweep over ${param}`, doc, fault: { path: ['sweep', param], where: 'exact' } };
  });
}

/** A step size replaced by a schedule that reaches (or underflows to) zero: valid or not, never a crash. */
function scheduleToZero(seed: Seed): fc.Arbitrary<Mutant | null> {
  const steps = where(seed, (l) => ['lr', 'theta'].includes(String(lastKey(l.path))) && l.path[0] === 'dynamics');
  const schedule = fc.constantFrom<Json>(
    { kind: 'polynomial', initial: 0.1, power: 1, total: 1 },
    { kind: 'polynomial', initial: 0.1, power: 0.5, total: 3 },
    { kind: 'step', initial: 0.1, every: 1, factor: 1e-200 },
    { kind: 'inverse-power', scale: 1e-300, power: 50 },
    { kind: 'step', initial: 5e-324, every: 1, factor: 1 },
  );
  return fc.tuple(pick(steps), schedule).map(([l, s]) => l && { what: `${seed.name}: ${JSON.stringify(s)} at ${pathText(l.path)}`, doc: setAt(seed.doc, l.path, s) });
}

/** The single-fault mutations, by name. */
export const MUTATIONS = {
  nonFiniteNumber,
  edgeNumberAt,
  badCount,
  wrongType,
  missing,
  unknownKey,
  unknownKind,
  nonSymmetric,
  resizeMatrix,
  regionWrongDimension,
  unknownSweep,
  scheduleToZero,
} as const;

export type MutationName = keyof typeof MUTATIONS;

/** One mutation of a seed, by name (null when the seed offers no place for it). */
export const mutation = (name: MutationName, seed: Seed) => MUTATIONS[name](seed);

/**
 * Two or three faults in a row (later ones on the already mutated file): valid or
 * not. The planted paths are dropped: a later fault may hide an earlier one.
 */
export function compound(seedList: Seed[]): fc.Arbitrary<Mutant | null> {
  const names = Object.keys(MUTATIONS) as MutationName[];
  return fc.tuple(fc.constantFrom(...seedList), fc.array(fc.constantFrom(...names), { minLength: 2, maxLength: 3 })).chain(([seed, chosen]) =>
    chosen.reduce<fc.Arbitrary<Mutant | null>>(
      (acc, name) => acc.chain((m) => (m === null ? fc.constant(null) : mutation(name, { name: m.what, doc: m.doc }).map((next) => next && { what: next.what, doc: next.doc }))),
      fc.constant<Mutant | null>({ what: seed.name, doc: seed.doc }),
    ),
  );
}

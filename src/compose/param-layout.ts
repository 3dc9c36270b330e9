/**
 * A module's parameter words, per-trajectory aux words and enums, each declared
 * once by name. The TypeScript packing and the WGSL constants that locate every
 * field are both generated from that one declaration (TypeGPU's idea: one
 * schema gives the values, the word layout and the WGSL names), so the order
 * the host writes and the offsets the shader reads cannot drift apart, and a
 * shader never adds up an offset by hand.
 *
 * @example
 * const params = paramLayout<[item: { lr: number; beta: number }]>({
 *   MOMENTUM_LR: (item) => item.lr,
 *   MOMENTUM_BETA: (item) => item.beta,
 * });
 * params.layOut({ lr: 0.1, beta: 0.9 }) // { words: [0.1, 0.9], offsets: { MOMENTUM_LR: 0, MOMENTUM_BETA: 1 } }
 * // the composer adds the block's start and writes `const MOMENTUM_BETA: u32 = …u;` into the preamble;
 * // the WGSL module reads model[MOMENTUM_BETA].
 */

/** Largest integer an f32 parameter word holds exactly (2^24). */
export const MAX_EXACT_U32_WORD = 2 ** 24;

/** The values of one field: a scalar or a block of words (f32, computed in float64). */
export type FieldValues<Args extends unknown[]> = (...args: Args) => number | readonly number[];

/**
 * One field: its values, stored as f32. A `u32` field holds counts and codes that
 * WGSL reads with `u32(model[NAME])`: each value is checked to be an integer in
 * [0, 2^24], where f32 is exact.
 */
export type FieldDeclaration<Args extends unknown[]> = FieldValues<Args> | { readonly u32: FieldValues<Args> };

/** A block of parameter words with each field's offset from the block's start. */
export interface LaidOutParams {
  words: number[];
  offsets: Record<string, number>;
}

/** The parameter words of one module, declared by name (see the file comment). */
export interface ParamLayout<Args extends unknown[]> {
  /** The WGSL constant of each field, in packing order. */
  readonly names: readonly string[];
  /** The enums the module's WGSL reads, written into the preamble next to the offsets. */
  readonly enums: readonly WgslEnum<string>[];
  /**
   * Structural constants the module's WGSL reads along with its fields: offsets
   * within the records a field holds (a table's entries; see recordConstants)
   * and fixed bounds the host shares (a loop's trip count), for the preamble.
   */
  readonly constants: readonly Readonly<Record<string, number>>[];
  /** Packs every field in declaration order and gives each field's offset within the block. */
  layOut(...args: Args): LaidOutParams;
  /** The packed words alone. */
  pack(...args: Args): number[];
}

const WGSL_NAME = /^[A-Z][A-Z0-9_]*$/;

function checkName(name: string, what: string): void {
  if (!WGSL_NAME.test(name)) throw new Error(`${what} "${name}" must be an UPPER_SNAKE_CASE WGSL name`);
}

function asWords(value: number | readonly number[]): readonly number[] {
  return typeof value === 'number' ? [value] : value;
}

/**
 * Declares a module's parameter words: one entry per field, in the order they
 * are packed (object keys keep their insertion order), each named by the WGSL
 * constant that will hold its offset. Spread a shared declaration into a larger
 * one to extend it (two-timescale methods add their own words to the schedules).
 */
export function paramLayout<Args extends unknown[]>(
  fields: Readonly<Record<string, FieldDeclaration<Args>>>,
  options: { enums?: readonly WgslEnum<string>[]; constants?: readonly Readonly<Record<string, number>>[] } = {},
): ParamLayout<Args> {
  const names = Object.keys(fields);
  names.forEach((name) => checkName(name, 'parameter field'));
  const layOut = (...args: Args): LaidOutParams => {
    const words: number[] = [];
    const offsets: Record<string, number> = {};
    for (const name of names) {
      const field = fields[name];
      const integer = typeof field !== 'function';
      const values = asWords((integer ? field.u32 : field)(...args));
      if (integer) {
        const bad = values.find((v) => !Number.isInteger(v) || v < 0 || v > MAX_EXACT_U32_WORD);
        if (bad !== undefined) throw new RangeError(`parameter ${name} holds ${bad}, which is not an integer in [0, 2^24] (f32 stores those exactly)`);
      }
      offsets[name] = words.length;
      for (const v of values) words.push(v);
    }
    return { words, offsets };
  };
  return { names, enums: options.enums ?? [], constants: options.constants ?? [], layOut, pack: (...args: Args) => layOut(...args).words };
}

/**
 * Words declared by name and length alone: a dynamics' per-trajectory aux words
 * (momentum, step-size factors), or the fields of a record that repeats in a
 * table (a region, a batch map's entry).
 */
export interface WordLayout<Args extends unknown[]> {
  readonly names: readonly string[];
  /** Each field's index in the trajectory's aux array and the total words. */
  layOut(...args: Args): { words: number; offsets: Record<string, number> };
}

/**
 * Declares words by name: one entry per field with its length, in storage order.
 * WGSL reads an aux field F's word i as `(*a)[F + i]`, and a record's field F at
 * `at + F`.
 */
export function wordLayout<Args extends unknown[]>(fields: Readonly<Record<string, (...args: Args) => number>>): WordLayout<Args> {
  const names = Object.keys(fields);
  names.forEach((name) => checkName(name, 'field'));
  return {
    names,
    layOut(...args: Args) {
      const offsets: Record<string, number> = {};
      let words = 0;
      for (const name of names) {
        const length = fields[name](...args);
        if (!Number.isInteger(length) || length < 0) throw new RangeError(`field ${name} has length ${length}, expected a whole number of words`);
        offsets[name] = words;
        words += length;
      }
      return { words, offsets };
    },
  };
}

/** An enum shared by TypeScript and WGSL: `codes` for the host, `constants` for the preamble (`PREFIX_MEMBER`). */
export interface WgslEnum<Member extends string> {
  readonly codes: Readonly<Record<Member, number>>;
  readonly constants: Readonly<Record<string, number>>;
}

/**
 * Declares an enum once: members in order get codes 0, 1, 2, …; the preamble
 * defines `const PREFIX_MEMBER: u32 = code;` for each, so WGSL `switch` cases and
 * the host's packed codes come from the same list.
 *
 * @example
 * const REGION_KIND = wgslEnum('REGION', ['ball', 'halfspace', 'level']);
 * REGION_KIND.codes.halfspace // 1, and WGSL sees const REGION_HALFSPACE: u32 = 1u;
 */
export function wgslEnum<const Member extends string>(prefix: string, members: readonly Member[]): WgslEnum<Member> {
  checkName(prefix, 'enum prefix');
  const codes = {} as Record<Member, number>;
  const constants: Record<string, number> = {};
  members.forEach((member, code) => {
    const name = `${prefix}_${member.replace(/-/g, '_').toUpperCase()}`;
    checkName(name, 'enum member');
    codes[member] = code;
    constants[name] = code;
  });
  return { codes, constants };
}

/**
 * The preamble constants of laid-out blocks: each field's offset plus its block's
 * start, and every enum member. Two fields (or enum members) of one kernel with the
 * same name are an error: one would silently shadow the other.
 */
export function layoutConstants(
  blocks: readonly { start: number; offsets: Readonly<Record<string, number>> }[],
  enums: readonly WgslEnum<string>[] = [],
): Record<string, number> {
  const constants: Record<string, number> = {};
  const define = (name: string, value: number) => {
    if (name in constants && constants[name] !== value) throw new Error(`WGSL constant ${name} is declared twice in one kernel (by two layouts)`);
    constants[name] = value;
  };
  for (const block of blocks) for (const [name, offset] of Object.entries(block.offsets)) define(name, block.start + offset);
  for (const e of enums) for (const [name, code] of Object.entries(e.constants)) define(name, code);
  return constants;
}

/**
 * The preamble constants of a record that repeats (a schedule, a region): each
 * field's offset within one record, and the record's length under `lengthName`.
 * `args` is any record of the kind: every record of a kind has the same length.
 */
export function recordConstants<Args extends unknown[]>(layout: ParamLayout<Args>, lengthName: string, ...args: Args): Record<string, number> {
  checkName(lengthName, 'record length');
  const { words, offsets } = layout.layOut(...args);
  return { ...offsets, [lengthName]: words.length };
}

/**
 * Wraps a derivation that several fields of one layout share (an exact transition
 * gives E, c and L): it runs once per layOut call, as the fields are laid out one
 * after another with the same arguments (a one-entry cache on argument identity).
 */
export function sharedDerivation<Args extends unknown[], T>(derive: (...args: Args) => T): (...args: Args) => T {
  let last: { args: Args; value: T } | undefined;
  return (...args: Args) => {
    if (!last || last.args.length !== args.length || last.args.some((a, i) => a !== args[i])) last = { args, value: derive(...args) };
    return last.value;
  };
}

/**
 * The words of one field of a laid-out block (up to the next field's offset):
 * how a float64 twin reads the same packed values the shader reads.
 */
export function fieldWords(laid: LaidOutParams, name: string): number[] {
  const names = Object.keys(laid.offsets);
  const at = names.indexOf(name);
  if (at < 0) throw new Error(`no parameter field ${name} (fields: ${names.join(', ')})`);
  const end = at + 1 < names.length ? laid.offsets[names[at + 1]] : laid.words.length;
  return laid.words.slice(laid.offsets[name], end);
}

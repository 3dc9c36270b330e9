/**
 * What the five methods of the two-timescale framework (Xiao, Hu, Toh,
 * arXiv:2307.10053; docs/math.md §5b) share: the experiment-file fields `lr` (η_k,
 * the slow step of the variable) and `theta` (θ_k, the fast step of the
 * momentum/estimator), each a number or a schedule, optionally with a
 * per-trajectory randomScale; the parameter layout and the Aux state the WGSL
 * library shaders/lib/two_timescale.wgsl reads:
 *
 *   m_{k+1} = m_k − θ_k r_θ (m_k − g_k),   x_{k+1} = x_k − η_k r_η d_k,  d_k ∈ ∂φ(m_{k+1}),
 *
 * parameters [lr schedule, theta schedule, the method's own words…] and
 * Aux = [m (d words, m_0 = 0), r_η, r_θ]. `twoTimescaleSchema` and
 * `twoTimescaleDescriptor` build a method's schema, format and descriptor from
 * what is its own (kind, title, WGSL module, CPU twin, extra fields and words).
 */
import { z } from 'zod';
import type { ContractExample } from '../experiment/contract-example';
import type { ShaderModule } from '../compose/compose-kernel';
import type { CheckContext } from '../experiment/check-context';
import type { DynamicsKind, SweepValue } from '../experiment/dynamics/dynamics-kind';
import { issueAt, type ExperimentIssue } from '../experiment/issue';
import type { JsonPath } from '../experiment/json-path';
import { strictObject } from '../experiment/strict-object';
import { validateWith } from '../experiment/zod-issues';
import type { ReferenceNoise } from '../noise/noise-descriptor';
import type { ReferenceObjective } from '../objectives/objective-descriptor';
import { checkSchedule, packSchedule, scheduleSchema, type Schedule } from '../schedules/schedule';
import { LABEL_DESCRIPTION, type ReferenceDynamics } from './dynamics-descriptor';
import { modelTimeStep } from './model-time';
import { paramLayout, wordLayout, type FieldDeclaration } from '../compose/param-layout';

/** θ when an item gives none (Lion has its own default, β₂ = 0.99). */
export const DEFAULT_THETA = 0.1;

/** Citation of the framework, shared by the five methods' reports. */
export const TWO_TIMESCALE_CITATION = 'Xiao, Hu, Toh, arXiv:2307.10053 (two-timescale framework, docs/math.md §5b)';

/** Sweepable parameters of every two-timescale method. */
export type TwoTimescaleParam = 'lr' | 'theta';

/** Fields every normalized two-timescale item has. */
export interface TwoTimescaleBase {
  /** η_k, the slow step of x (a number or a schedule, optionally with randomScale). */
  lr: Schedule;
  /** θ_k, the fast step of the momentum m (a number or a schedule, optionally with randomScale). */
  theta: Schedule;
  /** Model time per step: lr when it is a number, else 1 (t counts steps). */
  dt: number;
  label?: string;
}

/** The zod fields `lr`, `theta` (with its default) and `label` of a two-timescale item. */
export function twoTimescaleFields(defaultTheta: number = DEFAULT_THETA) {
  return {
    lr: scheduleSchema.describe('Slow step η_k of x: a number or a schedule.'),
    theta: scheduleSchema.default(defaultTheta).describe('Fast step θ_k of the momentum m, every value in (0, 1]: a number or a schedule.'),
    label: z.string().optional().describe(LABEL_DESCRIPTION),
  };
}

/**
 * The supremum over k of θ_k·r_θ, r_θ ≤ hi: θ is an averaging weight and must stay in (0, 1]
 * (a growing `step` schedule, factor > 1, has none).
 */
export function thetaSupremum(theta: Schedule): number {
  const hi = typeof theta === 'object' && theta.randomScale ? theta.randomScale[1] : 1;
  if (typeof theta === 'number') return theta;
  switch (theta.kind) {
    case 'constant':
      return theta.value * hi;
    case 'step':
      return theta.factor <= 1 ? theta.initial * hi : Infinity;
    case 'inverse-power':
      return theta.scale * hi;
    case 'polynomial':
      return theta.initial * hi;
  }
}

/** Validates a `theta` value: a schedule whose every value θ_k·r_θ lies in (0, 1]. */
export function checkTheta(value: unknown, path: JsonPath): ExperimentIssue[] {
  const issues = checkSchedule(value, path);
  if (issues.length > 0) return issues;
  const sup = thetaSupremum(value as Schedule);
  if (sup <= 1) return [];
  const what = Number.isFinite(sup) ? `its largest value (times randomScale's hi) is ${sup}` : 'a step schedule with factor > 1 grows without bound';
  return [issueAt(path, `expected theta ≤ 1 at every step (the momentum's averaging weight, β = 1 − θ), but ${what}`)];
}

/** Cross-field checks of the shared fields on a raw item: randomScale lo ≤ hi, θ ≤ 1 (the schema checks the rest). */
export function checkTwoTimescale(raw: Record<string, unknown>, path: JsonPath): ExperimentIssue[] {
  const issues: ExperimentIssue[] = [];
  const valid = (value: unknown, key: string) => value !== undefined && validateWith(scheduleSchema, value, [...path, key]).length === 0;
  if (valid(raw.lr, 'lr')) issues.push(...checkSchedule(raw.lr, [...path, 'lr']));
  if (valid(raw.theta, 'theta')) issues.push(...checkTheta(raw.theta, [...path, 'theta']));
  return issues;
}

/** The sweep checks of `lr` and `theta`. */
export const twoTimescaleParams: Record<TwoTimescaleParam, (value: unknown, path: JsonPath, ctx: CheckContext) => ExperimentIssue[]> = {
  lr: (value, path) => checkSchedule(value, path),
  theta: (value, path) => checkTheta(value, path),
};

/** The shared fields of a normalized item (dt from lr). */
export function twoTimescaleBase(parsed: { lr: Schedule; theta: Schedule; label?: string }): TwoTimescaleBase {
  return { lr: parsed.lr, theta: parsed.theta, dt: modelTimeStep(parsed.lr), ...(parsed.label !== undefined ? { label: parsed.label } : {}) };
}

/** A copy of `item` with a swept `lr` (dt follows) or `theta`. */
export function withTwoTimescaleParam<T extends TwoTimescaleBase>(item: T, param: TwoTimescaleParam, value: SweepValue): T {
  const schedule = value as Schedule;
  return param === 'lr' ? { ...item, lr: schedule, dt: modelTimeStep(schedule) } : { ...item, theta: schedule };
}

/** The parameters shaders/lib/two_timescale.wgsl reads: the lr schedule (TWO_TIMESCALE_LR) and the theta schedule (TWO_TIMESCALE_THETA); a method's own fields follow. */
const twoTimescaleParamFields = {
  TWO_TIMESCALE_LR: (item: TwoTimescaleBase) => packSchedule(item.lr),
  TWO_TIMESCALE_THETA: (item: TwoTimescaleBase) => packSchedule(item.theta),
};

/** Aux words: the momentum m (d words, m_0 = 0) and the two step-size factors r_η, r_θ. */
const twoTimescaleAux = wordLayout<[item: TwoTimescaleBase, dim: number]>({
  TWO_TIMESCALE_M: (_item, dim) => dim,
  TWO_TIMESCALE_LR_FACTOR: () => 1,
  TWO_TIMESCALE_THETA_FACTOR: () => 1,
});

/**
 * The strict zod schema of a two-timescale item: `kind`, the shared fields (θ
 * defaulting to `defaultTheta`), then the method's own fields.
 */
export function twoTimescaleSchema<K extends string, Own extends z.core.$ZodLooseShape = {}>(kind: K, own: Own = {} as Own, defaultTheta: number = DEFAULT_THETA) {
  return strictObject({ kind: z.literal(kind), ...twoTimescaleFields(defaultTheta), ...own });
}

/** The shared fields of a parsed item of kind K (defaults filled). */
export type TwoTimescaleParsed<K extends string> = { kind: K; lr: Schedule; theta: Schedule; label?: string };

/** What a two-timescale method states itself; `twoTimescaleDescriptor` adds what all five share. */
export interface TwoTimescaleMethod<K extends string, S extends z.ZodType<TwoTimescaleParsed<K>>, D extends TwoTimescaleBase & { kind: K }> {
  kind: K;
  /** From `twoTimescaleSchema`. */
  schema: S;
  title: string;
  contract: ContractExample;
  /** Default: the framework's (TWO_TIMESCALE_CITATION). */
  citation?: string;
  shader: ShaderModule;
  /** The method's own fields of a normalized item (none by default), after kind, lr, theta, dt and label. */
  own?(parsed: z.output<S>): Omit<NoInfer<D>, keyof TwoTimescaleBase | 'kind'>;
  /** The method's own parameter fields, by WGSL name, after the lr and theta schedules (none by default). */
  params?: Readonly<Record<string, FieldDeclaration<[item: NoInfer<D>]>>>;
  /** Values of the `#if` flags of its WGSL module (none by default). */
  defines?(item: NoInfer<D>): Record<string, boolean>;
  /** Its float64 twin. */
  reference(item: D, dim: number, noise: ReferenceNoise): ReferenceDynamics;
}

/**
 * The descriptor of a two-timescale method: the shared format (checks, sweeps of lr and
 * theta, normalization), parameter layout and Aux state around what the method states.
 * A discrete method is its own scheme; its orders are those of its single-timescale ODE
 * limit (as for sgd).
 */
export function twoTimescaleDescriptor<K extends string, S extends z.ZodType<TwoTimescaleParsed<K>>, D extends TwoTimescaleBase & { kind: K }>(
  method: TwoTimescaleMethod<K, S, D>,
) {
  const format: DynamicsKind<z.output<S>, D, TwoTimescaleParam> = {
    check: (raw, path) => checkTwoTimescale(raw, path),
    params: twoTimescaleParams,
    normalize: (parsed) => ({ kind: method.kind, ...twoTimescaleBase(parsed), ...method.own?.(parsed) }) as D,
    withParam: (item, param, value) => withTwoTimescaleParam(item, param, value),
  };
  return {
    kind: method.kind,
    schema: method.schema,
    format,
    title: method.title,
    contract: method.contract,
    citation: method.citation ?? TWO_TIMESCALE_CITATION,
    orders: () => ({ weak: 1, strong: 1 }),
    shader: method.shader,
    usesNoise: true,
    aux: twoTimescaleAux,
    stepLength: (item: D) => item.dt,
    defines: (item: D): Record<string, boolean> => method.defines?.(item) ?? {},
    params: paramLayout<[item: D]>({ ...twoTimescaleParamFields, ...method.params }),
    reference: (item: D, _objective: unknown, _f: ReferenceObjective, dim: number, noise: ReferenceNoise) => method.reference(item, dim, noise),
  };
}

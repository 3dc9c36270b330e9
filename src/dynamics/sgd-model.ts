/**
 * What the SDE models of SGD (sme, sme2, ha-sme; docs/math.md §4c) share: the
 * experiment-file fields (`lr` η of the SGD they model, `substeps` m per SGD
 * step, `integrator`), the gradient-noise covariance Σ they take from the
 * experiment's `noise`, their linear form on quadratics
 * dX = −(A_m X − b_m) dt + √G dW (with G = ηΣ or ηD), the parameter layout of
 * shaders/lib/sgd_model.wgsl, and SGD's exact discrete law as their target.
 */
import { z } from 'zod';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { positiveInteger, positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import { validateWith } from '../experiment/zod-issues';
import type { Matrix } from '../linalg/dense';
import { psdFactor } from '../linalg/factor';
import type { QuadraticObjective } from '../objectives/quadratic';
import { emQuadraticLaw, ouMoments, ouTransition } from '../oracles';
import type { ContractExample } from '../experiment/contract-example';
import type { ShaderModule } from '../compose/compose-kernel';
import type { ReferenceNoise } from '../noise/noise-descriptor';
import type { ReferenceObjective } from '../objectives/objective-descriptor';
import { referenceSgdModel, substepFromPack } from '../reference/dynamics/sgd-model';
export { substepsFromTree } from '../reference/dynamics/sgd-model';
import { LABEL_DESCRIPTION, type ClosedFormSeries, type DynamicsDescriptor, type InitialLaw, type Orders } from './dynamics-descriptor';
import { paramLayout, sharedDerivation, type FieldDeclaration } from '../compose/param-layout';

/** Integrators of the SGD models: Euler–Maruyama with m substeps, or the exact OU transition on quadratics. */
export const SGD_MODEL_INTEGRATORS = ['euler-maruyama', 'exact'] as const;

/** Most substeps per SGD step: the coupled increments use (m + 1)·⌈d/4⌉ Philox blocks of one step (16-bit block field). */
export const MAX_SUBSTEPS = 4096;

/** The schema of an SGD-model item of kind `kind`. */
export function sgdModelSchema<K extends string>(kind: K) {
  return strictObject({
    kind: z.literal(kind),
    lr: positiveNumber().describe('Step size η of the SGD it models (model time per step).'),
    substeps: positiveInteger(MAX_SUBSTEPS).default(1).describe('Euler–Maruyama substeps m per SGD step.'),
    integrator: z
      .enum(SGD_MODEL_INTEGRATORS)
      .default('euler-maruyama')
      .describe('"euler-maruyama" (with substeps), or "exact": the exact Ornstein–Uhlenbeck transition (quadratic objectives only).'),
    label: z.string().optional().describe(LABEL_DESCRIPTION),
  });
}

/** A normalized SGD-model item. */
export interface SgdModel<K extends string = string> {
  kind: K;
  /** η of the SGD step it models (model time per step). */
  lr: number;
  substeps: number;
  integrator: (typeof SGD_MODEL_INTEGRATORS)[number];
  /** Model time per step: η. */
  dt: number;
  label?: string;
}

/** The format of an SGD-model kind (sweepable: lr, substeps). */
export function sgdModelFormat<K extends string>(kind: K): DynamicsKind<z.output<ReturnType<typeof sgdModelSchema<K>>>, SgdModel<K>, 'lr' | 'substeps'> {
  return {
    check: () => [],
    params: {
      lr: (value, path) => validateWith(positiveNumber(), value, path),
      substeps: (value, path) => validateWith(positiveInteger(MAX_SUBSTEPS), value, path),
    },
    normalize: (parsed) => ({
      kind,
      lr: parsed.lr,
      substeps: parsed.substeps,
      integrator: parsed.integrator,
      dt: parsed.lr,
      ...(parsed.label !== undefined ? { label: parsed.label } : {}),
    }),
    withParam: (item, param, value) => (param === 'lr' ? { ...item, lr: value as number, dt: value as number } : { ...item, substeps: value as number }),
  };
}

/** Σ of the experiment's gradient noise as the models use it: Gaussian cov, or 0 without noise. */
export function noiseCovariance(noise: unknown, dim: number): Matrix | undefined {
  const n = noise as { kind?: string; covariance?: Matrix } | undefined;
  if (!n || n.kind === 'none') return Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  if (n.kind === 'gaussian') return n.covariance;
  return undefined;
}

/** The shared run conditions: a Gaussian (or no) noise, the substep block budget, and a quadratic objective for the exact integrator. */
export function checkSgdModel(item: SgdModel, objective: { kind: string }, noise: unknown, dim: number): string | undefined {
  if (!noiseCovariance(noise, dim)) {
    return `${item.kind} models SGD with a constant gradient-noise covariance Σ: use "noise": { "kind": "gaussian", "cov": … } (or none), not ${(noise as { kind: string }).kind}`;
  }
  const blocks = item.substeps * Math.ceil(dim / 4);
  if (blocks > 65536) {
    return `${item.kind} with ${item.substeps} substeps draws m·⌈d/4⌉ = ${blocks} substep blocks per step, more than the 16-bit block field holds (65,536): at d = ${dim} use substeps ≤ ${Math.floor(65536 / Math.ceil(dim / 4))}`;
  }
    if (item.integrator === 'exact' && objective.kind !== 'quadratic') {
    return `${item.kind} with the exact integrator needs a quadratic objective (its Hessian is constant there), found ${objective.kind}`;
  }
  return undefined;
}

/** A linear SDE dX = −(A X − b) dt + √G dW. */
export interface LinearModel {
  A: Matrix;
  b: number[];
  G: Matrix;
}

/**
 * What the substeps of shaders/lib/sgd_model.wgsl apply: the exact substep
 * transition (E, c, L with L Lᵀ = Q_dt) of the linear model, or the
 * Euler–Maruyama factor S (S Sᵀ = G); neither for a model that computes its own
 * noise factor per substep (HA-SME off quadratics).
 */
export interface SgdModelSubsteps {
  exact?: { E: Matrix; c: number[]; L: Matrix };
  S?: Matrix;
}

/** The substeps of a model with linear form `linear` (needed for the exact integrator) and diffusion G (for Euler–Maruyama). */
export function sgdModelSubsteps(item: SgdModel, linear: LinearModel | undefined, G: Matrix | undefined): SgdModelSubsteps {
  if (item.integrator === 'exact') {
    const { E, c, Q } = ouTransition({ ...linear!, dt: item.lr / item.substeps });
    return { exact: { E, c, L: psdFactor(Q) } };
  }
  return G ? { S: psdFactor(G) } : {};
}

/**
 * The parameter fields of shaders/lib/sgd_model.wgsl: m at SGD_MODEL_SUBSTEPS,
 * dt, √dt at SGD_MODEL_DT, SGD_MODEL_SQRT_DT, then the exact
 * transition at SGD_MODEL_E, SGD_MODEL_C, SGD_MODEL_L or the factor at SGD_MODEL_S
 * (the others empty). `substeps` is derived once per packing.
 */
export function sgdModelFields<O>(substeps: (item: SgdModel, objective: O, dim: number, noise?: unknown) => SgdModelSubsteps) {
  const derived = sharedDerivation(substeps);
  return {
    SGD_MODEL_SUBSTEPS: { u32: (item: SgdModel) => item.substeps },
    SGD_MODEL_DT: (item: SgdModel) => item.lr / item.substeps,
    SGD_MODEL_SQRT_DT: (item: SgdModel) => Math.sqrt(item.lr / item.substeps),
    SGD_MODEL_E: (item: SgdModel, o: O, dim: number, noise?: unknown) => derived(item, o, dim, noise).exact?.E.flat() ?? [],
    SGD_MODEL_C: (item: SgdModel, o: O, dim: number, noise?: unknown) => derived(item, o, dim, noise).exact?.c ?? [],
    SGD_MODEL_L: (item: SgdModel, o: O, dim: number, noise?: unknown) => derived(item, o, dim, noise).exact?.L.flat() ?? [],
    SGD_MODEL_S: (item: SgdModel, o: O, dim: number, noise?: unknown) => derived(item, o, dim, noise).S?.flat() ?? [],
  };
}

/** The model's own law on a quadratic at SGD steps: EM's discrete law with m substeps, or the exact OU law. */
export function sgdModelLaw(item: SgdModel, linear: LinearModel, initial: InitialLaw, steps: number[], name: string): ClosedFormSeries {
  const cov0 = initial.std.map((s, i) => initial.std.map((_, j) => (i === j ? s * s : 0)));
  if (item.integrator === 'exact') {
    const laws = steps.map((k) => ouMoments({ ...linear, mean0: initial.mean, cov0, t: k * item.lr }));
    return { name: `${name} in closed form (exact integrator)`, mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
  }
  const dt = item.lr / item.substeps;
  const laws = emQuadraticLaw({ ...linear, dt, mean0: initial.mean, cov0, steps: steps.map((k) => k * item.substeps) });
  return { name: `discrete law of ${name} by Euler–Maruyama (${item.substeps} substeps)`, mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
}

/** SGD's exact discrete law on a quadratic with Gaussian noise (what the models aim at), at model times t = kη. */
export function sgdTargetLaw(item: SgdModel, objective: QuadraticObjective, initial: InitialLaw, times: number[], noise: unknown): ClosedFormSeries | undefined {
  const Sigma = noiseCovariance(noise, objective.A.length);
  if (!Sigma) return undefined;
  const steps = times.map((t) => Math.round(t / item.lr));
  const cov0 = initial.std.map((s, i) => initial.std.map((_, j) => (i === j ? s * s : 0)));
  const G = Sigma.map((row) => row.map((v) => item.lr * v));
  const laws = emQuadraticLaw({ A: objective.A, b: objective.b, G, dt: item.lr, mean0: initial.mean, cov0, steps });
  return { name: 'exact discrete law of SGD (the law the model approximates)', mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
}

/** ηΣ. */
export const scaledCovariance = (eta: number, Sigma: Matrix): Matrix => Sigma.map((row) => row.map((v) => eta * v));

/** What distinguishes one gradient-driven SGD model (sme, sme2) from another. */
export interface GradientModelSpec<K extends string> {
  kind: K;
  title: string;
  contract: ContractExample;
  /** Name in law descriptions ("SME-1"). */
  name: string;
  /** Its orders against SGD's discrete law (DynamicsDescriptor.orders). */
  orders(item: SgdModel): Orders;
  citation: string;
  shader: ShaderModule;
  /** The module's own parameter fields after lib/sgd_model.wgsl's (none by default). */
  params?: Readonly<Record<string, FieldDeclaration<[item: SgdModel]>>>;
  /** Its linear form on a quadratic, with Σ already known. */
  linear(item: SgdModel, o: QuadraticObjective, Sigma: Matrix): LinearModel;
  /** Its float64 Euler–Maruyama drift. */
  drift(f: ReferenceObjective, item: SgdModel, dim: number): (x: Float64Array, out: Float64Array) => void;
}

/** The descriptor of an SGD model whose diffusion is √(ηΣ) and whose drift needs only the objective (sme, sme2). */
export function gradientModelDescriptor<K extends string>(spec: GradientModelSpec<K>) {
  const linear = (item: SgdModel, o: QuadraticObjective, noise: unknown) => spec.linear(item, o, noiseCovariance(noise, o.A.length)!);
  const params = paramLayout<[item: SgdModel, objective: QuadraticObjective, dim: number, noise?: unknown]>(
    {
      ...sgdModelFields((item, objective: QuadraticObjective, dim, noise) =>
        sgdModelSubsteps(item, item.integrator === 'exact' ? linear(item, objective, noise) : undefined, scaledCovariance(item.lr, noiseCovariance(noise, dim)!)),
      ),
      ...spec.params,
    },
  );
  const schema = sgdModelSchema(spec.kind);
  return {
    kind: spec.kind,
    schema,
    format: sgdModelFormat(spec.kind),
    title: spec.title,
    contract: spec.contract,
    citation: spec.citation,
    orders: (item: SgdModel) => spec.orders(item),
    shader: spec.shader,
    usesNoise: true,
    brownian: true,
    stepLength: (item: SgdModel) => item.lr,
    defines: (item: SgdModel) => ({ EXACT_TRANSITION: item.integrator === 'exact', HESSIAN_MOVING: false }),
    checkRun: (item: SgdModel, objective: QuadraticObjective, noise: unknown, dim: number) => checkSgdModel(item, objective, noise, dim),
    params,
    reference: (item: SgdModel, objective: QuadraticObjective, f: ReferenceObjective, dim: number, _noise: ReferenceNoise, noiseSpec?: unknown) =>
      referenceSgdModel(item, dim, substepFromPack(params.layOut(item, objective, dim, noiseSpec), () => spec.drift(f, item, dim))),
    closedForm: (item: SgdModel, objective: QuadraticObjective, initial: InitialLaw, steps: number[], noise?: unknown) =>
      objective.kind === 'quadratic' && noiseCovariance(noise, objective.A.length) ? sgdModelLaw(item, linear(item, objective, noise), initial, steps, spec.name) : undefined,
    limitLaw: (item: SgdModel, objective: QuadraticObjective, initial: InitialLaw, times: number[], noise?: unknown) =>
      objective.kind === 'quadratic' ? sgdTargetLaw(item, objective, initial, times, noise) : undefined,
    noiseCoupling: (item: SgdModel) => `SGD noise z_k per step of lr = ${item.lr}`,
  } satisfies DynamicsDescriptor<SgdModel<K>, QuadraticObjective, z.output<typeof schema>, 'lr' | 'substeps'>;
}

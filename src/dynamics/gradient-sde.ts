/**
 * The gradient SDE dX = −∇f(X) dt + σ dW: its experiment-file format (schema,
 * cross-field checks, normalization, sweepable parameters) and its engine
 * descriptor (WGSL module, flags, parameter layout, float64 twin, closed form).
 */
import source from '../../shaders/dynamics/gradient-sde.wgsl?raw';
import { matmul, transpose, type Matrix } from '../linalg/dense';
import { psdFactor } from '../linalg/factor';
import type { QuadraticObjective } from '../objectives/quadratic';
import { emQuadraticLaw, ouMoments, ouTransition } from '../oracles';
import { referenceGradientSde } from '../reference/dynamics/gradient-sde';
import { LABEL_DESCRIPTION, type DynamicsDescriptor, type InitialLaw } from './dynamics-descriptor';
import { heavyBallStabilityWarning, topCurvature } from './stability';
import { z } from 'zod';
import { issueAt, type ExperimentIssue } from '../experiment/issue';
import { positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import { validateWith } from '../experiment/zod-issues';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { checkSigmaShape, sigmaSchema, sigmaToMatrix, type SigmaInput } from '../experiment/dynamics/sigma';
import { paramLayout, sharedDerivation } from '../compose/param-layout';

// ---- experiment-file format

/** Integrators of the gradient SDE. */
export const GRADIENT_SDE_INTEGRATORS = ['euler-maruyama', 'exact'] as const;

/** An integrator of the gradient SDE. */
export type GradientSdeIntegrator = (typeof GRADIENT_SDE_INTEGRATORS)[number];

/** Objective kinds each integrator can handle; `'any'` when it needs nothing special. */
const INTEGRATOR_OBJECTIVES: Record<GradientSdeIntegrator, readonly string[] | 'any'> = {
  'euler-maruyama': 'any',
  exact: ['quadratic'],
};

/** Overdamped Langevin / gradient SDE `dX = −∇f(X) dt + σ dW`. */
export const gradientSdeSchema = strictObject({
  kind: z.literal('gradient-sde'),
  dt: positiveNumber().describe('Time step of the integrator (model time per step).'),
  sigma: sigmaSchema().describe('Diffusion σ: a number ≥ 0 (σ·I), d numbers ≥ 0 (diagonal) or a d×d matrix.'),
  integrator: z
    .enum(GRADIENT_SDE_INTEGRATORS)
    .default('euler-maruyama')
    .describe('"euler-maruyama", or "exact": the exact Ornstein–Uhlenbeck transition (quadratic objectives only).'),
  label: z.string().optional().describe(LABEL_DESCRIPTION),
});

/** A gradient-SDE item as written in the file (defaults filled by zod). */
export type GradientSdeInput = z.output<typeof gradientSdeSchema>;

/** A normalized gradient-SDE item. */
export interface GradientSdeDynamics {
  kind: 'gradient-sde';
  dt: number;
  /** σ as written. */
  sigma: SigmaInput;
  /** σ as a d×d matrix. */
  sigmaMatrix: number[][];
  integrator: GradientSdeIntegrator;
  label?: string;
}

/** Parameters of a gradient-SDE item that a sweep may vary. */
export type GradientSdeParam = 'dt' | 'sigma';

function checkIntegrator(integrator: unknown, objectiveKind: string | undefined): string | undefined {
  if (typeof integrator !== 'string' || !Object.hasOwn(INTEGRATOR_OBJECTIVES, integrator)) return undefined;
  const allowed = INTEGRATOR_OBJECTIVES[integrator as GradientSdeIntegrator];
  if (allowed === 'any' || objectiveKind === undefined || allowed.includes(objectiveKind)) return undefined;
  return (
    `integrator ${JSON.stringify(integrator)} requires an objective of kind ${allowed.map((k) => JSON.stringify(k)).join(' or ')}, ` +
    `found $.objective.kind = ${JSON.stringify(objectiveKind)}`
  );
}

/** Cross-field behaviour of the gradient SDE: σ's shape against d, integrator requirements. */
export const gradientSdeFormat: DynamicsKind<GradientSdeInput, GradientSdeDynamics, GradientSdeParam> = {
  check(raw, path, ctx) {
    const issues: ExperimentIssue[] = checkSigmaShape(raw.sigma, [...path, 'sigma'], ctx);
    const integratorProblem = checkIntegrator(raw.integrator, ctx.objectiveKind);
    if (integratorProblem !== undefined) issues.push(issueAt([...path, 'integrator'], integratorProblem));
    return issues;
  },
  params: {
    dt: (value, path) => validateWith(positiveNumber(), value, path),
    sigma: (value, path, ctx) => {
      const issues = validateWith(sigmaSchema(), value, path);
      return issues.length > 0 ? issues : checkSigmaShape(value, path, ctx);
    },
  },
  normalize(parsed, dim) {
    const item: GradientSdeDynamics = {
      kind: 'gradient-sde',
      dt: parsed.dt,
      sigma: parsed.sigma,
      sigmaMatrix: sigmaToMatrix(parsed.sigma, dim),
      integrator: parsed.integrator,
    };
    if (parsed.label !== undefined) item.label = parsed.label;
    return item;
  },
  withParam(item, param, value, dim) {
    if (param === 'dt') return { ...item, dt: value as number };
    const sigma = value as SigmaInput;
    return { ...item, sigma, sigmaMatrix: sigmaToMatrix(sigma, dim) };
  },
};

// ---- engine descriptor

/**
 * dX = −∇f(X) dt + σ dW, integrated by Euler–Maruyama or, on quadratics,
 * exactly. σ is a scalar, a diagonal (vector) or a full d×d matrix; the
 * runner needs only these fields of the validated item.
 */
export type GradientSde = Pick<GradientSdeDynamics, 'kind' | 'dt' | 'sigma' | 'integrator'>;

/** σ as a d×d matrix, whatever shape it was given in. */
export const sigmaMatrix = (sigma: GradientSde['sigma'], dim: number): Matrix => sigmaToMatrix(sigma, dim);

function diagonal(v: number[]): Matrix {
  return v.map((value, i) => v.map((_, j) => (i === j ? value : 0)));
}

/** The exact one-step transition X' = E X + c + L Z of the OU process on a quadratic (float64, host). */
export function exactTransition(item: GradientSde, objective: QuadraticObjective, dim: number) {
  const S = sigmaMatrix(item.sigma, dim);
  const { E, c, Q } = ouTransition({ A: objective.A, b: objective.b, G: matmul(S, transpose(S)), dt: item.dt });
  return { E, c, L: psdFactor(Q) };
}

function initialMoments(initial: InitialLaw) {
  return { mean0: initial.mean, cov0: diagonal(initial.std.map((s) => s * s)) };
}

/** The registry row's descriptor: file format and engine side of the gradient SDE. */
/** The exact transition once per packing (its E, c and L are three fields). */
const exactTransitionOf = sharedDerivation(exactTransition);

export const gradientSde = {
  kind: 'gradient-sde',
  schema: gradientSdeSchema,
  format: gradientSdeFormat,
  title: 'gradient SDE dX = −∇f dt + σ dW',
  contract: {
    experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, dynamics: [{ kind: 'gradient-sde', dt: 0.05, sigma: [[0.8, 0], [0.3, 0.5]] }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } },
    // Euler–Maruyama's O(dt) and the exact transition's nothing: small σ so that the mean's error is resolved at every dt.
    orderSweeps: [
      {
        experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, dynamics: [{ kind: 'gradient-sde', dt: 0.1, sigma: 0.02 }, { kind: 'gradient-sde', dt: 0.1, sigma: 0.02, integrator: 'exact' }], x0: [3, -3], horizon: 0.8, sweep: { dt: [0.1, 0.025, 0.00625] } },
        trajectories: 1024,
        float64: true,
      },
    ],
  },
  citation: 'Euler–Maruyama: Kloeden & Platen (1992) §9.1; exact OU transition: Van Loan (1978), docs/math.md §4c, §6',
  // Euler–Maruyama: weak 1, and strong 1 with additive noise (it coincides with Milstein, docs/math.md §6);
  // the exact OU transition reproduces the SDE's law.
  orders: (item) => (item.integrator === 'exact' ? { weak: Infinity, strong: Infinity } : { weak: 1, strong: 1 }),
  shader: { path: 'dynamics/gradient-sde.wgsl', source },
  usesNoise: false,
  brownian: true,
  /** Euler–Maruyama's mean is explicit Euler's: stable iff dt·λ_max < 2 (the exact transition has no limit). */
  stabilityWarning(item, objective) {
    if (item.integrator === 'exact') return undefined;
    const message = heavyBallStabilityWarning(item.dt, 0, topCurvature(objective), `dt = ${item.dt}`, 'gradient-sde (Euler–Maruyama)');
    return message ? { field: 'dt', message } : undefined;
  },
  stepLength: (item) => item.dt,
  defines: (item) => {
    const exact = item.integrator === 'exact';
    const matrix = !exact && Array.isArray(item.sigma) && Array.isArray(item.sigma[0]);
    const diagonalSigma = !exact && Array.isArray(item.sigma) && !matrix;
    return { EXACT_TRANSITION: exact, SIGMA_MATRIX: matrix, SIGMA_DIAGONAL: diagonalSigma };
  },
  params: paramLayout({
    GRADIENT_SDE_E: (item, objective, dim) => (item.integrator === 'exact' ? exactTransitionOf(item, objective, dim).E.flat() : []),
    GRADIENT_SDE_C: (item, objective, dim) => (item.integrator === 'exact' ? exactTransitionOf(item, objective, dim).c : []),
    GRADIENT_SDE_L: (item, objective, dim) => (item.integrator === 'exact' ? exactTransitionOf(item, objective, dim).L.flat() : []),
    GRADIENT_SDE_DT: (item) => (item.integrator === 'exact' ? [] : item.dt),
    GRADIENT_SDE_SQRT_DT: (item) => (item.integrator === 'exact' ? [] : Math.sqrt(item.dt)),
    GRADIENT_SDE_SIGMA: (item) => (item.integrator === 'exact' ? [] : typeof item.sigma === 'number' ? item.sigma : (item.sigma as (number | number[])[]).flat()),
  }),
  reference: (item, objective, f, dim) => referenceGradientSde(item, objective, f, dim),
  limitLaw(item, objective, initial, times) {
    if (objective.kind !== 'quadratic') return undefined;
    const S = sigmaMatrix(item.sigma, objective.A.length);
    const sde = { A: objective.A, b: objective.b, G: matmul(S, transpose(S)), ...initialMoments(initial) };
    const laws = times.map((t) => ouMoments({ ...sde, t }));
    return { name: 'OU law of the SDE (continuous time)', mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
  },
  additiveNoise(item, _objective, dim) {
    const S = sigmaMatrix(item.sigma, dim);
    return matmul(S, transpose(S));
  },
  // Both integrators turn the same Z_k into the step's noise (EM: σ√dt·Z_k; exact: L·Z_k).
  noiseCoupling: (item) => `normals per step of dt = ${item.dt}`,
  closedForm(item, objective, initial, steps) {
    if (objective.kind !== 'quadratic') return undefined;
    const S = sigmaMatrix(item.sigma, objective.A.length);
    const sde = { A: objective.A, b: objective.b, G: matmul(S, transpose(S)) };
    const start = initialMoments(initial);
    if (item.integrator === 'exact') {
      const laws = steps.map((k) => ouMoments({ ...sde, ...start, t: k * item.dt }));
      return { name: 'OU law in closed form (exact integrator)', mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
    }
    const laws = emQuadraticLaw({ ...sde, dt: item.dt, ...start, steps });
    return { name: 'discrete law of Euler–Maruyama (Lyapunov recursion)', mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
  },
} satisfies DynamicsDescriptor<GradientSde, QuadraticObjective, GradientSdeInput, GradientSdeParam>;

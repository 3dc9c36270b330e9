import { z } from 'zod';
import { issueAt, type ExperimentIssue } from '../issue';
import { positiveNumber } from '../numbers';
import { strictObject } from '../strict-object';
import { validateWith } from '../zod-issues';
import type { DynamicsKind } from './dynamics-kind';
import { checkSigmaShape, sigmaSchema, sigmaToMatrix, type SigmaInput } from './sigma';

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
  dt: positiveNumber(),
  sigma: sigmaSchema(),
  integrator: z.enum(GRADIENT_SDE_INTEGRATORS).default('euler-maruyama'),
  label: z.string().optional(),
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
export const gradientSde: DynamicsKind<GradientSdeInput, GradientSdeDynamics, GradientSdeParam> = {
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

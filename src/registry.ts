/**
 * The one table of models. The experiment format, composer, runner, CLI,
 * demo and tests find objectives and dynamics here; adding a model adds its
 * three files (shaders/…/x.wgsl, src/…/x.ts, src/reference/…/x.ts) and one
 * entry in a list below.
 */
import type { DynamicsDescriptor } from './dynamics/dynamics-descriptor';
import { gradientSde } from './dynamics/gradient-sde';
import { sgd } from './dynamics/sgd';
import { sme } from './dynamics/sme';
import { sme2 } from './dynamics/sme2';
import { haSme } from './dynamics/ha-sme';
import { hbOde } from './dynamics/hb-ode';
import { heavyBall } from './dynamics/heavy-ball';
import { nesterov } from './dynamics/nesterov';
import { heavyBallSgd } from './dynamics/heavy-ball-sgd';
import { signSgd } from './dynamics/signsgd';
import { lion } from './dynamics/lion';
import { normalizedSgd } from './dynamics/normalized-sgd';
import { clippedSgd } from './dynamics/clipped-sgd';
import { minibatchFlow } from './dynamics/minibatch-flow';
import { fullFlow } from './dynamics/full-flow';
import { rmm } from './dynamics/rmm';
import { graduatedGd } from './dynamics/graduated-gd';
import { weightedL1 } from './objectives/weighted-l1';
import type { ObjectiveDescriptor } from './objectives/objective-descriptor';
import type { NoiseDescriptor } from './noise/noise-descriptor';
import { noNoise } from './noise/none';
import { gaussianNoise } from './noise/gaussian';
import { minibatchNoise } from './noise/minibatch';
import { rademacherNoise } from './noise/rademacher';
import { doubleWell } from './objectives/double-well';
import { quadratic } from './objectives/quadratic';
import { leastSquares } from './objectives/least-squares';
import { logistic } from './objectives/logistic';
import { huber } from './objectives/huber';
import { absoluteDeviation } from './objectives/absolute-deviation';
import { reluNet } from './objectives/relu-net';
import { diagonalNet } from './objectives/diagonal-net';
import { quadraticSum } from './objectives/quadratic-sum';
import { tiltedCosine } from './objectives/tilted-cosine';
import { rastrigin } from './objectives/rastrigin';

/** Objective kinds, in the order error messages list them. */
export const OBJECTIVE_LIST = [quadratic, doubleWell, reluNet, weightedL1, diagonalNet, leastSquares, huber, logistic, absoluteDeviation, tiltedCosine, rastrigin, quadraticSum] as const;

/** Dynamics kinds, in the order error messages list them. */
export const DYNAMICS_LIST = [gradientSde, sgd, heavyBall, nesterov, heavyBallSgd, signSgd, lion, normalizedSgd, clippedSgd, sme, sme2, haSme, hbOde, graduatedGd, minibatchFlow, fullFlow, rmm] as const;

/** Gradient-noise kinds of the discrete dynamics (experiment field `noise`). */
export const NOISE_LIST = [noNoise, gaussianNoise, minibatchNoise, rademacherNoise] as const;

export const NOISES: Readonly<Record<string, NoiseDescriptor<any, any>>> = Object.fromEntries(NOISE_LIST.map((d) => [d.kind, d]));

/** The descriptor of a noise kind, or an error listing the known kinds. */
export function noiseDescriptor(kind: string): NoiseDescriptor<any, any> {
  const d = NOISES[kind];
  if (!d) throw new Error(`unknown noise kind "${kind}" (known: ${Object.keys(NOISES).join(', ')})`);
  return d;
}

export const OBJECTIVES: Readonly<Record<string, ObjectiveDescriptor<any, any>>> = Object.fromEntries(OBJECTIVE_LIST.map((d) => [d.kind, d]));

export const DYNAMICS: Readonly<Record<string, DynamicsDescriptor<any, any, any, any>>> = Object.fromEntries(DYNAMICS_LIST.map((d) => [d.kind, d]));

/** The descriptor of an objective kind, or an error listing the known kinds. */
export function objectiveDescriptor(kind: string): ObjectiveDescriptor<any, any> {
  const d = OBJECTIVES[kind];
  if (!d) throw new Error(`unknown objective kind "${kind}" (known: ${Object.keys(OBJECTIVES).join(', ')})`);
  return d;
}

/** The descriptor of a dynamics kind, or an error listing the known kinds. */
export function dynamicsDescriptor(kind: string): DynamicsDescriptor<any, any, any, any> {
  const d = DYNAMICS[kind];
  if (!d) throw new Error(`unknown dynamics kind "${kind}" (known: ${Object.keys(DYNAMICS).join(', ')})`);
  return d;
}

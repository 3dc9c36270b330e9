/** Closed-form oracles: exact laws that Monte Carlo ensembles are tested against. */

export { ouMoments, ouStationaryCovariance, ouTransition } from './ou';
export type { OuTransition } from './ou';
export { discreteLyapunovStationary, emQuadraticLaw } from './euler-maruyama-quadratic';
export type { EmStepMoments } from './euler-maruyama-quadratic';
export type { GaussianMoments, LinearSde } from './linear-sde';
export {
  gradientDiffusionMfpt,
  kramersRate,
  meanFirstPassageTime,
  ouMeanFirstPassageTime,
  twoSidedMeanExitTime,
} from './first-passage';
export type { Diffusion1d } from './first-passage';
export * from './heavy-ball-quadratic';
export * from './hb-flow';
export * from './hb-implicit-regularization';
export * from './switching-moments';

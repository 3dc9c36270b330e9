/**
 * `sdeflow/oracles`: closed forms, the exact laws and rates Monte Carlo
 * ensembles are tested against (docs/math.md §6 and each model's section),
 * computed in float64 on the host.
 */

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
export {
  hbFlowCoefficients,
  hbFlowSteadyCoefficients,
  hbQuadraticSeriesCoefficients,
  hbQuadraticSteadySeries,
  hbQuadraticSeries,
  hbFlowQuadraticError,
  hbFlowVectorField,
  hbFlowPath,
  hbIterates,
  checkHbOverdamped,
  HB_FLOW_MAX_ORDER,
} from './hb-flow';
export type { HbFlowStepCoefficients, HbQuadraticSeries, HbFlowQuadraticError, GradFn, HessVecFn, ThirdDirFn, VectorField } from './hb-flow';
export * from './hb-implicit-regularization';
export * from './switching-moments';

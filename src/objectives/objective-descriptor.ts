import type { ParamLayout } from '../compose/param-layout';
import type { z } from 'zod';
import type { ShaderModule } from '../compose/compose-kernel';
import type { ContractExample } from '../experiment/contract-example';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';

/** A float64 objective on the CPU, the twin of its WGSL module (same function roles). */
export interface ReferenceObjective {
  /** out ← ∇f(x) */
  grad(x: Float64Array, out: Float64Array): void;
  /** out ← ∇²f(x) v */
  hessVec(x: Float64Array, v: Float64Array, out: Float64Array): void;
  loss(x: Float64Array): number;
  /** out ← ∇³f(x)[v, v], for objectives that provide third derivatives (the heavy-ball flow's η² term). */
  thirdDir?(x: Float64Array, v: Float64Array, out: Float64Array): void;
  /** Finite sums f = (1/N) Σ f_i: N, and out += weight·∇f_i(x) (the twin of `objective_sample_grad_add`). */
  sampleCount?: number;
  sampleGradAdd?(x: Float64Array, i: number, weight: number, out: Float64Array): void;
  /** f_δ(x) = E f(x + δu), u ~ N(0, I), in closed form (objectives with `gaussianSmoothing`; twin of `objective_smoothed_loss`). */
  smoothedLoss?(x: Float64Array, delta: number): number;
  /** out ← ∇f_δ(x) (twin of `objective_smoothed_grad`). */
  smoothedGrad?(x: Float64Array, delta: number, out: Float64Array): void;
}

/**
 * Everything the engine knows about one objective kind: its WGSL module, how
 * its parameters are laid out for the GPU, and its float64 twin.
 */
export interface ObjectiveDescriptor<P = unknown, Input = unknown> {
  kind: string;
  /** Zod schema of the objective in an experiment file (a strict object with a literal `kind`). */
  schema: z.ZodType<Input>;
  /** Cross-field checks, dimension and normalization of the parsed objective. */
  format: ObjectiveKind<Input, P>;
  /** A small experiment in which the objective runs: what the registry's contract tests run it on (test/contract/). */
  contract: ContractExample;
  title: string;
  citation?: string;
  shader: ShaderModule;
  /**
   * The module's parameter words, declared by name (f64 here; stored as f32): the
   * packing and the WGSL constants locating each field come from this one declaration.
   */
  params: ParamLayout<[objective: P, dim: number]>;
  reference(objective: P, dim: number): ReferenceObjective;
  /** Whether the WGSL module defines `objective_third_dir` (∇³f[v, v]) and the twin `thirdDir`. */
  thirdDerivative?: boolean;
  /**
   * Whether the WGSL module defines `objective_smoothed_loss(x, δ)` and `objective_smoothed_grad(x, δ, g)`:
   * the Gaussian smoothing f_δ(x) = E f(x + δu), u ~ N(0, I), in closed form (graduated-gd needs it),
   * with the twin's `smoothedLoss` / `smoothedGrad`.
   */
  gaussianSmoothing?: boolean;
  /** The unique global minimizer x*, when the objective has one (for the `distance` observable E‖X − x*‖²). */
  minimizer?(objective: P, dim: number): number[] | undefined;
  /** Finite-sum data (samples, features…) in the order the WGSL module reads `data[…]`; shared by all trajectories. */
  data?(objective: P, dim: number): number[];
  /** Structural constants of the WGSL module (e.g. N_SAMPLES for a finite sum). */
  constants?(objective: P, dim: number): Record<string, number>;
  /** N for a finite sum f = (1/N) Σ f_i (mini-batch noise needs one); undefined otherwise. */
  sampleCount?(objective: P): number | undefined;
  /** E f(X) for X ~ N(mean, cov), where it has a closed form (to compare ensembles with Gaussian laws). */
  gaussianExpectation?(objective: P, mean: number[], cov: number[][]): number;
}

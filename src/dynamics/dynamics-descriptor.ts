import type { ParamLayout, WordLayout } from '../compose/param-layout';
import type { z } from 'zod';
import type { ShaderModule } from '../compose/compose-kernel';
import type { ContractExample } from '../experiment/contract-example';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import type { ObjectiveDescriptor, ReferenceObjective } from '../objectives/objective-descriptor';
import type { TrajectoryStream } from '../reference/trajectory-stream';
import type { ReferenceNoise } from '../noise/noise-descriptor';

/** What the `label` of every dynamics item is (the description in the JSON Schema and the format reference). */
export const LABEL_DESCRIPTION = 'Name of the item in reports and plots (default: its kind and index).';

/** A float64 dynamics on the CPU, the twin of its WGSL `dynamics_init` and `dynamics_step`. */
export interface ReferenceDynamics {
  /** Starts a trajectory at x: resets the dynamics' own state (momentum, step-size factors). */
  init?(x: Float64Array, stream: TrajectoryStream): void;
  /** Advances x (in place) from step k to k + 1, drawing from the trajectory's stream. */
  step(x: Float64Array, k: number, stream: TrajectoryStream): void;
}

/** The Gaussian law of the initial state: mean and per-coordinate standard deviation. */
export interface InitialLaw {
  mean: number[];
  std: number[];
}

/** Expected mean and covariance at each requested step, from a closed form. */
export interface ClosedFormSeries {
  /** What the oracle is, e.g. "discrete law of Euler–Maruyama (Lyapunov recursion)". */
  name: string;
  mean: number[][];
  covariance: number[][][];
}

/** Orders of convergence (DynamicsDescriptor.orders): error = O(h^order) as the step h → 0; Infinity for an exact scheme. */
export interface Orders {
  weak: number;
  strong: number;
}

/** Everything the engine knows about one dynamics kind (docs/architecture.md, "Conventions": descriptors carry what tests and reports read). */
export interface DynamicsDescriptor<D = unknown, O = unknown, Input = unknown, Param extends string = string> {
  kind: string;
  /** Zod schema of one item in an experiment file's `dynamics` (a strict object with a literal `kind`). */
  schema: z.ZodType<Input>;
  /** Cross-field checks, normalization and sweepable parameters of a parsed item. */
  format: DynamicsKind<Input, D & { kind: string; dt: number; label?: string }, Param>;
  /** A small experiment in which the dynamics runs: what the registry's contract tests run it on (test/contract/). */
  contract: ContractExample;
  title: string;
  /** Paper and equation, printed in reports. */
  citation: string;
  /**
   * Orders of convergence of the scheme as run, as its step h = stepLength(item) → 0
   * with the item's other fields fixed, at a fixed model time:
   * - `weak` p: the mean and covariance differ from those of `limitLaw` (the law the
   *   scheme is meant to reproduce) by O(hᵖ). This is exactly the log-log slope that a
   *   step-size sweep of the run's model error measures (src/run/sweep-slopes.ts, which
   *   prints it beside the fit), and what the registry contract fits on the examples in
   *   `contract.orderSweeps` (test/contract/). Infinity where the scheme reproduces that
   *   law exactly (an exact transition).
   * - `strong` q: E‖X_h − X‖ = O(h^q) for paths coupled through the same noise (not
   *   measured by the contract).
   * A function of the item where the scheme's fields change it (the integrator, the
   * counter-term order). A dynamics without `limitLaw` states them against the
   * continuous-time limit its docs name (a discrete method: its ODE, noise-free).
   */
  orders(item: D): Orders;
  shader: ShaderModule;
  /** Whether the dynamics takes its gradient from the experiment's `noise` (discrete methods do; an SDE has its own σ). */
  usesNoise: boolean;
  /**
   * The WGSL module reads the step's Brownian increment itself (`brownian_z`,
   * shaders/lib/brownian.wgsl), as an SDE does; a discrete method reads it only
   * through its noise's `noise_grad`.
   */
  brownian?: boolean;
  /**
   * A deterministic flow of the full loss that models the mean path of the discrete
   * methods (the heavy-ball flow): it may sit next to them in a file with `noise`, which
   * then drives the discrete items only.
   */
  noiseFreeModel?: boolean;
  /**
   * The dynamics updates the trajectory's state in the storage buffer in place:
   * its WGSL `dynamics_step(local, k, stream)` takes the trajectory's local index
   * (kernels/integrate.wgsl, STATE_IN_STORAGE). For large states (d = 256–1,024), whose
   * private copy compiles in time growing as d² on llvmpipe. No escape observer.
   */
  stateInStorage?: boolean;
  /** The dynamics' own per-trajectory words beyond x (momentum, step-size factors), declared by name; none if absent. */
  aux?: WordLayout<[item: D, dim: number]>;
  /** Model time advanced by one step (t = step × stepLength). */
  stepLength(item: D): number;
  /** Values of every `#if` flag the WGSL module uses. */
  defines(item: D, objective: O): Record<string, boolean>;
  /**
   * The module's parameter words, declared by name and computed in float64: the
   * packing and the WGSL constants locating each field come from this one declaration.
   */
  params: ParamLayout<[item: D, objective: O, dim: number, noise?: unknown]>;
  reference(item: D, objective: O, referenceObjective: ReferenceObjective, dim: number, noise: ReferenceNoise, noiseSpec?: unknown): ReferenceDynamics;
  /**
   * Why this item cannot run with this objective and noise (a model undefined there,
   * e.g. HA-SME with ηλ_max(A) ≥ 1), checked before anything runs; undefined when it can.
   */
  checkRun?(item: D, objective: O, noise: unknown, dim: number, objectiveDescriptor: ObjectiveDescriptor<any, any>): string | undefined;
  /**
   * A warning, not a refusal: the item's step is beyond its scheme's linear stability
   * limit on this objective (src/dynamics/stability.ts), so trajectories will diverge.
   * Returns the field it is about (e.g. `lr`) and why; undefined when within the limit
   * or when no limit is known.
   */
  stabilityWarning?(item: D, objective: O): { field: string; message: string } | undefined;
  /** The exact law at the given steps, when a closed form exists for this objective. */
  closedForm?(item: D, objective: O, initial: InitialLaw, steps: number[], noise?: unknown): ClosedFormSeries | undefined;
  /**
   * The law this scheme is meant to reproduce, at model times `times`: for
   * Euler–Maruyama the SDE's own law, for an SDE model of SGD (sme, ha-sme) SGD's
   * exact discrete law. Weak errors and convergence slopes are measured against it.
   * Undefined where no closed form exists.
   */
  limitLaw?(item: D, objective: O, initial: InitialLaw, times: number[], noise?: unknown): ClosedFormSeries | undefined;
  /**
   * Σ = σσᵀ per unit model time when the noise is additive (independent of the state):
   * the escape observer then detects exits between steps by the Brownian-bridge test.
   */
  additiveNoise?(item: D, objective: O, dim: number): number[][] | undefined;
  /**
   * Identifies the noise a run draws: runs with equal keys (and equal step counts)
   * consume the same normals Z_k for the same increments, so their paths are coupled
   * and strong (pathwise) errors between them mean something.
   */
  noiseCoupling?(item: D): string | undefined;
}

import type { ParamLayout } from '../compose/param-layout';
import type { z } from 'zod';
import type { ShaderModule } from '../compose/compose-kernel';
import type { ContractExample } from '../experiment/contract-example';
import type { CheckContext } from '../experiment/check-context';
import type { ExperimentIssue } from '../experiment/issue';
import type { JsonPath } from '../experiment/json-path';
import type { ReferenceObjective } from '../objectives/objective-descriptor';
import type { TrajectoryStream } from '../reference/trajectory-stream';
import type { BatchSize } from '../schedules/batch-size';

/** A float64 gradient oracle on the CPU, the twin of a WGSL `noise_grad`. */
export interface ReferenceNoise {
  /** out ← the stochastic gradient at x for step k, drawing from the trajectory's stream. */
  grad(x: Float64Array, out: Float64Array, k: number, stream: TrajectoryStream): void;
}

/**
 * Gradient noise of the discrete dynamics (experiment field `noise`): how the
 * gradient estimate g_k is formed from the objective. One WGSL module
 * (shaders/noise/x.wgsl, defining `noise_grad`), this descriptor and a float64
 * twin (src/reference/noise/x.ts), listed in the registry.
 */
export interface NoiseDescriptor<N = unknown, Input = unknown> {
  kind: string;
  schema: z.ZodType<Input>;
  /** A small experiment in which the noise runs: what the registry's contract tests run it on (test/contract/). */
  contract: ContractExample;
  title: string;
  /** Shape checks against d on the raw field (other requirements are checked after normalization). */
  check(raw: Record<string, unknown>, path: JsonPath, ctx: CheckContext): ExperimentIssue[];
  normalize(parsed: Input, dim: number): N;
  shader: ShaderModule;
  defines(noise: N): Record<string, boolean>;
  /**
   * Whether `noise_grad` reads the step's Brownian increment (`brownian_z`,
   * shaders/lib/brownian.wgsl), which the kernel then draws before each step.
   */
  brownian(noise: N): boolean;
  /** Structural constants of the WGSL module (e.g. BATCH_SIZE). */
  constants(noise: N): Record<string, number>;
  /** The module's parameter words, declared by name (float64 here, f32 on the GPU; src/compose/param-layout.ts). */
  params: ParamLayout<[noise: N, dim: number]>;
  reference(noise: N, f: ReferenceObjective, dim: number): ReferenceNoise;
  /**
   * The noise as one run of `steps` steps uses it (what the run's spec carries; absent:
   * the noise as normalized), e.g. a batch-size table cut after the last stage the run
   * reaches, so that a schedule's growth beyond the run sizes no array or loop budget.
   */
  forRun?(noise: N, steps: number): N;
  /**
   * For noises with a batch size (what `sweep: { "noise.batchSize": [...] }` varies): the
   * field's own schema, which validates each swept value, and the noise with another batch
   * size, normalized exactly as `normalize` normalizes the file's (its stage table).
   */
  batchSize?: {
    schema: z.ZodType<BatchSize>;
    apply(noise: N, batchSize: BatchSize, dim: number): N;
  };
  /** Why the noise cannot run for `steps` steps (e.g. a batch-size schedule past its maximum), checked before anything runs. */
  checkSteps?(noise: N, steps: number): string | undefined;
}

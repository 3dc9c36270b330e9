import type { EnsembleSpec } from './ensemble-spec';
import { REDUCE_BLOCK } from './layout';

/** The parts of a device chunk a probe drives (DeviceChunk implements them). */
export interface ProbedChunk {
  initialize(offset: number, count: number): void;
  /** One integrate dispatch; `probe` keeps trajectories stepping past a first exit. */
  integrate(offset: number, count: number, stepBegin: number, steps: number, probe?: boolean): void;
  reduce(count: number, checkpoint: number, slot: number): void;
  /** The loop-cuts words (0: initialize/integrate, 1: reduce), then resets them. */
  takeLoopCuts(): Promise<Uint32Array>;
}

/** Most steps a probe dispatch asks for: more than any model can fit, since every step spends at least one loop pass. */
const PROBE_STEPS = 65535;
/** Fraction of the measured steps a dispatch takes: room for loops whose trip counts vary from step to step. */
const PROBE_SAFETY = 3 / 4;
/** Where in the run the probe starts (fractions of its steps): schedules may make later steps dearer. */
const PROBE_STARTS = [0, 1 / 3, 2 / 3];
/**
 * Trajectories a probe steps: one SIMD bundle of llvmpipe's eight lanes (the bundle shares one
 * budget, and runs as long as its dearest lane). A probe is one thread's work, up to
 * 3 × 8 × wanted/(3/4) trajectory-steps; the runner's replay covers bundles dearer than this one.
 */
const PROBE_LANES = 8;

/**
 * Measures how many steps of this very kernel fit in one dispatch on an
 * adapter that cuts loops short (llvmpipe over OpenGL ES): a few of the run's
 * first trajectories take as many steps as they can (up to what the run would
 * put in one dispatch, `wanted`) from a few starting steps, and the loop canary
 * reports the step at which the driver cut them. A dispatch then takes 3/4 of
 * the fewest steps that fit, confirmed by a dispatch of that length (halved
 * until it runs uncut); if nothing was cut, `wanted` stands. The reduction is
 * run once on a full block to refuse statistics that cannot be reduced. Leaves
 * the chunk's state, records and aux words undefined (the run initializes
 * them), and adds to the counters (the caller zeroes them again).
 */
export async function probeStepsPerDispatch(chunk: ProbedChunk, spec: EnsembleSpec, wanted: number, noCut: number): Promise<number> {
  const lanes = Math.min(PROBE_LANES, spec.trajectories);
  const starts = [...new Set(PROBE_STARTS.map((q) => Math.floor(q * spec.steps)))];
  // Enough steps that `wanted` would be kept if they all fit.
  const probeSteps = Math.min(PROBE_STEPS, Math.ceil(wanted / PROBE_SAFETY) + 1);
  let fits = Infinity;
  for (const start of starts) {
    chunk.initialize(0, lanes);
    chunk.integrate(0, lanes, start, probeSteps, true);
    const [cut] = await chunk.takeLoopCuts();
    // The step being taken when the loops were cut did not finish.
    if (cut !== noCut) fits = Math.min(fits, Math.max(0, cut - start - 1));
  }
  if (fits < 1) {
    throw new RangeError(
      `one step of this model (d = ${spec.dim}) runs more loop iterations than this adapter allows one invocation (llvmpipe over OpenGL ES stops every loop after 65,535 in all): ` +
        'the model is too large for this adapter (a finite sum\'s full gradient costs about N·d, a mini-batch about b·d plus b² without replacement). ' +
        'Use the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU.',
    );
  }
  let steps = Math.min(wanted, Number.isFinite(fits) ? Math.max(1, Math.floor(PROBE_SAFETY * fits)) : wanted);
  while (Number.isFinite(fits)) {
    chunk.initialize(0, lanes);
    chunk.integrate(0, lanes, 0, steps);
    const [cut] = await chunk.takeLoopCuts();
    if (cut === noCut) break;
    if (steps === 1) throw new RangeError(`one step of this model (d = ${spec.dim}) does not fit this adapter's loop-iteration limit; use the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU`);
    steps = Math.floor(steps / 2);
  }
  chunk.initialize(0, Math.min(REDUCE_BLOCK, spec.trajectories));
  chunk.reduce(Math.min(REDUCE_BLOCK, spec.trajectories), spec.checkpoints.length - 1, 0);
  const [, reduceCut] = await chunk.takeLoopCuts();
  if (reduceCut !== noCut) {
    throw new RangeError(
      `the statistics asked for at d = ${spec.dim} run more loop iterations per reduction invocation than this adapter allows (llvmpipe over OpenGL ES stops every loop after 65,535 in all). ` +
        'Record fewer of covariance, loss and level regions, or use the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU.',
    );
  }
  return steps;
}

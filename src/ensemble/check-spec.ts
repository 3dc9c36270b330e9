import type { EnsembleSpec } from './ensemble-spec';

/** Largest ensemble index the 64-bit counter layout and JS numbers both handle exactly. */
const MAX_TRAJECTORIES = 2 ** 32 - 1;

/** Rejects specs the runner cannot honour, before any GPU work. */
export function checkSpec(spec: EnsembleSpec): void {
  const { trajectories, steps, checkpoints } = spec;
  if (!Number.isInteger(trajectories) || trajectories < 1 || trajectories > MAX_TRAJECTORIES) {
    throw new RangeError(`trajectories must be an integer in [1, ${MAX_TRAJECTORIES}], got ${trajectories}`);
  }
  const first = spec.firstTrajectory ?? 0;
  if (!Number.isSafeInteger(first) || first < 0 || first + trajectories > 2 ** 53) {
    throw new RangeError(`firstTrajectory must be a non-negative integer with firstTrajectory + trajectories ≤ 2^53, got ${first}`);
  }
  if (!Number.isInteger(steps) || steps < 0 || steps >= 2 ** 32) throw new RangeError(`steps must be an integer in [0, 2^32), got ${steps}`);
  if (checkpoints.length === 0 || checkpoints.some((c, i) => !Number.isInteger(c) || c < 0 || c > steps || (i > 0 && c <= checkpoints[i - 1]))) {
    throw new RangeError(`checkpoints must be ascending integers in [0, ${steps}]`);
  }
  if (spec.dim < 1 || !Number.isInteger(spec.dim)) throw new RangeError(`dim must be a positive integer, got ${spec.dim}`);
}

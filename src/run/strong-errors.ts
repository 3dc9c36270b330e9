import type { Experiment, PlannedRun } from '../experiment';
import { dynamicsDescriptor } from '../registry';

/** Most trajectories kept per run for strong errors, and most tracked floats per run. */
const MAX_STRONG_TRAJECTORIES = 16384;
const MAX_TRACKED_FLOATS = 2 ** 22;

/** Which runs are coupled (same noise, same grid) and how many of their first trajectories are compared. */
export interface StrongPlan {
  runs: Set<number>;
  pairs: [number, number][];
  trajectories: number;
}

/**
 * E‖Xᵃ_t − Xᵇ_t‖ between two coupled runs at each checkpoint, over their first
 * `trajectories` paths, kept as sums so that shards add up.
 */
export interface StrongComparison {
  a: number;
  b: number;
  step: number[];
  /** Pairs where both paths are finite, Σ‖Δ‖ and Σ‖Δ‖² at each checkpoint. */
  n: number[];
  sum: number[];
  sumSquares: number[];
}

/**
 * Pairs of runs in the same sweep setting whose dynamics draw the same normals for
 * the same increments (equal `noiseCoupling` keys) on the same checkpoints.
 */
export function strongTrajectories(experiment: Experiment, planned: PlannedRun[], available: number): StrongPlan {
  const pairs: [number, number][] = [];
  const key = (run: PlannedRun) => dynamicsDescriptor(run.dynamics.kind).noiseCoupling?.(run.dynamics);
  for (const a of planned) {
    for (const b of planned) {
      if (b.index <= a.index || JSON.stringify(a.sweep) !== JSON.stringify(b.sweep)) continue;
      const ka = key(a);
      if (ka === undefined || ka !== key(b) || a.checkpoints.join() !== b.checkpoints.join()) continue;
      pairs.push([a.index, b.index]);
    }
  }
  const runs = new Set(pairs.flat());
  const checkpoints = Math.max(1, ...planned.map((r) => r.checkpoints.length));
  const trajectories = Math.min(available, MAX_STRONG_TRAJECTORIES, Math.max(1, Math.floor(MAX_TRACKED_FLOATS / (checkpoints * experiment.dim))));
  return { runs, pairs, trajectories };
}

/** Strong errors of every coupled pair from the tracked states of their first trajectories. */
export function strongErrors(planned: PlannedRun[], plan: StrongPlan, tracked: Map<number, ArrayLike<number>[] | undefined>, dim: number): StrongComparison[] {
  return plan.pairs.flatMap(([a, b]) => {
    const ta = tracked.get(a);
    const tb = tracked.get(b);
    if (!ta || !tb) return [];
    const steps = planned[a].checkpoints;
    const out: StrongComparison = { a, b, step: [...steps], n: [], sum: [], sumSquares: [] };
    steps.forEach((_, c) => {
      let n = 0;
      let sum = 0;
      let sumSquares = 0;
      for (let t = 0; t < plan.trajectories; t++) {
        let d2 = 0;
        for (let i = 0; i < dim; i++) d2 += (ta[c][t * dim + i] - tb[c][t * dim + i]) ** 2;
        if (!Number.isFinite(d2)) continue;
        n++;
        sum += Math.sqrt(d2);
        sumSquares += d2;
      }
      out.n.push(n);
      out.sum.push(sum);
      out.sumSquares.push(sumSquares);
    });
    return [out];
  });
}

/** Adds the strong-error sums of shards (same pairs, same checkpoints). */
export function mergeStrong(parts: StrongComparison[][]): StrongComparison[] {
  const [first, ...rest] = parts;
  return first.map((s, k) => ({
    ...s,
    n: s.n.map((v, c) => v + rest.reduce((acc, p) => acc + p[k].n[c], 0)),
    sum: s.sum.map((v, c) => v + rest.reduce((acc, p) => acc + p[k].sum[c], 0)),
    sumSquares: s.sumSquares.map((v, c) => v + rest.reduce((acc, p) => acc + p[k].sumSquares[c], 0)),
  }));
}

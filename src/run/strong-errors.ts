import type { Experiment, PlannedRun } from '../experiment';
import { dynamicsDescriptor } from '../registry';
import { substepsFromTree } from '../dynamics/sgd-model';

/** Most trajectories kept per run for strong errors, and most tracked floats per run. */
const MAX_STRONG_TRAJECTORIES = 16384;
const MAX_TRACKED_FLOATS = 2 ** 22;

/** Which runs are coupled (same noise, same grid) and how many of their first trajectories are compared. */
export interface StrongPlan {
  runs: Set<number>;
  /** Pairs of one sweep setting, and refinement pairs (a run, the next finer run of its item). */
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
  /** a's steps at the compared checkpoints (equal model times). */
  step: number[];
  /** b's steps at the same checkpoints, where its grid differs (a refinement pair). */
  stepB?: number[];
  /** Pairs where both paths are finite, Σ‖Δ‖ and Σ‖Δ‖² at each checkpoint. */
  n: number[];
  sum: number[];
  sumSquares: number[];
  /** Per checkpoint and coordinate, Σ Δᵢ and Σ Δᵢ² over the same pairs: the paired (coupled) weak difference and its variance. */
  sumDelta?: number[][];
  sumDeltaSquares?: number[][];
}

/** Whether two runs of one item at different sweep values follow one Brownian path (stream version 2's refinement). */
function refinementCoupled(a: PlannedRun, b: PlannedRun): boolean {
  if (!a.noiseGrid || !b.noiseGrid || a.noiseGrid.replica !== b.noiseGrid.replica) return false;
  return dynamicsDescriptor(a.dynamics.kind).brownian === true && a.dynamics.kind === b.dynamics.kind;
}

/** The substeps of an SDE model of SGD (1 for other dynamics). */
function substepsOf(run: PlannedRun): number {
  const m = (run.dynamics as { substeps?: unknown }).substeps;
  return typeof m === 'number' ? m : 1;
}

/** The length of the run's finest Brownian increment: its step, over its substeps. */
function substepLength(run: PlannedRun): number {
  return run.dynamics.dt / substepsOf(run);
}

/**
 * Whether two runs with the same step take m and 2m substeps from the step's virtual
 * Brownian tree (shaders/lib/sgd_model.wgsl: powers of two only), so that each coarse
 * substep is the sum of two fine ones.
 */
function substepsRefine(coarse: PlannedRun, fine: PlannedRun): boolean {
  const [m, n] = [substepsOf(coarse), substepsOf(fine)];
  return n === 2 * m && substepsFromTree(m);
}

/** Checkpoint index pairs of a and b at equal fine-grid times (steps · 2^refineLog2). */
export function sharedCheckpoints(a: PlannedRun, b: PlannedRun): [number, number][] {
  const ra = 2 ** (a.noiseGrid?.refineLog2 ?? 0);
  const rb = 2 ** (b.noiseGrid?.refineLog2 ?? 0);
  const pairs: [number, number][] = [];
  a.checkpoints.forEach((s, i) => {
    const j = b.checkpoints.indexOf((s * ra) / rb);
    if (j >= 0) pairs.push([i, j]);
  });
  return pairs;
}

/**
 * Pairs of runs in the same sweep setting whose dynamics draw the same normals for
 * the same increments (equal `noiseCoupling` keys) on the same checkpoints; and, over
 * a sweep of step sizes, each run of an SDE item with the item's next finer run (one
 * Brownian path, src/experiment/noise-grid.ts) where they share a time past 0: the
 * level differences of multilevel Monte Carlo, whose size gives the strong order.
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
  for (let d = 0; d < experiment.dynamics.length; d++) {
    // Coarse to fine; each step size against the next finer one (h against h/2 in a sweep of h_min·2^k,
    // or m against 2m substeps of one step in a sweep of powers of two).
    const series = planned.filter((run) => run.dynamicsIndex === d && run.sweep !== undefined).sort((x, y) => substepLength(y) - substepLength(x));
    for (let k = 0; k + 1 < series.length; k++) {
      const [coarse, fine] = [series[k], series[k + 1]];
      if (substepLength(coarse) === substepLength(fine) || !refinementCoupled(coarse, fine)) continue;
      if (coarse.dynamics.dt === fine.dynamics.dt && !substepsRefine(coarse, fine)) continue;
      if (sharedCheckpoints(coarse, fine).some(([i]) => coarse.checkpoints[i] > 0)) pairs.push([coarse.index, fine.index]);
    }
  }
  const runs = new Set(pairs.flat());
  const checkpoints = Math.max(1, ...planned.map((r) => r.checkpoints.length));
  const trajectories = Math.min(available, MAX_STRONG_TRAJECTORIES, Math.max(1, Math.floor(MAX_TRACKED_FLOATS / (checkpoints * experiment.dim))));
  return { runs, pairs, trajectories };
}

/** Strong errors of every coupled pair from the tracked states of their first trajectories, with the paired coordinate differences. */
export function strongErrors(planned: PlannedRun[], plan: StrongPlan, tracked: Map<number, ArrayLike<number>[] | undefined>, dim: number): StrongComparison[] {
  return plan.pairs.flatMap(([a, b]) => {
    const ta = tracked.get(a);
    const tb = tracked.get(b);
    if (!ta || !tb) return [];
    const shared = sharedCheckpoints(planned[a], planned[b]);
    const refinement = JSON.stringify(planned[a].sweep) !== JSON.stringify(planned[b].sweep);
    const out: StrongComparison = { a, b, step: shared.map(([i]) => planned[a].checkpoints[i]), n: [], sum: [], sumSquares: [], sumDelta: [], sumDeltaSquares: [] };
    if (refinement) out.stepB = shared.map(([, j]) => planned[b].checkpoints[j]);
    for (const [ca, cb] of shared) {
      let n = 0;
      let sum = 0;
      let sumSquares = 0;
      const delta = new Array<number>(dim).fill(0);
      const deltaSquares = new Array<number>(dim).fill(0);
      for (let t = 0; t < plan.trajectories; t++) {
        let d2 = 0;
        for (let i = 0; i < dim; i++) d2 += (ta[ca][t * dim + i] - tb[cb][t * dim + i]) ** 2;
        if (!Number.isFinite(d2)) continue;
        n++;
        sum += Math.sqrt(d2);
        sumSquares += d2;
        for (let i = 0; i < dim; i++) {
          const di = ta[ca][t * dim + i] - tb[cb][t * dim + i];
          delta[i] += di;
          deltaSquares[i] += di * di;
        }
      }
      out.n.push(n);
      out.sum.push(sum);
      out.sumSquares.push(sumSquares);
      out.sumDelta!.push(delta);
      out.sumDeltaSquares!.push(deltaSquares);
    }
    return [out];
  });
}

/** Adds the strong-error sums of shards (same pairs, same checkpoints). */
export function mergeStrong(parts: StrongComparison[][]): StrongComparison[] {
  const [first, ...rest] = parts;
  const add = (v: number, c: number, pick: (s: StrongComparison) => number[], k: number) => v + rest.reduce((acc, p) => acc + pick(p[k])[c], 0);
  const addVector = (row: number[], c: number, pick: (s: StrongComparison) => number[][] | undefined, k: number) =>
    row.map((v, i) => v + rest.reduce((acc, p) => acc + (pick(p[k])?.[c][i] ?? NaN), 0));
  return first.map((s, k) => ({
    ...s,
    n: s.n.map((v, c) => add(v, c, (x) => x.n, k)),
    sum: s.sum.map((v, c) => add(v, c, (x) => x.sum, k)),
    sumSquares: s.sumSquares.map((v, c) => add(v, c, (x) => x.sumSquares, k)),
    ...(s.sumDelta ? { sumDelta: s.sumDelta.map((row, c) => addVector(row, c, (x) => x.sumDelta, k)) } : {}),
    ...(s.sumDeltaSquares ? { sumDeltaSquares: s.sumDeltaSquares.map((row, c) => addVector(row, c, (x) => x.sumDeltaSquares, k)) } : {}),
  }));
}

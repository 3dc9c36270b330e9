import { dynamicsDescriptor, noiseDescriptor } from '../registry';
import { substepsFromTree } from '../dynamics/sgd-model';
import type { NoiseGrid } from '../ensemble/ensemble-spec';
import type { Experiment } from './experiment';
import { issueAt, type ExperimentIssue } from './issue';
import type { JsonPath } from './json-path';
import type { PlannedRun } from './runs';

/** Relative tolerance on h / h_min = 2^k. */
const RATIO_TOLERANCE = 1e-9;
/** Fine steps are counted in 32 bits (src/rng/streams.ts). */
const MAX_FINE_STEPS = 2 ** 32;

/**
 * Whether a run's kernel reads a Brownian increment per step: an SDE (or SDE model)
 * always, a discrete method when its noise is Gaussian (`noise_grad` reads it).
 */
export function drawsBrownian(run: Pick<PlannedRun, 'dynamics' | 'noise'>): boolean {
  const descriptor = dynamicsDescriptor(run.dynamics.kind);
  if (descriptor.brownian === true) return true;
  return descriptor.usesNoise && descriptor.noiseFreeModel !== true && noiseDescriptor(run.noise.kind).brownian(run.noise as never);
}

/**
 * Whether the run's step is a step of model time (so that it has a place on the
 * fine grid): false for a discrete method with a step-size schedule, whose steps
 * are counted, not timed.
 */
function timed(run: PlannedRun): boolean {
  const lr = (run.dynamics as { lr?: unknown }).lr;
  return lr === undefined || typeof lr === 'number';
}

/** The place of every run on the fine noise grid, or the reasons the file's step sizes cannot share one Brownian path. */
export interface NoiseGridPlan {
  grids: NoiseGrid[];
  issues: ExperimentIssue[];
  /** The finest step h_min of the SDE runs (undefined when there are none). */
  finest?: number;
}

/**
 * Stream version 2's coupling (docs/architecture.md, "Random numbers"): the
 * Brownian increments are indexed on the finest step h_min of the runs whose
 * dynamics is an SDE or an SDE model (their step is a time step of a Brownian
 * motion), and a run whose step is h = h_min·2^r sums 2^r fine increments per
 * step (`refineLog2` = r), so runs with different step sizes follow one
 * Brownian path and can be compared path by path. An SDE run whose step is not
 * h_min·2^k is an issue, unless the file sets `"coupling": "independent"`:
 * then every run indexes its own steps (r = 0) and each sweep value draws from
 * its own replica (key word k2), independent of the others; the items of one
 * sweep value still share their z_k per step. A discrete method with Gaussian
 * noise joins the grid when its step (its lr) is h_min·2^k — SGD stays coupled
 * to its SDE models at every lr of a sweep — and otherwise draws z_k per step
 * of its own, as in a file without SDEs.
 */
export function planNoiseGrids(experiment: Experiment, runs: PlannedRun[]): NoiseGridPlan {
  const items = experiment.dynamics.length;
  if (experiment.coupling === 'independent') {
    return { grids: runs.map((run) => ({ refineLog2: 0, replica: Math.floor(run.index / items) })), issues: [] };
  }
  const issues: ExperimentIssue[] = substepsSweepIssues(experiment);
  const onGrid = runs.filter((run) => timed(run) && drawsBrownian(run));
  const sdes = onGrid.filter((run) => dynamicsDescriptor(run.dynamics.kind).brownian === true);
  const grids: NoiseGrid[] = runs.map(() => ({ refineLog2: 0, replica: 0 }));
  if (sdes.length === 0) return { grids, issues };
  const finest = Math.min(...sdes.map((run) => run.dynamics.dt));
  const reported = new Set<string>();
  for (const run of onGrid) {
    const ratio = run.dynamics.dt / finest;
    const r = Math.round(Math.log2(ratio));
    const why =
      Math.abs(ratio - 2 ** r) > RATIO_TOLERANCE * ratio || r < 0
        ? `its step ${run.dynamics.dt} is ${formatRatio(ratio)}·h_min, not h_min·2^k (h_min = ${finest}, the finest step of the SDE runs): runs share one Brownian path only when every step is h_min·2^k; use such steps, or set "coupling": "independent" to draw independent noise per sweep value`
        : run.steps * 2 ** r >= MAX_FINE_STEPS
          ? `its ${run.steps} steps of 2^${r} fine steps each (h_min = ${finest}) pass the 2^32 fine steps one Brownian path holds; use fewer steps, a coarser h_min, or "coupling": "independent"`
          : 2 ** r * experiment.dim >= MAX_FINE_STEPS
            ? `its step sums 2^${r} fine steps of ${experiment.dim} normals each, more than 2^32; use closer step sizes or "coupling": "independent"`
            : undefined;
    if (why === undefined) {
      grids[run.index] = { refineLog2: r, replica: 0 };
      continue;
    }
    // A discrete method off the grid keeps its own z_k per step.
    if (dynamicsDescriptor(run.dynamics.kind).brownian !== true) continue;
    const path: JsonPath = run.sweep ? ['sweep', run.sweep.param, runs.filter((other) => other.dynamicsIndex === run.dynamicsIndex).indexOf(run)] : ['dynamics', run.dynamicsIndex];
    const key = JSON.stringify(path);
    if (!reported.has(key)) {
      reported.add(key);
      issues.push(issueAt(path, `${run.dynamics.kind} (dynamics[${run.dynamicsIndex}]): ${why}`));
    }
  }
  return { grids, issues, finest };
}

/**
 * A sweep of `substeps` follows one Brownian path when every m is a power of two:
 * the SDE models then take their substep increments from the step's virtual
 * Brownian tree (shaders/lib/sgd_model.wgsl), m substeps summing pairs of the
 * 2m. Other values are an issue unless the file sets `"coupling": "independent"`.
 */
function substepsSweepIssues(experiment: Experiment): ExperimentIssue[] {
  const sweep = experiment.sweep;
  if (!sweep || sweep.param !== 'substeps') return [];
  const models = experiment.dynamics.filter((item) => dynamicsDescriptor(item.kind).brownian === true && 'substeps' in item);
  if (models.length === 0) return [];
  return sweep.values.flatMap((m, i) =>
    typeof m === 'number' && Number.isInteger(m) && m > 0 && !substepsFromTree(m)
      ? [
          issueAt(
            ['sweep', 'substeps', i],
            `${m} substeps is not a power of two: a sweep of substeps follows one Brownian path only for m = 2^k (each substep then sums two of the next finer run's); use powers of two, or set "coupling": "independent" to draw independent noise per sweep value`,
          ),
        ]
      : [],
  );
}

function formatRatio(ratio: number): string {
  return Number(ratio.toPrecision(6)).toString();
}

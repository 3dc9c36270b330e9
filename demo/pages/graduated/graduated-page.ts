/**
 * Graduated optimization through SGD noise (Sato & Iiduka; docs/math.md §2d,
 * experiments/graduated-success-b*.json and graduated-schedule-*.json): SGD on
 * the tilted cosine f = x²/2 − cos(4x) + 1 from the outer local minimum, with
 * Rademacher mini-batch noise of scale C. A success map P(global basin) over
 * (η, b) — one file per batch size, since noise belongs to a file — and one
 * schedule file (decaying η, growing b, both, or explicit graduated descent).
 * At the default settings and N = 100,000 the files are exactly the
 * experiments/ ones (same seeds), so the page reproduces the README's tables.
 */
import successB1 from '../../../experiments/graduated-success-b1.json';
import scheduleLr from '../../../experiments/graduated-schedule-lr.json';
import scheduleBatch from '../../../experiments/graduated-schedule-batch.json';
import scheduleHybrid from '../../../experiments/graduated-schedule-hybrid.json';
import schedulePolynomial from '../../../experiments/graduated-schedule-polynomial.json';
import explicitGo from '../../../experiments/graduated-explicit-tilted-cosine.json';
import type { ExperimentResult, RunResult } from 'sdeflow';
import type { PageConfig, PageDefinition, ShownNumber } from '../../app/page-definition';

/** The batch sizes of the map's rows (the files graduated-success-b{1,4,16,64}.json). */
export const BATCHES = [1, 4, 16, 64];
/** The map's columns: η_max/8, η_max/4, η_max/2, η_max (0.0125 … 0.1 at the default). */
export const lrColumns = (lrMax: number) => [lrMax / 8, lrMax / 4, lrMax / 2, lrMax];
/** The region of the global minimum's basin in the files (|x| < 0.838175, the first maxima of f). */
export const GLOBAL = 'global';

type File = Record<string, unknown> & { name: string; seed: string; noise?: Record<string, unknown> };

/**
 * The schedules of the selector, each one file (its name after the page's seed makes its
 * seed, so the default seed "graduated" gives the experiments/ files' own seeds).
 */
export const SCHEDULES: { label: string; file: File }[] = [
  {
    label: 'constant η = 0.05, b = 1 (δ = 0.5, where the others start)',
    file: { ...successB1, name: 'graduated-schedule-constant', description: 'Constant η = 0.05, b = 1: the grid cell every schedule starts from.', dynamics: [{ kind: 'sgd', label: 'constant η = 0.05, b = 1', lr: 0.05 }], sweep: undefined },
  },
  { label: 'learning-rate decay (b = 1)', file: scheduleLr },
  { label: 'batch doubling b × 2 per 400 steps (η = 0.05)', file: scheduleBatch },
  { label: 'hybrid η × 0.866, b × 1.5 per 400 steps', file: scheduleHybrid },
  { label: 'polynomial η and b (p = 0.9)', file: schedulePolynomial },
  { label: 'explicit graduated GD on f_δ (δ 1 → 0) vs GD', file: explicitGo },
];

/** The file's seed for the page's seed: `graduated-success-b4` is `${seed}-success-b4` with seed "graduated". */
const seedOf = (seed: string, name: string) => `${seed}${name.replace(/^graduated/, '')}`;

/** A copy of `file` with the page's seed, N and noise scale C (files without noise keep none). */
function withConfig(file: File, c: PageConfig): File {
  const { sweep, ...rest } = file;
  return {
    ...rest,
    ...(sweep ? { sweep } : {}),
    seed: seedOf(c.seed, file.name),
    trajectories: c.N,
    ...(file.noise ? { noise: { ...file.noise, scale: c.C } } : {}),
  };
}

/** The map's files (one per batch size, η swept over the columns), then the selected schedule's. */
function files(c: PageConfig): File[] {
  const grid = BATCHES.map((b) =>
    withConfig(
      {
        ...successB1,
        name: `graduated-success-b${b}`,
        description: successB1.description.replace('b = 1', `b = ${b}`),
        noise: { ...successB1.noise, batchSize: b },
        dynamics: [{ kind: 'sgd', label: `SGD b=${b}`, lr: c.lrMax }],
        sweep: { lr: lrColumns(c.lrMax) },
      },
      c,
    ),
  );
  return [...grid, withConfig(SCHEDULES[c.schedule].file, c)];
}

/** The last checkpoint's P(global) (Wilson 95%), the counts, and E f with its standard error. */
export function finalSuccess(run: RunResult) {
  const s = run.series;
  const last = s.step.length - 1;
  return {
    global: s.regions![GLOBAL].fraction[last],
    inside: s.regions![GLOBAL].inside[last],
    count: s.count[last],
    loss: s.loss!.value[last],
    lossError: s.loss!.standardError[last],
  };
}

/**
 * Between two adapters a few trajectories may end in another basin (f32 paths that pass
 * near a maximum of f amplify rounding), so fractions may differ by a few out of N and
 * E f by as many trajectories' losses (at most ~5 each: f at the outer minimum is 4.63).
 */
const FLIPS = 4;
const LOSS_PER_FLIP = 5;

export const graduatedPage: PageDefinition = {
  id: 'graduated',
  title: 'Graduated optimization through SGD noise',
  summary:
    'SGD on the tilted cosine f(x) = x²/2 − cos(4x) + 1 starts in its outer local minimum x₀ = 2.9356; each sample gradient is f′ + C·s with a random sign s, ' +
    'and a batch of b averages b signs. Sato & Iiduka: SGD then runs gradient descent on f smoothed with degree δ = ηC/√b, so a decaying η or a growing b is graduated optimization. ' +
    'The map shows the fraction of trajectories that end in the global minimum’s basin |x| < 0.838 after 2,000 steps, with lines of equal δ; ' +
    'too little smoothing stays in the outer minimum, too much never settles. Pick a schedule to see its success rate and final-loss distribution.',
  source: 'experiments/graduated-success-b{1,4,16,64}.json and graduated-schedule-*.json, graduated-explicit-tilted-cosine.json (at N = 100,000)',
  defaultSeed: 'graduated',
  params: [
    { key: 'N', label: 'trajectories N per cell', min: 64, max: 100000, default: 256, scale: 'log', integer: true },
    { key: 'lrMax', label: 'largest step η (columns η/8 … η)', min: 0.02, max: 0.2, default: 0.1, scale: 'log' },
    { key: 'C', label: 'noise scale C (per-sample std)', min: 1, max: 20, default: 10, step: 0.5 },
    { key: 'schedule', label: 'schedule', min: 0, max: SCHEDULES.length - 1, default: 2, integer: true, choices: SCHEDULES.map((s) => s.label) },
  ],
  experiment: (c) => files(c)[0],
  experiments: files,
  numbers(_first: ExperimentResult, c: PageConfig, results: ExperimentResult[] = [_first]): ShownNumber[] {
    const grid: ShownNumber[] = results.slice(0, BATCHES.length).flatMap((r, row) =>
      r.runs.map((run, col) => {
        const s = finalSuccess(run);
        const lr = lrColumns(c.lrMax)[col];
        return {
          key: `b${BATCHES[row]}.lr${col}`,
          label: `η = ${Number(lr.toPrecision(4))}, b = ${BATCHES[row]}: P(global)`,
          value: s.global.value,
          uncertainty: { interval: [s.global.lo, s.global.hi] as [number, number] },
          tolerance: { absolute: FLIPS / run.trajectories },
        };
      }),
    );
    const schedule = results[BATCHES.length];
    const rows: ShownNumber[] = (schedule?.runs ?? []).flatMap((run, i) => {
      const s = finalSuccess(run);
      return [
        { key: `schedule.${i}.global`, label: `${run.label}: P(global)`, value: s.global.value, uncertainty: { interval: [s.global.lo, s.global.hi] }, tolerance: { absolute: FLIPS / run.trajectories } },
        { key: `schedule.${i}.loss`, label: `${run.label}: E f(x_K)`, value: s.loss, uncertainty: { standardError: s.lossError }, tolerance: { relative: 1e-4, absolute: (FLIPS * LOSS_PER_FLIP) / run.trajectories } },
      ];
    });
    return [...rows, ...grid];
  },
  view: () => import('./graduated-view'),
};

/**
 * The registry's contract: every registered dynamics, objective and noise is
 * run on its descriptor's contract example (src/experiment/contract-example.ts)
 * and checked the same way. A new model gets these tests by adding its
 * registry row; its own test file keeps only what is specific to it.
 *
 * Per model, on N trajectories × the example's steps:
 * - the example is a valid experiment file that uses the model;
 * - the GPU follows the float64 twin drawing the same random numbers: the
 *   final means agree within 5 standard errors, and the largest path
 *   difference over the tracked paths is below the ensemble's standard
 *   deviation (two independent draws would differ by about √2 σ, the largest
 *   of 64 such differences by several σ);
 * - results do not depend on how the work is cut: a run in chunks of 256
 *   trajectories equals the one-chunk run bit for bit, and two shards merged
 *   equal the unsharded run (counts exactly, moments to float64 rounding);
 * - where the run has a closed form (every dynamics whose descriptor offers
 *   one must reach it on its example), every checkpoint's mean and variance
 *   lie within 5 standard errors of it.
 *
 * Per dynamics with a `limitLaw` (the law its scheme approximates), on each of
 * its contract's step-size sweeps (`contract.orderSweeps`): the log-log slope of
 * every item's model error (sweepSlopes, the fit the reports print) lies within
 * 5 of the fit's standard errors of the weak order the descriptor declares for
 * the item, `orders(item).weak`, with every point's error resolved (beyond 5 SE
 * of zero, so the slope is the scheme's, not the Monte Carlo noise's); an item
 * declared exact (Infinity) shows no model error in any mean or variance, at any
 * step, beyond 5 SE. Sweeps whose errors approach f32 resolution run on the
 * float64 twin, which the GPU was checked to follow above.
 */
import { describe, expect, it } from 'vitest';
import {
  assertExperiment,
  expandRuns,
  mergeParts,
  measureExperiment,
  reportExperiment,
  runExperiment,
  toPartFile,
  type Experiment,
  type ExperimentResult,
} from '../../src/internal';
import { DYNAMICS_LIST, NOISE_LIST, OBJECTIVE_LIST } from '../../src/registry';
import type { ContractExample, OrderSweep } from '../../src/experiment/contract-example';
import type { DynamicsDescriptor } from '../../src/dynamics/dynamics-descriptor';
import { testDevice } from '../support/gpu';

const TRAJECTORIES = 2048;
const TRACKED = 64;
const Z = 5;

interface Registered {
  family: 'dynamics' | 'objective' | 'noise';
  kind: string;
  contract: ContractExample;
  /** The kind of this family the example's experiment uses. */
  used: (e: Experiment) => string;
  /** The descriptor has a closed form (dynamics only: objectives and noises borrow SGD's). */
  offersClosedForm: boolean;
}

const REGISTERED: Registered[] = [
  ...DYNAMICS_LIST.map((d) => ({ family: 'dynamics' as const, kind: d.kind, contract: d.contract, used: (e: Experiment) => e.dynamics[0].kind, offersClosedForm: 'closedForm' in d })),
  ...OBJECTIVE_LIST.map((d) => ({ family: 'objective' as const, kind: d.kind, contract: d.contract, used: (e: Experiment) => e.objective.kind, offersClosedForm: false })),
  ...NOISE_LIST.map((d) => ({ family: 'noise' as const, kind: d.kind, contract: d.contract, used: (e: Experiment) => e.noise?.kind ?? 'none', offersClosedForm: false })),
];

function contractExperiment(m: Registered, extra: Record<string, unknown> = {}): Experiment {
  const steps = m.contract.steps ?? 40;
  return assertExperiment({
    name: `contract ${m.family} ${m.kind}`,
    seed: `contract ${m.kind}`,
    ...m.contract.experiment,
    trajectories: TRAJECTORIES,
    steps,
    record: { every: steps / 4, observables: ['mean', 'variance'] },
    ...extra,
  });
}

const lastOf = <T>(a: T[]): T => a[a.length - 1];
const finalMoments = (r: ExperimentResult) => {
  const s = r.runs[0].series;
  return { mean: lastOf(s.mean!), se: lastOf(s.meanStandardError!), variance: lastOf(s.variance!), count: lastOf(s.count) };
};

describe.each(REGISTERED.map((m) => [`${m.family} ${m.kind}`, m] as const))('the registry contract of %s', (_name, m) => {
  it('its contract example is a valid experiment file that uses it', () => {
    const e = contractExperiment(m);
    expect(m.used(e)).toBe(m.kind);
  });

  it('the GPU follows the float64 twin on the same random numbers (final means within 5 SE, every tracked path within the ensemble σ) and its closed form, where there is one, within 5 SE', async () => {
    const gpu = await testDevice();
    const e = contractExperiment(m, { reference: { trajectories: TRACKED } });
    const onGpu = await runExperiment(e, { device: gpu });
    const onCpu = await runExperiment(contractExperiment(m), { device: 'cpu' });
    const g = finalMoments(onGpu);
    const c = finalMoments(onCpu);
    expect(onGpu.runs[0].diverged).toBe(0);
    expect(onCpu.runs[0].diverged).toBe(0);
    expect(g.count).toBe(TRAJECTORIES);
    const sigma = Math.max(...c.variance.map(Math.sqrt));
    const reference = onGpu.runs[0].reference!;
    console.log(`${m.family} ${m.kind}: max |GPU − f64| over ${reference.trajectories} paths = ${reference.maxAbsDifference.toExponential(2)} (RMS ${reference.rmsDifference.toExponential(2)}), ensemble σ = ${sigma.toPrecision(3)}`);
    g.mean.forEach((mean, i) => expect(Math.abs(mean - c.mean[i]), `coordinate ${i}`).toBeLessThanOrEqual(Z * c.se[i]));
    expect(sigma).toBeGreaterThan(0);
    expect(reference.trajectories).toBe(TRACKED);
    expect(reference.maxAbsDifference).toBeLessThan(sigma);
    // A dynamics whose descriptor has a closed form is checked against it on its own example.
    const closedForm = onGpu.runs[0].closedForm;
    if (m.offersClosedForm) expect(closedForm, 'the descriptor offers a closed form, but the contract example does not reach it').toBeDefined();
    if (closedForm) {
      console.log(`${m.family} ${m.kind}: ${closedForm.name}, max |z| over every checkpoint = ${closedForm.maxAbsZ.toFixed(2)}`);
      expect(closedForm.maxAbsZ).toBeLessThan(Z);
    }
  });

  it('gives the same numbers however the work is cut: chunks of 256 bit for bit, two shards merged to float64 rounding', async () => {
    const gpu = await testDevice();
    const e = contractExperiment(m);
    const whole = await measureExperiment(e, { device: gpu });
    const chunked = await measureExperiment(e, { device: gpu, ensemble: { chunkSize: 256 } });
    expect(chunked.runs[0].statistics.toJSON()).toEqual(whole.runs[0].statistics.toJSON());
    const parts = [];
    for (const index of [0, 1]) parts.push(JSON.parse(JSON.stringify(toPartFile(e, await measureExperiment(e, { device: gpu, shard: { index, count: 2 } })))));
    const merged = reportExperiment(e, mergeParts(parts).measurements).runs[0].series;
    const unsharded = reportExperiment(e, whole).runs[0].series;
    expect(merged.count).toEqual(unsharded.count);
    merged.mean!.forEach((row, k) => row.forEach((v, i) => expect(v).toBeCloseTo(unsharded.mean![k][i], 10)));
    merged.variance!.forEach((row, k) => row.forEach((v, i) => expect(v).toBeCloseTo(unsharded.variance![k][i], 10)));
  });
});

/**
 * A dynamics' order sweep as an experiment: its own seed, trajectories, mean and variance recorded at the
 * horizon only. Each sweep value draws independent noise ("coupling": "independent"): the slope's standard
 * error treats the points' Monte Carlo errors as independent, which one shared Brownian path would not make them.
 */
function orderSweepExperiment(kind: string, sweep: OrderSweep, index: number): Experiment {
  return assertExperiment({ name: `contract order sweep ${kind} #${index}`, seed: `contract orders ${kind} ${index}`, ...sweep.experiment, trajectories: sweep.trajectories, record: { observables: ['mean', 'variance'] }, coupling: 'independent' });
}

const ORDER_SWEEPS = DYNAMICS_LIST.flatMap((d: DynamicsDescriptor<any, any, any, any>) => (d.contract.orderSweeps ?? []).map((sweep, index) => [`${d.kind} #${index}`, d, sweep, index] as const));

describe('the registry contract of the dynamics with a limit law', () => {
  it('every dynamics whose descriptor has a limitLaw declares step-size sweeps for its weak order, of its own kind only', () => {
    for (const d of DYNAMICS_LIST as readonly DynamicsDescriptor<any, any, any, any>[]) {
      if (!d.limitLaw) continue;
      expect(d.contract.orderSweeps?.length, `${d.kind} has a limitLaw but no contract.orderSweeps`).toBeGreaterThan(0);
      d.contract.orderSweeps!.forEach((sweep, i) => expect(orderSweepExperiment(d.kind, sweep, i).dynamics.map((item) => item.kind)).toEqual(orderSweepExperiment(d.kind, sweep, i).dynamics.map(() => d.kind)));
    }
  });

  describe.each(ORDER_SWEEPS)('%s', (_name, d, sweep, index) => {
    it('the model error falls as the declared weak order: the fitted log-log slope within 5 SE (plus the drift of its local slopes, the next order\'s trace) of orders(item).weak; an exact item without model error', async () => {
      const e = orderSweepExperiment(d.kind, sweep, index);
      const result = await runExperiment(e, { device: sweep.float64 ? 'cpu' : await testDevice() });
      const quantity = sweep.quantity ?? 'mean[0]';
      const planned = expandRuns(e);
      for (const [i, item] of e.dynamics.entries()) {
        const weak = d.orders(item).weak;
        const runs = result.runs.filter((r) => planned[r.index].dynamicsIndex === i);
        expect(runs.length).toBe(e.sweep!.values.length);
        for (const r of runs) expect(r.diverged, `${r.label} at ${e.sweep!.param} = ${r.sweep?.value}`).toBe(0);
        if (weak === Infinity) {
          // Exact: the model error of every mean and variance, at every step, is Monte Carlo noise.
          const z = runs.flatMap((r) => [...r.modelError!.mean.at(-1)!, ...r.modelError!.variance.at(-1)!].map((err) => Math.abs(err.difference) / err.standardError));
          console.log(`orders ${d.kind} ${runs[0].label}: declared exact; max |model error|/SE over ${z.length} means and variances = ${Math.max(...z).toFixed(2)}`);
          expect(Math.max(...z)).toBeLessThan(Z);
          continue;
        }
        const fit = result.sweepSlopes.find((s) => s.dynamicsIndex === i && s.of.startsWith('model error') && s.quantity === quantity);
        expect(fit, `no slope of ${quantity} for ${runs[0].label}`).toBeDefined();
        console.log(
          `orders ${d.kind} ${runs[0].label}: ${quantity} slope ${fit!.slope.value.toFixed(3)} ± ${fit!.standardError.toFixed(3)} [${fit!.slope.lo.toFixed(3)}, ${fit!.slope.hi.toFixed(3)}], declared ${weak}; errors ${fit!.points.map((p) => `${p.y.toExponential(2)} ± ${p.standardError.toExponential(1)}`).join(', ')}`,
        );
        expect(fit!.declaredOrder).toBe(weak);
        for (const p of fit!.points) expect(p.y, `${e.sweep!.param} = ${p.x}: error ${p.y} not resolved (SE ${p.standardError})`).toBeGreaterThan(Z * p.standardError);
        // The fit pools the sweep; where the next order's term still shows, the local slopes of its first and
        // last pairs of points differ by about as much as the pooled slope misses the asymptotic order.
        const pts = fit!.points;
        const local = (p: (typeof pts)[number], q: (typeof pts)[number]) => Math.log(q.y / p.y) / Math.log(q.x / p.x);
        const drift = pts.length > 2 ? Math.abs(local(pts[0], pts[1]) - local(pts.at(-2)!, pts.at(-1)!)) : 0;
        expect(Math.abs(fit!.slope.value - weak)).toBeLessThanOrEqual(Z * fit!.standardError + drift);
      }
    });
  });
});

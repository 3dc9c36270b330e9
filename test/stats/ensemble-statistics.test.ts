import { describe, expect, it } from 'vitest';
import { EnsembleStatistics } from '../../src/stats/ensemble-statistics';
import type { FeatureMoments } from '../../src/stats/feature-moments';
import { countersAt, statisticsLayout, type StatisticsLayout } from '../../src/stats/statistics-layout';
import type { EscapeRequest, StatisticsRequest } from '../../src/stats/statistics-request';
import { mulberry32 } from '../linalg/seeded-random';

const DIM = 2;
const STEPS = 10;
const CHECKPOINTS = [0, 5, 10];
const REQUEST: StatisticsRequest = {
  loss: true,
  histogram: { bins: 4, range: [-1, 1] },
  regions: [{ name: 'r', region: { kind: 'ball', center: [0, 0], radius: 1 } }],
};
const ESCAPE: EscapeRequest = { region: { kind: 'halfspace', normal: [1, 0], offset: 1 }, stop: true };
const U = Number.EPSILON / 2; // unit roundoff of float64

const layoutFor = (request: StatisticsRequest) => statisticsLayout(DIM, STEPS, CHECKPOINTS.length, request, ESCAPE);

/** A trajectory's features at checkpoint `step`: x0, x1, loss = ‖x‖², exit step (≤ step). */
function sampleFeatures(rand: () => number, step: number): number[] {
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const x = [0.3 + 0.5 * normal(), -0.2 + 0.4 * normal()];
  return [...x, x[0] ** 2 + x[1] ** 2, Math.floor(rand() * (step + 1))];
}

/** A block partial as the GPU lays it out: [n, (mean, M2, M3, M4) × features, co-moments of the coordinates], two-pass in float64. */
function blockPartial(layout: StatisticsLayout, block: number[][]): number[] {
  const n = block.length;
  const out = new Array<number>(layout.partialWords).fill(0);
  out[0] = n;
  const mean = Array.from({ length: layout.features }, (_, f) => (n > 0 ? block.reduce((s, x) => s + x[f], 0) / n : 0));
  for (let f = 0; f < layout.features; f++) {
    out[1 + 4 * f] = mean[f];
    for (let k = 2; k <= 4; k++) out[1 + 4 * f + k - 1] = block.reduce((s, x) => s + (x[f] - mean[f]) ** k, 0);
  }
  let p = 1 + 4 * layout.features;
  for (let i = 0; i < layout.covarianceDim; i++) {
    for (let j = i; j < layout.covarianceDim; j++, p++) out[p] = block.reduce((s, x) => s + (x[i] - mean[i]) * (x[j] - mean[j]), 0);
  }
  return out;
}

/** One shard's raw material: finite samples per checkpoint, their block partials packed in one buffer per checkpoint, and counter-buffer readbacks. */
interface Shard {
  trajectories: number;
  samples: number[][][];
  partials: Float64Array[];
  counterReadbacks: Uint32Array[];
}

function makeShard(layout: StatisticsLayout, trajectories: number, seed: number): Shard {
  const rand = mulberry32(seed);
  const samples = CHECKPOINTS.map((step, c) => {
    // More trajectories diverge at later checkpoints.
    const finite = trajectories - c * (2 + Math.floor(rand() * 4));
    return Array.from({ length: finite }, () => sampleFeatures(rand, step));
  });
  const partials = samples.map((all) => {
    // Blocks of up to 256 trajectories, as the GPU cuts them, and an empty block whose words are garbage.
    const blocks: number[][][] = [];
    for (let at = 0; at < all.length; at += 256) blocks.push(all.slice(at, at + 256));
    const words = blocks.map((b) => blockPartial(layout, b));
    words.splice(1, 0, [0, ...new Array<number>(layout.partialWords - 1).fill(Number.NaN)]);
    return Float64Array.from(words.flat());
  });
  // Two chunks' worth of counter words (small random counts), as the runner reads them back.
  const counterReadbacks = [0, 1].map(() => Uint32Array.from({ length: layout.counterWords }, () => Math.floor(rand() * 50)));
  return { trajectories, samples, partials, counterReadbacks };
}

function accumulate(layout: StatisticsLayout, shards: Shard[]): EnsembleStatistics {
  const s = new EnsembleStatistics(
    layout,
    CHECKPOINTS,
    shards.reduce((t, sh) => t + sh.trajectories, 0),
  );
  for (const shard of shards) {
    shard.partials.forEach((buffer, c) => {
      for (let at = 0; at < buffer.length; at += layout.partialWords) s.mergeBlockPartial(c, buffer, at);
    });
    for (const words of shard.counterReadbacks) s.addCounters(words);
  }
  return s;
}

/**
 * Absolute bounds on the difference of two float64 computations of the moments of `samples`
 * (feature f), as derived in feature-moments.test.ts: each is exact for data perturbed by at most
 * n·u relative, and M_k moves by at most kε(Σ|x − x̄|^{k−1}|x| + |M_{k−1}|·Σ|x|/n) under a relative
 * perturbation ε; the mean by ε·Σ|x|/n.
 */
function momentBounds(samples: number[][], f: number) {
  const n = samples.length;
  const xs = samples.map((x) => x[f]);
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const absSum = xs.reduce((s, x) => s + Math.abs(x), 0);
  const central = (k: number) => (k === 1 ? 0 : xs.reduce((s, x) => s + (x - mean) ** k, 0));
  const sensitivity = (k: number) => k * (xs.reduce((s, x) => s + Math.abs(x - mean) ** (k - 1) * Math.abs(x), 0) + (Math.abs(central(k - 1)) * absSum) / n);
  return { mean: 2 * U * absSum, m2: 2 * n * U * sensitivity(2), m3: 2 * n * U * sensitivity(3), m4: 2 * n * U * sensitivity(4) };
}

function expectMomentsClose(a: FeatureMoments, b: FeatureMoments, samples: number[][], label: string) {
  expect(a.count, label).toBe(samples.length);
  expect(b.count, label).toBe(samples.length);
  for (let f = 0; f < a.features; f++) {
    const bound = momentBounds(samples, f);
    expect(Math.abs(a.mean[f] - b.mean[f]), `${label}: mean ${f}`).toBeLessThanOrEqual(bound.mean);
    expect(Math.abs(a.m2[f] - b.m2[f]), `${label}: M2 ${f}`).toBeLessThanOrEqual(bound.m2);
    expect(Math.abs(a.m3[f] - b.m3[f]), `${label}: M3 ${f}`).toBeLessThanOrEqual(bound.m3);
    expect(Math.abs(a.m4[f] - b.m4[f]), `${label}: M4 ${f}`).toBeLessThanOrEqual(bound.m4);
  }
}

const sumWords = (readbacks: Uint32Array[], from: number, length: number) =>
  Array.from({ length }, (_, i) => readbacks.reduce((s, w) => s + w[from + i], 0));

describe('EnsembleStatistics', () => {
  it('uses a layout of 4 features (x0, x1, loss, escapeStep), 17-word partials and 11 + 3 × 14 counter words', () => {
    const layout = layoutFor(REQUEST);
    expect(layout.featureNames).toEqual(['x0', 'x1', 'loss', 'escapeStep']);
    expect(layout.partialWords).toBe(1 + 4 * 4);
    expect(layout.covarianceDim).toBe(0);
    // Exit-step histogram: steps 0…10, one bin each.
    expect(layout.escapeTimeBins).toBe(11);
    // Per checkpoint: 2 coordinates × (4 bins + under/overflow), 1 region, 1 exit count.
    expect(layout.countersPerCheckpoint).toBe(2 * 6 + 1 + 1);
    expect(layout.counterWords).toBe(11 + 3 * 14);
  });

  it('addCounters adds the exit-step histogram from word 0 and checkpoint c’s counters from countersAt(c)', () => {
    const layout = layoutFor(REQUEST);
    const s = new EnsembleStatistics(layout, CHECKPOINTS, 0);
    const words = Uint32Array.from({ length: layout.counterWords }, (_, i) => 1000 + i);
    s.addCounters(words);
    s.addCounters(words);
    expect(s.escapeTimes).toEqual(Array.from(words.slice(0, layout.escapeTimeBins), (w) => 2 * w));
    CHECKPOINTS.forEach((_, c) => {
      const at = countersAt(layout, c);
      expect(s.checkpoints[c].counters, `checkpoint ${c}`).toEqual(Array.from(words.slice(at, at + layout.countersPerCheckpoint), (w) => 2 * w));
    });
  });

  for (const [name, request] of [
    ['loss, histogram and a region', REQUEST],
    ['the same request with covariance', { ...REQUEST, covariance: true }],
  ] as const) {
    describe(`merging disjoint shards (${name})`, () => {
      const layout = layoutFor(request);
      const shardA = makeShard(layout, 700, 1);
      const shardB = makeShard(layout, 300, 2);
      const a = accumulate(layout, [shardA]);
      const b = accumulate(layout, [shardB]);
      const all = accumulate(layout, [shardA, shardB]);
      const aBefore = JSON.parse(JSON.stringify(a));
      const merged = EnsembleStatistics.fromJSON(JSON.parse(JSON.stringify(a)));
      merged.merge(b);
      const union = CHECKPOINTS.map((_, c) => [...shardA.samples[c], ...shardB.samples[c]]);

      it('adds trajectories, finite counts, counters and exit-step histograms exactly, and diverged(c) = trajectories − count', () => {
        expect(merged.trajectories).toBe(1000);
        CHECKPOINTS.forEach((_, c) => {
          const cp = merged.checkpoints[c];
          expect(cp.count, `checkpoint ${c}`).toBe(shardA.samples[c].length + shardB.samples[c].length);
          expect(cp.count, `checkpoint ${c}`).toBe(aBefore.checkpoints[c].count + b.checkpoints[c].count);
          expect(cp.count, `checkpoint ${c}`).toBe(all.checkpoints[c].count);
          expect(merged.diverged(c), `checkpoint ${c}`).toBe(merged.trajectories - cp.count);
          expect(merged.diverged(c), `checkpoint ${c}`).toBe(a.diverged(c) + b.diverged(c));
          expect(cp.features.count).toBe(cp.count);
          const at = countersAt(layout, c);
          expect(cp.counters, `checkpoint ${c}`).toEqual(sumWords([...shardA.counterReadbacks, ...shardB.counterReadbacks], at, layout.countersPerCheckpoint));
          expect(cp.counters, `checkpoint ${c}`).toEqual(all.checkpoints[c].counters);
        });
        // Divergence grows with the checkpoints in these shards: the test does exercise it.
        expect(merged.diverged(2)).toBeGreaterThan(0);
        expect(merged.escapeTimes).toEqual(sumWords([...shardA.counterReadbacks, ...shardB.counterReadbacks], 0, layout.escapeTimeBins));
        expect(merged.escapeTimes).toEqual(all.escapeTimes);
      });

      it('gives the moments of accumulating both shards’ block partials into one object, within float64 rounding bounds', () => {
        CHECKPOINTS.forEach((step, c) => {
          expectMomentsClose(merged.checkpoints[c].features, all.checkpoints[c].features, union[c], `checkpoint ${step}`);
        });
      });

      if (layout.covarianceDim > 0) {
        it('gives the co-moments of accumulating both shards’ block partials into one object, within float64 rounding bounds', () => {
          CHECKPOINTS.forEach((step, c) => {
            const m = merged.checkpoints[c].coMoments!;
            const o = all.checkpoints[c].coMoments!;
            expect(m.count).toBe(union[c].length);
            const n = union[c].length;
            const mean = [0, 1].map((i) => union[c].reduce((s, x) => s + x[i], 0) / n);
            let p = 0;
            for (let i = 0; i < DIM; i++) {
              for (let j = i; j < DIM; j++, p++) {
                // As in co-moments.test.ts: 2nu·Σ(|x_i||x_j − m_j| + |x_i − m_i||x_j|).
                const bound = 2 * n * U * union[c].reduce((s, x) => s + Math.abs(x[i]) * Math.abs(x[j] - mean[j]) + Math.abs(x[i] - mean[i]) * Math.abs(x[j]), 0);
                expect(Math.abs(m.c[p] - o.c[p]), `checkpoint ${step}: C(${i}, ${j})`).toBeLessThanOrEqual(bound);
              }
            }
          });
        });
      } else {
        it('keeps no co-moments when the layout has no covariance', () => {
          expect(merged.checkpoints.every((cp) => cp.coMoments === undefined)).toBe(true);
        });
      }

      it('merging a shard into an empty object copies it exactly', () => {
        const empty = new EnsembleStatistics(layout, CHECKPOINTS, 0);
        empty.merge(a);
        expect(JSON.stringify(empty)).toBe(JSON.stringify(a));
      });

      it('round-trips exactly through toJSON, JSON.stringify, JSON.parse and fromJSON, and keeps merging like the original', () => {
        const text = JSON.stringify(merged);
        const back = EnsembleStatistics.fromJSON(JSON.parse(text));
        expect(back).toBeInstanceOf(EnsembleStatistics);
        expect(JSON.stringify(back)).toBe(text);
        expect(back.toJSON()).toEqual(merged.toJSON());
        CHECKPOINTS.forEach((_, c) => expect(back.diverged(c)).toBe(merged.diverged(c)));
        // No shared state with the parsed JSON or the original, and the same result after one more merge.
        const again = EnsembleStatistics.fromJSON(JSON.parse(text));
        again.merge(b);
        const original = EnsembleStatistics.fromJSON(JSON.parse(text));
        original.merge(b);
        expect(JSON.stringify(again)).toBe(JSON.stringify(original));
        expect(JSON.stringify(back)).toBe(text);
      });
    });
  }

  describe('refuses to merge statistics that do not describe the same checkpoints and layout', () => {
    const layout = layoutFor(REQUEST);
    const shard = makeShard(layout, 300, 3);

    it('throws on different checkpoint steps, leaving the target unchanged', () => {
      const target = accumulate(layout, [shard]);
      const before = JSON.stringify(target);
      // A filled shard whose last checkpoint is at step 9: the mismatch shows only after two checkpoints that agree.
      const json = accumulate(layout, [makeShard(layout, 200, 4)]).toJSON();
      json.checkpoints[2].step = 9;
      const other = EnsembleStatistics.fromJSON(json);
      expect(() => target.merge(other)).toThrow(/different checkpoints/);
      expect(JSON.stringify(target)).toBe(before);
    });

    it('throws on a different number of checkpoints', () => {
      const target = accumulate(layout, [shard]);
      const other = new EnsembleStatistics(layout, [0, 10], 10);
      expect(() => target.merge(other)).toThrow(/different layouts/);
    });

    it('throws on layouts with different features or counters, even when their partials have the same size', () => {
      const target = accumulate(layout, [shard]);
      const before = JSON.stringify(target);
      // Five histogram bins instead of four: same 17-word partials, 16 instead of 14 counters per checkpoint.
      const otherLayout = layoutFor({ ...REQUEST, histogram: { bins: 5, range: [-1, 1] } });
      expect(otherLayout.partialWords).toBe(layout.partialWords);
      expect(() => target.merge(new EnsembleStatistics(otherLayout, CHECKPOINTS, 10))).toThrow(/different layouts/);
      // Distance instead of loss: same number of features, different meaning.
      const swapped = layoutFor({ ...REQUEST, loss: false, distance: true, minimizer: [0, 0] });
      expect(swapped.partialWords).toBe(layout.partialWords);
      expect(() => target.merge(new EnsembleStatistics(swapped, CHECKPOINTS, 10))).toThrow(/different layouts/);
      expect(JSON.stringify(target)).toBe(before);
    });
  });
});

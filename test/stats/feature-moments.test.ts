import { describe, expect, it } from 'vitest';
import { FeatureMoments } from '../../src/stats/feature-moments';
import { mulberry32 } from '../linalg/seeded-random';

const N = 1000;
/** Normal features: means of the order of the spread, so the problem is well conditioned. */
const CENTER = [3, -1, 0.5];
const SCALE = [2, 1.5, 1];
/** Features: the three normals, then an Exp(1) one (skewed, so M3 is far from zero). */
const FEATURES = CENTER.length + 1;
const EXPONENTIAL = CENTER.length;
const U = Number.EPSILON / 2; // unit roundoff of float64

/** Words of a block partial: [n, (mean, M2, M3, M4) × features]. */
const partialWords = (features: number) => 1 + 4 * features;

function normalSampler(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** N samples of FEATURES features, from a fixed seed. */
function sampleData(seed: number): number[][] {
  const rand = mulberry32(seed);
  const normal = normalSampler(rand);
  return Array.from({ length: N }, () => [...CENTER.map((c, i) => c + SCALE[i] * normal()), -Math.log(1 - rand())]);
}

/**
 * Two-pass float64 moments of feature f and the bounds on the rounding error
 * of any summation order.
 *
 * Model (as for the mean and variance, Chan, Golub & LeVeque 1983, Higham 2002
 * §4.2): each algorithm — two-pass sums, one-sample pushes, Chan/Pébay merges
 * of block partials — returns the exact moments of data perturbed by at most
 * n·u relative, so two of them differ by at most twice the first-order effect
 * of such a perturbation:
 * - mean: relative n·u·Σ|x| / |Σx| (condition number of a sum);
 * - variance: relative n·u·κ, κ = √(1 + n x̄² / M2);
 * - M_k = Σ(x − x̄)^k: ∂M_k/∂x_j = k(x_j − x̄)^{k−1} − k M_{k−1}/n, so a relative
 *   perturbation ε moves M_k by at most kε(Σ|x − x̄|^{k−1}|x| + |M_{k−1}|·Σ|x|/n).
 *   This is an absolute bound, so it stays meaningful where M3 ≈ 0 (symmetric
 *   data); for k = 2 Cauchy–Schwarz gives 2κ·M2, the variance bound above (×2).
 */
function twoPass(data: number[][], f: number) {
  const n = data.length;
  const xs = data.map((x) => x[f]);
  const sum = xs.reduce((s, x) => s + x, 0);
  const mean = sum / n;
  const absSum = xs.reduce((s, x) => s + Math.abs(x), 0);
  const central = (k: number) => xs.reduce((s, x) => s + (x - mean) ** k, 0);
  const m = [n, 0, central(2), central(3), central(4)];
  const sensitivity = (k: number) => k * (xs.reduce((s, x) => s + Math.abs(x - mean) ** (k - 1) * Math.abs(x), 0) + (Math.abs(m[k - 1]) * absSum) / n);
  return {
    mean,
    m2: m[2],
    m3: m[3],
    m4: m[4],
    variance: m[2] / (n - 1),
    meanTolerance: 2 * n * U * (absSum / Math.abs(sum)),
    varianceTolerance: 2 * n * U * Math.sqrt(1 + (n * mean * mean) / m[2]),
    /** Absolute bounds on the difference of two computations of M3, M4. */
    m3Bound: 2 * n * U * sensitivity(3),
    m4Bound: 2 * n * U * sensitivity(4),
  };
}

/** A partial laid out as the GPU writes it, [n, (mean, M2, M3, M4) × features], two-pass within the block in float64. */
function blockPartial(block: number[][], features = FEATURES): number[] {
  const n = block.length;
  const out = new Array<number>(partialWords(features)).fill(0);
  out[0] = n;
  for (let f = 0; f < features; f++) {
    const mean = n > 0 ? block.reduce((s, x) => s + x[f], 0) / n : 0;
    for (let k = 2; k <= 4; k++) out[1 + 4 * f + k - 1] = block.reduce((s, x) => s + (x[f] - mean) ** k, 0);
    out[1 + 4 * f] = mean;
  }
  return out;
}

/** Cuts data into consecutive blocks at `cuts` random places (some blocks may be empty). */
function randomBlocks(data: number[][], cuts: number, seed: number): number[][][] {
  const rand = mulberry32(seed);
  const points = Array.from({ length: cuts }, () => Math.floor(rand() * (data.length + 1))).sort((a, b) => a - b);
  const bounds = [0, ...points, data.length];
  return bounds.slice(1).map((end, k) => data.slice(bounds[k], end));
}

function mergeBlocks(blocks: number[][][]): FeatureMoments {
  const acc = new FeatureMoments(FEATURES);
  for (const block of blocks) acc.mergePartial(blockPartial(block), 0);
  return acc;
}

function pushAll(data: number[][], features = FEATURES): FeatureMoments {
  const acc = new FeatureMoments(features);
  for (const x of data) acc.push(x);
  return acc;
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
type Exact = ReturnType<typeof twoPass>;

/** Expects acc to hold the moments `exact` describes, within the rounding bounds. */
function expectMoments(acc: FeatureMoments, exact: Exact[], label: string) {
  expect(acc.count, label).toBe(N);
  for (let f = 0; f < FEATURES; f++) {
    const e = exact[f];
    expect(relErr(acc.mean[f], e.mean), `${label}: mean ${f}`).toBeLessThanOrEqual(e.meanTolerance);
    expect(relErr(acc.variance(f), e.variance), `${label}: variance ${f}`).toBeLessThanOrEqual(e.varianceTolerance);
    expect(Math.abs(acc.m3[f] - e.m3), `${label}: M3 ${f}`).toBeLessThanOrEqual(e.m3Bound);
    expect(Math.abs(acc.m4[f] - e.m4), `${label}: M4 ${f}`).toBeLessThanOrEqual(e.m4Bound);
  }
}

describe('FeatureMoments', () => {
  const data = sampleData(20240611);
  const exact = Array.from({ length: FEATURES }, (_, f) => twoPass(data, f));

  it('uses data conditioned well enough that the derived tolerances are at most 1e-12 of the mean and variance and 1e-11 of M3 and M4 (of n·σ³ for the symmetric features’ M3)', () => {
    for (const [f, e] of exact.entries()) {
      expect(e.meanTolerance, `mean ${f}`).toBeLessThanOrEqual(1e-12);
      expect(e.varianceTolerance, `variance ${f}`).toBeLessThanOrEqual(1e-12);
      expect(e.m4Bound / e.m4, `M4 ${f}`).toBeLessThanOrEqual(1e-11);
      // M3 of a normal sample is only sampling noise, ~σ³√n: measure its bound on the natural scale n·σ³.
      const scale = f === EXPONENTIAL ? Math.abs(e.m3) : N * (e.m2 / N) ** 1.5;
      expect(e.m3Bound / scale, `M3 ${f}`).toBeLessThanOrEqual(1e-11);
    }
    // The exponential feature is genuinely skewed (skewness 2 in law): its M3 is not a rounding-level quantity.
    const e = exact[EXPONENTIAL];
    expect((e.m3 / N) / (e.m2 / N) ** 1.5).toBeGreaterThan(1.5);
  });

  it('Chan/Pébay-merged block partials give the mean, variance, M3 and M4 of one push-per-sample pass and of a two-pass float64 computation', () => {
    const merged = mergeBlocks(randomBlocks(data, 40, 7));
    const single = pushAll(data);
    expectMoments(merged, exact, 'merged');
    expectMoments(single, exact, 'pushed');
    for (let f = 0; f < FEATURES; f++) {
      const e = exact[f];
      expect(relErr(merged.mean[f], single.mean[f]), `merged vs pushed mean ${f}`).toBeLessThanOrEqual(e.meanTolerance);
      expect(relErr(merged.variance(f), single.variance(f)), `merged vs pushed variance ${f}`).toBeLessThanOrEqual(e.varianceTolerance);
      expect(Math.abs(merged.m3[f] - single.m3[f]), `merged vs pushed M3 ${f}`).toBeLessThanOrEqual(e.m3Bound);
      expect(Math.abs(merged.m4[f] - single.m4[f]), `merged vs pushed M4 ${f}`).toBeLessThanOrEqual(e.m4Bound);
    }
  });

  it('gives the same mean, variance, M3 and M4 however the data is cut into blocks, all agreeing with the two-pass computation', () => {
    const cuttings = [
      [data],
      data.map((x) => [x]),
      randomBlocks(data, 3, 1),
      randomBlocks(data, 40, 2),
      randomBlocks(data, 400, 3),
      Array.from({ length: Math.ceil(N / 256) }, (_, k) => data.slice(256 * k, 256 * (k + 1))),
    ];
    for (const [c, blocks] of cuttings.entries()) expectMoments(mergeBlocks(blocks), exact, `cutting ${c}`);
    // One block of everything is the two-pass computation itself.
    const whole = mergeBlocks([data]);
    for (let f = 0; f < FEATURES; f++) {
      expect([whole.mean[f], whole.m2[f], whole.m3[f], whole.m4[f]]).toEqual([exact[f].mean, exact[f].m2, exact[f].m3, exact[f].m4]);
    }
  });

  it('merging two accumulators gives the moments of pushing all their samples into one', () => {
    for (const split of [1, 137, 500, 999]) {
      const a = pushAll(data.slice(0, split));
      const b = mergeBlocks(randomBlocks(data.slice(split), 5, split));
      a.merge(b);
      expectMoments(a, exact, `split at ${split}`);
    }
    // Merging with an empty accumulator, on either side, copies exactly.
    const full = mergeBlocks(randomBlocks(data, 10, 5));
    const intoEmpty = new FeatureMoments(FEATURES);
    intoEmpty.merge(full);
    expect(intoEmpty.toJSON()).toEqual(full.toJSON());
    const withEmpty = mergeBlocks(randomBlocks(data, 10, 5));
    withEmpty.merge(new FeatureMoments(FEATURES));
    expect(withEmpty.toJSON()).toEqual(full.toJSON());
  });

  it('ignores empty partials, even when their moment words are garbage', () => {
    const blocks = randomBlocks(data, 10, 4);
    const plain = mergeBlocks(blocks);
    const withEmpty = new FeatureMoments(FEATURES);
    const garbage = new Array<number>(partialWords(FEATURES)).fill(Number.NaN);
    garbage[0] = 0;
    withEmpty.mergePartial(garbage, 0);
    for (const block of blocks) {
      withEmpty.mergePartial(blockPartial(block), 0);
      withEmpty.mergePartial(garbage, 0);
    }
    expect(withEmpty.toJSON()).toEqual(plain.toJSON());
  });

  it('reads a partial at the offset it is given, and merging one partial into an empty accumulator reproduces it exactly', () => {
    const block = data.slice(0, 5);
    const words = blockPartial(block);
    // The same partial behind 3 words of padding.
    const padded = [-1, -1, -1, ...words, -1];
    const a = new FeatureMoments(FEATURES);
    a.mergePartial(words, 0);
    const b = new FeatureMoments(FEATURES);
    b.mergePartial(padded, 3);
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(a.count).toBe(5);
    for (let f = 0; f < FEATURES; f++) {
      expect([a.mean[f], a.m2[f], a.m3[f], a.m4[f]], `feature ${f}`).toEqual(words.slice(1 + 4 * f, 5 + 4 * f));
    }
  });

  it('merging one partial or accumulator into an empty accumulator copies its mean, M2, M3 and M4 exactly, for any count', () => {
    for (const [b, block] of randomBlocks(data, 100, 6).entries()) {
      if (block.length === 0) continue;
      const words = blockPartial(block);
      const acc = new FeatureMoments(FEATURES);
      acc.mergePartial(words, 0);
      expect(acc.count).toBe(block.length);
      for (let f = 0; f < FEATURES; f++) expect([acc.mean[f], acc.m2[f], acc.m3[f], acc.m4[f]], `block ${b}, feature ${f}`).toEqual(words.slice(1 + 4 * f, 5 + 4 * f));
      const pushed = pushAll(block);
      const copy = new FeatureMoments(FEATURES);
      copy.merge(pushed);
      expect(copy.toJSON(), `block ${b}, pushed`).toEqual(pushed.toJSON());
    }
  });

  it('reports NaN variance and mean standard error with fewer than two samples, and finite ones from two on', () => {
    const acc = new FeatureMoments(FEATURES);
    const all = (g: (f: number) => number) => Array.from({ length: FEATURES }, (_, f) => g(f));
    expect(all((f) => acc.variance(f)).every(Number.isNaN)).toBe(true);
    expect(all((f) => acc.meanStandardError(f)).every(Number.isNaN)).toBe(true);
    acc.push(data[0]);
    expect(all((f) => acc.variance(f)).every(Number.isNaN)).toBe(true);
    expect(all((f) => acc.meanStandardError(f)).every(Number.isNaN)).toBe(true);
    acc.push(data[1]);
    expect(all((f) => acc.variance(f)).every(Number.isFinite)).toBe(true);
    expect(all((f) => acc.meanStandardError(f)).every(Number.isFinite)).toBe(true);

    const merged = new FeatureMoments(FEATURES);
    merged.mergePartial(blockPartial([data[0]]), 0);
    expect(all((f) => merged.variance(f)).every(Number.isNaN)).toBe(true);
    merged.mergePartial(blockPartial([data[1]]), 0);
    for (let f = 0; f < FEATURES; f++) {
      // Two samples: unbiased variance (a − b)² / 2. Each side rounds the difference (u, doubled by
      // squaring) and the square (u); halving is exact: at most 3u each, 6u apart, bounded by 8u.
      const expected = (data[0][f] - data[1][f]) ** 2 / 2;
      expect(relErr(merged.variance(f), expected), `feature ${f}`).toBeLessThanOrEqual(8 * U);
      expect(relErr(acc.variance(f), expected), `pushed feature ${f}`).toBeLessThanOrEqual(8 * U);
    }
  });

  it('reports a NaN variance standard error with fewer than four samples (the fourth-moment formula needs n − 3 > 0)', () => {
    const acc = new FeatureMoments(FEATURES);
    for (let k = 0; k < 3; k++) {
      expect(acc.varianceStandardError(0), `${k} samples`).toBeNaN();
      acc.push(data[k]);
    }
    expect(acc.varianceStandardError(0)).toBeNaN();
    acc.push(data[3]);
    expect(Number.isFinite(acc.varianceStandardError(0))).toBe(true);
  });

  describe('varianceStandardError', () => {
    /** One-feature accumulator of n draws of `draw`. */
    const sampleOf = (n: number, draw: () => number) => {
      const acc = new FeatureMoments(1);
      const x = [0];
      for (let i = 0; i < n; i++) {
        x[0] = draw();
        acc.push(x);
      }
      return acc;
    };
    const gaussianValue = (acc: FeatureMoments) => acc.variance(0) * Math.sqrt(2 / (acc.count - 1));

    it('matches the Gaussian value s²·√(2/(n−1)) within 3% for 10⁵ normal samples', () => {
      // The ratio of the two estimates is √(1 + (m4/m2² − 3)/2) to first order; by the delta method
      // m4/m2² − 3 has influence function He4(z) = z⁴ − 6z² + 3 (variance 4! = 24), so the ratio has
      // standard deviation √24/(2√n) ≈ 0.4% at n = 1e5: 3% is more than 7 standard deviations.
      const rand = mulberry32(11);
      const normal = normalSampler(rand);
      const acc = sampleOf(100_000, () => 5 + 3 * normal());
      expect(relErr(acc.varianceStandardError(0), gaussianValue(acc))).toBeLessThanOrEqual(0.03);
    });

    it('matches the analytic √((μ4 − σ⁴)/n) = √(8/n) within 5% for 10⁶ Exp(1) samples, twice the Gaussian value', () => {
      // Exp(1) has σ² = 1, μ3 = 2, μ4 = 9, μ8 = 14833. By the delta method the estimate of μ4 − σ⁴
      // has influence function y⁴ − 2y² − 8y − 7 (y = x − 1), of variance 13184, so its relative
      // standard deviation is √13184/(8√n) ≈ 1.4% and that of the standard error ≈ 0.7% at n = 1e6:
      // 5% is about 7 standard deviations.
      const rand = mulberry32(12);
      const n = 1_000_000;
      const acc = sampleOf(n, () => -Math.log(1 - rand()));
      const se = acc.varianceStandardError(0);
      expect(relErr(se, Math.sqrt(8 / n))).toBeLessThanOrEqual(0.05);
      // Heavier tails than a Gaussian's (kurtosis 9 vs 3): the Gaussian formula would understate it by √(8/2) = 2.
      expect(se / gaussianValue(acc)).toBeGreaterThan(1.8);
    });

    it('is about zero for ±1 coin flips, whose sample variance barely fluctuates (μ4 = σ⁴), far below the Gaussian value', () => {
      // For ±1 data s² = n(1 − x̄²)/(n − 1) depends only on x̄, whose fluctuation ~1/√n enters squared:
      // the standard error is O(1/n), against the Gaussian O(1/√n).
      const rand = mulberry32(13);
      const n = 100_000;
      const acc = sampleOf(n, () => (rand() < 0.5 ? -1 : 1));
      const se = acc.varianceStandardError(0);
      expect(se).toBeLessThanOrEqual(10 / n);
      expect(se / gaussianValue(acc)).toBeLessThanOrEqual(0.01);
    });
  });

  it('round-trips exactly through toJSON, JSON.stringify, JSON.parse and fromJSON', () => {
    const acc = mergeBlocks(randomBlocks(data, 40, 9));
    const back = FeatureMoments.fromJSON(JSON.parse(JSON.stringify(acc)));
    expect(back).toBeInstanceOf(FeatureMoments);
    expect(back.features).toBe(FEATURES);
    expect(back.count).toBe(acc.count);
    for (const key of ['mean', 'm2', 'm3', 'm4'] as const) expect(Array.from(back[key]), key).toEqual(Array.from(acc[key]));
    // And it keeps merging like the original.
    const more = mergeBlocks(randomBlocks(data, 5, 10));
    acc.merge(more);
    back.merge(more);
    expect(back.toJSON()).toEqual(acc.toJSON());
  });
});

import { describe, expect, it } from 'vitest';
import { partialWords } from '../../src/ensemble/layout';
import { MomentAccumulator } from '../../src/stats/moment-accumulator';
import { mulberry32 } from '../linalg/seeded-random';

const DIM = 3;
const N = 1000;
/** Per-coordinate location and scale of the data: means of the order of the spread, so the problem is well conditioned. */
const CENTER = [3, -1, 0.5];
const SCALE = [2, 1.5, 1];
const U = Number.EPSILON / 2; // unit roundoff of float64

/** N samples of DIM coordinates, normal (Box–Muller) around CENTER with spread SCALE, from a fixed seed. */
function sampleData(seed: number): number[][] {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: N }, () => CENTER.map((c, i) => c + SCALE[i] * normal()));
}

/** Two-pass float64 mean, M2 and the condition numbers that bound the rounding error of any summation order. */
function twoPass(data: number[][], i: number) {
  const n = data.length;
  const sum = data.reduce((s, x) => s + x[i], 0);
  const mean = sum / n;
  const m2 = data.reduce((s, x) => s + (x[i] - mean) ** 2, 0);
  const absSum = data.reduce((s, x) => s + Math.abs(x[i]), 0);
  return {
    mean,
    variance: m2 / (n - 1),
    // Condition number of a sum: Σ|x| / |Σx| (Higham 2002, §4.2).
    meanCondition: absSum / Math.abs(sum),
    // Condition number of the variance: κ = √(1 + n x̄² / M2) (Chan, Golub & LeVeque 1983).
    varianceCondition: Math.sqrt(1 + (n * mean * mean) / m2),
  };
}

/**
 * Relative tolerance between two float64 computations of the same moment:
 * each of Welford's updates, Chan's merges and plain summation has a
 * forward error of at most about n·κ·u relative (Chan, Golub & LeVeque 1983,
 * Higham 2002 §4.2); two of them differ by at most twice that. With n = 1000
 * and κ ≲ 2 here this is below 1e-12.
 */
const tolerance = (condition: number) => 2 * N * condition * U;

/** A partial laid out as the GPU writes it: [count, mean_0 … mean_{d−1}, m2_0 … m2_{d−1}] (two-pass within the block). */
function blockPartial(block: number[][]): number[] {
  const n = block.length;
  const out = new Array<number>(partialWords(DIM)).fill(0);
  out[0] = n;
  for (let i = 0; i < DIM; i++) {
    const mean = n > 0 ? block.reduce((s, x) => s + x[i], 0) / n : 0;
    out[1 + i] = mean;
    out[1 + DIM + i] = block.reduce((s, x) => s + (x[i] - mean) ** 2, 0);
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

function mergeBlocks(blocks: number[][][]): MomentAccumulator {
  const acc = new MomentAccumulator(DIM);
  for (const block of blocks) acc.mergePartial(block.length, blockPartial(block), 1, 1 + DIM);
  return acc;
}

function welford(data: number[][]): MomentAccumulator {
  const acc = new MomentAccumulator(DIM);
  for (const x of data) acc.push(x);
  return acc;
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('MomentAccumulator', () => {
  const data = sampleData(20240611);
  const exact = Array.from({ length: DIM }, (_, i) => twoPass(data, i));

  it('uses data conditioned well enough that the derived tolerances are at most 1e-12', () => {
    for (const e of exact) {
      expect(tolerance(e.meanCondition)).toBeLessThanOrEqual(1e-12);
      expect(tolerance(e.varianceCondition)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('Chan-merged block partials give the mean and variance of one Welford pass and of a two-pass float64 computation', () => {
    const merged = mergeBlocks(randomBlocks(data, 40, 7));
    const single = welford(data);
    expect(merged.count).toBe(N);
    expect(single.count).toBe(N);
    const mergedVar = merged.variance();
    const singleVar = single.variance();
    for (let i = 0; i < DIM; i++) {
      const { mean, variance, meanCondition, varianceCondition } = exact[i];
      expect(relErr(merged.mean[i], mean), `merged mean ${i}`).toBeLessThanOrEqual(tolerance(meanCondition));
      expect(relErr(single.mean[i], mean), `Welford mean ${i}`).toBeLessThanOrEqual(tolerance(meanCondition));
      expect(relErr(merged.mean[i], single.mean[i]), `merged vs Welford mean ${i}`).toBeLessThanOrEqual(tolerance(meanCondition));
      expect(relErr(mergedVar[i], variance), `merged variance ${i}`).toBeLessThanOrEqual(tolerance(varianceCondition));
      expect(relErr(singleVar[i], variance), `Welford variance ${i}`).toBeLessThanOrEqual(tolerance(varianceCondition));
      expect(relErr(mergedVar[i], singleVar[i]), `merged vs Welford variance ${i}`).toBeLessThanOrEqual(tolerance(varianceCondition));
    }
  });

  it('gives the same moments however the data is cut into blocks', () => {
    const cuttings = [
      [data],
      data.map((x) => [x]),
      randomBlocks(data, 3, 1),
      randomBlocks(data, 40, 2),
      randomBlocks(data, 400, 3),
      Array.from({ length: Math.ceil(N / 256) }, (_, k) => data.slice(256 * k, 256 * (k + 1))),
    ];
    const reference = mergeBlocks(cuttings[0]);
    const referenceVar = reference.variance();
    for (const [c, blocks] of cuttings.entries()) {
      const acc = mergeBlocks(blocks);
      expect(acc.count, `cutting ${c}`).toBe(N);
      const variance = acc.variance();
      for (let i = 0; i < DIM; i++) {
        expect(relErr(acc.mean[i], reference.mean[i]), `cutting ${c} mean ${i}`).toBeLessThanOrEqual(tolerance(exact[i].meanCondition));
        expect(relErr(variance[i], referenceVar[i]), `cutting ${c} variance ${i}`).toBeLessThanOrEqual(tolerance(exact[i].varianceCondition));
      }
    }
  });

  it('ignores empty partials, even when their moment words are garbage', () => {
    const blocks = randomBlocks(data, 10, 4);
    const plain = mergeBlocks(blocks);
    const withEmpty = new MomentAccumulator(DIM);
    const garbage = new Array<number>(partialWords(DIM)).fill(Number.NaN);
    withEmpty.mergePartial(0, garbage, 1, 1 + DIM);
    for (const block of blocks) {
      withEmpty.mergePartial(block.length, blockPartial(block), 1, 1 + DIM);
      withEmpty.mergePartial(0, garbage, 1, 1 + DIM);
    }
    expect(withEmpty.count).toBe(plain.count);
    expect(Array.from(withEmpty.mean)).toEqual(Array.from(plain.mean));
    expect(Array.from(withEmpty.m2)).toEqual(Array.from(plain.m2));
  });

  it('reads a partial at the offsets it is given', () => {
    const block = data.slice(0, 5);
    const words = blockPartial(block);
    // The same partial behind 3 words of padding: count, then means at 4, M2s at 4 + DIM.
    const padded = [-1, -1, -1, ...words];
    const a = new MomentAccumulator(DIM);
    a.mergePartial(words[0], words, 1, 1 + DIM);
    const b = new MomentAccumulator(DIM);
    b.mergePartial(padded[3], padded, 4, 4 + DIM);
    expect(Array.from(b.mean)).toEqual(Array.from(a.mean));
    expect(Array.from(b.m2)).toEqual(Array.from(a.m2));
    expect(Array.from(a.mean)).toEqual(words.slice(1, 1 + DIM));
  });

  it('reports NaN variance with fewer than two samples, and a finite one from two on', () => {
    const acc = new MomentAccumulator(DIM);
    expect(acc.variance().every(Number.isNaN)).toBe(true);
    acc.push(data[0]);
    expect(acc.variance().every(Number.isNaN)).toBe(true);
    acc.push(data[1]);
    expect(acc.variance().every(Number.isFinite)).toBe(true);

    const merged = new MomentAccumulator(DIM);
    merged.mergePartial(1, blockPartial([data[0]]), 1, 1 + DIM);
    expect(merged.variance().every(Number.isNaN)).toBe(true);
    merged.mergePartial(1, blockPartial([data[1]]), 1, 1 + DIM);
    const v = merged.variance();
    for (let i = 0; i < DIM; i++) {
      // Two samples: unbiased variance (a − b)² / 2. Each side rounds the difference (u, doubled by
      // squaring) and the square (u); halving is exact: at most 3u each, 6u apart, bounded by 8u.
      const expected = (data[0][i] - data[1][i]) ** 2 / 2;
      expect(relErr(v[i], expected), `coordinate ${i}`).toBeLessThanOrEqual(8 * U);
    }
  });
});

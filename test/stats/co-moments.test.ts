import { describe, expect, it } from 'vitest';
import { CoMoments } from '../../src/stats/co-moments';
import { FeatureMoments } from '../../src/stats/feature-moments';
import { mulberry32 } from '../linalg/seeded-random';

const DIM = 3;
const N = 1000;
const U = Number.EPSILON / 2; // unit roundoff of float64
/** x = CENTER + A z with z standard normal: correlated coordinates, means of the order of the spread. */
const CENTER = [3, -1, 0.5];
const A = [
  [2, 0, 0],
  [0.9, 1.2, 0],
  [-0.5, 0.4, 0.8],
];
const covarianceWords = (d: number) => (d * (d + 1)) / 2;

function sampleData(seed: number): number[][] {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: N }, () => {
    const z = CENTER.map(() => normal());
    return CENTER.map((c, i) => c + A[i].reduce((s, a, k) => s + a * z[k], 0));
  });
}

/**
 * Two-pass float64 covariance and a bound on the difference of two computations.
 * As for the variance (Chan, Golub & LeVeque 1983): each algorithm returns the exact
 * co-moments of data perturbed by at most n·u relative, and C_ij = Σ(x_i − m_i)(x_j − m_j)
 * has ∂C_ij/∂x_{i,s} = x_{j,s} − m_j (the mean's term sums to zero), so it moves by at most
 * n·u·Σ(|x_i||x_j − m_j| + |x_i − m_i||x_j|); two computations differ by at most twice that.
 * Measured against √(C_ii C_jj) (the entry's natural scale, as correlations are), this is
 * 2nu·(√(Σx_i²/C_ii) + √(Σx_j²/C_jj)) by Cauchy–Schwarz: about 1e-12 for n = 1000 and
 * means of the order of the spread, and typical errors (random rounding, ~√n·u) are 1e-14.
 */
function twoPass(data: number[][]) {
  const n = data.length;
  const mean = CENTER.map((_, i) => data.reduce((s, x) => s + x[i], 0) / n);
  const c = CENTER.map((_, i) => CENTER.map((_, j) => data.reduce((s, x) => s + (x[i] - mean[i]) * (x[j] - mean[j]), 0)));
  const bound = CENTER.map((_, i) =>
    CENTER.map((_, j) => 2 * n * U * data.reduce((s, x) => s + Math.abs(x[i]) * Math.abs(x[j] - mean[j]) + Math.abs(x[i] - mean[i]) * Math.abs(x[j]), 0)),
  );
  return { mean, covariance: c.map((row) => row.map((v) => v / (n - 1))), c, bound };
}

/** Σ (x_i − m_i)^a (x_j − m_j)^b over the data, two-pass in float64. */
function mixedMoment(data: number[][], mean: number[], i: number, j: number, a: number, b: number): number {
  return data.reduce((s, x) => s + (x[i] - mean[i]) ** a * (x[j] - mean[j]) ** b, 0);
}

/**
 * A partial laid out as the GPU writes it: [n, (mean, M2, M3, M4) × DIM, then over the upper
 * triangle the co-moments C, and the mixed moments M21, M12, M22], two-pass within the block in float64.
 */
function blockPartial(block: number[][]): number[] {
  const n = block.length;
  const w = covarianceWords(DIM);
  const out = new Array<number>(1 + 4 * DIM + 4 * w).fill(0);
  out[0] = n;
  const mean = CENTER.map((_, i) => (n > 0 ? block.reduce((s, x) => s + x[i], 0) / n : 0));
  for (let i = 0; i < DIM; i++) {
    out[1 + 4 * i] = mean[i];
    for (let k = 2; k <= 4; k++) out[1 + 4 * i + k - 1] = block.reduce((s, x) => s + (x[i] - mean[i]) ** k, 0);
  }
  let p = 1 + 4 * DIM;
  for (let i = 0; i < DIM; i++) {
    for (let j = i; j < DIM; j++, p++) {
      out[p] = mixedMoment(block, mean, i, j, 1, 1);
      out[p + w] = mixedMoment(block, mean, i, j, 2, 1);
      out[p + 2 * w] = mixedMoment(block, mean, i, j, 1, 2);
      out[p + 3 * w] = mixedMoment(block, mean, i, j, 2, 2);
    }
  }
  return out;
}

function randomBlocks(data: number[][], cuts: number, seed: number): number[][][] {
  const rand = mulberry32(seed);
  const points = Array.from({ length: cuts }, () => Math.floor(rand() * (data.length + 1))).sort((a, b) => a - b);
  const bounds = [0, ...points, data.length];
  return bounds.slice(1).map((end, k) => data.slice(bounds[k], end));
}

const mergePartialAt = (acc: CoMoments, words: ArrayLike<number>, at: number) => acc.mergePartial(words[at], words, at + 1, 4, at + 1 + 4 * DIM);

function mergeBlocks(blocks: number[][][]): CoMoments {
  const acc = new CoMoments(DIM);
  for (const block of blocks) mergePartialAt(acc, blockPartial(block), 0);
  return acc;
}

function pushAll(data: number[][]): CoMoments {
  const acc = new CoMoments(DIM);
  for (const x of data) acc.push(x);
  return acc;
}

describe('CoMoments', () => {
  const data = sampleData(31337);
  const exact = twoPass(data);
  /** |a_ij − b_ij| ≤ bound_ij / (n − 1) for every entry of two covariance matrices. */
  const expectCovariance = (got: number[][], label: string) => {
    for (let i = 0; i < DIM; i++) {
      for (let j = 0; j < DIM; j++) {
        expect(Math.abs(got[i][j] - exact.covariance[i][j]), `${label}: (${i}, ${j})`).toBeLessThanOrEqual(exact.bound[i][j] / (N - 1));
      }
    }
  };

  it('uses data conditioned well enough that the bounds are at most 1e-12 of √(C_ii C_jj), with genuinely correlated coordinates', () => {
    for (let i = 0; i < DIM; i++) {
      for (let j = 0; j < DIM; j++) {
        expect(exact.bound[i][j] / Math.sqrt(exact.c[i][i] * exact.c[j][j]), `(${i}, ${j})`).toBeLessThanOrEqual(1e-12);
      }
    }
    expect(exact.c[0][1] / Math.sqrt(exact.c[0][0] * exact.c[1][1])).toBeGreaterThan(0.3);
  });

  it('gives the two-pass covariance matrix from block partials however the data is cut, and from one push per sample', () => {
    const cuttings = [[data], data.map((x) => [x]), randomBlocks(data, 3, 1), randomBlocks(data, 40, 2), randomBlocks(data, 400, 3)];
    for (const [c, blocks] of cuttings.entries()) {
      const acc = mergeBlocks(blocks);
      expect(acc.count, `cutting ${c}`).toBe(N);
      expectCovariance(acc.covariance(), `cutting ${c}`);
      for (let i = 0; i < DIM; i++) expect(Math.abs(acc.mean[i] - exact.mean[i]) / Math.abs(exact.mean[i]), `cutting ${c}: mean ${i}`).toBeLessThanOrEqual(1e-12);
    }
    expectCovariance(pushAll(data).covariance(), 'pushed');
    // A single block is the two-pass computation itself.
    const whole = mergeBlocks([data]);
    const words = blockPartial(data);
    expect(Array.from(whole.mean)).toEqual(Array.from({ length: DIM }, (_, i) => words[1 + 4 * i]));
    expect(Array.from(whole.c)).toEqual(words.slice(1 + 4 * DIM, 1 + 4 * DIM + covarianceWords(DIM)));
  });

  it('merging one partial or accumulator into an empty accumulator copies its means and co-moments exactly, for any count', () => {
    for (const [b, block] of randomBlocks(data, 100, 9).entries()) {
      if (block.length === 0) continue;
      const words = blockPartial(block);
      const acc = new CoMoments(DIM);
      mergePartialAt(acc, words, 0);
      expect(acc.count).toBe(block.length);
      expect(Array.from(acc.mean), `block ${b}`).toEqual(Array.from({ length: DIM }, (_, i) => words[1 + 4 * i]));
      const w = covarianceWords(DIM);
      const at = 1 + 4 * DIM;
      expect(Array.from(acc.c), `block ${b}`).toEqual(words.slice(at, at + w));
      expect(Array.from(acc.m21), `block ${b}`).toEqual(words.slice(at + w, at + 2 * w));
      expect(Array.from(acc.m12), `block ${b}`).toEqual(words.slice(at + 2 * w, at + 3 * w));
      expect(Array.from(acc.m22), `block ${b}`).toEqual(words.slice(at + 3 * w, at + 4 * w));
      // Means that are not a plain sum / n (here: one push per sample) too.
      const pushed = pushAll(block);
      const copy = new CoMoments(DIM);
      copy.merge(pushed);
      expect(copy.toJSON(), `block ${b}, pushed`).toEqual(pushed.toJSON());
    }
  });

  it('gives a symmetric covariance matrix', () => {
    const cov = mergeBlocks(randomBlocks(data, 40, 4)).covariance();
    for (let i = 0; i < DIM; i++) for (let j = 0; j < DIM; j++) expect(cov[i][j]).toBe(cov[j][i]);
  });

  it('merging two accumulators gives the covariance of pushing all their samples into one', () => {
    const pushed = pushAll(data).covariance();
    for (const split of [1, 137, 500, 999]) {
      const a = pushAll(data.slice(0, split));
      a.merge(mergeBlocks(randomBlocks(data.slice(split), 5, split)));
      expect(a.count).toBe(N);
      expectCovariance(a.covariance(), `split at ${split}`);
      for (let i = 0; i < DIM; i++) {
        for (let j = 0; j < DIM; j++) expect(Math.abs(a.covariance()[i][j] - pushed[i][j]), `split at ${split}: (${i}, ${j}) vs pushed`).toBeLessThanOrEqual(exact.bound[i][j] / (N - 1));
      }
    }
    // Merging with an empty accumulator, on either side, copies exactly.
    const full = mergeBlocks(randomBlocks(data, 10, 5));
    const intoEmpty = new CoMoments(DIM);
    intoEmpty.merge(full);
    expect(intoEmpty.toJSON()).toEqual(full.toJSON());
    const withEmpty = mergeBlocks(randomBlocks(data, 10, 5));
    withEmpty.merge(new CoMoments(DIM));
    expect(withEmpty.toJSON()).toEqual(full.toJSON());
  });

  it('has on its diagonal the variances FeatureMoments computes from the same partials', () => {
    const blocks = randomBlocks(data, 40, 6);
    const co = new CoMoments(DIM);
    const fm = new FeatureMoments(DIM);
    for (const block of blocks) {
      const words = blockPartial(block);
      mergePartialAt(co, words, 0);
      fm.mergePartial(words, 0);
    }
    const cov = co.covariance();
    expect(co.count).toBe(fm.count);
    for (let i = 0; i < DIM; i++) {
      // The two updates (δ²·(n_a n_b/n) vs δ·(δ/n)·n_a·n_b) round differently: compare within the bound.
      expect(Math.abs(cov[i][i] - fm.variance(i)), `coordinate ${i}`).toBeLessThanOrEqual(exact.bound[i][i] / (N - 1));
      expect(Math.abs(co.mean[i] - fm.mean[i]) / Math.abs(fm.mean[i]), `mean ${i}`).toBeLessThanOrEqual(1e-12);
    }
  });

  it('ignores empty partials, even when their words are garbage, and reads a partial at the offset it is given', () => {
    const blocks = randomBlocks(data, 10, 7);
    const plain = mergeBlocks(blocks);
    const garbage = new Array<number>(1 + 4 * DIM + 4 * covarianceWords(DIM)).fill(Number.NaN);
    garbage[0] = 0;
    const acc = new CoMoments(DIM);
    mergePartialAt(acc, garbage, 0);
    for (const block of blocks) {
      // Each partial behind 2 words of padding.
      mergePartialAt(acc, [-1, -1, ...blockPartial(block)], 2);
      mergePartialAt(acc, garbage, 0);
    }
    expect(acc.toJSON()).toEqual(plain.toJSON());
  });

  it('reports a NaN covariance with fewer than two samples, and (a − b)(a − b)ᵀ/2 with two', () => {
    const acc = new CoMoments(DIM);
    expect(acc.covariance().flat().every(Number.isNaN)).toBe(true);
    acc.push(data[0]);
    expect(acc.covariance().flat().every(Number.isNaN)).toBe(true);
    const merged = new CoMoments(DIM);
    mergePartialAt(merged, blockPartial([data[0]]), 0);
    expect(merged.covariance().flat().every(Number.isNaN)).toBe(true);

    acc.push(data[1]);
    mergePartialAt(merged, blockPartial([data[1]]), 0);
    for (const [label, cov] of [['pushed', acc.covariance()], ['merged', merged.covariance()]] as const) {
      for (let i = 0; i < DIM; i++) {
        for (let j = 0; j < DIM; j++) {
          // Each side rounds the two differences b − a (u each; the first sample's mean is copied exactly)
          // and their product (u); halving is exact: at most 3u each, 6u apart, bounded by 8u.
          const expected = ((data[0][i] - data[1][i]) * (data[0][j] - data[1][j])) / 2;
          expect(Math.abs(cov[i][j] - expected) / Math.abs(expected), `${label} (${i}, ${j})`).toBeLessThanOrEqual(8 * U);
        }
      }
    }
  });

  it('round-trips exactly through toJSON, JSON.stringify, JSON.parse and fromJSON', () => {
    const acc = mergeBlocks(randomBlocks(data, 40, 8));
    const back = CoMoments.fromJSON(JSON.parse(JSON.stringify(acc)));
    expect(back).toBeInstanceOf(CoMoments);
    expect(back.dim).toBe(DIM);
    expect(back.count).toBe(acc.count);
    expect(Array.from(back.mean)).toEqual(Array.from(acc.mean));
    expect(Array.from(back.c)).toEqual(Array.from(acc.c));
    expect(Array.from(back.m22)).toEqual(Array.from(acc.m22));
    expect(back.toJSON()).toEqual(acc.toJSON());
  });

  it('reads a part file written before the mixed moments: covariances exact, their standard errors NaN', () => {
    const acc = mergeBlocks(randomBlocks(data, 40, 8));
    const { count, mean, c } = acc.toJSON();
    const old = CoMoments.fromJSON({ count, mean, c });
    expect(old.covariance()).toEqual(acc.covariance());
    expect(old.covarianceStandardError().flat().every(Number.isNaN)).toBe(true);
  });

  /**
   * The mixed moments M21, M12, M22 merged from blocks or pushes against the two-pass sums.
   * As for C: each algorithm is exact for data perturbed by n·u relative, and ∂M_ab/∂x_i,s is
   * bounded by (a|x_i − m_i|^(a−1)|x_j − m_j|^b)·|x_i|-scale terms; a bound of 4·(a + b)·n·u·Σ|x|^(a+b)
   * over the data's scale (|x_i| + |x_i − m_i|) covers both computations with room.
   */
  it('gives the two-pass mixed third and fourth co-moments however the data is cut, and from one push per sample', () => {
    const mean = exact.mean;
    const scale = (x: number[], k: number) => Math.abs(x[k]) + Math.abs(x[k] - mean[k]);
    for (const [label, acc] of [
      ['one block', mergeBlocks([data])],
      ['400 cuts', mergeBlocks(randomBlocks(data, 400, 3))],
      ['pushed', pushAll(data)],
      ['pushed then merged', (() => {
        const a = pushAll(data.slice(0, 137));
        a.merge(mergeBlocks(randomBlocks(data.slice(137), 5, 11)));
        return a;
      })()],
    ] as const) {
      let p = 0;
      for (let i = 0; i < DIM; i++) {
        for (let j = i; j < DIM; j++, p++) {
          for (const [a, b, got] of [[2, 1, acc.m21[p]], [1, 2, acc.m12[p]], [2, 2, acc.m22[p]]] as const) {
            const want = mixedMoment(data, mean, i, j, a, b);
            const bound = 4 * (a + b) * N * U * data.reduce((s, x) => s + scale(x, i) ** a * scale(x, j) ** b, 0);
            expect(Math.abs(got - want), `${label}: M${a}${b} (${i}, ${j})`).toBeLessThanOrEqual(bound);
          }
        }
      }
    }
  });

  it('gives on the diagonal of its covariance standard errors the variance standard error of FeatureMoments, and off it √(Var of the sum of (a_i a_j))/n', () => {
    const co = mergeBlocks(randomBlocks(data, 40, 6));
    const fm = new FeatureMoments(DIM);
    for (const block of randomBlocks(data, 40, 6)) fm.mergePartial(blockPartial(block), 0);
    const se = co.covarianceStandardError();
    for (let i = 0; i < DIM; i++) expect(Math.abs(se[i][i] - fm.varianceStandardError(i)) / se[i][i], `(${i}, ${i})`).toBeLessThanOrEqual(1e-10);
    // Off the diagonal, to leading order in 1/n: the sample variance of the products a_i a_j, over n.
    const mean = exact.mean;
    for (let i = 0; i < DIM; i++) {
      for (let j = i + 1; j < DIM; j++) {
        const products = data.map((x) => (x[i] - mean[i]) * (x[j] - mean[j]));
        const m = products.reduce((s, v) => s + v, 0) / N;
        const leading = Math.sqrt(products.reduce((s, v) => s + (v - m) ** 2, 0) / N / N);
        // The (n − 2)/(n − 1) and C_ii C_jj/(n − 1) corrections are O(1/n) of Var: < 1% at n = 1000.
        expect(Math.abs(se[i][j] / leading - 1), `(${i}, ${j})`).toBeLessThan(0.01);
        expect(se[j][i]).toBe(se[i][j]);
      }
    }
  });
});

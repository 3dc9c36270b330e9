import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { constantMinibatch, type MinibatchNoise } from '../../src/noise/minibatch';
import { batchIndices, minibatchIndex } from '../../src/reference/noise/minibatch';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { keyFromSeed } from '../../src/rng/seed';
import { philoxMulhilo } from '../../src/rng/philox';

const KEY = keyFromSeed('batch-indices');

/** The batches of `count` (trajectory, step) pairs: trajectories 0…, steps 0…9 each. */
function drawBatches(noise: MinibatchNoise, samples: number, count: number): number[][] {
  const out: number[][] = [];
  for (let t = 0; out.length < count; t++) {
    const stream = new TrajectoryStream(KEY, t);
    for (let k = 0; k < 10 && out.length < count; k++) out.push(batchIndices(noise, samples, k, stream));
  }
  return out;
}

/**
 * Wilson–Hilferty: a χ² statistic on `dof` degrees of freedom as an approximately standard
 * normal z, (∛(χ²/k) − (1 − 2/(9k))) / √(2/(9k)). |z| < 5 is the 5-SE rule on both tails
 * (a χ² too small would flag batches more even than chance, e.g. a round robin).
 */
function chiSquareZ(chi2: number, dof: number): number {
  const v = 2 / (9 * dof);
  return (Math.cbrt(chi2 / dof) - (1 - v)) / Math.sqrt(v);
}

function pearson(observed: number[], expected: number): number {
  return observed.reduce((acc, o) => acc + (o - expected) ** 2 / expected, 0);
}

describe('sample indices of a mini-batch (the twin of shaders/noise/minibatch.wgsl)', () => {
  it('⌊w·m / 2^32⌋ is exact in float64 for m < 2^21 and equals the GPU formula (high word of the 64-bit product)', () => {
    const random = seedrandom('index-map');
    const cases: [number, number][] = [
      [0, 1],
      [2 ** 32 - 1, 1],
      [2 ** 32 - 1, 2 ** 21 - 1],
      [2 ** 31, 3],
      [1, 2 ** 21 - 1],
    ];
    for (let n = 0; n < 20000; n++) cases.push([Math.floor(random() * 2 ** 32), 1 + Math.floor(random() * (2 ** 21 - 1))]);
    for (const [w, m] of cases) {
      const exact = Number((BigInt(w) * BigInt(m)) >> 32n);
      expect(minibatchIndex(w, m), `w=${w} m=${m}`).toBe(exact);
      expect(philoxMulhilo(w, m)[1], `w=${w} m=${m}`).toBe(exact);
      expect(exact).toBeLessThan(m);
    }
  });

  it('without replacement every batch holds b distinct indices in [0, N), including b = N (a permutation) and b = 256', () => {
    for (const [N, b] of [[20, 8], [7, 7], [300, 256], [256, 256], [1, 1]] as const) {
      for (const batch of drawBatches(constantMinibatch(b, false), N, 400)) {
        expect(batch).toHaveLength(b);
        expect(new Set(batch).size).toBe(b);
        expect(batch.every((i) => Number.isInteger(i) && i >= 0 && i < N)).toBe(true);
      }
    }
  });

  it('without replacement each index appears with frequency b/N (χ², N = 20, b = 8, 20,000 batches)', () => {
    const N = 20;
    const b = 8;
    const n = 20000;
    const counts = new Array<number>(N).fill(0);
    for (const batch of drawBatches(constantMinibatch(b, false), N, n)) for (const i of batch) counts[i]++;
    // Inclusion indicators of a uniform b-subset have variance p(1 − p), p = b/N, and covariance
    // −p(1 − p)/(N − 1), so Σ(O − E)²/E ≈ (1 − p)·N/(N − 1)·χ²_{N−1}: rescaled, it is χ²_{N−1}.
    const p = b / N;
    const chi2 = (pearson(counts, n * p) * (N - 1)) / (N * (1 - p));
    const z = chiSquareZ(chi2, N - 1);
    console.info(`index frequencies without replacement: χ² = ${chi2.toFixed(2)} on ${N - 1} dof (z = ${z.toFixed(2)}); min/max count ${Math.min(...counts)}/${Math.max(...counts)} of ${n * p} expected`);
    expect(Math.abs(z)).toBeLessThan(5);
  });

  it('without replacement every b-subset is equally likely, as Floyd’s algorithm promises (χ² over the 20 subsets of N = 6, b = 3)', () => {
    const n = 20000;
    const subsets = new Map<string, number>();
    for (const batch of drawBatches(constantMinibatch(3, false), 6, n)) {
      const key = [...batch].sort((x, y) => x - y).join(',');
      subsets.set(key, (subsets.get(key) ?? 0) + 1);
    }
    expect(subsets.size).toBe(20);
    const chi2 = pearson([...subsets.values()], n / 20);
    const z = chiSquareZ(chi2, 19);
    console.info(`3-subsets of 6: χ² = ${chi2.toFixed(2)} on 19 dof (z = ${z.toFixed(2)})`);
    expect(Math.abs(z)).toBeLessThan(5);
  });

  it('with replacement indices are independent and uniform: each index b/N, each ordered pair 1/N² (χ²)', () => {
    const N = 20;
    const n = 20000;
    const counts = new Array<number>(N).fill(0);
    for (const batch of drawBatches(constantMinibatch(8, true), N, n)) for (const i of batch) counts[i]++;
    const zSingle = chiSquareZ(pearson(counts, (n * 8) / N), N - 1);
    // Ordered pairs of a b = 2 batch over N = 4: 16 cells, multinomial.
    const pairs = new Array<number>(16).fill(0);
    let repeated = 0;
    for (const [i, j] of drawBatches(constantMinibatch(2, true), 4, n)) {
      pairs[i * 4 + j]++;
      if (i === j) repeated++;
    }
    const zPairs = chiSquareZ(pearson(pairs, n / 16), 15);
    console.info(`with replacement: index χ² z = ${zSingle.toFixed(2)}, ordered-pair χ² z = ${zPairs.toFixed(2)}, repeated pairs ${repeated} of ${n} (expected ${n / 4})`);
    expect(Math.abs(zSingle)).toBeLessThan(5);
    expect(Math.abs(zPairs)).toBeLessThan(5);
  });

  it('a batch is a function of (trajectory, step) only: redrawn identically, and different at another step or trajectory', () => {
    const noise: MinibatchNoise = constantMinibatch(16, false);
    const a = batchIndices(noise, 1000, 5, new TrajectoryStream(KEY, 3));
    const stream = new TrajectoryStream(KEY, 3);
    batchIndices(noise, 1000, 9, stream);
    expect(batchIndices(noise, 1000, 5, stream)).toEqual(a);
    expect(batchIndices(noise, 1000, 6, stream)).not.toEqual(a);
    expect(batchIndices(noise, 1000, 5, new TrajectoryStream(KEY, 4))).not.toEqual(a);
  });
});

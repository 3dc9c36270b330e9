import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NORMAL_CENTRAL_MIN_TAIL_INDEX,
  NORMAL_FROM_WORD_MAX_ABS_ERROR,
  NORMAL_FROM_WORD_MAX_REL_ERROR,
  PPND7_COEFFICIENTS,
  erfc,
  normalCdf,
  normalFromWord,
  normalQuantile,
  uniformFromWord,
} from '../../src/rng/random';

/** Every 4099th word, plus every word within 2^12 of 0, 2^31 and 2^32. */
function denseWordSweep(): number[] {
  const words: number[] = [];
  for (let w = 0; w < 2 ** 32; w += 4099) words.push(w);
  for (const centre of [0, 2 ** 31, 2 ** 32]) {
    for (let d = -4096; d <= 4096; d++) {
      const w = centre + d;
      if (w >= 0 && w < 2 ** 32) words.push(w);
    }
  }
  return words;
}

describe('uniformFromWord', () => {
  it('lies strictly inside (0, 1) at words 0, 1 and 0xffffffff, at 2^-24 and 1 − 2^-24', () => {
    expect(uniformFromWord(0)).toBe(2 ** -24);
    expect(uniformFromWord(1)).toBe(2 ** -24);
    expect(uniformFromWord(0xffffffff)).toBe(1 - 2 ** -24);
    for (const w of [0, 1, 0xffffffff]) {
      expect(uniformFromWord(w)).toBeGreaterThan(0);
      expect(uniformFromWord(w)).toBeLessThan(1);
    }
  });

  it('is an exact f32 (so WGSL returns the same bits), strictly inside (0, 1), over a dense sweep of words', () => {
    for (const w of denseWordSweep()) {
      const u = uniformFromWord(w);
      if (!(u > 0 && u < 1 && Math.fround(u) === u)) throw new Error(`word ${w}: u = ${u}`);
    }
  });
});

describe('normalFromWord (AS241 PPND7 in float64)', () => {
  it('reaches |z| > 6.3 at words 0 and 0xffffffff', () => {
    expect(normalFromWord(0)).toBeLessThan(-6.3);
    expect(normalFromWord(0xffffffff)).toBeGreaterThan(6.3);
    expect(normalFromWord(0xffffffff)).toBeCloseTo(normalQuantile(1 - 2 ** -33), 6);
  });

  it('is exactly antisymmetric: normalFromWord(~w) = −normalFromWord(w), over a dense sweep', () => {
    for (const w of denseWordSweep()) {
      const z = normalFromWord(w);
      const zc = normalFromWord(~w >>> 0);
      if (z !== -zc) throw new Error(`word ${w}: ${z} vs ${zc}`);
    }
    expect(normalFromWord(0x80000000)).toBeGreaterThan(0);
    expect(normalFromWord(0x7fffffff)).toBeLessThan(0);
  });

  it('is increasing in w and continuous across the central/tail branch boundary', () => {
    let prev = -Infinity;
    let nonIncreasing = 0;
    for (let w = 0; w < 2 ** 32; w += 65537) {
      const z = normalFromWord(w);
      if (!(z > prev)) nonIncreasing++;
      prev = z;
    }
    expect(nonIncreasing).toBe(0);
    const a = NORMAL_CENTRAL_MIN_TAIL_INDEX;
    const jump = normalFromWord(a) - normalFromWord(a - 1);
    const slope = normalFromWord(a + 1) - normalFromWord(a);
    expect(jump).toBeGreaterThan(0);
    expect(Math.abs(jump - slope)).toBeLessThan(2 * NORMAL_FROM_WORD_MAX_ABS_ERROR);
  });

  it(`is within ${NORMAL_FROM_WORD_MAX_ABS_ERROR} absolute and ${NORMAL_FROM_WORD_MAX_REL_ERROR} relative of PPND16 over a dense sweep of words incl. the extremes`, () => {
    let maxAbs = 0;
    let maxRel = 0;
    for (const w of denseWordSweep()) {
      const exact = normalQuantile((w + 0.5) * 2 ** -32); // p exact in float64
      const err = Math.abs(normalFromWord(w) - exact);
      maxAbs = Math.max(maxAbs, err);
      maxRel = Math.max(maxRel, err / Math.abs(exact));
    }
    // Measured: 6.97e-7 absolute (w = 5, z ≈ −5.96), 1.17e-7 relative.
    expect(maxAbs).toBeLessThan(NORMAL_FROM_WORD_MAX_ABS_ERROR);
    expect(maxRel).toBeLessThan(NORMAL_FROM_WORD_MAX_REL_ERROR);
    expect(maxAbs).toBeGreaterThan(NORMAL_FROM_WORD_MAX_ABS_ERROR / 2); // the bound is tight, not vacuous
  });

  it('shaders/lib/random.wgsl uses the same PPND7 coefficients and branch threshold as the TypeScript twin', () => {
    const wgsl = readFileSync(new URL('../../shaders/lib/random.wgsl', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(PPND7_COEFFICIENTS)) {
      const m = new RegExp(`const RANDOM_PPND7_${name}: f32 = ([0-9.eE+-]+);`).exec(wgsl);
      if (!m) throw new Error(`RANDOM_PPND7_${name} not found in random.wgsl`);
      expect(Number(m[1]), name).toBe(value);
    }
    const t = /const RANDOM_NORMAL_CENTRAL_MIN_TAIL_INDEX: u32 = (\d+)u;/.exec(wgsl);
    expect(Number(t?.[1])).toBe(NORMAL_CENTRAL_MIN_TAIL_INDEX);
    // The threshold is where the tail probability (a + ½)·2^-32 reaches 0.075 (|p − ½| = 0.425).
    expect((NORMAL_CENTRAL_MIN_TAIL_INDEX + 0.5) * 2 ** -32).toBeGreaterThanOrEqual(0.075);
    expect((NORMAL_CENTRAL_MIN_TAIL_INDEX - 0.5) * 2 ** -32).toBeLessThan(0.075);
    expect(wgsl).not.toMatch(/\b(sin|cos)\(/);
  });
});

describe('normalQuantile (PPND16) and normalCdf (Cody erfc)', () => {
  it('erfc and Φ match tabulated values to 1e-15 relative', () => {
    // erfc values: Abramowitz & Stegun 7.1 / high-precision tables.
    const cases: [number, number][] = [
      [0.5, 0.4795001221869534623],
      [1, 0.1572992070502851307],
      [2, 0.004677734981047265838],
      [3, 2.209049699858544137e-5],
      [5, 1.537459794428034850e-12],
      [10, 2.088487583762544757e-45],
      [-1, 1.842700792949714869],
    ];
    for (const [x, v] of cases) expect(Math.abs(erfc(x) / v - 1), `erfc(${x})`).toBeLessThan(1e-15);
    expect(normalCdf(0)).toBe(0.5);
    expect(Math.abs(normalCdf(-6) / 9.865876450376981e-10 - 1)).toBeLessThan(1e-14);
  });

  it('Φ(normalQuantile(p)) = p to 2e-15·max(1, x²) relative (x = Φ⁻¹(p)) for p from 1e-300 to 0.9995', () => {
    const ps: number[] = [1e-300, 1e-100, 1e-20, 2 ** -33, 1e-10, 1e-5, 0.01, 0.075, 0.3, 0.5, 0.7, 0.925, 0.99];
    for (let i = 1; i < 2000; i++) ps.push(i / 2000);
    for (const p of ps) {
      const x = normalQuantile(p);
      const rel = Math.abs(normalCdf(x) / p - 1);
      // Φ'(x)/Φ(x) ≈ |x| in the tail: an error of one ulp in x (≈ |x|·ε) moves Φ by ≈ x²·ε relative.
      expect(rel, `p = ${p}`).toBeLessThan(2e-15 * Math.max(1, x * x));
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(NaN)).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { assertExperiment, runExperiment } from '../../src/internal';
import { gradientDiffusionMfpt, kramersRate, ouMeanFirstPassageTime } from '../../src/oracles';
import { logLogSlope } from '../../src/stats/loglog-slope';
import { testDevice } from '../support/gpu';

/** Mean first-passage time of a run (model time) with its standard error, and what was censored. */
async function firstPassage(file: object) {
  const result = await runExperiment(assertExperiment(file), { device: await testDevice() });
  const escape = result.runs[0].escape!;
  const standardError = (escape.meanTime.hi - escape.meanTime.lo) / (2 * 1.959963984540054);
  return { ...escape, value: escape.meanTime.value, standardError, n: result.runs[0].series.count.at(-1)! };
}

type Passage = Awaited<ReturnType<typeof firstPassage>>;

// dX = −X dt + dW from 0, first passage above 1 (docs/math.md §6, quadrature).
const OU_LEVEL = { theta: 1, sigma: 1, x0: 0, level: 1 };
const OU_MFPT = ouMeanFirstPassageTime(OU_LEVEL);
const DTS = [0.08, 0.04, 0.02];
const N = 2 ** 17;

function ouPassage(dt: number, bridge: boolean) {
  return firstPassage({
    name: `OU first passage dt=${dt} bridge=${bridge}`,
    objective: { kind: 'quadratic', A: [[OU_LEVEL.theta]] },
    dynamics: [{ kind: 'gradient-sde', dt, sigma: OU_LEVEL.sigma }],
    x0: [OU_LEVEL.x0],
    trajectories: N,
    // P(τ > 40) ≈ e^{−40/4}: a handful censored; the restricted mean's bias ≈ S(40)·E τ ≲ 1e-3.
    horizon: 40,
    seed: 'ou-passage',
    escape: { kind: 'halfspace', normal: [1], offset: OU_LEVEL.level, bridge },
  });
}

describe('first-passage times against the quadrature formula (docs/math.md §6)', () => {
  it('OU to a level: grid monitoring biases the mean time by O(√dt); the Brownian-bridge correction cuts it to O(dt)', async () => {
    const plain: Passage[] = [];
    const bridged: Passage[] = [];
    for (const dt of DTS) {
      plain.push(await ouPassage(dt, false));
      bridged.push(await ouPassage(dt, true));
    }
    const bias = (r: { value: number }) => r.value - OU_MFPT;
    const lines = DTS.map(
      (dt, k) =>
        `dt ${dt}: plain ${bias(plain[k]).toFixed(4)}, bridge ${bias(bridged[k]).toFixed(4)} (± ${plain[k].standardError.toFixed(4)}, censored ${plain[k].censored}/${bridged[k].censored})`,
    );
    const order = (runs: typeof plain) => logLogSlope(runs.map((r, k) => ({ x: DTS[k], y: Math.abs(bias(r)), standardError: r.standardError })));
    const plainOrder = order(plain);
    const bridgeOrder = order(bridged);
    console.info(`OU MFPT(0 → 1) = ${OU_MFPT.toFixed(6)}\n${lines.join('\n')}\nbias order: plain ${plainOrder.slope.toFixed(3)} [${plainOrder.lo.toFixed(2)}, ${plainOrder.hi.toFixed(2)}], bridge ${bridgeOrder.slope.toFixed(3)} [${bridgeOrder.lo.toFixed(2)}, ${bridgeOrder.hi.toFixed(2)}]`);
    for (let k = 0; k < DTS.length; k++) {
      // Monitoring on the grid misses excursions between steps: exits come late, far beyond noise.
      expect(bias(plain[k])).toBeGreaterThan(10 * plain[k].standardError);
      // The bridge removes most of it.
      expect(Math.abs(bias(bridged[k]))).toBeLessThan(Math.abs(bias(plain[k])) / 4);
      expect(plain[k].censored / N).toBeLessThan(1e-3);
    }
    // Orders: ½ without, 1 with the correction. The fitted slopes carry pre-asymptotic terms (the
    // plain bias is c√dt + O(dt), the EM bias of opposite sign) besides Monte Carlo noise, so each
    // is allowed 0.1 for those on top of 3 standard errors of the fit.
    expect(Math.abs(plainOrder.slope - 0.5)).toBeLessThan(0.1 + 3 * plainOrder.standardError);
    expect(Math.abs(bridgeOrder.slope - 1)).toBeLessThan(0.1 + 3 * bridgeOrder.standardError);
    expect(bridgeOrder.slope - plainOrder.slope).toBeGreaterThan(0.25);
  });

  it('escape over the double-well barrier (D = 0.1): the mean time to the saddle matches the MFPT quadrature within 5 SE (Kramers for reference)', async () => {
    const D = 0.1;
    const dt = 0.01;
    const V = (x: number) => (x * x - 1) ** 2 / 4;
    const exact = gradientDiffusionMfpt({ potential: V, temperature: D, x0: -1, barrier: 0, lower: -4 });
    const kramers = 1 / (2 * kramersRate({ curvatureMin: 2, curvatureSaddle: 1, barrier: 0.25, temperature: D }));
    const r = await firstPassage({
      name: 'double-well escape',
      objective: { kind: 'double-well' },
      dynamics: [{ kind: 'gradient-sde', dt, sigma: Math.sqrt(2 * D) }],
      x0: [-1],
      trajectories: 2 ** 15,
      horizon: 250, // S(250) ≈ e^{−250/30.8} ≈ 3e-4: the restricted mean is within 0.01 of the mean
      seed: 'kramers',
      escape: { kind: 'halfspace', normal: [1], offset: 0 },
    });
    // Known bias: censoring (≤ S(T)·E τ, memoryless tail) plus EM and bridge O(dt) terms, which the OU
    // case above puts at ≈ 3·dt time units per unit of mean time… here bounded by 0.5% of E τ.
    const knownBias = (r.censored / r.n) * exact * 2 + 0.005 * exact;
    console.info(
      `double well D = ${D}: MFPT(−1 → 0) = ${r.value.toFixed(3)} ± ${r.standardError.toFixed(3)} (exact ${exact.toFixed(3)}, Kramers 1/(2k) ${kramers.toFixed(3)}), censored ${r.censored}`,
    );
    expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(5 * r.standardError + knownBias);
    // Kramers is the small-noise limit: at ΔV/D = 2.5 it is 12% low, far outside the error bars.
    expect(Math.abs(r.value - kramers)).toBeGreaterThan(5 * r.standardError + knownBias);
    expect(r.meanTimeKind).toBe('restricted-mean');
    expect(r.fraction.value).toBeGreaterThan(0.999);
  });
});

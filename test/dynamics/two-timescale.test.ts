import { describe, expect, it } from 'vitest';
import { clippedSgd } from '../../src/dynamics/clipped-sgd';
import { heavyBallSgd } from '../../src/dynamics/heavy-ball-sgd';
import { lion } from '../../src/dynamics/lion';
import { normalizedSgd } from '../../src/dynamics/normalized-sgd';
import { signSgd } from '../../src/dynamics/signsgd';
import { thetaSupremum } from '../../src/dynamics/two-timescale';
import { expandRuns, parseExperiment } from '../../src/experiment/index';
import type { ReferenceNoise } from '../../src/noise/noise-descriptor';
import { clippedSgdUpdate } from '../../src/reference/dynamics/clipped-sgd';
import { heavyBallSgdUpdate } from '../../src/reference/dynamics/heavy-ball-sgd';
import { lionUpdate } from '../../src/reference/dynamics/lion';
import { normalizedSgdUpdate } from '../../src/reference/dynamics/normalized-sgd';
import { signSgdUpdate } from '../../src/reference/dynamics/signsgd';
import { twoTimescaleNorm } from '../../src/reference/dynamics/two-timescale';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { DYNAMICS } from '../../src/registry';
import { keyFromSeed } from '../../src/rng/seed';
import { packSchedule } from '../../src/schedules/schedule';
import { exampleExperiment } from '../support/example-experiment';

const f64 = (v: number[]) => Float64Array.from(v);

/** The worked case of every single-step test: m_k, g_k, x_k, θ, η. */
const M = [0.5, -1, 0];
const G = [1, 1, -2];
const X = [1, 2, 3];
const THETA = 0.25;
const LR = 0.1;
/** m_{k+1} = m_k + θ(g_k − m_k), by hand: (0.5 + 0.25·0.5, −1 + 0.25·2, 0 + 0.25·(−2)). */
const M_NEXT = [0.625, -0.5, -0.5];

function step(update: (x: Float64Array, m: Float64Array, g: Float64Array, lr: number, theta: number) => void) {
  const x = f64(X);
  const m = f64(M);
  update(x, m, f64(G), LR, THETA);
  return { x: [...x], m: [...m] };
}

function expectClose(actual: number[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
}

describe('one step of each float64 twin equals the update rule by hand (m = (0.5, −1, 0), g = (1, 1, −2), x = (1, 2, 3), θ = 0.25, η = 0.1)', () => {
  it('heavy-ball SGD: m ← m − θ(m − g) = (0.625, −0.5, −0.5), x ← x − η m = (0.9375, 2.05, 3.05)', () => {
    const { x, m } = step(heavyBallSgdUpdate);
    expectClose(m, M_NEXT);
    expectClose(x, [0.9375, 2.05, 3.05]);
  });

  it('SignSGD: x ← x − η sign(m_{k+1}) = (0.9, 2.1, 3.1)', () => {
    const { x, m } = step(signSgdUpdate);
    expectClose(m, M_NEXT);
    expectClose(x, [0.9, 2.1, 3.1]);
  });

  it('SignSGD with θ = 1 is plain SignSGD, and sign(0) = 0 leaves a coordinate with zero gradient in place', () => {
    const x = f64([1, 2]);
    const m = f64([0.3, -7]);
    signSgdUpdate(x, m, f64([0, -0.5]), 0.1, 1);
    expect([...m]).toEqual([0, -0.5]);
    expect([...x]).toEqual([1, 2.1]);
  });

  it('normalized SGD: x ← x − η m/‖m‖ with ‖m‖ = √(0.625² + 0.5² + 0.5²)', () => {
    const { x, m } = step(normalizedSgdUpdate);
    expectClose(m, M_NEXT);
    const norm = Math.sqrt(0.625 ** 2 + 0.5 ** 2 + 0.5 ** 2);
    expectClose(x, [1 - (0.1 * 0.625) / norm, 2 + (0.1 * 0.5) / norm, 3 + (0.1 * 0.5) / norm]);
  });

  it('normalized SGD: where ‖m‖ < 1e-30 the direction is 0 (x stays), just above it the step has length η', () => {
    const x = f64([1, 2]);
    normalizedSgdUpdate(x, f64([0, 0]), f64([0, 0]), 0.1, 0.5);
    expect([...x]).toEqual([1, 2]);
    normalizedSgdUpdate(x, f64([4e-31, 0]), f64([4e-31, 0]), 0.1, 0.5);
    expect([...x]).toEqual([1, 2]);
    normalizedSgdUpdate(x, f64([3e-30, 4e-30]), f64([3e-30, 4e-30]), 0.1, 0.5); // ‖m‖ = 5e-30
    expectClose([...x], [1 - 0.06, 2 - 0.08]);
  });

  it('the scaled norm s·√Σ(mᵢ/s)² is exact where squares would underflow or overflow', () => {
    expect(twoTimescaleNorm(f64([3e-200, 4e-200]))).toBeCloseTo(5e-200, 212);
    expect(twoTimescaleNorm(f64([3e200, -4e200])) / 5e200).toBeCloseTo(1, 14);
    expect(twoTimescaleNorm(f64([0, 0, 0]))).toBe(0);
  });

  it('clipped SGD (norm): with c = 0.5 < ‖m‖ the step is η·c·m/‖m‖; with c = 2 ≥ ‖m‖ it is heavy ball', () => {
    const norm = Math.sqrt(0.625 ** 2 + 0.5 ** 2 + 0.5 ** 2);
    const clipped = step((x, m, g, lr, theta) => clippedSgdUpdate(x, m, g, lr, theta, 0.5, false));
    expectClose(clipped.m, M_NEXT);
    expectClose(clipped.x, [1 - (0.1 * 0.5 * 0.625) / norm, 2 + (0.1 * 0.5 * 0.5) / norm, 3 + (0.1 * 0.5 * 0.5) / norm]);
    const unclipped = step((x, m, g, lr, theta) => clippedSgdUpdate(x, m, g, lr, theta, 2, false));
    expectClose(unclipped.x, step(heavyBallSgdUpdate).x);
  });

  it('clipped SGD (coordinatewise, c = 0.55): x ← x − η clamp(m, −c, c) = x − 0.1·(0.55, −0.5, −0.5)', () => {
    const { x } = step((x, m, g, lr, theta) => clippedSgdUpdate(x, m, g, lr, theta, 0.55, true));
    expectClose(x, [0.945, 2.05, 3.05]);
  });

  it('Lion (β₁ = 0.9, λ = 0.1): c = 0.9m + 0.1g = (0.55, −0.8, −0.2), x ← x − η(sign(c) + λx) = (0.89, 2.08, 3.07), then m ← β₂m + (1 − β₂)g with β₂ = 1 − θ', () => {
    const { x, m } = step((x, m, g, lr, theta) => lionUpdate(x, m, g, lr, theta, 0.9, 0.1));
    expectClose(x, [0.89, 2.08, 3.07]);
    expectClose(m, M_NEXT);
  });

  it('Lion uses m_k, not m_{k+1}: with β₁ = 0 its step is sign(g), with β₁ = 1 sign(m_k), and sign(0) = 0', () => {
    const fromG = step((x, m, g, lr, theta) => lionUpdate(x, m, g, lr, theta, 0, 0));
    expectClose(fromG.x, [0.9, 1.9, 3.1]);
    const fromM = step((x, m, g, lr, theta) => lionUpdate(x, m, g, lr, theta, 1, 0));
    expectClose(fromM.x, [0.9, 2.1, 3]);
  });
});

describe('the twins as ensemble dynamics: momentum restarts at 0, step-size factors come from the STEPSIZE stream', () => {
  const constant: ReferenceNoise = { grad: (_x, out) => out.set([2, -1]) };
  const key = keyFromSeed('two-timescale');

  it('heavy-ball SGD, θ = 0.5, η = 0.1 with randomScale: after init (even a second one) one step is x − η r_η·θ r_θ·g, r in range', () => {
    const item = heavyBallSgd.format.normalize({
      kind: 'heavy-ball-sgd',
      lr: { kind: 'constant', value: 0.1, randomScale: [0.5, 1.5] },
      theta: { kind: 'constant', value: 0.5, randomScale: [0.8, 1] },
    }, 2);
    const dynamics = heavyBallSgd.reference(item, undefined as never, undefined as never, 2, constant);
    const rs = new Set<string>();
    for (const trajectory of [0, 1, 0]) {
      const stream = new TrajectoryStream(key, trajectory);
      const x = f64([1, 1]);
      dynamics.init!(x, stream);
      const first = [...x];
      dynamics.step(x, 0, stream);
      const stepX = (first[0] - x[0]) / 2; // = η r_η θ r_θ
      expect((first[1] - x[1]) / -1).toBeCloseTo(stepX, 14);
      expect(stepX).toBeGreaterThanOrEqual(0.1 * 0.5 * 0.5 * 0.8);
      expect(stepX).toBeLessThanOrEqual(0.1 * 1.5 * 0.5 * 1);
      rs.add(stepX.toPrecision(12));
    }
    expect(rs.size).toBe(2); // trajectories 0 and 1 differ; trajectory 0 twice gives the same factors
  });

  it('Lion with β₁ = 1 − θ and no weight decay moves exactly like SignSGD with the same θ (sign(β₁m_k + (1 − β₁)g_k) = sign(m_{k+1}))', () => {
    const theta = 0.2;
    const noisy: ReferenceNoise = {
      grad: (x, out, k) => {
        out[0] = Math.sin(3 * k + x[0]);
        out[1] = Math.cos(5 * k) - 0.3 * x[1];
      },
    };
    const a = lion.reference(lion.format.normalize({ kind: 'lion', lr: 0.05, theta, beta1: 1 - theta, weightDecay: 0 }, 2), undefined as never, undefined as never, 2, noisy);
    const b = signSgd.reference(signSgd.format.normalize({ kind: 'signsgd', lr: 0.05, theta }, 2), undefined as never, undefined as never, 2, noisy);
    const xa = f64([0.3, -0.2]);
    const xb = f64([0.3, -0.2]);
    const stream = new TrajectoryStream(key, 3);
    a.init!(xa, stream);
    b.init!(xb, stream);
    for (let k = 0; k < 500; k++) {
      a.step(xa, k, stream);
      b.step(xb, k, stream);
    }
    expect(xa[0]).toBeCloseTo(xb[0], 12);
    expect(xa[1]).toBeCloseTo(xb[1], 12);
  });
});

const base = {
  objective: { kind: 'weighted-l1', weights: [1, 2] },
  noise: { kind: 'gaussian', cov: 1 },
  x0: [1, -1],
  trajectories: 16,
  steps: 10,
};

function parse(dynamics: unknown[], extra: Record<string, unknown> = {}) {
  return parseExperiment({ ...base, dynamics, ...extra });
}

describe('the experiment-file format of the two-timescale methods', () => {
  it('fills the defaults: θ = 0.1 (Lion 0.01, i.e. β₂ = 0.99), β₁ = 0.9, λ = 0, c = 1, norm clipping; dt = lr when a number, else 1', () => {
    const schedule = { kind: 'inverse-power', scale: 0.5, power: 0.8, randomScale: [0.5, 1.5] };
    const r = parse([
      { kind: 'heavy-ball-sgd', lr: 0.1 },
      { kind: 'signsgd', lr: schedule },
      { kind: 'lion', lr: 0.01 },
      { kind: 'normalized-sgd', lr: 0.1, label: 'n' },
      { kind: 'clipped-sgd', lr: 0.1 },
    ]);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.experiment.dynamics).toEqual([
      { kind: 'heavy-ball-sgd', lr: 0.1, theta: 0.1, dt: 0.1 },
      { kind: 'signsgd', lr: schedule, theta: 0.1, dt: 1 },
      { kind: 'lion', lr: 0.01, theta: 0.01, dt: 0.01, beta1: 0.9, weightDecay: 0 },
      { kind: 'normalized-sgd', lr: 0.1, theta: 0.1, dt: 0.1, label: 'n' },
      { kind: 'clipped-sgd', lr: 0.1, theta: 0.1, dt: 0.1, clip: 1, coordinatewise: false },
    ]);
  });

  it('rejects θ > 1 anywhere along the schedule (including randomScale hi and growing step schedules), β₁ ∉ [0, 1], c ≤ 0, λ < 0, randomScale lo > hi, with JSON paths', () => {
    const r = parse([
      { kind: 'heavy-ball-sgd', lr: 0.1, theta: 1.5 },
      { kind: 'signsgd', lr: 0.1, theta: { kind: 'inverse-power', scale: 0.9, power: 0.5, randomScale: [0.5, 1.5] } },
      { kind: 'normalized-sgd', lr: 0.1, theta: { kind: 'step', initial: 0.1, every: 10, factor: 2 } },
      { kind: 'lion', lr: 0.1, beta1: 1.2, weightDecay: -1 },
      { kind: 'clipped-sgd', lr: 0.1, clip: 0 },
      { kind: 'heavy-ball-sgd', lr: { kind: 'constant', value: 0.1, randomScale: [2, 1] } },
    ]);
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.dynamics[0].theta',
        '$.dynamics[1].theta',
        '$.dynamics[2].theta',
        '$.dynamics[3].beta1',
        '$.dynamics[3].weightDecay',
        '$.dynamics[4].clip',
        '$.dynamics[5].lr.randomScale',
      ]),
    );
    const messages = r.ok ? [] : r.issues.filter((i) => i.path === '$.dynamics[1].theta').map((i) => i.message);
    expect(messages[0]).toMatch(/theta ≤ 1.*1\.35/);
  });

  it('θ = 1 exactly is allowed (plain SignSGD; heavy ball becomes SGD), and thetaSupremum reads every schedule kind', () => {
    expect(parse([{ kind: 'signsgd', lr: 0.1, theta: 1 }]).ok).toBe(true);
    expect(thetaSupremum({ kind: 'polynomial', initial: 0.5, power: 2, total: 10, randomScale: [1, 2] })).toBe(1);
    expect(thetaSupremum({ kind: 'step', initial: 0.5, every: 3, factor: 0.5 })).toBe(0.5);
    expect(thetaSupremum({ kind: 'constant', value: 0.25 })).toBe(0.25);
  });

  it('sweeps lr (dt follows) and theta, and checks swept θ values like the field', () => {
    const r = parse([{ kind: 'heavy-ball-sgd', lr: 0.1 }, { kind: 'lion', lr: 0.1 }], { sweep: { theta: [0.05, 0.5] } });
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(expandRuns(r.experiment).map((run) => [run.dynamics.kind, (run.dynamics as { theta: number }).theta])).toEqual([
      ['heavy-ball-sgd', 0.05],
      ['lion', 0.05],
      ['heavy-ball-sgd', 0.5],
      ['lion', 0.5],
    ]);
    const lrSweep = parse([{ kind: 'signsgd', lr: 0.1 }], { sweep: { lr: [0.2, { kind: 'inverse-power', scale: 1, power: 0.5 }] } });
    if (!lrSweep.ok) expect.fail(JSON.stringify(lrSweep.issues));
    expect(expandRuns(lrSweep.experiment).map((run) => run.dynamics.dt)).toEqual([0.2, 1]);
    const bad = parse([{ kind: 'signsgd', lr: 0.1 }], { sweep: { theta: [0.5, 3] } });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toContain('$.sweep.theta[1]');
  });

  it('packs [lr schedule, theta schedule, own words] for shaders/lib/two_timescale.wgsl, with Aux = d + 2 words (m, r_η, r_θ)', () => {
    const lr = { kind: 'inverse-power' as const, scale: 0.5, power: 0.8, randomScale: [0.5, 1.5] as [number, number] };
    const theta = { kind: 'inverse-power' as const, scale: 1, power: 0.55 };
    const schedules = [...packSchedule(lr), ...packSchedule(theta)];
    expect(schedules).toEqual([2, 0.5, 0.8, 1, 0.5, 1.5, 2, 1, 0.55, 1, 1, 1]);
    const hb = heavyBallSgd.format.normalize({ kind: 'heavy-ball-sgd', lr, theta }, 2);
    expect(heavyBallSgd.params.pack(hb)).toEqual(schedules);
    const clip = clippedSgd.format.normalize({ kind: 'clipped-sgd', lr, theta, clip: 2, coordinatewise: true }, 2);
    expect(clippedSgd.params.pack(clip)).toEqual([...schedules, 2]);
    expect(clippedSgd.defines(clip)).toEqual({ CLIP_COORDINATEWISE: true });
    const li = lion.format.normalize({ kind: 'lion', lr, theta, beta1: 0.9, weightDecay: 0.01 }, 2);
    expect(lion.params.pack(li)).toEqual([...schedules, 0.9, 1 - 0.9, 0.01]);
    for (const d of [heavyBallSgd, signSgd, lion, normalizedSgd, clippedSgd]) {
      expect(DYNAMICS[d.kind]).toBe(d);
      expect(d.aux.layOut(hb, 5).words).toBe(7);
      expect(d.usesNoise).toBe(true);
      expect(d.citation).toMatch(/Xiao, Hu, Toh, arXiv:2307\.10053/);
    }
    expect(lion.citation).toMatch(/Chen et al\. \(2023\)/);
  });
});

describe('experiments/two-timescale-l1.json', () => {
  it('parses into the five methods on |x₁| + 2|x₂| with docs/math.md §5d two-timescale steps and random factors, recording distance', () => {
    const e = exampleExperiment('two-timescale-l1');
    expect(e.objective).toEqual({ kind: 'weighted-l1', weights: [1, 2], center: [0, 0] });
    expect(e.dynamics.map((d) => d.kind)).toEqual(['heavy-ball-sgd', 'signsgd', 'lion', 'normalized-sgd', 'clipped-sgd']);
    for (const d of e.dynamics as unknown as { lr: unknown; theta: unknown; dt: number }[]) {
      expect(d.lr).toEqual({ kind: 'inverse-power', scale: 0.5, power: 0.8, randomScale: [0.5, 1.5] });
      expect(d.theta).toEqual({ kind: 'inverse-power', scale: 1, power: 0.55 });
      expect(d.dt).toBe(1);
    }
    expect(e.record.observables).toContain('distance');
    expect(expandRuns(e)[0].checkpoints).toEqual([0, 2500, 5000, 7500, 10000, 12500, 15000, 17500, 20000]);
  });
});

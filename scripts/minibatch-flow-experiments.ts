// Writes the experiment files of the random domain decomposition (docs/math.md §1d (iv)),
// whose matrices are too large to type by hand: the 1-D heat equation on N interior
// nodes of (0, 1), h = 1/(N + 1), energy F(u) = ½uᵀLu with L = tridiag(−1, 2, −1)/h²
// split over two overlapping subdomains by the partition of unity on edge midpoints
// χ₁(x) = clip((0.6 − x)/0.2, 0, 1), χ₂ = 1 − χ₁:  L_i = Σ_e χ_i(x_e) d_e d_eᵀ/h².
// Components ½uᵀL_iu with weights 1 (F = f₁ + f₂), batches of one: each piece runs
// u′ = −2L_iu exactly. u0 = sin(πx_j); the full flow decays as e^{−λ₁t}.
//   node --import ./scripts/register-sources.mjs scripts/minibatch-flow-experiments.ts [--d256]   (writes experiments/minibatch-flow-heat*.json)
import { writeFileSync } from 'node:fs';

const round = (v: number): number => Number(v.toPrecision(12));

function heatSplit(N: number): number[][][] {
  const h = 1 / (N + 1);
  const L = [0, 1].map(() => Array.from({ length: N }, () => new Array(N).fill(0)));
  for (let e = 0; e <= N; e++) {
    const chi1 = Math.min(1, Math.max(0, (0.6 - (e + 0.5) * h) / 0.2));
    [chi1, 1 - chi1].forEach((chi, i) => {
      const nodes = ([[e - 1, -1], [e, 1]] as const).filter(([a]) => a >= 0 && a < N);
      for (const [a, sa] of nodes) for (const [b, sb] of nodes) L[i][a][b] += (chi * sa * sb) / (h * h);
    });
  }
  return L.map((M) => M.map((row) => row.map(round)));
}

interface HeatOptions {
  name: string;
  description: string;
  dynamics: Record<string, unknown>[];
  sweep?: Record<string, number[]>;
  trajectories: number;
  observables: string[];
  every: number;
}

function heatExperiment(N: number, { name, description, dynamics, sweep, trajectories, observables, every }: HeatOptions): Record<string, unknown> {
  const L = heatSplit(N);
  const x0 = Array.from({ length: N }, (_, j) => round(Math.sin((Math.PI * (j + 1)) / (N + 1))));
  return {
    name,
    description,
    seed: name,
    objective: { kind: 'quadratic-sum', components: [{ A: L[0] }, { A: L[1] }], weights: [1, 1] },
    noise: { kind: 'minibatch', batchSize: 1 },
    dynamics,
    x0,
    trajectories,
    horizon: 0.05,
    record: { every, observables },
    ...(sweep ? { sweep } : {}),
  };
}

const T = 0.05;
const hs = [4, 8, 16, 32, 64].map((k) => T / k);
const files: Record<string, Record<string, unknown>> = {
  'minibatch-flow-heat': heatExperiment(49, {
    name: 'minibatch-flow-heat',
    description:
      'Random domain decomposition of the 1-D heat equation (docs/math.md section 1d (iv)): N = 49 nodes, two overlapping subdomains, each picked with probability 1/2 for a piece of length h and run exactly (u\' = -2 L_i u). Mini-batch flow with fixed and exponential switching, RMM and the full flow, at t = 0.05 for h = T/4 ... T/64. modelError is each item\'s error against the full gradient flow.',
    dynamics: [
      { kind: 'minibatch-flow', label: 'flow, fixed', h: T / 16 },
      { kind: 'minibatch-flow', label: 'flow, exponential', h: T / 16, switching: 'exponential' },
      { kind: 'rmm', label: 'RMM', h: T / 16 },
      { kind: 'full-flow', label: 'full flow', h: T / 16 },
    ],
    sweep: { h: hs },
    trajectories: 4096,
    every: 1,
    observables: ['mean', 'variance', 'covariance'],
  }),
  'minibatch-flow-heat-sgd': heatExperiment(49, {
    name: 'minibatch-flow-heat-sgd',
    description:
      'Mini-batch gradient descent on the same two-subdomain split of the heat equation (batches of one, so g = 2 L_i u): explicit steps, stable only for lr < 1/lambda_max(2 L_i) (about 1e-4). Ends at t = k lr = 0.05 like minibatch-flow-heat.',
    dynamics: [{ kind: 'sgd', label: 'mini-batch GD', lr: 2e-5 }],
    sweep: { lr: [8e-5, 4e-5, 2e-5, 1e-5] },
    trajectories: 512,
    every: 125,
    observables: ['mean', 'variance', 'covariance'],
  }),
};
// The d = 256 file is about 400 KiB of matrix entries: written only when asked for.
if (process.argv.includes('--d256')) files['minibatch-flow-heat-256'] = heatExperiment(256, {
    name: 'minibatch-flow-heat-256',
    description: 'The domain decomposition at d = 256 (state in storage buffers): fixed-switching flow and the full flow, h = T/16.',
    dynamics: [
      { kind: 'minibatch-flow', label: 'flow, fixed', h: T / 16 },
      { kind: 'full-flow', label: 'full flow', h: T / 16 },
    ],
    trajectories: 1024,
    every: 4,
    observables: ['mean', 'variance'],
  });
for (const [name, file] of Object.entries(files)) {
  // Every example names the JSON Schema of the format (scripts/generate-format-reference.ts) for editors.
  const text = `${JSON.stringify({ $schema: '../schema/experiment.schema.json', ...file }, null, 1).replace(/\n\s+(-?[\d.e+-]+)(,?)/g, ' $1$2').replace(/\n\s+\]/g, ' ]')}\n`;
  writeFileSync(new URL(`../experiments/${name}.json`, import.meta.url), text);
  console.log(`experiments/${name}.json: ${(text.length / 1024).toFixed(0)} KiB`);
}

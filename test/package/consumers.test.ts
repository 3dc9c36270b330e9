/**
 * The package tier: the tarball installed into empty projects works for a
 * plain Node script (no loader), a strict TypeScript consumer under both
 * bundler and node16 resolution (no extra @types), and the command line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRun } from '../support/cli';
import { relativeLinks } from '../support/markdown-links';
import { createConsumerProject, packageJson, packPackage, TOOL, type ConsumerProject, type PackedPackage } from './packed-package';

let pack: PackedPackage;
let project: ConsumerProject;

beforeAll(() => {
  pack = packPackage();
  project = createConsumerProject(pack, 'node');
});

describe('the tarball', () => {
  it('holds the built package and its docs, not the sources, tests or the demo', () => {
    const paths = pack.files.map((f) => f.path);
    for (const must of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/sdeflow.mjs', 'dist/index.js', 'dist/index.d.ts', 'dist/node.js', 'dist/node.d.ts', 'dist/cli.js', 'schema/experiment.schema.json', 'docs/math.md', 'experiments/ou-1d.json']) {
      expect(paths, must).toContain(must);
    }
    const unwanted = paths.filter((p) => /^(src|test|shaders|demo|bench|scripts|build)\//.test(p) || p.endsWith('.ts') && !p.endsWith('.d.ts') || p.endsWith('.wgsl'));
    expect(unwanted).toEqual([]);
    console.log(`tarball: ${(pack.size / 1024).toFixed(0)} KiB compressed, ${pack.files.length} files, ${(pack.files.reduce((s, f) => s + f.size, 0) / 1024).toFixed(0)} KiB unpacked`);
  });

  it('ships its docs whole: every relative link in a shipped Markdown page reaches a shipped file', () => {
    const paths = new Set(pack.files.map((f) => f.path));
    const broken: string[] = [];
    for (const page of [...paths].filter((p) => p.endsWith('.md'))) {
      for (const target of relativeLinks(readFileSync(join(project.dir, 'node_modules/sdeflow', page), 'utf8'))) {
        const resolved = join(page, '..', target).replace(/\\/g, '/').replace(/\/$/, '');
        if (!paths.has(resolved) && ![...paths].some((p) => p.startsWith(`${resolved}/`))) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('resolves every export of package.json to a shipped file, with types for the code entries', () => {
    const exportsField = packageJson().exports as Record<string, string | { types: string; default: string }>;
    const paths = new Set(pack.files.map((f) => f.path));
    for (const [subpath, target] of Object.entries(exportsField)) {
      const targets = typeof target === 'string' ? [target] : [target.types, target.default];
      for (const t of targets) expect(paths.has(t.replace(/^\.\//, '')), `${subpath} → ${t}`).toBe(true);
      if (subpath === '.' || subpath === './node') expect(typeof target === 'object' && target.types.endsWith('.d.ts'), subpath).toBe(true);
    }
  });

  it('keeps the isomorphic core browser-safe: nothing reachable from dist/index.js imports a Node built-in or the Node WebGPU package', () => {
    const root = join(project.dir, 'node_modules/sdeflow/dist');
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith('.')) visit(join(file, '..', spec));
        else external.add(spec);
      }
    };
    visit(join(root, 'index.js'));
    expect(seen.size).toBeGreaterThan(1);
    const forbidden = [...external].filter((s) => s.startsWith('node:') || s === 'webgpu' || ['fs', 'path', 'os', 'child_process', 'url', 'module'].includes(s));
    expect(forbidden, `imports of the core: ${[...external].join(', ')}`).toEqual([]);
  });
});

describe('a plain Node ESM script (no loader, no tsx)', () => {
  it('runs an OU ensemble through the public API, and its mean matches the closed form x0·e^(−θt) within 5 standard errors', async () => {
    project.write(
      'ou.mjs',
      `import { assertExperiment, runExperiment } from 'sdeflow';
import { requestNodeDevice } from 'sdeflow/node';

const experiment = assertExperiment({
  name: 'consumer OU', seed: 7,
  objective: { kind: 'quadratic', A: [[2]] },
  dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 1, integrator: 'exact' }],
  x0: [1.5], trajectories: 65536, steps: 50,
});
const gpu = await requestNodeDevice();
try {
  const result = await runExperiment(experiment, { device: gpu });
  const run = result.runs[0];
  const k = run.series.t.length - 1;
  console.log(JSON.stringify({ t: run.series.t[k], mean: run.series.mean[k][0], se: run.series.meanStandardError[k][0], device: run.timing.device }));
} finally {
  gpu.release();
}
`,
    );
    const r = await project.run(process.execPath, ['ou.mjs']);
    expect(r.code, describeRun(r)).toBe(0);
    const { t, mean, se, device } = JSON.parse(r.stdout.trim().split('\n').pop()!);
    const exact = 1.5 * Math.exp(-2 * t);
    console.log(`consumer OU on ${device}: t = ${t}, mean ${mean.toFixed(5)} vs exact ${exact.toFixed(5)} (z = ${((mean - exact) / se).toFixed(2)}, SE ${se.toExponential(2)})`);
    expect(t).toBeCloseTo(0.5, 12);
    expect(se).toBeGreaterThan(0);
    expect(Math.abs(mean - exact)).toBeLessThan(5 * se);
  });

  it('imports the JSON Schema of experiment files by its package path', async () => {
    project.write('schema.mjs', `import { createRequire } from 'node:module';\nconst schema = createRequire(import.meta.url)('sdeflow/experiment.schema.json');\nconsole.log(schema.title);\n`);
    const r = await project.run(process.execPath, ['schema.mjs']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/experiment/i);
  });
});

const TS_CONSUMER = `import { assertExperiment, createLiveEnsemble, shareDevice, type EngineDevice, type Experiment, type ExperimentResult, type LiveEnsemble } from 'sdeflow';
import { requestNodeDevice, type NodeBackend } from 'sdeflow/node';

const experiment: Experiment = assertExperiment({ objective: { kind: 'quadratic', A: [[1]] }, dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 1 }], x0: [1], trajectories: 1024, steps: 10 });
const backend: NodeBackend = 'auto';

export async function run(): Promise<number> {
  const gpu: EngineDevice = await requestNodeDevice({ backend });
  const live: LiveEnsemble = await createLiveEnsemble(gpu, experiment);
  await live.advance(5);
  const buffer: GPUBuffer = live.state.buffer;
  live.dispose();
  gpu.release();
  return buffer.size;
}

export function embed(device: GPUDevice, adapter: GPUAdapter): EngineDevice {
  return shareDevice(device, adapter);
}

export function finalMean(result: ExperimentResult): number | undefined {
  return result.runs[0]?.series.mean?.at(-1)?.[0];
}
`;

describe('a strict TypeScript consumer', () => {
  for (const resolution of ['bundler', 'node16'] as const) {
    it(`type-checks with zero errors under moduleResolution ${resolution}, strict, without skipLibCheck or extra @types`, async () => {
      const module = resolution === 'bundler' ? 'esnext' : 'node16';
      project.write(`consumer-${resolution}.ts`, TS_CONSUMER);
      project.write(
        `tsconfig.${resolution}.json`,
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', module, moduleResolution: resolution, lib: ['es2022', 'dom'], types: [] }, files: [`consumer-${resolution}.ts`] }, null, 2),
      );
      const r = await project.run(process.execPath, [TOOL.tsc, '-p', `tsconfig.${resolution}.json`]);
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/error TS/);
    });
  }
});

describe('the command line from the tarball', () => {
  it('prints its version and help', async () => {
    const version = await project.run('npx', ['sdeflow', '--version']);
    expect(version.code, describeRun(version)).toBe(0);
    expect(version.stdout.trim()).toBe(pack.version);
    const help = await project.run('npx', ['sdeflow', '--help']);
    expect(help.code, describeRun(help)).toBe(0);
    for (const command of ['run', 'resume', 'merge', 'devices', 'bench']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('runs a shipped example experiment, shards it and merges the parts into the unsharded result', async () => {
    const file = 'node_modules/sdeflow/experiments/ou-1d.json';
    const whole = await project.run('npx', ['sdeflow', 'run', file, '--trajectories', '4096', '--quiet', '--out', 'whole.json']);
    expect(whole.code, describeRun(whole)).toBe(0);
    for (const i of [0, 1]) {
      const part = await project.run('npx', ['sdeflow', 'run', file, '--trajectories', '4096', '--shard', `${i}/2`, '--out', `part-${i}.json`]);
      expect(part.code, describeRun(part)).toBe(0);
    }
    const merged = await project.run('npx', ['sdeflow', 'merge', 'part-0.json', 'part-1.json', '--quiet', '--out', 'merged.json']);
    expect(merged.code, describeRun(merged)).toBe(0);
    const a = JSON.parse(readFileSync(join(project.dir, 'whole.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(project.dir, 'merged.json'), 'utf8'));
    expect(b.runs[0].series.count).toEqual(a.runs[0].series.count);
    const last = a.runs[0].series.mean.length - 1;
    expect(b.runs[0].series.mean[last][0]).toBeCloseTo(a.runs[0].series.mean[last][0], 12);
  });

  it('lists devices and runs a quick benchmark case, skipping browser rows it cannot run with one line saying how to get them', async () => {
    const devices = await project.run('npx', ['sdeflow', 'devices']);
    expect(devices.code, describeRun(devices)).toBe(0);
    const bench = await project.run('npx', ['sdeflow', 'bench', '--quick', '--only', 'ou-d1,browser']);
    expect(bench.code, describeRun(bench)).toBe(0);
    expect(bench.stdout).toMatch(/\| OU EM d=1 \| 65,536 × 200 \|/);
    expect(bench.stdout).toMatch(/^browser rows skipped: .*clone of the repository/m);
  });

  it('refuses an --only item that names no case, before opening a device (exit 2)', async () => {
    const r = await project.run('npx', ['sdeflow', 'bench', '--only', 'ou']);
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.stderr).toMatch(/"ou" names no benchmark case .*ou-d1/);
  });
});

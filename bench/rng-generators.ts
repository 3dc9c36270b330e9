// Philox4x32-10 against Threefry4x32-20 in WGSL, on the adapter this process
// gets (path A: Dawn's OpenGL ES on llvmpipe, the default; path B:
// `--backend vulkan` on lavapipe), for the choice of stream version 2's
// generator (docs/results/rng-generators.md). Each measurement is made for
// Philox (lib/philox.wgsl as shipped, its round loop a loop), Philox with the
// rounds written out, and Threefry, in the same process, back to back, repeated
// --repeats times (default 3; the median is reported):
//   blocks   shaders/kernels/generator_throughput.wgsl generator_blocks: each
//            invocation computes 1024 generator calls and xors them together
//            (raw generator throughput, blocks/s; 4 words each);
//   ou-v1 / ou-dense  the same kernel's generator_ou: an OU trajectory at
//            d = 1 per invocation, one normal a step, from one block a step
//            (stream v1's use at d = 1) or word s mod 4 of block ⌊s/4⌋ (stream
//            v2's dense packing, one step a loop pass as the runner steps, the
//            block's words kept across steps), ou-dense-normals (the same
//            with the block's four normals kept instead) and ou-dense4 (dense,
//            four steps a loop pass from one block's four normals);
//            normals/s = trajectory-steps/s;
//   engine   the bench case ou-d1 (bench/cases/throughput-cases.ts; 2^20
//            trajectories, 250 steps) through the real runner, once as shipped (Philox) and once with
//            lib/trajectory.wgsl's Philox call replaced by Threefry in this
//            process's copy of the shader library (keyed (k0, k1, k0 ^ k1, ~k0),
//            so no key word is a constant the compiler could fold). Stream v1's
//            layout either way; nothing outside this process changes.
// Each kernel's first invocations are checked against the TypeScript twins, so
// a dispatch cut short (llvmpipe's GL loop limit) or a miscompile is an error,
// not a fast number. A measurement, not a test: the numbers depend on the
// machine and its load (printed with them).
//
//   node --import ./scripts/register-sources.mjs bench/rng-generators.ts \
//     [--backend gles|vulkan] [--repeats N] [--seconds S] [--skip-engine] [--out F.json]
//
// --seconds S sizes each dispatch to about S seconds (default 0.4) from a
// calibration run. Path B needs lavapipe: eval "$(bash scripts/setup-lavapipe.sh .cache/lavapipe)".
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { SHADER_LIBRARY, composeKernel } from '../src/compose';
import { computePipeline } from '../src/gpu/pipeline-cache';
import { adapterLabel, requestNodeDevice, resolveBackend, type EngineDevice } from '../src/node';
import { philox4x32_10Into } from '../src/rng/philox';
import { normalFromWord } from '../src/rng/random';
import { threefry4x32_20Into } from '../src/rng/threefry';
import { THROUGHPUT_CASES } from './cases/throughput-cases';
import { caseSpec, gpuThroughput } from './measure-throughput';

type Generator = 'philox' | 'philox-unrolled' | 'threefry';
const GENERATORS: Generator[] = ['philox', 'philox-unrolled', 'threefry'];
const LOOP_LENGTH = 1024; // blocks or steps per invocation: far below llvmpipe GL's 65,535 loop iterations
const KEY = [0x9e3779b9, 0x7f4a7c15, 0x85ebca6b, 0xc2b2ae35];
const THETA_DT = 0.015; // θ·dt of the bench OU case (A = 1.5, dt = 0.01)
const SIGMA_SQRT_DT = 0.05; // σ√dt (σ = 0.5, dt = 0.01)

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const backend = flag('--backend');
const repeats = Number(flag('--repeats') ?? 3);
const targetSeconds = Number(flag('--seconds') ?? 0.4);
const outFile = flag('--out');
if (!(Number.isInteger(repeats) && repeats >= 1)) throw new Error(`--repeats must be a positive integer, got ${flag('--repeats')}`);
if (!(targetSeconds > 0)) throw new Error(`--seconds must be positive, got ${flag('--seconds')}`);

const kernelSource = readFileSync(new URL('../shaders/kernels/generator_throughput.wgsl', import.meta.url), 'utf8');
const library = { ...SHADER_LIBRARY, 'kernels/generator_throughput.wgsl': kernelSource };

interface Variant {
  name: string;
  generator: Generator;
  entryPoint: 'generator_blocks' | 'generator_ou' | 'generator_ou_normals' | 'generator_ou4';
  dense: boolean;
  /** What one unit of work is: generator blocks, or normals (= OU trajectory-steps). */
  unit: 'blocks' | 'normals';
}

const VARIANTS: Variant[] = GENERATORS.flatMap((generator) => [
  { name: 'blocks', generator, entryPoint: 'generator_blocks' as const, dense: false, unit: 'blocks' as const },
  { name: 'ou-v1', generator, entryPoint: 'generator_ou' as const, dense: false, unit: 'normals' as const },
  { name: 'ou-dense', generator, entryPoint: 'generator_ou' as const, dense: true, unit: 'normals' as const },
  { name: 'ou-dense-normals', generator, entryPoint: 'generator_ou_normals' as const, dense: true, unit: 'normals' as const },
  { name: 'ou-dense4', generator, entryPoint: 'generator_ou4' as const, dense: true, unit: 'normals' as const },
]);

function block(generator: Generator, c0: number, c1: number, out: Uint32Array): Uint32Array {
  return generator !== 'threefry'
    ? philox4x32_10Into(c0, c1, 0, 0, KEY[0], KEY[1], out)
    : threefry4x32_20Into(c0, c1, 0, 0, KEY[0], KEY[1], KEY[2], KEY[3], out);
}

/** What invocation `item` of a variant writes, from the TypeScript twins (OU in f32, to the f32 normal bound). */
function expectedSink(v: Variant, item: number): number {
  const w = new Uint32Array(4);
  if (v.entryPoint === 'generator_blocks') {
    let acc = 0;
    for (let b = 0; b < LOOP_LENGTH; b++) {
      block(v.generator, item, b, w);
      acc ^= w[0] ^ w[1] ^ w[2] ^ w[3];
    }
    return acc >>> 0;
  }
  let x = 1;
  for (let s = 0; s < LOOP_LENGTH; s++) {
    const word = v.dense ? (s % 4 === 0 ? block(v.generator, item, s >> 2, w) : w)[s % 4] : block(v.generator, item, s, w)[0];
    x = Math.fround(x + Math.fround(Math.fround(-THETA_DT * x) + Math.fround(SIGMA_SQRT_DT * Math.fround(normalFromWord(word)))));
  }
  return x;
}

interface Prepared {
  variant: Variant;
  pipeline: GPUComputePipeline;
}

async function prepare(gpu: EngineDevice, v: Variant): Promise<Prepared> {
  const kernel = composeKernel(
    { entry: 'kernels/generator_throughput.wgsl', entryPoint: v.entryPoint, constants: {}, defines: { THREEFRY: v.generator === 'threefry', PHILOX_UNROLLED: v.generator === 'philox-unrolled', DENSE: v.dense } },
    library,
  );
  // The pipeline cache keys on the composed code, not the entry point; this file has two.
  return { variant: v, pipeline: await computePipeline(gpu.device, { ...kernel, key: `${kernel.key}:${v.entryPoint}` }) };
}

/** Runs `groups` workgroups of 64 invocations once; returns the wall seconds and the sink's first words. */
async function dispatch(gpu: EngineDevice, p: Prepared, groups: number, readBack = 0): Promise<{ seconds: number; head: Uint32Array }> {
  const { device } = gpu;
  const params = new ArrayBuffer(32);
  new Uint32Array(params, 0, 6).set([...KEY, LOOP_LENGTH, LOOP_LENGTH]);
  new Float32Array(params, 24, 2).set([THETA_DT, SIGMA_SQRT_DT]);
  const paramBuf = device.createBuffer({ label: 'generator params', size: 32, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const sink = device.createBuffer({ label: 'generator sink', size: groups * 64 * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const read = readBack > 0 ? device.createBuffer({ label: 'generator read', size: readBack * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }) : null;
  device.queue.writeBuffer(paramBuf, 0, params);
  await device.queue.onSubmittedWorkDone();
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(p.pipeline);
  pass.setBindGroup(0, device.createBindGroup({ layout: p.pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: paramBuf } }, { binding: 1, resource: { buffer: sink } }] }));
  const x = Math.min(groups, 65535);
  if (groups % x !== 0) throw new Error(`internal: ${groups} workgroups do not tile rows of ${x}`);
  pass.dispatchWorkgroups(x, groups / x);
  pass.end();
  if (read) encoder.copyBufferToBuffer(sink, 0, read, 0, readBack * 4);
  const start = performance.now();
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
  const seconds = (performance.now() - start) / 1000;
  let head = new Uint32Array(0);
  if (read) {
    await read.mapAsync(GPUMapMode.READ);
    head = new Uint32Array(read.getMappedRange().slice(0));
    read.unmap();
    read.destroy();
  }
  paramBuf.destroy();
  sink.destroy();
  return { seconds, head };
}

/** Checks the first invocations of a variant against the TypeScript twins. */
async function verify(gpu: EngineDevice, p: Prepared): Promise<void> {
  const n = 64;
  const { head } = await dispatch(gpu, p, 2, n);
  const asF32 = new Float32Array(head.buffer);
  for (let item = 0; item < n; item++) {
    const expected = expectedSink(p.variant, item);
    const ok = p.variant.entryPoint === 'generator_blocks' ? head[item] === expected : Math.abs(asF32[item] - expected) <= 1e-4 * Math.max(1, Math.abs(expected));
    if (!ok) {
      const got = p.variant.entryPoint === 'generator_blocks' ? head[item] : asF32[item];
      throw new Error(`${p.variant.generator} ${p.variant.name}: invocation ${item} wrote ${got}, the TypeScript twin gives ${expected} (dispatch cut short or miscompiled)`);
    }
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number): string => `${(x / 1e6).toFixed(1)} M`;

/** lib/trajectory.wgsl with its Philox call replaced by Threefry (this process only). */
function trajectoryWithThreefry(): string {
  const original = SHADER_LIBRARY['lib/trajectory.wgsl'];
  const call = 'philox4x32_10(rng_counter(stream.lo, stream.hi, step, purpose, block), stream.key)';
  if (!original.includes(call)) throw new Error(`lib/trajectory.wgsl no longer draws with "${call}"; update bench/rng-generators.ts's engine swap`);
  const key = 'vec4<u32>(stream.key, stream.key.x ^ stream.key.y, ~stream.key.x)';
  return `// #include "lib/threefry.wgsl"\n${original.replace(call, `threefry4x32_20(rng_counter(stream.lo, stream.hi, step, purpose, block), ${key})`)}`;
}

async function engineThroughput(gpu: EngineDevice, generator: 'philox' | 'threefry'): Promise<number> {
  const c = THROUGHPUT_CASES.find((t) => t.id === 'ou-d1');
  if (!c) throw new Error('bench case ou-d1 is gone from bench/cases/throughput-cases.ts');
  const mutable = SHADER_LIBRARY as Record<string, string>;
  const original = mutable['lib/trajectory.wgsl'];
  if (generator === 'threefry') mutable['lib/trajectory.wgsl'] = trajectoryWithThreefry();
  try {
    // The full case's 2^20 trajectories, a quarter of its steps (a few seconds a run here).
    return (await gpuThroughput(gpu, caseSpec(c, { ...c.full, steps: c.full.steps / 4 }))).trajectoryStepsPerSecond;
  } finally {
    mutable['lib/trajectory.wgsl'] = original;
  }
}

async function main(): Promise<void> {
  const gpu = await requestNodeDevice({ backend: resolveBackend(backend) });
  const device = adapterLabel(gpu.adapter);
  console.log(`device: ${device}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const prepared = await Promise.all(VARIANTS.map((v) => prepare(gpu, v)));
  for (const p of prepared) await verify(gpu, p);
  // Size each kernel's dispatch to about targetSeconds from one calibration run.
  const groupsOf = new Map<Prepared, number>();
  for (const p of prepared) {
    const trial = 256;
    const { seconds } = await dispatch(gpu, p, trial);
    const groups = Math.max(64, Math.min(65535, Math.round((trial * targetSeconds) / Math.max(seconds, 1e-3) / 64) * 64));
    groupsOf.set(p, groups);
  }
  const rates = new Map<string, number[]>();
  const record = (key: string, rate: number) => rates.set(key, [...(rates.get(key) ?? []), rate]);
  for (let r = 0; r < repeats; r++) {
    // Each pair back to back, the generator that goes first alternating between repeats.
    const order = r % 2 === 0 ? GENERATORS : [...GENERATORS].reverse();
    for (const name of new Set(VARIANTS.map((v) => v.name))) {
      for (const g of order) {
        const p = prepared.find((q) => q.variant.name === name && q.variant.generator === g)!;
        const groups = groupsOf.get(p)!;
        const { seconds } = await dispatch(gpu, p, groups);
        record(`${name} ${g}`, (groups * 64 * LOOP_LENGTH) / seconds);
      }
    }
    if (!args.includes('--skip-engine')) {
      for (const g of order) if (g !== 'philox-unrolled') record(`engine ${g}`, await engineThroughput(gpu, g));
    }
    console.log(`repeat ${r + 1}/${repeats} done; load average ${loadavg()[0].toFixed(2)}`);
  }
  // A ratio is the median over repeats of the ratio within each repeat (the pair ran back to back, under the same load).
  const pairedRatio = (m: string, a: Generator, b: Generator): number | undefined => {
    const xs = rates.get(`${m} ${a}`);
    const ys = rates.get(`${m} ${b}`);
    return xs && ys ? median(xs.map((x, i) => x / ys[i])) : undefined;
  };
  const names = [...new Set([...rates.keys()].map((k) => k.split(' ')[0]))];
  const rows = names.map((name) => {
    const all = Object.fromEntries(GENERATORS.filter((g) => rates.has(`${name} ${g}`)).map((g) => [g, rates.get(`${name} ${g}`)!]));
    const med = Object.fromEntries(Object.entries(all).map(([g, xs]) => [g, median(xs)]));
    return { measurement: name, median: med, all, threefryOverPhilox: pairedRatio(name, 'threefry', 'philox'), threefryOverPhiloxUnrolled: pairedRatio(name, 'threefry', 'philox-unrolled') };
  });
  const unit = (name: string) => (name === 'blocks' ? 'blocks/s' : name === 'engine' ? 'trajectory-steps/s' : 'normals/s');
  const cell = (x: number | undefined) => (x === undefined ? '–' : fmt(x));
  const ratio = (r: number | undefined) => (r === undefined ? '–' : `${r.toFixed(2)}×`);
  console.log(`\n${device}; rates: median of ${repeats} repeats; ratios: median of the ${repeats} ratios within a repeat; load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log('| measurement | unit | Philox4x32-10 | Philox, rounds written out | Threefry4x32-20 | Threefry / Philox | Threefry / Philox written out |');
  console.log('|---|---|---|---|---|---|---|');
  for (const { measurement: m, median: x } of rows) {
    console.log(`| ${m} | ${unit(m)} | ${cell(x.philox)} | ${cell(x['philox-unrolled'])} | ${cell(x.threefry)} | ${ratio(pairedRatio(m, 'threefry', 'philox'))} | ${ratio(pairedRatio(m, 'threefry', 'philox-unrolled'))} |`);
  }
  if (outFile) writeFileSync(outFile, `${JSON.stringify({ device, repeats, loadAverage: loadavg(), rows }, null, 2)}\n`);
  await gpu.release();
}

await main();

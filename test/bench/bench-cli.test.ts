import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRun, sdeflow } from '../support/cli';

describe('sdeflow bench', () => {
  it('--quick --only prints the table and writes rows naming the device, with GPU and CPU rates and their ratio', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sdeflow-bench-')), 'bench.json');
    const r = await sdeflow(['bench', '--quick', '--only', 'OU EM d=1', '--no-browser', '--out', out]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/\| case \| N × steps \| WebGPU traj-steps\/s \| float64 CPU traj-steps\/s \| ratio \| note \|/);
    expect(r.stdout).toMatch(/\| OU EM d=1 \| 65,536 × 200 \|/);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.quick).toBe(true);
    expect(file.rows).toHaveLength(1);
    const [row] = file.rows;
    expect(row.case).toBe('OU EM d=1');
    expect(row.device).toMatch(/\S/);
    expect(row.gpuTrajectoryStepsPerSecond).toBeGreaterThan(0);
    expect(row.cpuTrajectoryStepsPerSecond).toBeGreaterThan(0);
    expect(row.ratio).toBeCloseTo(row.gpuTrajectoryStepsPerSecond / row.cpuTrajectoryStepsPerSecond, 10);
  });

  it('without chromium prints the Node rows and one line saying the browser rows were skipped and how to get them, and exits 0', async () => {
    const r = await sdeflow(['bench', '--quick', '--only', 'ou-d1,browser'], 110_000, { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/\| OU EM d=1 \| 65,536 × 200 \|/);
    const skipped = r.stdout.split('\n').filter((l) => l.startsWith('browser rows skipped'));
    expect(skipped).toEqual(['browser rows skipped: no chromium at /nonexistent/chromium (install it with: apt-get install -y --no-install-recommends chromium; or set CHROMIUM_PATH)']);
  });
});

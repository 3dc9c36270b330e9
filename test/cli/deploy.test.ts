import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseExperimentJson } from '../../src/experiment';
import { shardRange } from '../../src/run/shard';

/**
 * deploy/: the Kubernetes manifests stay in step with the example experiment and
 * the command line. (No YAML parser is a dependency; these are textual checks,
 * the manifests were also checked with PyYAML when written.)
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(ROOT + path, 'utf8');
const job = read('deploy/kubernetes/indexed-job.yaml');
const merge = read('deploy/kubernetes/merge-job.yaml');
const example = read('experiments/scale-out.json');

/** The literal block `exp.json: |` of the ConfigMap, de-indented. */
function configMapExperiment(yaml: string): string {
  const lines = yaml.split('\n');
  const start = lines.findIndex((l) => /^\s+exp\.json: \|$/.test(l));
  expect(start, 'exp.json block').toBeGreaterThan(0);
  const indent = ' '.repeat(lines[start].search(/\S/) + 2);
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line !== '' && !line.startsWith(indent)) break;
    block.push(line.slice(indent.length));
  }
  return block.join('\n');
}

describe('deploy/', () => {
  it('experiments/scale-out.json is valid and splits into 4 shards on block boundaries', () => {
    const parsed = parseExperimentJson(example);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues)).toBe(true);
    if (!parsed.ok) return;
    const ranges = [0, 1, 2, 3].map((index) => shardRange(parsed.experiment.trajectories, { index, count: 4 }));
    expect(ranges.map((r) => r.trajectories)).toEqual([65536, 65536, 65536, 65536]);
    expect(parsed.experiment.escape).toBeDefined();
    expect(Object.keys(parsed.experiment.record.regions ?? {}).length).toBeGreaterThan(0);
  });

  it("the Job's ConfigMap holds the same experiment (without the file's $schema, an editor hint)", () => {
    const { $schema, ...experiment } = JSON.parse(example);
    expect($schema).toBe('../schema/experiment.schema.json');
    expect(JSON.parse(configMapExperiment(job))).toEqual(experiment);
  });

  it('the Job is Indexed, 4 × 4, and runs shard $(JOB_COMPLETION_INDEX)/4 into the shared volume', () => {
    expect(job).not.toMatch(/\t/);
    expect(job).toMatch(/^  completionMode: Indexed$/m);
    expect(job).toMatch(/^  completions: 4\b/m);
    expect(job).toMatch(/^  parallelism: 4\b/m);
    const command = job.match(/command:\n((?:\s+- .*\n)+)/)![1].split('\n').map((l) => l.replace(/^\s+- /, '').trim()).filter(Boolean);
    expect(command.join(' ')).toBe('npx sdeflow run /experiments/exp.json --shard $(JOB_COMPLETION_INDEX)/4 --out /results/part-$(JOB_COMPLETION_INDEX).json');
    expect(job).toMatch(/mountPath: \/experiments\n/);
    expect(job).toMatch(/claimName: sdeflow-results/);
    expect(job).toMatch(/#\s+nvidia\.com\/gpu: 1/);
    expect(merge).not.toMatch(/\t/);
    expect(merge).toContain('npx sdeflow merge /results/part-*.json --out /results/all.json');
    expect(merge).toMatch(/claimName: sdeflow-results/);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseExperimentJson } from '../../src/experiment';
import { parseShard, shardRange } from '../../src/run/shard';

/**
 * deploy/kubernetes: every object validates against the Kubernetes OpenAPI
 * schemas that kubernetes-models 4.5.1 ships (the Kubernetes 1.33 API: batch/v1
 * Job, core v1 ConfigMap and PersistentVolumeClaim), the ConfigMap holds the
 * example experiment, and the Indexed Job's completion index maps to --shard
 * exactly as deploy/README.md says, for the committed 4 shards and rendered
 * for 8.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(ROOT + path, 'utf8');
const README = read('deploy/README.md');
const example = read('experiments/scale-out.json');

/** The objects of a multi-document YAML file, parsed as Kubernetes would (comments and empty documents dropped). */
function manifest(path: string): any[] {
  const docs = parseAllDocuments(read(path));
  for (const d of docs) expect(d.errors, `${path}: ${d.errors.join('; ')}`).toEqual([]);
  return docs.map((d) => d.toJS()).filter((o) => o !== null);
}

/** The model (schema) of each kind the manifests use. */
const MODELS: Record<string, { apiVersion: string; build: (o: any) => { validate(): void } }> = {
  ConfigMap: { apiVersion: 'v1', build: (o) => new ConfigMap(o) },
  PersistentVolumeClaim: { apiVersion: 'v1', build: (o) => new PersistentVolumeClaim(o) },
  Job: { apiVersion: 'batch/v1', build: (o) => new Job(o) },
};

/** The schema's verdict on an object: null when valid, else the validator's message. */
function schemaProblem(object: any): string | null {
  const model = MODELS[object.kind];
  if (!model) return `no schema for kind ${object.kind}`;
  if (object.apiVersion !== model.apiVersion) return `${object.kind} has apiVersion ${object.apiVersion}, expected ${model.apiVersion}`;
  try {
    model.build(object).validate();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Kubernetes' $(VAR) expansion of a container's command from its environment ($$ escapes a $). */
function expand(word: string, env: Record<string, string>): string {
  return word.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : (env[name!] ?? m)));
}

/**
 * The Job cut into n shards, changed in the three places deploy/README.md names:
 * completions (with parallelism at most n), the n of --shard …/n, and so the parts.
 */
function renderShards(job: any, n: number): any {
  const copy = structuredClone(job);
  copy.spec.completions = n;
  copy.spec.parallelism = Math.min(copy.spec.parallelism, n);
  const container = copy.spec.template.spec.containers[0];
  container.command = container.command.map((w: string) => w.replace(/^(\$\(JOB_COMPLETION_INDEX\))\/\d+$/, `$1/${n}`));
  return copy;
}

/** What pod i of an Indexed Job runs: the controller sets JOB_COMPLETION_INDEX = i in every pod. */
const podCommand = (job: any, i: number) => job.spec.template.spec.containers[0].command.map((w: string) => expand(w, { JOB_COMPLETION_INDEX: String(i) })).join(' ');

/** The command deploy/README.md says pod i runs (the block after "Pod i runs:"), for n shards. */
function documentedCommand(i: number, n: number): string {
  const block = README.slice(README.indexOf('Pod i runs:')).match(/```\n\s*(.+)\n\s*```/);
  expect(block, 'the command after "Pod i runs:" in deploy/README.md').not.toBeNull();
  return expand(block![1].trim().replace(/(\$\(JOB_COMPLETION_INDEX\))\/4\b/, `$1/${n}`), { JOB_COMPLETION_INDEX: String(i) });
}

const objects = manifest('deploy/kubernetes/indexed-job.yaml');
const mergeObjects = manifest('deploy/kubernetes/merge-job.yaml');
const job = objects.find((o) => o.kind === 'Job');
const trajectories: number = JSON.parse(example).trajectories;

describe('deploy/kubernetes', () => {
  it('holds a ConfigMap, a PersistentVolumeClaim and the shards Job; the merge Job on its own', () => {
    expect(objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual([
      'v1 ConfigMap sdeflow-experiment',
      'v1 PersistentVolumeClaim sdeflow-results',
      'batch/v1 Job sdeflow-shards',
    ]);
    expect(mergeObjects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual(['batch/v1 Job sdeflow-merge']);
  });

  it('every object validates against the Kubernetes 1.33 schemas (kubernetes-models 4.5.1)', () => {
    for (const o of [...objects, ...mergeObjects]) expect(schemaProblem(o), `${o.kind} ${o.metadata.name}`).toBeNull();
  });

  it('the schemas are those of Kubernetes 1.33, and they reject what a cluster would', () => {
    // Job.spec.managedBy (1.30) and ContainerStatus.stopSignal (1.33) are known, PodSpec.hostnameOverride (1.34) is not.
    const schemas = ROOT + 'node_modules/kubernetes-models/_schemas/';
    expect(readFileSync(schemas + 'IoK8sApiBatchV1JobSpec.js', 'utf8')).toContain('managedBy');
    expect(readFileSync(schemas + 'IoK8sApiCoreV1ContainerStatus.js', 'utf8')).toContain('stopSignal');
    expect(readFileSync(schemas + 'IoK8sApiCoreV1PodSpec.js', 'utf8')).not.toContain('hostnameOverride');
    const broken = (edit: (j: any) => void) => {
      const copy = structuredClone(job);
      edit(copy);
      return schemaProblem(copy);
    };
    expect(broken((j) => (j.spec.completions = '4'))).toMatch(/completions must be integer/);
    expect(broken((j) => delete j.spec.template)).toMatch(/template/);
    expect(broken((j) => (j.spec.template.spec.containers[0].volumeMounts[0].mountPath = 3))).toMatch(/mountPath must be string/);
    expect(broken((j) => delete j.spec.template.spec.containers[0].name)).toMatch(/name/);
  });

  it("the ConfigMap holds experiments/scale-out.json (without the file's $schema, an editor hint), which splits into 4 shards on block boundaries", () => {
    const { $schema, ...experiment } = JSON.parse(example);
    expect($schema).toBe('../schema/experiment.schema.json');
    const configMap = objects.find((o) => o.kind === 'ConfigMap');
    expect(JSON.parse(configMap.data['exp.json'])).toEqual(experiment);
    const parsed = parseExperimentJson(example);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues)).toBe(true);
    const ranges = [0, 1, 2, 3].map((index) => shardRange(trajectories, { index, count: 4 }));
    expect(ranges.map((r) => r.trajectories)).toEqual([65536, 65536, 65536, 65536]);
  });

  it('the Job is Indexed, 4 × 4, mounts the experiment and the shared volume, and fails at once on exit 2', () => {
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 4 });
    expect(job.spec.podFailurePolicy.rules).toContainEqual({ action: 'FailJob', onExitCodes: { containerName: 'sdeflow', operator: 'In', values: [2] } });
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'experiment', mountPath: '/experiments', readOnly: true },
      { name: 'results', mountPath: '/results' },
    ]);
    expect(pod.volumes).toEqual([
      { name: 'experiment', configMap: { name: 'sdeflow-experiment' } },
      { name: 'results', persistentVolumeClaim: { claimName: 'sdeflow-results' } },
    ]);
    expect(read('deploy/kubernetes/indexed-job.yaml')).toMatch(/#\s+nvidia\.com\/gpu: 1/);
    const merge = mergeObjects[0].spec.template.spec;
    expect(merge.containers[0].command).toEqual(['sh', '-c', 'npx sdeflow merge /results/part-*.json --out /results/all.json --csv /results/csv']);
    expect(merge.volumes).toEqual([{ name: 'results', persistentVolumeClaim: { claimName: 'sdeflow-results' } }]);
  });

  it.each([4, 8])('with %i shards, pod i runs exactly the command deploy/README.md gives, and the pods cover every trajectory once', (n) => {
    const rendered = n === 4 ? job : renderShards(job, n);
    expect(schemaProblem(rendered)).toBeNull();
    expect(rendered.spec.completions).toBe(n);
    let next = 0;
    for (let i = 0; i < n; i++) {
      const command = podCommand(rendered, i);
      expect(command).toBe(documentedCommand(i, n));
      expect(command).toBe(`npx sdeflow run /experiments/exp.json --shard ${i}/${n} --out /results/part-${i}.json`);
      const range = shardRange(trajectories, parseShard(command.match(/--shard (\S+)/)![1]));
      expect(range.first).toBe(next);
      next = range.first + range.trajectories;
    }
    expect(next).toBe(trajectories);
  });
});

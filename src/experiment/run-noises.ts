import type { Experiment } from './experiment';
import type { JsonPath } from './json-path';
import type { Noise } from './noise';
import { expandRuns } from './runs';
import { NOISE_BATCH_SIZE } from './sweep';

/** One noise the runs of an experiment use, with the longest run using it and where its batch size comes from. */
export interface RunNoise {
  noise: Noise;
  /** Steps of the longest run with this noise. */
  steps: number;
  /** Where issues about its batch size point: `$.noise.batchSize`, or the swept value. */
  path: JsonPath;
}

/**
 * The noises the runs use: the experiment's own, or under a `noise.batchSize` sweep one
 * per swept value (the experiment's batch size is then overridden and never run), so
 * per-noise checks (b ≤ N, a schedule's end) name the value they are about.
 */
export function runNoises(experiment: Experiment): RunNoise[] {
  const runs = expandRuns(experiment);
  const longest = (noise: Noise) => Math.max(...runs.filter((run) => run.noise === noise).map((run) => run.steps));
  if (experiment.sweep?.param !== NOISE_BATCH_SIZE) return [{ noise: experiment.noise, steps: longest(experiment.noise), path: ['noise', 'batchSize'] }];
  const items = experiment.dynamics.length;
  return experiment.sweep.values.map((_, i) => {
    const noise = runs[i * items].noise;
    return { noise, steps: longest(noise), path: ['sweep', NOISE_BATCH_SIZE, i] };
  });
}

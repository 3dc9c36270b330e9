import { readdirSync } from 'node:fs';
import type { GradientSdeDynamics } from '../../src/dynamics/gradient-sde';
import { describe, expect, it } from 'vitest';
import { expandRuns } from '../../src/experiment/index';
import { exampleExperiment } from '../support/example-experiment';

describe('example experiment files', () => {
  it('ou-showcase.json parses into a 2-D correlated OU with EM and exact runs over 400 steps', () => {
    const experiment = exampleExperiment('ou-showcase');
    expect(experiment.dim).toBe(2);
    expect(experiment.seed).toBe('ou-showcase');
    expect(experiment.objective).toEqual({ kind: 'quadratic', A: [[2, 0.6], [0.6, 1]], b: [1, -0.5] });
    expect(experiment.x0).toEqual({ kind: 'point', value: [2, -1] });
    expect(experiment.trajectories).toBe(1048576);
    expect(experiment.reference).toEqual({ trajectories: 1000 });
    expect((experiment.dynamics as GradientSdeDynamics[]).map((d) => [d.label, d.integrator, d.dt])).toEqual([
      ['EM dt=0.01', 'euler-maruyama', 0.01],
      ['exact', 'exact', 0.01],
    ]);
    expect((experiment.dynamics[0] as GradientSdeDynamics).sigmaMatrix).toEqual([[0.8, 0], [0.3, 0.5]]);
    const runs = expandRuns(experiment);
    expect(runs.map((run) => run.steps)).toEqual([400, 400]);
    expect(runs[0].checkpoints).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400]);
  });

  it('ou-1d.json parses into a scalar OU with 100 steps recorded at start and end', () => {
    const experiment = exampleExperiment('ou-1d');
    expect(experiment.dim).toBe(1);
    expect(experiment.objective).toEqual({ kind: 'quadratic', A: [[1]], b: [0] });
    expect((experiment.dynamics[0] as GradientSdeDynamics).sigmaMatrix).toEqual([[1]]);
    expect(experiment.trajectories).toBe(65536);
    expect(experiment.duration).toEqual({ kind: 'steps', steps: 100 });
    expect(expandRuns(experiment).map((run) => run.checkpoints)).toEqual([[0, 100]]);
  });
});

describe('every experiment file in experiments/ is valid', () => {
  const names = readdirSync(new URL('../../experiments/', import.meta.url)).filter((f) => f.endsWith('.json'));
  it.each(names)('%s parses and plans at least one run', (file) => {
    const experiment = exampleExperiment(file.replace(/\.json$/, ''));
    expect(expandRuns(experiment).length).toBeGreaterThan(0);
  });
});

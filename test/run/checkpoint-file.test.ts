/**
 * The checkpoint file's own guarantees (src/run/checkpoint-file.ts): floats read
 * back as the same bits (−0, NaN, ±Infinity included), and checkpoints that cannot
 * continue the same run — another RNG stream version, an edited experiment, not a
 * checkpoint at all — are refused with the reason.
 */
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/experiment/index';
import { CPU_REFERENCE_DEVICE } from '../../src/reference/run-reference';
import { CheckpointError, exactJson, parseExactJson, readCheckpoint, toCheckpointFile } from '../../src/run/checkpoint-file';
import { EnsembleStatistics } from '../../src/stats/ensemble-statistics';
import { statisticsLayout } from '../../src/stats/statistics-layout';

const parsed = parseExperiment({
  objective: { kind: 'quadratic', A: [[1]] },
  dynamics: [{ kind: 'gradient-sde', dt: 0.1, sigma: 1 }],
  x0: [0],
  trajectories: 256,
  steps: 4,
});
if (!parsed.ok) throw new Error('fixture');
const experiment = parsed.experiment;

function checkpointText(): string {
  const statistics = new EnsembleStatistics(statisticsLayout(1, 4, 2), [0, 4], 256);
  statistics.checkpoints[1].features.mean[0] = -0;
  statistics.checkpoints[1].features.m2[0] = 0.1 + 0.2;
  statistics.checkpoints[1].features.m4[0] = Number.POSITIVE_INFINITY;
  const progress = {
    runs: [],
    tracked: new Map([[0, [new Float32Array([1.5, -2.25])]]]),
    current: {
      index: 0,
      snapshot: { chunkSize: 256, offset: 0, step: 2, checkpointsDone: 1, trajectorySteps: 512, seconds: 0.5, counters: new Uint32Array([7, 8]).buffer, statistics, chunk: { state: new Float32Array([0.1, Number.NaN]).buffer, records: new Uint32Array([1, 2]).buffer, aux: new Float32Array([3]).buffer } },
    },
  };
  return exactJson(toCheckpointFile(experiment, { file: '/nowhere.json', device: 'gpu' }, CPU_REFERENCE_DEVICE, progress));
}

describe('checkpoint files', () => {
  it('exactJson keeps every float64 bit: −0, NaN, ±Infinity and 0.1 + 0.2', () => {
    const values = [-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1 + 0.2, 5e-324, -1.7976931348623157e308];
    const back = parseExactJson(exactJson({ values })) as { values: number[] };
    back.values.forEach((v, i) => expect(Object.is(v, values[i]), `value ${i}`).toBe(true));
  });

  it('a checkpoint reads back with its statistics, counters, chunk words and tracked paths intact', () => {
    const { progress } = readCheckpoint(checkpointText(), 'c.json');
    const s = progress.current!.snapshot;
    expect(Object.is(s.statistics.checkpoints[1].features.mean[0], -0)).toBe(true);
    expect(s.statistics.checkpoints[1].features.m2[0]).toBe(0.1 + 0.2);
    expect(s.statistics.checkpoints[1].features.m4[0]).toBe(Number.POSITIVE_INFINITY);
    expect(Array.from(new Uint32Array(s.counters))).toEqual([7, 8]);
    expect(Array.from(new Float32Array(s.chunk!.state))).toEqual([Math.fround(0.1), Number.NaN]);
    expect(Array.from(progress.tracked.get(0)![0])).toEqual([1.5, -2.25]);
    expect([s.offset, s.step, s.checkpointsDone, s.trajectorySteps]).toEqual([0, 2, 1, 512]);
  });

  it('refuses a checkpoint of another random-number stream version', () => {
    const text = checkpointText().replace('"rngStreamVersion":2', '"rngStreamVersion":1');
    expect(text).toContain('"rngStreamVersion":1');
    expect(() => readCheckpoint(text, 'c.json')).toThrow(CheckpointError);
    expect(() => readCheckpoint(text, 'c.json')).toThrow(/stream version 1, and this sdeflow draws version 2/);
  });

  it('refuses a checkpoint whose experiment was edited (it no longer matches its fingerprint)', () => {
    const text = checkpointText().replace('"trajectories":256', '"trajectories":512');
    expect(() => readCheckpoint(text, 'c.json')).toThrow(/damaged or was edited/);
  });

  it('refuses a file that is not a checkpoint', () => {
    expect(() => readCheckpoint('{"format":"sdeflow-part/v1"}', 'p.json')).toThrow(/not an sdeflow checkpoint/);
    expect(() => readCheckpoint('{"form', 'p.json')).toThrow(/not a checkpoint/);
  });
});

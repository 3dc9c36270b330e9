import { describe, expect, it } from 'vitest';
import { parseExperimentJson } from '../../src/experiment/index';
import { expectIssueAt, validInput } from './fixtures';

describe('parseExperimentJson', () => {
  it('reports invalid JSON as one issue at $ with the parser message', () => {
    const result = parseExperimentJson('{ "trajectories": 10, }');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].path).toBe('$');
    let parserMessage = '';
    try {
      JSON.parse('{ "trajectories": 10, }');
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    expect(result.issues[0].message).toContain(parserMessage);
  });

  it('rejects 1e400, which JSON.parse turns into Infinity, at its path with a hint', () => {
    const text = JSON.stringify(validInput({ objective: { kind: 'quadratic', A: [[1, 0], [0, 1]], b: [0, 12345] } })).replace('12345', '1e400');
    const result = parseExperimentJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expectIssueAt(result.issues, '$.objective.b[1]', /finite number.*found Infinity.*1e400/);
  });

  it('parses valid JSON text like the decoded object', () => {
    const result = parseExperimentJson(JSON.stringify(validInput()));
    expect(result.ok && result.experiment.dim).toBe(2);
  });
});

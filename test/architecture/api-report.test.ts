import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_REPORT_COMMAND, API_REPORT_PATH, apiReport } from '../../scripts/api-report-lib';
import { ROOT } from '../support/cli';

describe('the public API', () => {
  it(`is exactly what ${API_REPORT_PATH} reports: a change to the surface is made on purpose, with the report (${API_REPORT_COMMAND})`, () => {
    const committed = readFileSync(join(ROOT, API_REPORT_PATH), 'utf8');
    expect(apiReport(ROOT), `the exported names or signatures changed: run npm run build && ${API_REPORT_COMMAND}, and review the diff`).toBe(committed);
  });

  it('keeps internals out of the entry points: no Philox constants, RK4 helpers, kernel composition or registry descriptors', () => {
    const report = apiReport(ROOT);
    for (const internal of ['PHILOX_M0', 'philox4x32_10', 'rk4Interval', 'composeKernel', 'dynamicsDescriptor', 'objectiveDescriptor', 'keyFromSeed']) {
      expect(report).not.toMatch(new RegExp(`\\*\\*${internal}\\*\\*`));
    }
  });
});

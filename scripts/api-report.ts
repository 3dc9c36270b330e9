// Writes docs/api.md, the API report of the built package (scripts/api-report-lib.ts):
//   npm run build && npm run api-report
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_REPORT_PATH, apiReport } from './api-report-lib';

const root = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(`${root}/${API_REPORT_PATH}`, apiReport(root));
console.log(`${API_REPORT_PATH}: written`);

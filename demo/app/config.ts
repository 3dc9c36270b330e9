/**
 * The URL holds the whole configuration: `?page=ID&seed=S&key=value…`. Parsing
 * is strict — an unknown page or key, a non-number or a value out of range is
 * an error naming the parameter, shown instead of running anything.
 */
import type { NumberParam, PageConfig, PageDefinition } from './page-definition';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export function defaultConfig(page: PageDefinition): PageConfig {
  const config = { seed: page.defaultSeed } as PageConfig;
  for (const p of page.params) config[p.key] = p.default;
  return config;
}

/** The page's configuration from URL parameters (defaults for absent ones). */
export function parseConfig(page: PageDefinition, search: URLSearchParams): PageConfig {
  const config = defaultConfig(page);
  const problems: string[] = [];
  for (const [key, raw] of search) {
    if (key === 'page' || key === 'present') continue; // frame-level, read by app/main.ts
    if (key === 'seed') {
      if (raw.trim() === '' || raw.length > 64) problems.push(`seed: expected 1 to 64 characters, found ${JSON.stringify(raw)}`);
      else config.seed = raw;
      continue;
    }
    const param = page.params.find((p) => p.key === key);
    if (!param) {
      problems.push(`${key}: not a parameter of "${page.id}" (expected one of seed, ${page.params.map((p) => p.key).join(', ')})`);
      continue;
    }
    const problem = checkValue(param, raw);
    if (problem) problems.push(problem);
    else config[key] = Number(raw);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function checkValue(p: NumberParam, raw: string): string | undefined {
  const value = raw.trim() === '' ? NaN : Number(raw);
  const options = p.choices ? ` (${p.choices.map((c, i) => `${i} = ${c}`).join(', ')})` : '';
  const expected = `expected ${p.integer ? 'an integer' : 'a number'} in [${p.min}, ${p.max}]${p.unit ? ` (${p.unit})` : ''}${options}`;
  if (!Number.isFinite(value)) return `${p.key}: ${expected}, found ${JSON.stringify(raw)}`;
  if (p.integer && !Number.isInteger(value)) return `${p.key}: ${expected}, found ${raw}`;
  if (value < p.min || value > p.max) return `${p.key}: ${expected}, found ${raw}`;
  return undefined;
}

/** The URL query of a configuration (only values that differ from the defaults, plus page and seed). */
export function configQuery(page: PageDefinition, config: PageConfig): string {
  const q = new URLSearchParams({ page: page.id, seed: config.seed });
  for (const p of page.params) if (config[p.key] !== p.default) q.set(p.key, String(config[p.key]));
  return q.toString();
}

/**
 * Every snippet in README.md runs, from the installed tarball, as a user would
 * run it: each ```js block as an ES module with plain `node`, each ```ts block
 * type-checked under strict TypeScript, each `npx sdeflow …` line of a ```sh
 * block in the consumer project, and each ```json experiment validated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/experiment';
import { describeRun, ROOT } from '../support/cli';
import { createConsumerProject, packPackage, TOOL, type ConsumerProject } from './packed-package';

interface Snippet {
  lang: string;
  code: string;
  line: number;
}

function readmeSnippets(): Snippet[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const snippets: Snippet[] = [];
  for (const m of text.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```\s*$/gm)) {
    snippets.push({ lang: m[1], code: m[2], line: text.slice(0, m.index).split('\n').length });
  }
  return snippets;
}

const snippets = readmeSnippets();
const of = (lang: string) => snippets.filter((s) => s.lang === lang);
const cliLines = of('sh').flatMap((s) =>
  s.code
    .split('\n')
    .map((line, i) => ({ command: line.replace(/\s+#.*$/, '').trim(), line: s.line + 1 + i }))
    .filter((l) => l.command.startsWith('npx sdeflow')),
);

let project: ConsumerProject;

beforeAll(() => {
  project = createConsumerProject(packPackage(), 'readme');
});

describe('README snippets', () => {
  it('the README has runnable snippets of every kind the front door promises: a Node module, a typed browser snippet and CLI lines', () => {
    expect(of('js').length).toBeGreaterThan(0);
    expect(of('ts').length).toBeGreaterThan(0);
    expect(cliLines.length).toBeGreaterThan(0);
  });

  for (const [i, s] of of('js').entries()) {
    it(`the js block at README.md:${s.line} runs with plain node from the installed package and prints its result`, async () => {
      project.write(`readme-${i}.mjs`, s.code);
      const r = await project.run(process.execPath, [`readme-${i}.mjs`]);
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout.trim().length, describeRun(r)).toBeGreaterThan(0);
    });
  }

  for (const [i, s] of of('ts').entries()) {
    it(`the ts block at README.md:${s.line} type-checks under strict TypeScript against the installed package`, async () => {
      project.write(`readme-${i}.ts`, s.code.includes('import') || s.code.includes('export') ? s.code : `${s.code}\nexport {};\n`);
      project.write(
        `tsconfig.readme-${i}.json`,
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [] }, files: [`readme-${i}.ts`] }),
      );
      const r = await project.run(process.execPath, [TOOL.tsc, '-p', `tsconfig.readme-${i}.json`]);
      expect(r.code, describeRun(r)).toBe(0);
    });
  }

  for (const { command, line } of cliLines) {
    it(`README.md:${line} \`${command}\` exits 0 in a project with the package installed`, async () => {
      const r = await project.run('bash', ['-c', command], { timeoutMs: 240_000 });
      expect(r.code, describeRun(r)).toBe(0);
    });
  }

  for (const s of of('json')) {
    it(`the json block at README.md:${s.line} is a valid experiment file`, () => {
      const parsed = parseExperiment(JSON.parse(s.code));
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    });
  }
});

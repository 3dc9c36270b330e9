/**
 * The documentation stands alone: every relative link in README.md and docs/
 * reaches a file of the project, and no tracked file names a file the project
 * does not ship (the design notes and specifications it was built from).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { relativeLinks } from '../support/markdown-links';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

const PAGES = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];

describe('the documentation stands alone', () => {
  it('every relative link in README.md and docs/ points at a file that exists', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      for (const target of relativeLinks(readFileSync(page, 'utf8'))) {
        if (!existsSync(join(dirname(page), target))) broken.push(`${relative(ROOT, page)}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('no tracked file outside CI names the specification files or the folder the project was built beside', () => {
    // git grep exits 1 when nothing matches, 0 with the matches on stdout.
    const grep = spawnSync('git', ['grep', '-nE', '(MATH|ENVIRONMENT|DESIGN|STYLE)\\.md|\\.\\./shared', '--', '.', ':!.ci', ':!test/docs/self-contained-docs.test.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(grep.status, grep.stderr).not.toBe(2);
    expect(grep.stdout.trim()).toBe('');
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from '../support/tree';

/**
 * Every relative link in README.md and the Markdown pages beside the code resolves: the file exists,
 * and a `#fragment` names a heading of that page (GitHub's anchor of it). Moving a section or a file
 * breaks this test, not a reader's click.
 */

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Lines outside fenced code blocks. */
function prose(text: string): string[] {
  let fence = false;
  return text.split('\n').filter((line) => {
    if (/^\s*```/.test(line)) {
      fence = !fence;
      return false;
    }
    return !fence;
  });
}

function anchors(file: string): Set<string> {
  const found = new Set<string>();
  for (const line of prose(readFileSync(file, 'utf8'))) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (heading) found.add(anchorOf(heading[1]));
  }
  return found;
}

/** `[text](target)` links of a page, code spans removed first. */
export function linksOf(text: string): string[] {
  return prose(text).flatMap((line) => [...line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]));
}

export function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  for (const link of linksOf(readFileSync(file, 'utf8'))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
    const [path, fragment] = link.split('#', 2);
    const target = path === '' ? file : join(dirname(file), decodeURIComponent(path));
    if (!existsSync(target)) broken.push(`${link}: no such file`);
    else if (
      fragment !== undefined &&
      statSync(target).isFile() &&
      target.endsWith('.md') &&
      !anchors(target).has(fragment)
    )
      broken.push(`${link}: ${relative(REPO_ROOT, target)} has no heading with that anchor`);
  }
  return broken;
}

const pages = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  'policies/README.md',
  'examples/ci/README.md',
].filter((p) => existsSync(join(REPO_ROOT, p)));

describe('documentation links', () => {
  it.each(pages)('%s: every relative link resolves', (page) => {
    expect(brokenLinks(join(REPO_ROOT, page))).toEqual([]);
  });

  it('finds a broken file link and a broken anchor (the check can fail)', () => {
    const text = '[a](nope.md) [b](README.md#no-such-heading) [c](https://example.com/x) `[d](ignored.md)`';
    expect(linksOf(text)).toEqual(['nope.md', 'README.md#no-such-heading', 'https://example.com/x']);
    const dir = mkdtempSync(join(tmpdir(), 'links-'));
    writeFileSync(join(dir, 'README.md'), '# Title\n\n## A section\n\n[ok](#a-section) [ok](README.md#title) ' + text);
    expect(brokenLinks(join(dir, 'README.md'))).toEqual([
      'nope.md: no such file',
      `README.md#no-such-heading: ${relative(REPO_ROOT, join(dir, 'README.md'))} has no heading with that anchor`,
    ]);
    expect(anchorOf('Provisioning on demand: `await-sync --provision` or the Terraform resource')).toBe(
      'provisioning-on-demand-await-sync---provision-or-the-terraform-resource',
    );
  });

  it('README stays an entry page: at most 250 lines, the depth in docs/', () => {
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(250);
  });
});

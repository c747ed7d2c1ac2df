import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './tree';

export const README = join(REPO_ROOT, 'README.md');
export const DOCS = join(REPO_ROOT, 'docs');

/** A page of the documentation, by its path under docs/ (e.g. `security.md`). */
export function docsPage(name: string): string {
  return readFileSync(join(DOCS, name), 'utf8');
}

/** README.md and every page under docs/, as one text: for checks that a fact is documented somewhere. */
export function allDocs(): string {
  const pages = readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => docsPage(f));
  return [readFileSync(README, 'utf8'), ...pages].join('\n');
}

/** The text between `<!-- <name>:start ... -->` and `<!-- <name>:end -->`, wherever in the documentation it is. */
export function readmeSection(name: string): string {
  const text = allDocs();
  const start = text.indexOf(`<!-- ${name}:start`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start)
    throw new Error(`the documentation has no <!-- ${name}:start --> ... <!-- ${name}:end --> section`);
  return text.slice(text.indexOf('-->', start) + 4, end);
}

/** The TypeScript code block of the documented library example. */
export function readmeLibraryExample(): string {
  const m = /```ts\n([\s\S]*?)```/.exec(readmeSection('library-example'));
  if (!m) throw new Error('the library-example section has no ```ts block');
  return m[1];
}

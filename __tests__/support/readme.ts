import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './tree';

export const README = join(REPO_ROOT, 'README.md');

/** The text between `<!-- <name>:start ... -->` and `<!-- <name>:end -->` in README.md. */
export function readmeSection(name: string): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(`<!-- ${name}:start`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`README.md has no <!-- ${name}:start --> ... <!-- ${name}:end --> section`);
  return text.slice(text.indexOf('-->', start) + 4, end);
}

/** The TypeScript code block of README's library example. */
export function readmeLibraryExample(): string {
  const m = /```ts\n([\s\S]*?)```/.exec(readmeSection('library-example'));
  if (!m) throw new Error('README.md library-example section has no ```ts block');
  return m[1];
}

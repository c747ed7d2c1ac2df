import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/tree';

/**
 * Every command the documentation tells someone to run through npx says `npx --no zone-access`:
 * without --no, npx in a checkout whose install has not run fetches a package named zone-access
 * from the public registry (without asking, in CI), and this project is not published there.
 */
test('the documentation runs zone-access through npx only with --no', () => {
  const pages = [
    'README.md',
    'examples/ci/README.md',
    ...readdirSync(join(REPO_ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const bare: string[] = [];
  for (const page of pages) {
    let fence: string | undefined;
    readFileSync(join(REPO_ROOT, page), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const open = /^```(\w*)/.exec(line);
        if (open) fence = fence === undefined ? open[1] : undefined;
        const inShell =
          (fence === 'sh' && /^npx zone-access /.test(line)) || (fence === 'text' && /^\$ npx zone-access /.test(line));
        if (inShell || (fence === undefined && /`npx zone-access [a-z]/.test(line)))
          bare.push(`${page}:${i + 1}: ${line}`);
      });
  }
  expect(bare).toEqual([]);
});

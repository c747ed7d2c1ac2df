import { readdirSync } from 'node:fs';
import { docsPage, DOCS } from '../support/readme';

/**
 * The pipeline identity's Microsoft Graph permissions are one table, in docs/entra.md, each row with
 * its source; other pages link to it, so two pages can never disagree about what to grant.
 */
test("only docs/entra.md tabulates the pipeline identity's Graph write permissions", () => {
  const grant = /\b[A-Z][A-Za-z]+\.(ReadWrite(\.[A-Za-z]+)*|Create)\b/;
  const rows = readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .flatMap((page) =>
      docsPage(page)
        .split('\n')
        .filter((line) => line.startsWith('|') && grant.test(line))
        .map(() => page),
    );
  expect([...new Set(rows)]).toEqual(['entra.md']);
  for (const page of ['deploy.md', 'membership.md'])
    expect(docsPage(page)).toContain('(entra.md#microsoft-graph-permissions-least-privilege-per-mode)');
});

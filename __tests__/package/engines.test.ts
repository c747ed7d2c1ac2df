import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';

/**
 * The Node versions package.json promises (`engines.node`) must run every installed package: the
 * oldest promised version has to satisfy each package's own `engines.node` in the lockfile. A
 * dependency bump that needs a newer Node (e.g. @azure/identity 4.14 wants Node 22) fails here
 * instead of as an EBADENGINE warning on every install and a surprise on the CI's Node 20.
 */
const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: unknown } | unknown[] }>;
};

test('the oldest Node that package.json accepts satisfies every locked package', () => {
  const oldest = minVersion(pkg.engines.node)!.version;
  const refused = Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && typeof p.engines.node === 'string')
    .filter(([, p]) => !satisfies(oldest, (p.engines as { node: string }).node))
    .map(([path, p]) => `${path.replace(/^node_modules\//, '')} needs node ${(p.engines as { node: string }).node}`);
  expect({ oldest, refused }).toEqual({ oldest, refused: [] });
});

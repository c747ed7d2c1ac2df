import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The Node versions the package supports beside the machine's own: the CLI and the packed-package
 * tests also run under each of them (__tests__/package/node-versions.test.ts), and the bench
 * measures validate and synth on each (`npm run bench -- --only synth`). The binaries come from the npm registry's `node` package
 * (`node@22` ships Node 22's binary for this platform), installed once into a cache outside the
 * repository and reused after, so only the first run on a machine needs the registry.
 */
export const OTHER_NODE_MAJORS = [22, 24] as const;

/** Where the binaries are kept: `$ZONE_ACCESS_NODE_CACHE`, else `~/.cache/zone-access-test-node`. */
export function nodeCacheDir(): string {
  return process.env.ZONE_ACCESS_NODE_CACHE ?? join(homedir(), '.cache', 'zone-access-test-node');
}

/** The path of Node `major`'s binary, installing it into the cache first when it is not there. */
export function nodeBinary(major: number): string {
  const prefix = join(nodeCacheDir(), `node${major}`);
  const bin = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    const r = spawnSync(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node@${major}`],
      { encoding: 'utf8' },
    );
    if (r.status !== 0 || !existsSync(bin)) {
      throw new Error(
        `cannot install Node ${major} from the npm registry into ${prefix} (npm install node@${major}): ${r.stderr?.slice(-2000)}`,
      );
    }
  }
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`${bin} is ${version}, not Node ${major}`);
  return bin;
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The installed zone-access package: its root (where `schema/` and the CI templates are, in this
 * repository and in node_modules/zone-access alike) and its package.json. Found by walking up from
 * this module, because it runs both as dist/cli/*.js and, in tests, as cli/*.ts.
 */
export function packageRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'zone-access')
      return dir;
    if (dirname(dir) === dir) throw new Error(`no zone-access package.json above ${__dirname}`);
  }
}

export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly engines?: { readonly node?: string };
  readonly files?: readonly string[];
}

export function packageJson(): PackageJson {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as PackageJson;
}

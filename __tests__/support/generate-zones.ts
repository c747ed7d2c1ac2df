import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { baseConfig, makeTempDir } from './tree';

/** A valid tree of `count` zones, 20 per department, 3 accounts and 2 presets each. */
export function generateTree(count: number): { zonesDir: string; configPath: string; departments: number } {
  const root = makeTempDir(`gen-${count}-`);
  const zonesDir = join(root, 'zones');
  const departments = Math.ceil(count / 20);
  for (let i = 0; i < count; i++) {
    const department = `dept-${String(Math.floor(i / 20)).padStart(3, '0')}`;
    const zone = `zone-${String(i).padStart(4, '0')}`;
    mkdirSync(join(zonesDir, department), { recursive: true });
    const accounts = [0, 1, 2].map((k) => String(100000000000 + ((i * 3 + k) % 997)));
    writeFileSync(
      join(zonesDir, department, `${zone}.yaml`),
      stringify({ zone, department, accounts, access: i % 2 ? ['rds-operator', 'secrets-reader'] : ['rds-operator', 'secrets-editor'] }),
    );
  }
  const configPath = join(root, 'platform.yaml');
  const declared = Object.fromEntries(Array.from({ length: departments }, (_, d) => [`dept-${String(d).padStart(3, '0')}`, {}]));
  writeFileSync(configPath, stringify(baseConfig({ departments: declared })));
  return { zonesDir, configPath, departments };
}

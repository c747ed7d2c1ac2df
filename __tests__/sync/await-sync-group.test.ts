import { run, usage, type AwaitSyncDeps } from '../../cli/await-sync';
import { runCommand } from '../../cli/args';
import { EXIT, type CliIO } from '../../cli/io';
import { captureIO, writeTree, zoneDoc } from '../support/tree';

/** `await-sync --group NAME`: only the named zone groups (what `zone-access deploy` passes). */

const cli = (args: string[], io: CliIO, deps?: AwaitSyncDeps) =>
  runCommand('await-sync', { usage, run: (a, i) => run(a, i, deps) }, args, io);

function store() {
  const asked: string[] = [];
  const deps: AwaitSyncDeps = {
    createLookup: async () => ({ lookup: async (name) => (asked.push(name), `gid-${name}`), close: () => undefined }),
    wait: { initialDelayMs: 5, maxDelayMs: 10, minIntervalMs: 0 },
  };
  return { deps, asked };
}

describe('zone-access await-sync --group', () => {
  const t = writeTree({
    zones: {
      'pay/pay-a.yaml': zoneDoc('pay-a', 'pay'),
      'pay/pay-b.yaml': zoneDoc('pay-b', 'pay'),
      'hr/hr-a.yaml': zoneDoc('hr-a', 'hr'),
    },
  });
  const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

  it('asks only for the named groups', async () => {
    const s = store();
    const c = captureIO(t.root, env);
    expect(
      await cli(
        ['--zones', t.zonesDir, '--config', t.configPath, '--department', 'pay', '--group', 'entigo-zone-pay-b'],
        c.io,
        s.deps,
      ),
    ).toBe(EXIT.ok);
    expect(s.asked).toEqual(['entigo-zone-pay-b']);
    expect(c.out()).toMatch(/^1\/1 groups synced\n/);
  });

  it('refuses a group no zone has (in the departments given)', async () => {
    const s = store();
    const c = captureIO(t.root, env);
    expect(
      await cli(
        ['--zones', t.zonesDir, '--config', t.configPath, '--department', 'pay', '--group', 'entigo-zone-hr-a'],
        c.io,
        s.deps,
      ),
    ).toBe(EXIT.usage);
    expect(c.err()).toContain('no zone has the group "entigo-zone-hr-a" in the departments given');
    expect(s.asked).toEqual([]);
  });
});

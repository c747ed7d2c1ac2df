import { AWAIT_SYNC_USAGE, parseDuration, run, usage, type AwaitSyncDeps } from '../../cli/await-sync';
import { main } from '../../cli/zone-access';
import { EXIT } from '../../cli/io';
import type { IdentityStoreLookupOptions } from '../../sync/identity-store-lookup';
import { baseConfig, captureIO, writeTree, zoneDoc } from '../support/tree';
import { runCommand } from '../../cli/args';
import type { CliIO } from '../../cli/io';

/** The command as the dispatcher runs it (usage errors and --help handled by runCommand), with test seams. */
const cli = (args: string[], io: CliIO, deps?: AwaitSyncDeps) =>
  runCommand('await-sync', { usage, run: (a, i) => run(a, i, deps) }, args, io);

/** Command-line handling, with an in-memory identity store (the SDK path is in await-sync-sdk.test.ts). */

function tree() {
  return writeTree({
    zones: {
      'payments/pay-a.yaml': zoneDoc('pay-a', 'payments'),
      'payments/pay-b.yaml': zoneDoc('pay-b', 'payments'),
      'research/lab.yaml': zoneDoc('lab', 'research'),
    },
    emptyDepartments: ['legal'],
  });
}

function fakeStore(existing: readonly string[]) {
  const asked: string[] = [];
  const created: IdentityStoreLookupOptions[] = [];
  let closed = 0;
  const deps: AwaitSyncDeps = {
    createLookup: async (opts) => {
      created.push(opts);
      return {
        lookup: async (name) => {
          asked.push(name);
          return existing.includes(name) ? `gid-${name}` : undefined;
        },
        close: () => void closed++,
      };
    },
    wait: { initialDelayMs: 5, maxDelayMs: 10, minIntervalMs: 0 },
  };
  return { deps, asked, created, closed: () => closed };
}

describe('zone-access await-sync: command line', () => {
  it('prints n/n groups synced and exits 0 when every group exists', async () => {
    const t = tree();
    const s = fakeStore(['entigo-zone-pay-a', 'entigo-zone-pay-b', 'entigo-zone-lab']);
    const c = captureIO(t.root, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_PROFILE: 'ops',
    });
    const code = await cli(['--zones', t.zonesDir, '--config', t.configPath], c.io, s.deps);
    expect(code).toBe(EXIT.ok);
    expect(c.out()).toMatch(/^3\/3 groups synced\n/);
    expect(c.out()).toContain('entigo-zone-lab  gid-entigo-zone-lab');
    expect(c.err()).toContain('waiting for 3 zone groups in Identity Store d-1234567890 (eu-north-1), timeout 15m00s');
    expect(s.created).toEqual([
      {
        region: 'eu-north-1',
        identityStoreId: 'd-1234567890',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        profile: 'ops',
        maxAttempts: 2,
      },
    ]);
    expect(s.closed()).toBe(1);
  });

  it('uses zones/ and config/platform.yaml under the working directory by default', async () => {
    const t = writeTree({ zones: { 'ops/ops-a.yaml': zoneDoc('ops-a', 'ops') } });
    // writeTree puts the config at <root>/platform.yaml; the default is <cwd>/config/platform.yaml.
    const c = captureIO(t.root);
    expect(await cli([], c.io, fakeStore([]).deps)).toBe(EXIT.failed);
    expect(c.err()).toMatch(/config[/\\]platform\.yaml/);
  });

  it('only checks the zones of --department', async () => {
    const t = tree();
    const s = fakeStore(['entigo-zone-pay-a', 'entigo-zone-pay-b']);
    const c = captureIO(t.root);
    const code = await cli(['--zones', t.zonesDir, '--config', t.configPath, '--department', 'payments'], c.io, s.deps);
    expect(code).toBe(EXIT.ok);
    expect(c.out()).toMatch(/^2\/2 groups synced/);
    expect(new Set(s.asked)).toEqual(new Set(['entigo-zone-pay-a', 'entigo-zone-pay-b']));
  });

  it('accepts a department without zones (nothing to wait for) and rejects an unknown one', async () => {
    const t = tree();
    const c = captureIO(t.root);
    expect(
      await cli(['--zones', t.zonesDir, '--config', t.configPath, '--department', 'legal'], c.io, fakeStore([]).deps),
    ).toBe(EXIT.ok);
    expect(c.out()).toBe('0/0 groups synced\n');

    const c2 = captureIO(t.root);
    expect(
      await cli(['--zones', t.zonesDir, '--config', t.configPath, '--department', 'sales'], c2.io, fakeStore([]).deps),
    ).toBe(EXIT.usage);
    expect(c2.err()).toContain('no zones in department sales (departments: legal, payments, research)');
  });

  it('on timeout exits 1, listing the missing groups and what to check', async () => {
    const t = writeTree({
      config: baseConfig({ names: { groupPrefix: 'team-' } }),
      zones: { 'payments/pay-a.yaml': zoneDoc('pay-a', 'payments'), 'research/lab.yaml': zoneDoc('lab', 'research') },
    });
    const s = fakeStore(['team-pay-a']);
    const c = captureIO(t.root);
    const code = await cli(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '50ms'], c.io, s.deps);
    expect(code).toBe(EXIT.failed);
    expect(c.out()).toBe('1/2 groups synced\n');
    const err = c.err();
    expect(err).toContain('error: 1 of 2 zone groups not in Identity Store d-1234567890 after');
    expect(err).toMatch(/^ {2}team-lab {2}\(zone lab, department research, .*lab\.yaml\)$/m);
    expect(err).not.toMatch(/^ {2}team-pay-a/m);
    expect(err).toContain(
      'assigned to the IAM Identity Center enterprise application (service principal 66666666-7777-4888-8999-000000000000)',
    );
    expect(err).toContain('provisioning job running');
    expect(err).toContain('quarantine');
    expect(err).toContain('Provisioning on demand is not configured: set entra.provisioningJobId in');
    expect(err).toContain('characters SCIM or the Identity Store rejects');
    expect(err).toContain('prefix "team-"');
    // Found groups are not asked again.
    expect(s.asked.filter((n) => n === 'team-pay-a')).toHaveLength(1);
    expect(s.asked.filter((n) => n === 'team-lab').length).toBeGreaterThan(1);
  });

  it('mentions the configured provisioning-on-demand job when there is one', async () => {
    const cfg = baseConfig();
    const t = writeTree({
      config: {
        ...cfg,
        entra: {
          ...(cfg.entra as object),
          provisioningJobId: 'scim.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef',
          provisioningRuleId: '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8',
        },
      },
      zones: { 'research/lab.yaml': zoneDoc('lab', 'research') },
    });
    const c = captureIO(t.root);
    expect(
      await cli(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '0.05'], c.io, fakeStore([]).deps),
    ).toBe(EXIT.failed);
    expect(c.err()).toContain(
      'Provisioning on demand is configured (job scim.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef)',
    );
  });

  it('stops at once with a hint on a lookup error waiting cannot fix', async () => {
    const t = tree();
    for (const [error, hint] of [
      [
        { name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' },
        'no AWS credentials were found',
      ],
      [
        { name: 'AccessDeniedException', message: 'not authorized', $fault: 'client' },
        'allow identitystore:GetGroupId',
      ],
    ] as const) {
      let calls = 0;
      let closed = 0;
      const c = captureIO(t.root);
      const code = await cli(['--zones', t.zonesDir, '--config', t.configPath], c.io, {
        createLookup: async () => ({
          lookup: async () => {
            calls++;
            throw Object.assign(new Error(error.message), error);
          },
          close: () => void closed++,
        }),
        wait: { concurrency: 1 },
      });
      expect(code).toBe(EXIT.failed);
      expect(calls).toBe(1);
      expect(closed).toBe(1);
      expect(c.err()).toContain(`error: looking up group "entigo-zone-lab" failed: ${error.name}: ${error.message}`);
      expect(c.err()).toContain(hint);
      expect(c.out()).toBe('');
    }
  });

  it('exits 1 with the diagnostics when the input is invalid, without asking AWS', async () => {
    const t = writeTree({ zones: { 'payments/pay-a.yaml': zoneDoc('pay-a', 'research') } });
    const s = fakeStore([]);
    const c = captureIO(t.root);
    expect(await cli(['--zones', t.zonesDir, '--config', t.configPath], c.io, s.deps)).toBe(EXIT.failed);
    expect(c.err()).toMatch(/pay-a\.yaml.*department/);
    expect(c.err()).toContain('nothing was checked');
    expect(s.created).toHaveLength(0);
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['positional'], 'Unexpected argument'],
    [['--timeout'], "Option '--timeout <value>' argument missing"],
    [['--timeout', 'soon'], '--timeout "soon" is not a duration'],
    [['--timeout', '0'], '--timeout "0" is not a duration'],
    [['--timeout', '25h'], '--timeout "25h" is not a duration'],
  ])('exits 2 on a bad command line: %j', async (args, message) => {
    const s = fakeStore([]);
    const c = captureIO(process.cwd());
    expect(await cli(args, c.io, s.deps)).toBe(EXIT.usage);
    expect(c.err()).toContain(message);
    expect(c.err()).toContain(`usage: ${usage}`.split('\n')[0]);
    expect(c.out()).toBe('');
    expect(s.created).toHaveLength(0);
  });

  it('exits 2 when the endpoint override is not a URL', async () => {
    const c = captureIO(process.cwd(), { ZONE_ACCESS_IDENTITYSTORE_ENDPOINT: 'localhost:4566' });
    expect(await cli([], c.io, fakeStore([]).deps)).toBe(EXIT.usage);
    expect(c.err()).toContain('ZONE_ACCESS_IDENTITYSTORE_ENDPOINT="localhost:4566" must be an http(s) URL');
  });

  it('prints the usage for --help, directly and through the dispatcher', async () => {
    expect(usage.split('\n')[0]).toBe(
      'zone-access await-sync [--zones DIR] [--config FILE] [--timeout 15m] [--department D] [--group NAME] [--stacks DIR] [--provision]',
    );
    expect(AWAIT_SYNC_USAGE).toBe(usage);
    const c = captureIO(process.cwd());
    expect(await cli(['--help'], c.io)).toBe(EXIT.ok);
    expect(c.out()).toBe(`usage: ${usage}\n`);
    const d = captureIO(process.cwd());
    expect(await main(['await-sync', '--help'], d.io)).toBe(EXIT.ok);
    expect(d.out()).toBe(`usage: ${usage}\n`);
  });

  it('is reachable through the dispatcher', async () => {
    const c = captureIO(process.cwd());
    expect(await main(['await-sync', '--timeout', 'never'], c.io)).toBe(EXIT.usage);
    expect(c.err()).toContain('--timeout "never" is not a duration');
  });
});

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['90s', 90_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2.5s', 2_500],
    ['500ms', 500],
    ['600', 600_000],
    [' 45 ', 45_000],
    ['1m30s', 90_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '-5s', '5 m', '1h1h', '10d', 'm', '1.s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

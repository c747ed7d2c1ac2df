import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { renderAccessMap, renderProfiles } from '../../portal';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { makeTempDir, zoneDoc } from '../support/tree';
import { cli, portalConfig, treeOf } from './support';

/**
 * `--user` and the map's people: members come from the zone files (`members:`), expiry is judged
 * on one day (`at`), and departments whose files list no members cannot be narrowed down.
 */
function membersTree() {
  return treeOf({
    // pay keeps its members in the zone files; ops leaves them to the owners in Entra
    config: portalConfig({ departments: { pay: { membership: 'file' }, ops: {} } }),
    zones: {
      'pay/pay-a.yaml': zoneDoc('pay-a', 'pay', {
        members: ['Bob@Example.com', { user: 'carol@example.com', until: '2026-03-31', reason: 'audit' }],
      }),
      'pay/pay-b.yaml': zoneDoc('pay-b', 'pay', { members: [{ user: 'bob@example.com', until: '2026-01-31' }] }),
      'pay/pay-c.yaml': zoneDoc('pay-c', 'pay', { owners: ['bob@example.com'] }),
      'ops/ops-a.yaml': zoneDoc('ops-a', 'ops'),
    },
  });
}

const zonesOf = (profiles: readonly string[]) => [...new Set(profiles.map((p) => p.split('.')[0]))];

describe('--user', () => {
  it('keeps the zones the person is an active member of (case-insensitive), and every zone of departments not in file mode', () => {
    const { tree } = membersTree();
    const r = renderProfiles(tree, { user: 'BOB@example.com', at: '2026-01-31' });
    expect(zonesOf(r.profiles)).toEqual(['ops-a', 'pay-a', 'pay-b']);
    expect(r.notes).toEqual([
      '--user BOB@example.com: membership is not in the zone files of department ops (membership: entra), so all its zones are included; the person may or may not be a member of it in Entra: ops-a',
    ]);
  });

  it('leaves out a zone from the day after its until (the last day of access); owning a zone is not membership', () => {
    const { tree } = membersTree();
    expect(zonesOf(renderProfiles(tree, { user: 'bob@example.com', at: '2026-02-01' }).profiles)).toEqual([
      'ops-a',
      'pay-a',
    ]);
    expect(zonesOf(renderProfiles(tree, { user: 'carol@example.com', at: '2026-03-31' }).profiles)).toEqual([
      'ops-a',
      'pay-a',
    ]);
    expect(zonesOf(renderProfiles(tree, { user: 'carol@example.com', at: '2026-04-01' }).profiles)).toEqual(['ops-a']);
    expect(zonesOf(renderProfiles(tree, { user: 'nobody@example.com', at: '2026-01-01' }).profiles)).toEqual(['ops-a']);
  });

  it('through the CLI with --at and --department: the output parses, the note goes to stderr only when it applies', async () => {
    const { zonesDir, configPath } = membersTree();
    const r = await cli([
      'profiles',
      '--zones',
      zonesDir,
      '--config',
      configPath,
      '--user',
      'bob@example.com',
      '--department',
      'pay',
      '--at',
      '2026-02-01',
    ]);
    expect(r.code).toBe(0);
    // the tree's own warning about the expired entry, and no note: pay keeps its members in files
    expect(r.err).toContain("warning: members[0].until: bob@example.com's access ended on 2026-01-31");
    expect(r.err).not.toContain('note:');
    const file = join(makeTempDir('aws-'), 'config');
    writeFileSync(file, r.out);
    const { configFile } = await loadSharedConfigFiles({
      configFilepath: file,
      filepath: join(makeTempDir('x-'), 'credentials'),
      ignoreCache: true,
    });
    expect(Object.keys(configFile).filter((k) => !k.startsWith('sso-session.'))).toEqual(['pay-a.123456789012']);
  });
});

describe("the map's people", () => {
  it("carries owners, members with until and reason, and each department's membership mode", () => {
    const { tree } = membersTree();
    const data = renderAccessMap(tree, { at: '2026-02-15' }).data;
    expect(data.at).toBe('2026-02-15');
    expect(data.departments).toEqual([
      { name: 'ops', membership: 'entra', retired: false },
      { name: 'pay', membership: 'file', retired: false },
    ]);
    const payA = data.zones.find((z) => z.name === 'pay-a')!;
    expect(payA.members).toEqual([
      { user: 'bob@example.com' },
      { user: 'carol@example.com', until: '2026-03-31', reason: 'audit' },
    ]);
    expect(data.zones.find((z) => z.name === 'pay-c')!.owners).toEqual(['bob@example.com']);
  });
});

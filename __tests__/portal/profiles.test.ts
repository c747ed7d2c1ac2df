import { chmodSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { renderProfiles, MissingConfigKeyError, PROFILES_BEGIN, PROFILES_END } from '../../portal';
import { replaceBlock } from '../../portal/config-block';
import { helpText } from '../../cli/zone-access';
import { baseConfig, makeTempDir, REPO_ROOT, zoneDoc } from '../support/tree';
import { cli, portalConfig, START_URL, treeOf } from './support';

/** What the AWS SDK for JavaScript (and, by the same rules, the AWS CLI) reads from a config file. */
async function parseAwsConfig(file: string) {
  const { configFile } = await loadSharedConfigFiles({
    configFilepath: file,
    filepath: join(makeTempDir('no-creds-'), 'credentials'),
    ignoreCache: true,
  });
  const sessions = await loadSsoSessionData({ configFilepath: file });
  return { profiles: configFile, sessions };
}

function twoZoneTree() {
  return treeOf({
    config: portalConfig({ accounts: { 'shared-prod': '999999999999', 'pay-prod': '111111111111' } }),
    zones: {
      'pay/pay-a.yaml': zoneDoc('pay-a', 'pay', { accounts: ['pay-prod', '222222222222'] }),
      // the id of a named account, written as an id: the profile still gets the readable name
      'ops/ops-b.yaml': zoneDoc('ops-b', 'ops', { accounts: ['999999999999'] }),
    },
  });
}

describe('zone-access profiles', () => {
  it('is listed in the help', () => {
    expect(helpText()).toMatch(/\n {2}profiles +print AWS CLI profiles/);
  });

  it('the sample tree: one sso-session and one profile per zone × account, accepted by the AWS SDK config parser', async () => {
    const r = await cli(['profiles', '--at', '2026-12-01'], REPO_ROOT);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const file = join(makeTempDir('aws-'), 'config');
    writeFileSync(file, r.out);
    const { profiles, sessions } = await parseAwsConfig(file);
    expect(sessions).toEqual({
      'zone-access': {
        sso_start_url: 'https://d-9067a1b2c3.awsapps.com/start',
        sso_region: 'eu-north-1',
        sso_registration_scopes: 'sso:account:access',
      },
    });
    expect(Object.keys(profiles).filter((k) => !k.startsWith('sso-session.'))).toEqual([
      'logistics-prod-1.logistics-prod',
      'payments-prod-1.payments-prod',
      'payments-staging-1.555555555555',
      'payments-staging-1.payments-staging',
      'research-sandbox.research-sandbox',
    ]);
    expect(profiles['payments-staging-1.555555555555']).toEqual({
      sso_session: 'zone-access',
      sso_account_id: '555555555555',
      sso_role_name: 'zone-payments-staging-1',
      region: 'eu-north-1',
    });
  });

  it('profile names are <zone>.<account name or id>, sorted; role names follow names.permissionSetPrefix', async () => {
    const { tree } = twoZoneTree();
    const custom = {
      ...tree,
      config: { ...tree.config, names: { ...tree.config.names, permissionSetPrefix: 'acc-' } },
    };
    const r = renderProfiles(custom);
    expect(r.profiles).toEqual(['ops-b.shared-prod', 'pay-a.222222222222', 'pay-a.pay-prod']);
    expect(r.text).toContain(
      '[profile pay-a.pay-prod]\nsso_session = zone-access\nsso_account_id = 111111111111\nsso_role_name = acc-pay-a\nregion = eu-north-1\n',
    );
    expect(r.text.startsWith(PROFILES_BEGIN + '\n')).toBe(true);
    expect(r.text.endsWith(PROFILES_END + '\n')).toBe(true);
    // deterministic
    expect(renderProfiles(custom).text).toBe(r.text);
  });

  it('--department keeps one department; an unknown department is a usage error', async () => {
    const { zonesDir, configPath } = twoZoneTree();
    const r = await cli(['profiles', '--zones', zonesDir, '--config', configPath, '--department', 'ops']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[profile ops-b.shared-prod]');
    expect(r.out).not.toContain('pay-a');
    const bad = await cli(['profiles', '--zones', zonesDir, '--config', configPath, '--department', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown department nope (departments: ops, pay)');
  });

  it('--user where no department keeps members in files: every zone, and a note on stderr saying why', async () => {
    const { zonesDir, configPath } = twoZoneTree();
    const r = await cli(['profiles', '--zones', zonesDir, '--config', configPath, '--user', 'bob@example.com']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[profile ops-b.shared-prod]');
    expect(r.out).toContain('[profile pay-a.pay-prod]');
    expect(r.err).toBe(
      'note: --user bob@example.com: membership is not in the zone files of departments ops (membership: entra), pay (membership: entra), ' +
        'so all their zones are included; the person may or may not be a member of them in Entra: ops-b, pay-a\n',
    );
  });

  it('--user who is in no file-mode zone: the Entra zones are named, and a warning says the person was not found', async () => {
    const config = portalConfig({ departments: { ops: {}, pay: { membership: 'file' } } });
    const zones = {
      'ops/ops-b.yaml': zoneDoc('ops-b', 'ops', { accounts: ['shared-prod'] }),
      'pay/pay-a.yaml': zoneDoc('pay-a', 'pay', { members: ['alice@example.com'] }),
    };
    const { zonesDir, configPath } = treeOf({ config, zones });
    const nobody = await cli(['profiles', '--zones', zonesDir, '--config', configPath, '--user', 'nobody@example.com']);
    expect(nobody.code).toBe(0);
    expect(nobody.out).toContain('[profile ops-b.');
    expect(nobody.out).not.toContain('pay-a');
    expect(nobody.err).toContain(
      'so all its zones are included; the person may or may not be a member of it in Entra: ops-b\n',
    );
    expect(nobody.err).toContain(
      'warning: --user nobody@example.com is an active member of none of the 1 zone whose members are in the zone files',
    );
    const alice = await cli(['profiles', '--zones', zonesDir, '--config', configPath, '--user', 'alice@example.com']);
    expect(alice.out).toContain('[profile pay-a.');
    expect(alice.err).not.toContain('warning:');
  });

  it('without identityCenter.startUrl: exit 1, the message names the key and the file, nothing on stdout', async () => {
    const { zonesDir, configPath, tree } = treeOf({
      config: baseConfig(),
      zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay') },
    });
    expect(() => renderProfiles(tree)).toThrow(MissingConfigKeyError);
    const r = await cli(['profiles', '--zones', zonesDir, '--config', configPath]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`identityCenter.startUrl is not set in ${configPath}`);
  });

  it('an invalid tree: exit 1 with the problems; bad options: exit 2', async () => {
    const { zonesDir, configPath } = treeOf({ config: portalConfig(), zones: {} });
    writeFileSync(join(zonesDir, 'x.yaml'), 'zone: x\n');
    const r = await cli(['profiles', '--zones', zonesDir, '--config', configPath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no profiles were written');
    expect((await cli(['profiles', '--nope'])).code).toBe(2);
    expect((await cli(['profiles', '--at', 'tomorrow'])).code).toBe(2);
  });

  it('the start URL is stored without a trailing slash, and must be https', async () => {
    const withSlash = portalConfig();
    (withSlash.identityCenter as Record<string, string>).startUrl = `${START_URL}/`;
    const { tree } = treeOf({ config: withSlash, zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay') } });
    expect(tree.config.identityCenter.startUrl).toBe(START_URL);
    const bad = portalConfig();
    (bad.identityCenter as Record<string, string>).startUrl = 'http://d-1234567890.awsapps.com/start';
    const { zonesDir, configPath } = treeOf({ config: portalConfig(), zones: {} });
    writeFileSync(configPath, JSON.stringify(bad));
    const r = await cli(['validate', '--zones', zonesDir, '--config', configPath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('identityCenter.startUrl');
  });
});

describe('zone-access profiles --write FILE', () => {
  const USER_BEFORE =
    '[default]\r\nregion = us-east-1\r\n\r\n# my own profile\r\n[profile mine]\r\nrole_arn = arn:aws:iam::123456789012:role/Mine\r\nsource_profile = default\r\n';
  const USER_AFTER = '\n[profile later]\nregion = eu-west-1'; // no final newline: kept that way

  async function write(file: string, extra: string[] = []) {
    const { zonesDir, configPath } = twoZoneTree();
    return cli(['profiles', '--zones', zonesDir, '--config', configPath, '--write', file, ...extra]);
  }

  it('creates a missing file (mode 0600) holding just the block', async () => {
    const file = join(makeTempDir('aws-'), 'config');
    const r = await write(file);
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toContain(`added the zone-access block in ${file} (3 profiles)`);
    expect(readFileSync(file, 'utf8')).toBe(renderProfiles(twoZoneTree().tree).text);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('appends to a file without markers, then replaces only the block: everything else byte for byte', async () => {
    const dir = makeTempDir('aws-');
    const file = join(dir, 'config');
    writeFileSync(file, USER_BEFORE);
    chmodSync(file, 0o640);
    expect((await write(file)).code).toBe(0);
    const appended = readFileSync(file, 'utf8');
    expect(appended.startsWith(USER_BEFORE + '\n' + PROFILES_BEGIN)).toBe(true);

    // the person adds a profile after the block, and the block is stale (hand-edited)
    const stale = appended.replace('sso_role_name = zone-pay-a', 'sso_role_name = old-role') + USER_AFTER;
    writeFileSync(file, stale);
    const r = await write(file);
    expect(r.code).toBe(0);
    expect(r.err).toContain('updated the zone-access block');
    const text = readFileSync(file, 'utf8');
    const block = renderProfiles(twoZoneTree().tree).text;
    expect(text).toBe(USER_BEFORE + '\n' + block + USER_AFTER);
    expect(Buffer.from(text).subarray(0, Buffer.byteLength(USER_BEFORE))).toEqual(Buffer.from(USER_BEFORE));
    expect(text.endsWith(USER_AFTER)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o640);

    const { profiles } = await parseAwsConfig(file);
    expect(profiles.mine).toEqual({ role_arn: 'arn:aws:iam::123456789012:role/Mine', source_profile: 'default' });
    expect(profiles.later).toEqual({ region: 'eu-west-1' });
    expect(profiles['pay-a.pay-prod'].sso_role_name).toBe('zone-pay-a');

    // a second run changes nothing and says so
    const again = await write(file);
    expect(again.code).toBe(0);
    expect(again.err).toContain('is up to date');
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['config']); // no temp file left behind
  });

  it.each([
    ['a BEGIN marker only', `${USER_BEFORE}${PROFILES_BEGIN}\n[profile x]\n`, 'BEGIN: line 8; END: none'],
    ['an END marker only', `${USER_BEFORE}${PROFILES_END}\n`, 'BEGIN: none; END: line 8'],
    ['END before BEGIN', `${PROFILES_END}\n${PROFILES_BEGIN}\n`, 'BEGIN: line 2; END: line 1'],
    [
      'two blocks',
      `${PROFILES_BEGIN}\n${PROFILES_END}\n${PROFILES_BEGIN}\n${PROFILES_END}\n`,
      'BEGIN: lines 1, 3; END: lines 2, 4',
    ],
  ])('refuses a file with %s: exit 1, file unchanged', async (_what, content, where) => {
    const dir = makeTempDir('aws-');
    const file = join(dir, 'config');
    writeFileSync(file, content);
    const before = statSync(file);
    const r = await write(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`the zone-access markers are unbalanced (${where})`);
    expect(r.err).toContain('nothing was written');
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('writes through a symlinked config file and keeps the link', async () => {
    const dir = makeTempDir('aws-');
    const real = join(dir, 'dotfiles-config');
    writeFileSync(real, USER_BEFORE);
    const link = join(dir, 'config');
    symlinkSync(real, link);
    expect((await write(link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8').startsWith(USER_BEFORE)).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('[profile pay-a.pay-prod]');
  });

  it('warns when the file defines one of the generated profiles outside the block', async () => {
    const file = join(makeTempDir('aws-'), 'config');
    writeFileSync(file, '[profile  pay-a.pay-prod]\nregion = x\n');
    const r = await write(file);
    expect(r.code).toBe(0);
    expect(r.err).toContain('also defines [profile pay-a.pay-prod] outside the zone-access block');
  });

  it('replaceBlock keeps CRLF text around the block and a missing final newline', () => {
    const existing = `a\r\n${PROFILES_BEGIN}\r\nold\r\n${PROFILES_END}\r\nb`;
    const r = replaceBlock(existing, `${PROFILES_BEGIN}\nnew\n${PROFILES_END}\n`);
    expect(r).toEqual({ ok: true, action: 'replaced', text: `a\r\n${PROFILES_BEGIN}\nnew\n${PROFILES_END}\r\nb` });
    expect(replaceBlock('x', 'B\n')).toEqual({ ok: true, action: 'appended', text: 'x\n\nB\n' });
  });
});

import * as I from '@aws-sdk/client-identitystore';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamAction } from '../../model/iam-data';
import { liveReadOperations } from '../support/identity-center/emulator';
import { REPO_ROOT } from '../support/tree';
import { graphCall, PEOPLE, runDoctor, runDrift, startWorld, STORE, type World } from './support';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

describe('zone-access doctor', () => {
  it('walks every link for a file-mode member and ends with the sign-in link and CLI profile (exit 0)', async () => {
    const r = await runDoctor(world, [PEOPLE.ann, 'pay-a']);
    expect(r.out).not.toContain('✗');
    for (const link of [
      'zone files',
      'Entra user',
      'zone group membership',
      'app role assignment',
      'Identity Store',
      'pay-prod (111111111111)',
      'pay-dev (222222222222)',
    ]) {
      expect(r.out).toContain(`✓ ${link}`);
    }
    expect(r.out).toContain(
      'https://d-1234567890.awsapps.com/start/#/console?account_id=111111111111&role_name=zone-pay-a',
    );
    expect(r.out).toContain('--profile pay-a.pay-prod');
    expect(r.code).toBe(0);
  });

  it("without a zone, finds the person's zones: by the files and by the Entra groups (access package, with its expiry)", async () => {
    const r = await runDoctor(world, [PEOPLE.ann]);
    expect(r.out).toMatch(/^zone lab$/m);
    expect(r.out).toMatch(/^zone pay-a$/m);
    expect(r.out).toContain('through an access package assignment, until 2099-01-31T00:00:00Z');
    expect(r.code).toBe(0);
  });

  it('names the first broken link and its remedy: not requested in access-package mode', async () => {
    const r = await runDoctor(world, [PEOPLE.bob, 'lab']);
    expect(r.out).toContain('✗ zone group membership');
    expect(r.out).toMatch(/remedy: request access package entigo-zone-lab in My Access/);
    expect(r.code).toBe(1);
  });

  it('names the first broken link and its remedy: the Identity Store membership SCIM has not made yet; holds again once it is there', async () => {
    const userId = (
      await world.store.send(
        new I.GetUserIdCommand({
          IdentityStoreId: STORE,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: PEOPLE.ann } },
        }),
      )
    ).UserId!;
    const groupId = world.storeGroups['entigo-zone-pay-a']!;
    const m = await world.store.send(
      new I.GetGroupMembershipIdCommand({ IdentityStoreId: STORE, GroupId: groupId, MemberId: { UserId: userId } }),
    );
    await world.store.send(
      new I.DeleteGroupMembershipCommand({ IdentityStoreId: STORE, MembershipId: m.MembershipId! }),
    );
    const broken = await runDoctor(world, [PEOPLE.ann, 'pay-a']);
    expect(broken.out).toContain('✗ Identity Store membership');
    expect(broken.out).toContain('remedy: zone-access await-sync --provision');
    expect(broken.out).not.toContain('pay-prod (111111111111)');
    expect(broken.code).toBe(1);
    await world.store.send(
      new I.CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId: groupId, MemberId: { UserId: userId } }),
    );
    expect((await runDoctor(world, [PEOPLE.ann, 'pay-a'])).code).toBe(0);
  });

  it('a permission set no longer provisioned in an account (its last assignment deleted) is the broken link, with the apply remedy', async () => {
    const { CreateAccountAssignmentCommand, DeleteAccountAssignmentCommand } =
      await import('@aws-sdk/client-sso-admin');
    const assignment = {
      InstanceArn: world.aws.instanceArn,
      PermissionSetArn: world.arns['zone-pay-a']!,
      TargetId: '111111111111',
      TargetType: 'AWS_ACCOUNT' as const,
      PrincipalType: 'GROUP' as const,
      PrincipalId: world.storeGroups['entigo-zone-pay-a']!,
    };
    await world.sso.send(new DeleteAccountAssignmentCommand(assignment));
    const r = await runDoctor(world, [PEOPLE.ann, 'pay-a']);
    expect(r.out).toContain(
      '✗ permission set in pay-prod (111111111111): zone-pay-a is not provisioned in 111111111111',
    );
    expect(r.out).toContain('remedy: apply the aws-payments stack');
    expect(r.code).toBe(1);
    await world.sso.send(new CreateAccountAssignmentCommand(assignment));
    expect((await runDoctor(world, [PEOPLE.ann, 'pay-a'])).code).toBe(0);
  });

  it('a disabled Entra user is the broken link', async () => {
    await graphCall(world, 'PATCH', `/users/${world.userIds[PEOPLE.eve]}`, { accountEnabled: false });
    const r = await runDoctor(world, [PEOPLE.eve, 'ship']);
    expect(r.out).toMatch(/✗ Entra user: eve@example.com .* is disabled/);
    expect(r.code).toBe(1);
    await graphCall(world, 'PATCH', `/users/${world.userIds[PEOPLE.eve]}`, { accountEnabled: true });
    expect((await runDoctor(world, [PEOPLE.eve, 'ship'])).code).toBe(0);
  });
});

describe('bad input: a clear message, never a stack trace', () => {
  const noTrace = (s: string) => expect(s).not.toMatch(/\n\s+at \S+ \(/);

  it('an unknown zone is a usage error naming the zones', async () => {
    const r = await runDoctor(world, [PEOPLE.ann, 'nope']);
    expect(r.err).toContain('no zone "nope" in the zone files (zones: lab, pay-a, ship)');
    noTrace(r.err);
    expect(r.code).toBe(2);
  });

  it('an unknown person is the broken first link', async () => {
    const r = await runDoctor(world, ['nobody@example.com']);
    expect(r.out).toContain('✗ Entra user: no user nobody@example.com in Entra ID');
    noTrace(r.out + r.err);
    expect(r.code).toBe(1);
  });

  it('missing AWS credentials: exit 2 with the reason and what to set', async () => {
    const saved = { ...process.env };
    const env: NodeJS.ProcessEnv = {
      ...world.env,
      AWS_SHARED_CREDENTIALS_FILE: join(REPO_ROOT, 'no-such-credentials'),
      AWS_CONFIG_FILE: join(REPO_ROOT, 'no-such-config'),
    };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    delete env.AWS_SESSION_TOKEN;
    delete env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    delete env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
    delete env.AWS_WEB_IDENTITY_TOKEN_FILE;
    process.env = env;
    try {
      const r = await runDrift(world, ['--only', 'aws'], env);
      expect(r.err).toContain('error: could not read AWS');
      expect(r.err).toContain('hint: no AWS credentials were found');
      noTrace(r.err);
      expect(r.code).toBe(2);
    } finally {
      process.env = saved;
    }
  });

  it('Entra: no token, or a token Graph refuses: exit 2 with the reason and the permissions to check', async () => {
    const none = await runDrift(world, ['--only', 'entra'], world.env, {
      getToken: async () => {
        throw Object.assign(
          new Error('EnvironmentCredential is unavailable. No underlying credential could be used.'),
          { name: 'CredentialUnavailableError' },
        );
      },
    });
    expect(none.err).toContain(
      'error: could not read Entra (Microsoft Graph): CredentialUnavailableError: EnvironmentCredential is unavailable',
    );
    expect(none.err).toContain('hint: the Azure identity');
    noTrace(none.err);
    expect(none.code).toBe(2);
    const refused = await runDrift(world, ['--only', 'entra'], world.env, {
      getToken: async () => ({ token: 'wrong', expiresOnTimestamp: Date.now() + 60_000 }),
    });
    expect(refused.err).toMatch(/HTTP 401 InvalidAuthenticationToken/);
    expect(refused.err).toContain('Graph application permissions listed in docs/drift-and-doctor.md');
    expect(refused.code).toBe(2);
  });

  it('a config without identityCenter: the loader names the field, nothing is compared (exit 2)', async () => {
    const { writeFileSync, readFileSync: read } = await import('node:fs');
    const text = read(world.paths.configPath, 'utf8');
    const broken = join(world.paths.root, 'no-ic.yaml');
    writeFileSync(broken, text.replace(/^identityCenter:\n( {2}.*\n)+/m, ''));
    const r = await runDrift(world, ['--config', broken]);
    expect(r.err).toMatch(/identityCenter/);
    expect(r.err).toContain('nothing was compared');
    noTrace(r.err);
    expect(r.code).toBe(2);
  });

  it('bad options are usage errors', async () => {
    expect((await runDrift(world, ['--only', 'gcp'])).err).toContain('--only must be aws or entra');
    expect((await runDrift(world, ['--format', 'xml'])).err).toContain(
      '--format must be one of human, json, markdown, github',
    );
  });
});

describe('AWS behaviour the reads rely on', () => {
  it('pages ListPermissionSets with NextToken past 100 sets, retries a ConflictException, and gives up on throttling that outlasts the retries (exit 2)', async () => {
    const { CreatePermissionSetCommand } = await import('@aws-sdk/client-sso-admin');
    for (let i = 0; i < 101; i++)
      await world.sso.send(new CreatePermissionSetCommand({ InstanceArn: world.aws.instanceArn, Name: `other-${i}` }));
    world.aws.reset();
    world.aws.fault({ operation: 'GetInlinePolicyForPermissionSet', type: 'ConflictException' });
    const r = await runDrift(world, ['--only', 'aws']);
    expect(r.code).toBe(0);
    const lists = world.aws.log.filter((e) => e.operation === 'ListPermissionSets');
    expect(lists).toHaveLength(2);
    expect(world.aws.log.filter((e) => e.outcome === 'ConflictException')).toHaveLength(1);

    // AWS_MAX_ATTEMPTS=2 in the test env: both attempts throttled.
    world.aws.fault({ operation: 'ListPermissionSets', type: 'ThrottlingException', times: 2 });
    const throttled = await runDrift(world, ['--only', 'aws']);
    expect(throttled.err).toContain('ThrottlingException');
    expect(throttled.err).toContain('hint: Identity Center kept throttling');
    expect(throttled.code).toBe(2);
  });

  it('Graph throttling (429 with Retry-After) is retried', async () => {
    world.directory.throttle(2);
    const r = await runDrift(world, ['--only', 'entra']);
    expect(r.code).toBe(0);
  });
});

describe('the read-only permissions (examples/security/drift-reader-policy.json)', () => {
  it('every AWS API drift and doctor call is in the policy and is a List or Read action per AWS data', async () => {
    world.aws.reset();
    expect((await runDrift(world, ['--only', 'aws'])).code).toBe(0);
    expect((await runDoctor(world, [PEOPLE.ann])).code).toBe(0);
    const called = [
      ...new Set(world.aws.log.map((e) => `${e.service === 'sso' ? 'sso' : e.service}:${e.operation}`)),
    ].sort();
    const policy = JSON.parse(
      readFileSync(join(REPO_ROOT, 'examples', 'security', 'drift-reader-policy.json'), 'utf8'),
    ) as { Statement: { Effect: string; Action: string[] }[] };
    const allowed = new Set(policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action));
    for (const action of called) expect({ action, inPolicy: allowed.has(action) }).toEqual({ action, inPolicy: true });
    for (const action of allowed) {
      const levels = iamAction(action)?.accessLevels ?? [];
      expect({ action, levels }).toEqual({
        action,
        levels: expect.arrayContaining([expect.stringMatching(/^(List|Read)$/)]),
      });
      expect(levels.every((l) => l === 'List' || l === 'Read')).toBe(true);
    }
    // Every read the emulator gained for these commands is one the policy allows (or a console change the tests make).
    const consoleChanges = new Set([
      'identitystore:CreateUser',
      'identitystore:CreateGroupMembership',
      'identitystore:DeleteGroupMembership',
    ]);
    for (const op of liveReadOperations().map((o) =>
      o.replace(/^sso\./, 'sso:').replace(/^identitystore\./, 'identitystore:'),
    )) {
      if (!consoleChanges.has(op)) expect(allowed.has(op)).toBe(true);
    }
  });
});

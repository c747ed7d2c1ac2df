import * as S from '@aws-sdk/client-sso-admin';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/tree';
import { INSTANCE, runDrift, startWorld, type World } from './support';

/**
 * The built CLI in its own process, pointed at the emulator by the generic `AWS_ENDPOINT_URL`
 * alone (the SDK resolves it for both clients), and the four report formats.
 */

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'dist', 'cli', 'zone-access.js'), ...args],
      { env, cwd: REPO_ROOT },
      (error, out, err) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

describe('zone-access drift as a process', () => {
  it('reads through AWS_ENDPOINT_URL, annotates the zone file (github format) and exits 1 on drift, 0 once reverted', async () => {
    const env: NodeJS.ProcessEnv = { ...world.env, AWS_ENDPOINT_URL: world.aws.url };
    delete env.AWS_ENDPOINT_URL_SSO_ADMIN;
    delete env.AWS_ENDPOINT_URL_IDENTITYSTORE;
    const args = [
      'drift',
      '--only',
      'aws',
      '--zones',
      world.paths.zonesDir,
      '--config',
      world.paths.configPath,
      '--rate',
      '500',
    ];
    const assignment = {
      InstanceArn: INSTANCE,
      PermissionSetArn: world.arns['zone-ship']!,
      TargetId: '555555555555',
      TargetType: 'AWS_ACCOUNT' as const,
      PrincipalType: 'USER' as const,
      PrincipalId: 'someone',
    };
    await world.sso.send(new S.CreateAccountAssignmentCommand(assignment));
    const drifted = await cli([...args, '--format', 'github'], env);
    expect(drifted.out).toMatch(
      /^::error file=[^,]*ship\.yaml,title=zone-access drift%3A ship aws unexplained-assignment::555555555555 USER someone: /m,
    );
    expect(drifted.err).toMatch(/aws: reading zone permission sets: 3\/3/);
    expect(drifted.code).toBe(1);
    await world.sso.send(new S.DeleteAccountAssignmentCommand(assignment));
    const clean = await cli(args, env);
    expect(clean.out).toMatch(/^in sync: 3 zones, AWS read/m);
    expect(clean.code).toBe(0);
  });
});

describe('report formats', () => {
  it('human groups by zone with file, files/live/fix; markdown is a table', async () => {
    const assignment = {
      InstanceArn: INSTANCE,
      PermissionSetArn: world.arns['zone-ship']!,
      TargetId: '444444444444',
      TargetType: 'AWS_ACCOUNT' as const,
      PrincipalType: 'USER' as const,
      PrincipalId: 'someone',
    };
    await world.sso.send(new S.CreateAccountAssignmentCommand(assignment));
    try {
      const human = await runDrift(world, ['--only', 'aws']);
      expect(human.out).toMatch(
        /^zone ship \(.*ship\.yaml\)\n {2}✗ aws unexplained-assignment: 444444444444 USER someone\n {6}files: only group entigo-zone-ship .*\n {6}live: {2}.*\n {6}fix: {3}aws sso-admin delete-account-assignment /m,
      );
      expect(human.out).toMatch(/^drift: 1 difference in 1 zone \(AWS read, files evaluated at \d{4}-\d\d-\d\d\)$/m);
      const md = await runDrift(world, ['--only', 'aws', '--format', 'markdown']);
      expect(md.out).toContain('| Zone | Side | Kind | Subject | Files say | Exists | What to do |');
      expect(md.out).toMatch(/^\| ship \| aws \| unexplained-assignment \| 444444444444 USER someone \|/m);
      expect(md.code).toBe(1);
    } finally {
      await world.sso.send(new S.DeleteAccountAssignmentCommand(assignment));
    }
  });
});

import * as S from '@aws-sdk/client-sso-admin';
import * as I from '@aws-sdk/client-identitystore';
import type { TokenCredential } from '@azure/identity';
import { runCommand } from '../../cli/args';
import * as drift from '../../cli/drift';
import type { CliIO } from '../../cli/io';
import { loadTree, resolveTreeOptions } from '../../pipeline/load';
import { expectedZones } from '../../live/expected';
import { GraphDirectory } from '../support/graph-directory';
import { deployExpectedZone } from '../support/identity-center/deploy-expected';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { startIdentityCenterEmulator, type IdentityCenterEmulator } from '../support/identity-center/emulator';
import { baseConfig, boundConfig, captureIO, writeTree, zoneDoc } from '../support/tree';

/**
 * A live world that matches a small tree, built through the stand-ins' APIs with the real SDK
 * (as terraform and SCIM would), and the env that points the real clients at it through the
 * standard endpoint settings (AWS_ENDPOINT_URL_SSO_ADMIN, AWS_ENDPOINT_URL_IDENTITYSTORE,
 * ZONE_ACCESS_GRAPH_ENDPOINT).
 */

export const STORE = 'd-1234567890';
export const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
export const SP = '66666666-7777-4888-8999-000000000000';
export const PIPELINE_SP = '77777777-7777-4777-8777-777777777777';
export const ISSUER = 'https://scim.aws.com/1234567890';
export const TOKEN = 'graph-token';
export const credential: TokenCredential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** People in the directory (and, once SCIM ran, in the Identity Store). */
export const PEOPLE = {
  ann: 'ann@example.com',
  bob: 'bob@example.com',
  eve: 'eve@example.com',
  owner: 'olga@example.com',
} as const;

export interface World {
  readonly aws: IdentityCenterEmulator;
  readonly graph: GraphServer;
  readonly directory: GraphDirectory;
  readonly sso: S.SSOAdminClient;
  readonly store: I.IdentitystoreClient;
  readonly env: NodeJS.ProcessEnv;
  readonly paths: { root: string; zonesDir: string; configPath: string };
  /** Entra object ids by UPN. */
  readonly userIds: Record<string, string>;
  /** Permission set ARN by name. */
  readonly arns: Record<string, string>;
  /** Identity Store group id by display name. */
  readonly storeGroups: Record<string, string>;
  close(): Promise<void>;
}

export interface WorldOptions {
  readonly bound?: boolean;
  readonly startUrl?: boolean;
}

/**
 * Tree: payments (membership: file) with pay-a (members ann, bob; owner olga) in 111111111111
 * and 222222222222; research (access-package) with lab (owner olga) in 333333333333, ann holding
 * an assignment of its package; logistics (entra mode) with ship (owner olga) in 444444444444.
 */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const cfg = options.bound ? boundConfig() : baseConfig();
  const ic = cfg.identityCenter as Record<string, unknown>;
  const config = {
    ...cfg,
    identityCenter: {
      ...ic,
      ...(options.startUrl !== false ? { startUrl: 'https://d-1234567890.awsapps.com/start' } : {}),
    },
    accounts: { 'pay-prod': '111111111111', 'pay-dev': '222222222222', lab: '333333333333', ship: '444444444444' },
    departments: { payments: { membership: 'file' }, research: { membership: 'access-package' }, logistics: {} },
  };
  const paths = writeTree({
    config,
    zones: {
      'payments/pay-a.yaml': zoneDoc('pay-a', 'payments', {
        accounts: ['pay-prod', 'pay-dev'],
        owners: [PEOPLE.owner],
        members: [PEOPLE.ann, PEOPLE.bob],
        relayState: 'https://console.aws.amazon.com/rds/home',
      }),
      'research/lab.yaml': zoneDoc('lab', 'research', { accounts: ['lab'], owners: [PEOPLE.owner] }),
      'logistics/ship.yaml': zoneDoc('ship', 'logistics', {
        accounts: ['ship'],
        owners: [PEOPLE.owner],
        sessionDuration: 'PT2H',
      }),
    },
  });
  const tree = loadTree(resolveTreeOptions(process.cwd(), paths.zonesDir, paths.configPath))!.tree!;
  if (!tree) throw new Error('test tree is invalid');
  const expected = expectedZones(tree);

  const directory = new GraphDirectory();
  const userIds: Record<string, string> = {};
  let n = 0;
  for (const upn of Object.values(PEOPLE))
    userIds[upn] = directory.addUser(upn, `00000000-0000-4000-8000-0000000000${(10 + n++).toString(16)}`).id;
  directory.addServicePrincipal(PIPELINE_SP);
  const graph = await startGraphServer({
    token: TOKEN,
    servicePrincipalId: SP,
    jobId: 'job',
    groups: {},
    routes: [directory.route],
  });

  const aws = await startIdentityCenterEmulator({
    identityStoreId: STORE,
    instanceArn: INSTANCE,
    settleAfterMs: 0,
    conflicts: false,
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_SSO_ADMIN: aws.url,
    AWS_ENDPOINT_URL_IDENTITYSTORE: aws.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '2',
    ZONE_ACCESS_GRAPH_ENDPOINT: graph.url,
  };
  delete env.AWS_PROFILE;
  delete env.AWS_ENDPOINT_URL;
  // The SDK reads these from the process environment itself.
  Object.assign(process.env, env);
  const clientConfig = {
    region: 'eu-north-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  };
  const sso = new S.SSOAdminClient(clientConfig);
  const store = new I.IdentitystoreClient(clientConfig);

  // People SCIM copied into the Identity Store (ExternalId = Entra object id).
  for (const upn of Object.values(PEOPLE))
    aws.createUser({ userName: upn, externalId: { issuer: ISSUER, id: userIds[upn]! } });

  const arns: Record<string, string> = {};
  const storeGroups: Record<string, string> = {};
  for (const e of expected) {
    // Entra: the group, its owners (+ the pipeline), members per mode, the app role assignment.
    const members =
      e.mode === 'file'
        ? (e.members ?? []).map((m) => userIds[m]!)
        : e.mode === 'access-package'
          ? [userIds[PEOPLE.ann]!]
          : [userIds[PEOPLE.eve]!];
    const g = directory.addGroup(e.groupName, undefined, [...e.owners.map((o) => userIds[o]!), PIPELINE_SP], members);
    directory.assignAppRole(g.id, SP, e.appRoleId);
    if (e.mode === 'access-package')
      directory.addPackageAssignment(
        directory.addAccessPackage(e.groupName),
        userIds[PEOPLE.ann]!,
        '2099-01-31T00:00:00Z',
      );
    // SCIM: the group and its members in the Identity Store.
    storeGroups[e.groupName] = aws.createGroup({
      displayName: e.groupName,
      externalId: { issuer: ISSUER, id: g.id },
    }).groupId;
    for (const m of members) aws.addMember(e.groupName, Object.entries(userIds).find(([, id]) => id === m)![0]);
    // terraform: the permission set and its assignments.
    arns[e.permissionSetName] = await deployExpectedZone(sso, INSTANCE, e, storeGroups[e.groupName]!);
  }
  aws.state(); // settles the assignments
  return {
    aws,
    graph,
    directory,
    sso,
    store,
    env,
    paths,
    userIds,
    arns,
    storeGroups,
    close: async () => {
      sso.destroy();
      store.destroy();
      await Promise.all([aws.close(), graph.close()]);
    },
  };
}

export async function runDrift(
  world: World,
  args: string[] = [],
  env: NodeJS.ProcessEnv = world.env,
  graphCredential: TokenCredential = credential,
) {
  const { io, out, err } = captureIO(process.cwd(), env);
  const code = await runCommand(
    'drift',
    { usage: drift.usage, run: (a, i: CliIO) => drift.run(a, i, { credential: graphCredential }) },
    ['--zones', world.paths.zonesDir, '--config', world.paths.configPath, '--rate', '500', ...args],
    io,
  );
  return { code, out: out(), err: err() };
}

export async function graphCall(world: World, method: string, path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${world.graph.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  await res.text();
  return res.status;
}

export async function runDoctor(world: World, args: string[], env: NodeJS.ProcessEnv = world.env) {
  const doctor = await import('../../cli/doctor');
  const { io, out, err } = captureIO(process.cwd(), env);
  const code = await runCommand(
    'doctor',
    { usage: doctor.usage, run: (a, i: CliIO) => doctor.run(a, i, { credential }) },
    [...args, '--zones', world.paths.zonesDir, '--config', world.paths.configPath, '--rate', '500'],
    io,
  );
  return { code, out: out(), err: err() };
}

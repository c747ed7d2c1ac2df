import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import {
  platformConfig,
  resolveZone,
  ValidationError,
  ZoneAccess,
  ZoneAppRoles,
  ZoneMembership,
  ZonePermissionSet,
  type PlatformSpec,
} from 'zone-access';
import { makeTempDir } from '../support/tree';

/**
 * What a library user runs into when wiring the constructs by hand: each mistake is a typed
 * `ValidationError` naming the construct path and saying what to do, or, for what only the whole
 * app shows, a validation error at synth; never a raw construct-id clash or a failure at apply.
 */

const IDS = {
  identityCenter: {
    instanceArn: 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6',
    identityStoreId: 'd-9067a1b2c3',
    region: 'eu-north-1',
  },
  entra: {
    applicationObjectId: '4a2c8e1f-7b3d-4c5e-8f9a-1b2c3d4e5f60',
    servicePrincipalObjectId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  },
};
const platform: PlatformSpec = platformConfig(IDS);
const ZONE = { name: 'orders-prod', department: 'payments', accounts: ['111111111111'], access: ['secrets-reader'] };

function stacks(app = new App({ outdir: makeTempDir('traps-'), stackTraces: false })) {
  const entra = new TerraformStack(app, 'entra');
  new AzureadProvider(entra, 'azuread', {});
  const aws = new TerraformStack(app, 'aws');
  new AwsProvider(aws, 'aws', { region: 'eu-north-1' });
  return { app, entra, aws };
}

function thrown(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return err as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

test('the same construct as entraScope and awsScope is refused with what to do instead, leaving nothing behind', () => {
  const { entra } = stacks();
  const err = thrown(() => new ZoneAccess({ zone: ZONE, platform, entraScope: entra, awsScope: entra }));
  expect(err.constructPath).toBe('entra/orders-prod');
  expect(err.diagnostics.map((d) => [d.field, d.code])).toEqual([['awsScope', 'same-scope']]);
  expect(err.message).toMatch(/^entra\/orders-prod: 1 problem in ZoneAccess props for zone "orders-prod":/);
  expect(err.diagnostics[0].hint).toMatch(/one in another stack, with the aws provider, as awsScope/);
  expect(entra.node.children.map((c) => c.node.id)).toEqual(['azuread']);
});

test('two zones with the same name: a typed error naming the zone, not a construct-id clash', () => {
  const { entra, aws } = stacks();
  new ZoneAccess({ zone: ZONE, platform, entraScope: entra, awsScope: aws });
  const err = thrown(
    () => new ZoneAccess({ zone: { ...ZONE, department: 'other' }, platform, entraScope: entra, awsScope: aws }),
  );
  expect(err.diagnostics.map((d) => d.code)).toEqual(['duplicate-zone']);
  expect(err.diagnostics[0].message).toMatch(/^zone "orders-prod" is already added here \(entra\/orders-prod\)/);
  // Also for the leaf constructs, under the id the caller chose.
  const leaf = thrown(() => new ZonePermissionSet(aws, 'orders-prod', { zone: ZONE, platform }));
  expect(leaf.constructPath).toBe('aws/orders-prod');
});

test('without ZoneAppRoles, synth fails naming the zone and the missing construct (not apply)', () => {
  const { app, entra, aws } = stacks();
  new ZoneAccess({ zone: ZONE, platform, entraScope: entra, awsScope: aws });
  expect(() => app.synth()).toThrow(
    /\[entra\/orders-prod\] zone "orders-prod": no ZoneAppRoles in this app creates the app role [0-9a-f-]{36}[^]*new ZoneAppRoles\(/,
  );
});

test('with ZoneAppRoles anywhere in the app, in either app role mode, synth passes', () => {
  for (const appRoles of ['per-zone', 'shared'] as const) {
    const p = platformConfig({ ...IDS, entra: { ...IDS.entra, appRoles } });
    const { app, entra, aws } = stacks();
    const zone = resolveZone(ZONE, p);
    new ZoneAccess({ zone, platform: p, entraScope: entra, awsScope: aws });
    const roles = new TerraformStack(app, 'roles');
    new AzureadProvider(roles, 'azuread', {});
    new ZoneAppRoles(roles, 'roles', { platform: p, zones: [zone] });
    expect(() => app.synth()).not.toThrow();
  }
});

test('ZonePermissionSet and ZoneMembership refuse invalid props with a ValidationError, not a plain Error', () => {
  const { entra, aws } = stacks(Testing.app());
  const issuer = platformConfig({
    ...IDS,
    identityCenter: { ...IDS.identityCenter, externalIdIssuer: 'https://scim.aws.com/1234567890' },
  });
  const ps = thrown(() => new ZonePermissionSet(aws, 'z', { zone: ZONE, platform: issuer }));
  expect(ps.diagnostics.map((d) => [d.file, d.field, d.code])).toEqual([['aws/z', 'groupObjectId', 'missing-key']]);
  const membership = thrown(
    () =>
      new ZoneMembership(entra, 'm', {
        zone: { name: 'z', owners: [], members: [{ user: 'alice@example.com' }] },
        group: { objectId: '00000000-0000-4000-8000-000000000001', displayName: 'g' },
        membership: { mode: 'file', file: { noticeDays: 7, maxDays: 365, maxMembersPerZone: 100 } },
      }),
  );
  expect(membership.diagnostics.map((d) => [d.file, d.field, d.code])).toEqual([
    ['entra/m', 'group.resource', 'missing-key'],
  ]);
});

test("resolveZone: a zone file's rules and messages for a zone in code, every problem at once", () => {
  const err = thrown(() =>
    resolveZone(
      {
        ...ZONE,
        accounts: ['nope', '111111111111', '111111111111'],
        access: ['secrets-reder'],
        tags: { 'entigo:zone': 'x' },
      },
      platform,
    ),
  );
  expect(err.diagnostics.map((d) => [d.field, d.code, d.message])).toEqual([
    ['accounts[0]', 'unknown-account', 'unknown account name "nope"'],
    ['accounts[2]', 'duplicate-account', 'account 111111111111 is listed twice'],
    ['access[0]', 'unknown-preset', 'unknown access preset "secrets-reder"; did you mean "secrets-reader"?'],
    [
      'tags.entigo:zone',
      'reserved-tag',
      'tag "entigo:zone" is set by Zone Access to the zone name and cannot be given here',
    ],
  ]);
  expect(err.diagnostics.every((d) => d.file === 'zone "orders-prod"')).toBe(true);
});

import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import {
  ZoneAccess,
  ZoneAppRoles,
  ZoneEntraGroup,
  ZonePermissionSet,
  platformConfigFromFile,
  resolveZone,
} from 'zone-access';
import { makeTempDir, SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

/**
 * Data flows one way: a zone is checked and normalized once, at the boundary where it enters
 * (the loader for zone files, `resolveZone` or the first construct for zones in code), and its
 * policy is rendered once per synth; every construct downstream takes the `Zone` as it is. The
 * three functions are counted through module mocks that call the real ones.
 */

const counts = {
  normalized: new Map<string, number>(),
  validated: new Map<string, number>(),
  rendered: new Map<string, number>(),
};
const bump = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + 1);

jest.mock('../../model/zone-defaults', () => {
  const actual = jest.requireActual('../../model/zone-defaults');
  return {
    ...actual,
    normalizeZone: (input: { name: string }, ...rest: unknown[]) => (
      bump(counts.normalized, input.name),
      actual.normalizeZone(input, ...rest)
    ),
  };
});
jest.mock('../../model/zone-rules', () => {
  const actual = jest.requireActual('../../model/zone-rules');
  return {
    ...actual,
    checkZone: (zone: { name: string }, ...rest: unknown[]) => (
      bump(counts.validated, zone.name),
      actual.checkZone(zone, ...rest)
    ),
  };
});
// renderedZonePolicy renders once per (zone object, config object) and answers from its cache
// after; each new pair is a render.
const seen = new WeakMap<object, WeakSet<object>>();
jest.mock('../../policies/zone-policy', () => {
  const actual = jest.requireActual('../../policies/zone-policy');
  return {
    ...actual,
    renderedZonePolicy: (zone: { name: string }, config: object) => {
      const configs = seen.get(zone) ?? new WeakSet<object>();
      if (!configs.has(config)) bump(counts.rendered, zone.name);
      seen.set(zone, configs.add(config));
      return actual.renderedZonePolicy(zone, config);
    },
  };
});

beforeEach(() => Object.values(counts).forEach((m) => m.clear()));

const everyOnce = (names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, { normalized: 1, validated: 1, rendered: 1 }]));
const observed = (names: readonly string[]) =>
  Object.fromEntries(
    names.map((n) => [
      n,
      {
        normalized: counts.normalized.get(n) ?? 0,
        validated: counts.validated.get(n) ?? 0,
        rendered: counts.rendered.get(n) ?? 0,
      },
    ]),
  );

test('loading and synthesizing a tree normalizes, validates and renders each zone once', () => {
  const { tree, diagnostics } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG, at: '2026-06-30' });
  expect(diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
  synthesizeTree(tree!, makeTempDir('once-'));
  const names = tree!.zones.map((z) => z.name);
  expect(names.length).toBeGreaterThan(2);
  expect(observed(names)).toEqual(everyOnce(names));
});

test('a zone in code, resolved once, passes through every construct unchecked', () => {
  const platform = platformConfigFromFile(SAMPLE_CONFIG);
  const zone = resolveZone(
    { name: 'orders-prod', department: 'payments', accounts: ['111111111111'], access: ['secrets-reader'] },
    platform,
  );
  const app = Testing.app();
  const entra = new TerraformStack(app, 'entra');
  new AzureadProvider(entra, 'azuread', {});
  const aws = new TerraformStack(app, 'aws');
  new AwsProvider(aws, 'aws', { region: 'eu-north-1' });
  new ZoneAccess({ zone, platform, entraScope: entra, awsScope: aws });
  new ZoneEntraGroup(entra, 'again', { zone, platform });
  new ZonePermissionSet(aws, 'again', { zone, platform });
  new ZoneAppRoles(entra, 'roles', { platform, zones: [zone] });
  app.synth();
  expect(observed(['orders-prod'])).toEqual(everyOnce(['orders-prod']));
});

test('a zone given as plain input to ZoneAccess is resolved once for both halves', () => {
  const platform = platformConfigFromFile(SAMPLE_CONFIG);
  const app = Testing.app();
  new ZoneAccess({
    zone: { name: 'orders-prod', department: 'payments', accounts: ['111111111111'], access: ['secrets-reader'] },
    platform,
    entraScope: new TerraformStack(app, 'entra'),
    awsScope: new TerraformStack(app, 'aws'),
  });
  expect(observed(['orders-prod'])).toEqual(everyOnce(['orders-prod']));
});

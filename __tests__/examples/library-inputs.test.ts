import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { App, Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  platformConfig,
  platformConfigFromFile,
  platformConfigFromYaml,
  resolveZone,
  ValidationError,
  ZoneAccess,
  ZoneAppRoles,
  type Diagnostic,
  type PlatformSpec,
} from 'zone-access';
import { loadPlatformConfig } from '../../model/load-platform-config';
import { zoneFromSource } from '../../model/load-zones';
import { parseYamlText } from '../../model/yaml-source';
import { accessCatalog } from '../../policies/catalog';
import { buildApp } from '../../examples/library/zone-in-code';

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

function synthStack(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('platformConfig(): platform settings for the constructs, as the CLI reads them', () => {
  it('needs only identityCenter and entra, and fills the platform file defaults', () => {
    const platform = platformConfig(IDS);
    expect(platform).toEqual({
      ...IDS,
      entra: { ...IDS.entra, appRoles: 'per-zone', provisioningResource: true },
      zoneTagKey: 'entigo:zone',
      names: { groupPrefix: 'entigo-zone-', permissionSetPrefix: 'zone-' },
      defaultSessionDuration: 'PT1H',
      accounts: {},
      access: { presets: {}, managedPolicies: [], acknowledgedManagedPolicyRisks: [], customerManagedPolicies: [] },
      secrets: { zoneNamePrefix: true },
      protection: { preventDestroy: false },
      source: { file: 'platformConfig()' },
    });
    // Stack-level settings are the caller's: not part of what the constructs get.
    expect(platform).not.toHaveProperty('sharding');
    expect(platform).not.toHaveProperty('backend');
  });

  it('from YAML text and from a file gives what the loader gives (minus stack-level settings)', () => {
    const file = 'config/platform.yaml';
    const loaded = loadPlatformConfig(file).config!;
    // Stack-level settings and the quotas (checked on whole trees) are not the constructs' business.
    const { sharding, backend, quotas, departments, ...constructSettings } = loaded;
    expect([sharding, backend, quotas, departments].every((v) => v !== undefined)).toBe(true);
    expect(platformConfigFromFile(file)).toEqual(constructSettings);
    expect(platformConfigFromYaml(readFileSync(file, 'utf8'), file)).toEqual(constructSettings);
  });

  it('throws one ValidationError listing every problem, with the field of each', () => {
    const err = thrown(() =>
      platformConfig({
        ...IDS,
        identityCenter: { ...IDS.identityCenter, region: 'Europe' },
        defaultSessionDuration: '4h',
        accounts: { prod: '12345' },
        access: {
          presets: {
            'rds-operator': { description: 'x', statements: [{ actions: ['rds:RebootDBInstance'], scope: 'none' }] },
          },
        },
      } as any),
    );
    expect(err).toBeInstanceOf(ValidationError);
    const fields = (err as ValidationError).diagnostics.map((d) => d.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining(['accounts.prod', 'defaultSessionDuration', 'identityCenter.region']),
    );
    // Positions in the YAML text generated from an object would mean nothing to the caller.
    expect(
      (err as ValidationError).diagnostics.every((d) => d.file === 'platformConfig()' && d.line === undefined),
    ).toBe(true);
  });

  it('refuses to redefine a built-in preset, as the platform config file does', () => {
    const err = thrown(() =>
      platformConfig({
        ...IDS,
        access: {
          presets: {
            'rds-operator': {
              description: 'x',
              statements: [{ actions: ['rds:RebootDBInstance'], scope: 'resource-tag' }],
            },
          },
        },
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).diagnostics.map((d) => d.code)).toEqual(['reserved-preset']);
  });

  it('reports a YAML problem of the text with its line', () => {
    const err = thrown(() => platformConfigFromYaml('identityCenter: {\n', 'inline.yaml'));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).diagnostics[0].file).toBe('inline.yaml');
  });
});

describe('ZoneAccess takes a zone as minimal as a zone file', () => {
  const platform: PlatformSpec = platformConfigFromFile('config/platform.yaml');
  const minimalFile =
    'zone: orders-prod\ndepartment: payments\naccounts: ["payments-prod", "222222222222"]\naccess: [secrets-reader]\n';

  function loadedZone(text: string) {
    const { source } = parseYamlText(text, 'zones/payments/orders-prod.yaml');
    const config = loadPlatformConfig('config/platform.yaml').config!;
    const { zone, diagnostics } = zoneFromSource(source!, 'payments', {
      config,
      knownPresets: new Set(accessCatalog(config).keys()),
    });
    expect(diagnostics).toEqual([]);
    return zone!;
  }

  function synthBoth(zone: ConstructorParameters<typeof ZoneAccess>[0]['zone']) {
    const app = Testing.app();
    const entra = new TerraformStack(app, 'entra');
    const aws = new TerraformStack(app, 'aws');
    new ZoneAccess({ entraScope: entra, awsScope: aws, platform, zone });
    return { entra: synthStack(entra), aws: synthStack(aws) };
  }

  it('fills the defaults exactly as the loader fills them for the same zone file', () => {
    const inCode = synthBoth({
      name: 'orders-prod',
      department: 'payments',
      accounts: ['payments-prod', '222222222222'],
      access: ['secrets-reader'],
    });
    const fromFile = synthBoth(loadedZone(minimalFile));
    expect(inCode).toEqual(fromFile);
    const ps = Object.values<any>(inCode.aws.resource.aws_ssoadmin_permission_set)[0];
    expect(ps.session_duration).toBe('PT1H');
    expect(Object.keys(inCode.aws.resource.aws_ssoadmin_account_assignment)).toHaveLength(2);
  });

  it('normalizes lists the same way (order and duplicates do not matter)', () => {
    const a = synthBoth({
      name: 'orders-prod',
      department: 'payments',
      accounts: ['222222222222', '111111111111'],
      access: ['secrets-reader', 'rds-operator'],
      owners: ['b@example.com', 'a@example.com'],
    });
    const b = synthBoth({
      name: 'orders-prod',
      department: 'payments',
      accounts: ['payments-prod', 'payments-staging'],
      access: ['rds-operator', 'secrets-reader'],
      owners: ['a@example.com', 'b@example.com'],
    });
    expect(a).toEqual(b);
  });

  it('invalid input is still refused, and leaves nothing in the tree', () => {
    const app = Testing.app();
    const s = new TerraformStack(app, 's');
    expect(
      () =>
        new ZoneAccess({
          entraScope: s,
          awsScope: new TerraformStack(app, 'aws'),
          platform,
          zone: { name: 'x', department: 'x', accounts: ['no-such-account'], access: ['secrets-reader'] },
        }),
    ).toThrow(/accounts\[0\]: unknown account name "no-such-account"/);
    expect(s.node.children).toHaveLength(0);
  });
});

describe('ZoneAccess orders its two stacks', () => {
  it('makes the AWS stack depend on the Entra stack when the halves are in different stacks (cdktf manifest)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'za-lib-'));
    buildApp(outdir).app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['analytics-aws'].dependencies).toEqual(['analytics-entra']);
    expect(manifest.stacks['analytics-entra'].dependencies).toEqual([]);
  });

  it('adds no dependency when both halves are in one stack', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'za-lib-')), stackTraces: false });
    const one = new TerraformStack(app, 'one');
    const [entraScope, awsScope] = [new Construct(one, 'entra'), new Construct(one, 'aws')];
    new ZoneAccess({
      entraScope,
      awsScope,
      platform: platformConfig(IDS),
      zone: { name: 'z', department: 'd', accounts: ['123456789012'], access: ['secrets-reader'] },
    });
    expect(one.dependencies).toEqual([]);
  });
});

describe("a zone in code gets validate's warnings (docs/library.md, Warnings)", () => {
  const membership = { mode: 'file', file: { noticeDays: 7, maxDays: 365, maxMembersPerZone: 100 } } as const;
  const zone = {
    name: 'z',
    department: 'd',
    accounts: ['123456789012'],
    access: ['secrets-reader'],
    members: [{ user: 'bob@example.com', until: '2026-03-04' }],
  };
  /** An app as docs/library.md builds one: two stacks with their providers, and the app roles. */
  function hostApp() {
    const outdir = mkdtempSync(join(tmpdir(), 'za-lib-'));
    const app = new App({ outdir, stackTraces: false });
    const [entraScope, awsScope] = [new TerraformStack(app, 'entra'), new TerraformStack(app, 'aws')];
    new AzureadProvider(entraScope, 'azuread', {});
    new AwsProvider(awsScope, 'aws', { region: 'eu-north-1' });
    new ZoneAppRoles(entraScope, 'app-roles', { platform: platformConfig(IDS), zones: [{ name: 'z' }] });
    return { outdir, app, entraScope, awsScope };
  }
  const annotations = (outdir: string) =>
    JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks.entra.annotations as {
      level: string;
      message: string;
    }[];

  it('ZoneAccess records them as warnings in the manifest, which cdktf synth prints (app.synth() alone prints nothing)', () => {
    const { outdir, app, entraScope, awsScope } = hostApp();
    new ZoneAccess({ entraScope, awsScope, platform: platformConfig(IDS), membership, at: '2026-03-01', zone });
    app.synth();
    expect(annotations(outdir)).toEqual([
      {
        constructPath: 'entra/z',
        level: '@cdktf/warn',
        message: expect.stringContaining(
          "members[0].until: bob@example.com's access ends in 3 days [member-expiring]".replace(
            ' [',
            ' (last day 2026-03-04) [',
          ),
        ),
      },
    ]);
  });

  it('resolveZone(..., { onWarning }) hands them to the caller instead, once: the resolved zone adds no annotation', () => {
    const { outdir, app, entraScope, awsScope } = hostApp();
    const platform = platformConfig(IDS);
    const warnings: Diagnostic[] = [];
    const resolved = resolveZone(zone, platform, { membership, at: '2026-03-01', onWarning: (w) => warnings.push(w) });
    new ZoneAccess({ entraScope, awsScope, platform, membership, at: '2026-03-01', zone: resolved });
    app.synth();
    expect(warnings.map((w) => [w.field, w.code])).toEqual([['members[0].until', 'member-expiring']]);
    expect(annotations(outdir)).toEqual([]);
  });
});

describe('ZoneAccess membership: only the mode, or the settings that differ from the defaults', () => {
  const zone = { name: 'z', department: 'd', accounts: ['123456789012'], access: ['secrets-reader'] };
  function entraStack(membership: unknown) {
    const app = Testing.app();
    const [entraScope, awsScope] = [new TerraformStack(app, 'entra'), new TerraformStack(app, 'aws')];
    new ZoneAccess({
      entraScope,
      awsScope,
      platform: platformConfig(IDS),
      at: '2026-03-01',
      zone: { ...zone, members: [{ user: 'bob@example.com', until: '2026-03-12' }] },
      membership: membership as ConstructorParameters<typeof ZoneAccess>[0]['membership'],
    });
    return synthStack(entraScope);
  }

  it("{ mode: 'file' } is file mode with the platform config's defaults, as departments.<d>.membership: file is", () => {
    const full = { mode: 'file', file: { noticeDays: 7, maxDays: 365, maxMembersPerZone: 100 } };
    expect(entraStack({ mode: 'file' })).toEqual(entraStack(full));
    // A setting given wins over its default; the others keep theirs (maxDays 365 allows the until).
    const warnings: Diagnostic[] = [];
    const platform = platformConfig(IDS);
    const withMember = { ...zone, members: [{ user: 'bob@example.com', until: '2026-03-12' }] };
    resolveZone(withMember, platform, {
      membership: { mode: 'file' },
      at: '2026-03-01',
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([]);
    resolveZone(withMember, platform, {
      membership: { mode: 'file', file: { noticeDays: 14 } },
      at: '2026-03-01',
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings.map((w) => w.code)).toEqual(['member-expiring']);
  });

  it('a mode that does not exist (plain JavaScript) is a ValidationError naming the field, not a TypeError', () => {
    const err = thrown(() => entraStack({ mode: 'files' }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).diagnostics).toEqual([
      expect.objectContaining({
        field: 'membership.mode',
        message: '"files" must be one of "entra", "file", "access-package"; did you mean "file"?',
      }),
    ]);
  });
});

import { Testing } from 'cdktf';
import { buildApp } from '../../examples/library/zone-in-code';

describe('the library example (constructs used from another stack)', () => {
  const { app, zone } = buildApp(Testing.app().outdir);
  const stacks = Object.fromEntries(
    app.node.children.map((c) => [c.node.id, JSON.parse(Testing.synth(c as Parameters<typeof Testing.synth>[0]))]),
  );

  it("synthesizes both halves into the caller's stacks", () => {
    expect(Object.keys(stacks).sort()).toEqual(['analytics-aws', 'analytics-entra']);
    expect(Object.keys(stacks['analytics-aws'].resource).sort()).toEqual([
      'aws_ssoadmin_account_assignment',
      'aws_ssoadmin_permission_set',
      'aws_ssoadmin_permission_set_inline_policy',
    ]);
    expect(Object.keys(stacks['analytics-entra'].resource).sort()).toEqual([
      'azuread_app_role_assignment',
      'azuread_application_app_role',
      'azuread_group',
    ]);
    // The pipeline identity, always an owner (the example's zone lists no owners of its own).
    expect(Object.keys(stacks['analytics-entra'].data).sort()).toEqual(['azuread_client_config']);
  });

  it('exposes readonly attributes usable as tokens', () => {
    expect(stacks['analytics-aws'].output['permission-set-arn'].value).toMatch(
      /^\$\{aws_ssoadmin_permission_set\..+\.arn\}$/,
    );
    expect(zone.accountAssignments.size).toBe(1);
    expect(zone.aws.permissionSetName).toBe('zone-analytics-prod');
  });

  it('honours protection.preventDestroy', () => {
    const ps = Object.values<any>(stacks['analytics-aws'].resource.aws_ssoadmin_permission_set)[0];
    expect(ps.lifecycle).toEqual({ prevent_destroy: true });
  });

  it('rejects invalid props in the constructor, naming the zone and the problems', () => {
    const { ZoneAccess } = require('zone-access');
    const { platform } = require('../../examples/library/zone-in-code');
    const scope = Testing.app();
    const { TerraformStack } = require('cdktf');
    const s = new TerraformStack(scope, 's');
    expect(
      () =>
        new ZoneAccess({
          entraScope: s,
          awsScope: new TerraformStack(scope, 'aws'),
          platform,
          zone: {
            name: 'Bad Zone',
            department: 'x',
            accounts: [{ id: '12' }],
            access: [],
            sessionDuration: 'PT20H',
            owners: [],
            tags: {},
            managedPolicies: [],
            customerManagedPolicies: [],
          },
        }),
    ).toThrow(
      /^s\/Bad Zone: 4 problems in ZoneAccess props for zone "Bad Zone":\ns\/Bad Zone: name: "Bad Zone" is not a zone name[^]*sessionDuration: PT20H is 20 hours[^]*accounts\[0\]: account id "12" has 2 digits; must be 12 digits[^]*access: at least one access preset is required/,
    );
    expect(s.node.children).toHaveLength(0);
  });

  it('rejects Terraform template sequences in free text given in code', () => {
    const { ZoneAccess } = require('zone-access');
    const { platform } = require('../../examples/library/zone-in-code');
    const { TerraformStack } = require('cdktf');
    const app = Testing.app();
    const s = new TerraformStack(app, 's');
    const aws = new TerraformStack(app, 'aws');
    const zone = {
      name: 'ok',
      department: 'x',
      accounts: [{ id: '123456789012' }],
      access: ['secrets-reader'],
      sessionDuration: 'PT1H',
      owners: [],
      managedPolicies: [],
      customerManagedPolicies: [],
    };
    expect(
      () =>
        new ZoneAccess({
          entraScope: s,
          awsScope: aws,
          platform,
          zone: { ...zone, description: '${file("/etc/passwd")}', tags: {} },
        }),
    ).toThrow(/description: contains "\$\{"/);
    expect(
      () => new ZoneAccess({ entraScope: s, awsScope: aws, platform, zone: { ...zone, tags: { a: '%{if x}' } } }),
    ).toThrow(/tags\.a: contains/);
  });
});

describe("README's library example", () => {
  it('is examples/library/zone-in-code.ts, verbatim', () => {
    const { readFileSync } = require('node:fs');
    const { join } = require('node:path');
    const { readmeLibraryExample } = require('../support/readme');
    expect(readmeLibraryExample()).toBe(
      readFileSync(join(__dirname, '..', '..', 'examples', 'library', 'zone-in-code.ts'), 'utf8'),
    );
  });
});

/**
 * Worked example: using the Zone Access constructs from another cdktf project, without zone files.
 *
 *   npm install zone-access cdktf constructs @cdktf/provider-aws @cdktf/provider-azuread
 *
 * A platform stack that already owns a workload (here: a team's RDS cluster) adds the zone's access
 * next to it. The two halves go into stacks with the right provider each; the AWS half must be
 * deployed after SCIM has synced the group (`zone-access await-sync`).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { ZoneAccess, type PlatformSpec } from 'zone-access';

export const platform: PlatformSpec = {
  identityCenter: {
    instanceArn: 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6',
    identityStoreId: 'd-9067a1b2c3',
    region: 'eu-north-1',
  },
  entra: {
    applicationObjectId: '4a2c8e1f-7b3d-4c5e-8f9a-1b2c3d4e5f60',
    servicePrincipalObjectId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  },
  zoneTagKey: 'entigo:zone',
  names: { groupPrefix: 'entigo-zone-', permissionSetPrefix: 'zone-' },
  defaultSessionDuration: 'PT1H',
  accounts: {},
  sharding: 'single',
  backend: { type: 'local' },
  access: { presets: {}, managedPolicies: [], customerManagedPolicies: [] },
  secrets: { zoneNamePrefix: false },
  protection: { preventDestroy: true },
};

export function buildApp(outdir?: string): { app: App; zone: ZoneAccess } {
  const app = new App({ ...(outdir ? { outdir } : {}), stackTraces: false });
  const entra = new TerraformStack(app, 'analytics-entra');
  new AzureadProvider(entra, 'azuread', {});
  const aws = new TerraformStack(app, 'analytics-aws');
  new AwsProvider(aws, 'aws', { region: platform.identityCenter.region });

  const zone = new ZoneAccess({
    entraScope: entra,
    awsScope: aws,
    platform,
    zone: {
      name: 'analytics-prod',
      department: 'analytics',
      description: 'Analytics production',
      accounts: [{ id: '123456789012' }],
      access: ['rds-operator', 'secrets-reader'],
      sessionDuration: 'PT2H',
      owners: ['dana@example.com'],
      tags: { 'cost-center': '5100' },
      managedPolicies: [],
      customerManagedPolicies: [],
    },
  });

  // Readonly attributes are ordinary cdktf tokens: wire them into anything else in the stacks.
  new TerraformOutput(aws, 'permission-set-arn', { value: zone.permissionSet.arn });
  new TerraformOutput(entra, 'group-object-id', { value: zone.group.objectId });
  return { app, zone };
}

if (require.main === module) buildApp().app.synth();

// A cdktf app that adds a zone's access next to its own stacks, without zone files.
//   npm install ./zone-access-0.1.0.tgz cdktf@0.21.0 constructs@10.4.2 \
//     @cdktf/provider-aws@20.1.0 @cdktf/provider-azuread@14.3.1    (the tarball: `npm pack` here)
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { ZoneAccess, ZoneAppRoles, platformConfig } from 'zone-access';

// Only what the constructs use; the rest takes config/platform.yaml's defaults. Or read that
// file itself: platformConfigFromFile('config/platform.yaml').
export const platform = platformConfig({
  identityCenter: {
    instanceArn: 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6',
    identityStoreId: 'd-9067a1b2c3',
    region: 'eu-north-1',
  },
  entra: {
    applicationObjectId: '4a2c8e1f-7b3d-4c5e-8f9a-1b2c3d4e5f60',
    servicePrincipalObjectId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  },
  accounts: { 'analytics-prod': '123456789012' },
  protection: { preventDestroy: true },
});

export function buildApp(outdir?: string): { app: App; zone: ZoneAccess } {
  const app = new App({ ...(outdir ? { outdir } : {}), stackTraces: false });
  // Two stacks: the halves use different credentials. ZoneAccess makes the AWS stack depend on
  // the Entra stack, so `cdktf deploy` applies the Entra side first.
  const entra = new TerraformStack(app, 'analytics-entra');
  new AzureadProvider(entra, 'azuread', {});
  const aws = new TerraformStack(app, 'analytics-aws');
  new AwsProvider(aws, 'aws', { region: platform.identityCenter.region });

  // As minimal as a zone file: session duration, owners, tags and policies take their defaults.
  const zone = new ZoneAccess({
    entraScope: entra,
    awsScope: aws,
    platform,
    zone: {
      name: 'analytics-prod',
      department: 'analytics',
      accounts: ['analytics-prod'],
      access: ['rds-operator', 'secrets-reader'],
    },
  });

  // The app role the group is assigned with. Every app role of the application must be owned by
  // ONE stack, applied before (or, as here, together with) the stacks that assign them: creating a
  // role rewrites the application's whole role list, and only one Terraform process may do that.
  new ZoneAppRoles(entra, 'app-roles', { platform, zones: [{ name: zone.zoneName }] });

  // Readonly attributes are ordinary cdktf tokens: wire them into anything else in the stacks.
  new TerraformOutput(aws, 'permission-set-arn', { value: zone.permissionSet.arn });
  new TerraformOutput(entra, 'group-object-id', { value: zone.group.objectId });
  return { app, zone };
}

if (require.main === module) buildApp().app.synth();

import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
// The naive style this file exists to measure: providers and cdktf imported from their package
// roots (which load every one of the ~2,000 AWS resource modules), and a plain `App` with default
// options. Only the CLI of cdktf is missing (cdktf-cli is not installed), so the reference is the
// app process alone, without `cdktf synth`'s own start-up around it.
import {
  appRoleAssignment,
  applicationAppRole,
  dataAzureadUser,
  group,
  provider as azureadProvider,
} from '@cdktf/provider-azuread';
import {
  dataAwsIdentitystoreGroup,
  provider as awsProvider,
  ssoadminAccountAssignment,
  ssoadminManagedPolicyAttachment,
  ssoadminPermissionSet,
  ssoadminPermissionSetInlinePolicy,
} from '@cdktf/provider-aws';
import { App, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { v5 as uuidv5 } from 'uuid';
import { groupDisplayName, permissionSetName, stackNames } from '../model/names';
import type { PlatformConfig, Zone } from '../model/types';
import { loadTree } from '../pipeline/load';
import { renderPolicy, zonePolicy } from '../policies/zone-policy';

/**
 * Reference app for `npm run bench`: the same stacks and resources as `zone-access synth` builds for
 * a tree (same loader, same names, same policies), written the way a first cdktf app usually is.
 *
 *   node dist/bench/naive-app.js --zones DIR --config FILE --out DIR
 *
 * Customer-managed policy and boundary attachments are left out: the benchmark trees use neither.
 */

const APP_ROLE_ID_NAMESPACE = '5c0f3b8e-6a4d-4f7e-9f7a-2a9d8e1c4b30';
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function safeId(value: string): string {
  return `${value.replace(/[^A-Za-z0-9-]/g, '-')}-${createHash('sha256').update(value).digest('hex').slice(0, 8)}`;
}

function backend(stack: TerraformStack, name: string, config: PlatformConfig): void {
  const b = config.backend;
  if (b.type === 's3') {
    new S3Backend(stack, { bucket: b.bucket, region: b.region, key: `${b.keyPrefix}${name}.tfstate`, encrypt: true });
  } else {
    new LocalBackend(stack, { path: 'terraform.tfstate' });
  }
}

function entraZone(stack: TerraformStack, zone: Zone, config: PlatformConfig): void {
  const roleValue = permissionSetName(zone, config);
  const owners = zone.owners.map((o) =>
    GUID.test(o)
      ? o
      : new dataAzureadUser.DataAzureadUser(stack, `${zone.name}-owner-${safeId(o)}`, { userPrincipalName: o })
          .objectId,
  );
  const g = new group.Group(stack, `${zone.name}-group`, {
    displayName: groupDisplayName(zone, config),
    description: zone.description ?? `Members may operate on AWS resources of zone ${zone.name}`,
    securityEnabled: true,
    mailEnabled: false,
    preventDuplicateNames: true,
    ...(owners.length ? { owners } : {}),
  });
  const role = new applicationAppRole.ApplicationAppRoleA(stack, `${zone.name}-app-role`, {
    applicationId: `/applications/${config.entra.applicationObjectId}`,
    roleId: uuidv5(`zone:${zone.name}`, APP_ROLE_ID_NAMESPACE),
    allowedMemberTypes: ['User'],
    displayName: roleValue,
    description: `Zone ${zone.name}: the ${roleValue} permission set in IAM Identity Center`,
    value: roleValue,
  });
  new appRoleAssignment.AppRoleAssignment(stack, `${zone.name}-app-role-assignment`, {
    appRoleId: role.roleId,
    principalObjectId: g.objectId,
    resourceObjectId: config.entra.servicePrincipalObjectId,
  });
}

function awsZone(stack: TerraformStack, zone: Zone, config: PlatformConfig): void {
  const instanceArn = config.identityCenter.instanceArn;
  const ps = new ssoadminPermissionSet.SsoadminPermissionSet(stack, `${zone.name}-permission-set`, {
    instanceArn,
    name: permissionSetName(zone, config),
    description: zone.description ?? `Zone ${zone.name}`,
    sessionDuration: zone.sessionDuration,
    ...(zone.relayState ? { relayState: zone.relayState } : {}),
    tags: { ...zone.tags, [config.zoneTagKey]: zone.name },
  });
  const inline = new ssoadminPermissionSetInlinePolicy.SsoadminPermissionSetInlinePolicy(
    stack,
    `${zone.name}-inline-policy`,
    {
      instanceArn,
      permissionSetArn: ps.arn,
      inlinePolicy: renderPolicy(zonePolicy(zone, config)),
    },
  );
  for (const arn of zone.managedPolicies) {
    new ssoadminManagedPolicyAttachment.SsoadminManagedPolicyAttachment(stack, `${zone.name}-managed-${safeId(arn)}`, {
      instanceArn,
      permissionSetArn: ps.arn,
      managedPolicyArn: arn,
    });
  }
  const g = new dataAwsIdentitystoreGroup.DataAwsIdentitystoreGroup(stack, `${zone.name}-group`, {
    identityStoreId: config.identityCenter.identityStoreId,
    alternateIdentifier: {
      uniqueAttribute: { attributePath: 'DisplayName', attributeValue: groupDisplayName(zone, config) },
    },
  });
  for (const account of zone.accounts) {
    new ssoadminAccountAssignment.SsoadminAccountAssignment(stack, `${zone.name}-assignment-${account.id}`, {
      instanceArn,
      permissionSetArn: ps.arn,
      principalId: g.groupId,
      principalType: 'GROUP',
      targetId: account.id,
      targetType: 'AWS_ACCOUNT',
      dependsOn: [inline],
    });
  }
}

function main(): number {
  const { values } = parseArgs({
    options: {
      zones: { type: 'string', default: 'zones' },
      config: { type: 'string', default: 'config/platform.yaml' },
      out: { type: 'string', default: 'cdktf.out' },
    },
  });
  const { tree, diagnostics } = loadTree({ zonesDir: values.zones!, configPath: values.config! });
  if (!tree) {
    process.stderr.write(`naive-app: ${diagnostics.length} problems in the tree\n`);
    return 1;
  }
  const { config } = tree;
  const app = new App({ outdir: values.out! });
  const stacks = new Map<string, { entra: TerraformStack; aws: TerraformStack }>();
  const pairFor = (department: string) => {
    const names = stackNames(department, config);
    let pair = stacks.get(names.aws);
    if (!pair) {
      const entra = new TerraformStack(app, names.entra);
      new azureadProvider.AzureadProvider(
        entra,
        'azuread',
        config.entra.tenantId ? { tenantId: config.entra.tenantId } : {},
      );
      backend(entra, names.entra, config);
      const aws = new TerraformStack(app, names.aws);
      new awsProvider.AwsProvider(aws, 'aws', { region: config.identityCenter.region });
      backend(aws, names.aws, config);
      pair = { entra, aws };
      stacks.set(names.aws, pair);
    }
    return pair;
  };
  for (const department of tree.departments) pairFor(department);
  for (const zone of tree.zones) {
    const pair = pairFor(zone.department);
    entraZone(pair.entra, zone, config);
    awsZone(pair.aws, zone, config);
  }
  app.synth();
  process.stderr.write(`naive-app: wrote ${stacks.size * 2} stacks for ${tree.zones.length} zones\n`);
  return 0;
}

if (require.main === module) process.exitCode = main();

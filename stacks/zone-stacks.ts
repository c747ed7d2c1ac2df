import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import {
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  S3Backend,
  TerraformStack,
  type TerraformRemoteState,
} from 'cdktf';
import type { Construct } from 'constructs';
import { ZoneAccess } from '../constructs/zone-access';
import { ZoneAppRoles } from '../constructs/zone-app-roles';
import { DepartmentCatalog } from '../constructs/zone-membership';
import { departmentMembership } from '../model/membership-settings';
import { APP_ROLES_STACK, groupObjectIdOutputName, stackNames } from '../model/names';
import type { PlatformConfig, ZoneTree } from '../model/types';

/**
 * One shard's pair of stacks. The Entra stack holds only azuread resources and the AWS stack only
 * aws resources: they run with different credentials, and the AWS one can only be planned after
 * SCIM has synced the groups the Entra one creates.
 */
export interface StackPair {
  readonly entra: TerraformStack;
  readonly aws: TerraformStack;
  /** The AWS stack's read of the Entra stack's state; only with `identityCenter.externalIdIssuer`. */
  readonly entraState?: TerraformRemoteState;
}

export interface ZoneStacks {
  /**
   * `entra-app-roles`: every app role of the Identity Center application. Every Entra stack
   * depends on it (cdktf's manifest), so `cdktf deploy` applies it first and alone.
   */
  readonly appRoles: TerraformStack;
  /** Shard name (department, or `all`) → its stacks. */
  readonly shards: ReadonlyMap<string, StackPair>;
  /** Zone name → its constructs. */
  readonly zones: ReadonlyMap<string, ZoneAccess>;
}

/** Adds every shard's stacks and every zone's constructs to `app`. */
export function addZoneStacks(app: Construct, tree: ZoneTree): ZoneStacks {
  const { config } = tree;
  // One owner for the application's app roles (see ZoneAppRoles): department stacks only assign
  // roles by their deterministic ids, so they never reference this stack's resources.
  const appRoles = entraStack(app, APP_ROLES_STACK, config);
  new ZoneAppRoles(appRoles, 'roles', { platform: config, zones: tree.zones });
  const shards = new Map<string, StackPair>();
  const pairFor = (department: string): StackPair => {
    const names = stackNames(department, config);
    let pair = shards.get(names.aws);
    if (!pair) {
      const aws = awsStack(app, names.aws, config);
      pair = {
        entra: entraStack(app, names.entra, config),
        aws,
        ...(config.identityCenter.externalIdIssuer ? { entraState: entraRemoteState(aws, names.entra, config) } : {}),
      };
      // Recorded in cdktf's manifest, so `cdktf deploy '*'` applies the Entra side first.
      pair.aws.addDependency(pair.entra);
      pair.entra.addDependency(appRoles);
      shards.set(names.aws, pair);
    }
    return pair;
  };
  // Departments first (sorted), so an empty department folder still yields its (empty) stacks.
  const catalogs = new Map<string, DepartmentCatalog>();
  for (const department of tree.departments) {
    const pair = pairFor(department);
    // A retired department keeps its stacks only to destroy what it had: its catalog goes too.
    if (
      departmentMembership(config, department).mode === 'access-package' &&
      !config.departments[department]?.retired
    ) {
      // `catalog_<department>`: the underscore never occurs in a zone name, so no zone's id collides.
      catalogs.set(department, new DepartmentCatalog(pair.entra, `catalog_${department}`, { department }));
    }
  }

  const zones = new Map<string, ZoneAccess>();
  for (const zone of tree.zones) {
    const pair = pairFor(zone.department);
    const catalog = catalogs.get(zone.department);
    // Explicit remote-state read, not a cdktf cross-stack reference: zone stacks skip the pass that
    // would wire those up (see ZoneStack).
    const groupObjectId = pair.entraState?.getString(groupObjectIdOutputName(zone));
    zones.set(
      zone.name,
      new ZoneAccess({
        zone,
        platform: config,
        entraScope: pair.entra,
        awsScope: pair.aws,
        membership: departmentMembership(config, zone.department),
        at: tree.at,
        ...(catalog ? { catalogId: catalog.catalog.id } : {}),
        ...(groupObjectId ? { groupObjectId } : {}),
      }),
    );
  }
  return { appRoles, shards, zones };
}

/**
 * A zone stack never references another stack's resources (the AWS side finds the Entra group
 * through a data source: by display name, or by the object id it reads from the Entra stack's state
 * with an explicit `terraform_remote_state`), so cdktf's preparing resolve pass, which resolves every element once only
 * to discover cross-stack references, is skipped (a fifth of synth time at 200 zones). Without that
 * pass a reference from these stacks to another stack would be written as a dangling
 * `${type.name}`: callers of `addZoneStacks` may reference these stacks' resources from their own
 * stacks (their stacks run the pass), but must not add such references into these stacks.
 * __tests__/synth/stack-isolation.test.ts fails if any stack's JSON references a resource it does
 * not define.
 */
class ZoneStack extends TerraformStack {
  override prepareStack(): void {
    this.ensureBackendExists();
  }
}

function entraStack(scope: Construct, name: string, config: PlatformConfig): TerraformStack {
  const stack = new ZoneStack(scope, name);
  new AzureadProvider(stack, 'azuread', config.entra.tenantId ? { tenantId: config.entra.tenantId } : {});
  addBackend(stack, name, config);
  return stack;
}

function awsStack(scope: Construct, name: string, config: PlatformConfig): TerraformStack {
  const stack = new ZoneStack(scope, name);
  new AwsProvider(stack, 'aws', { region: config.identityCenter.region });
  addBackend(stack, name, config);
  return stack;
}

/**
 * The Entra stack's state, read by the AWS stack of the same shard (outputs
 * `zone_<zone>_group_object_id`), from the same backend the Entra stack writes: the local state
 * file next door (stacks are sibling folders under `<out>/stacks/`), or its S3 key.
 */
function entraRemoteState(awsStack: TerraformStack, entraName: string, config: PlatformConfig): TerraformRemoteState {
  const backend = config.backend;
  if (backend.type === 's3') {
    return new DataTerraformRemoteStateS3(awsStack, 'entra-state', {
      bucket: backend.bucket,
      region: backend.region,
      key: `${backend.keyPrefix}${entraName}.tfstate`,
      encrypt: true,
    });
  }
  return new DataTerraformRemoteStateLocal(awsStack, 'entra-state', { path: `../${entraName}/terraform.tfstate` });
}

function addBackend(stack: TerraformStack, name: string, config: PlatformConfig): void {
  const backend = config.backend;
  if (backend.type === 's3') {
    new S3Backend(stack, {
      bucket: backend.bucket,
      region: backend.region,
      key: `${backend.keyPrefix}${name}.tfstate`,
      encrypt: true,
    });
    // S3-native locking (Terraform ≥ 1.10); cdktf's S3Backend has no typed option for it yet.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  } else {
    // Relative, so the synthesized JSON is identical on every machine.
    new LocalBackend(stack, { path: 'terraform.tfstate' });
  }
}

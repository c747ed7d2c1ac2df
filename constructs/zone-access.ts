import { Annotations, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { formatDiagnostic, ValidationError, type Diagnostic } from '../model/diagnostics';
import type { MembershipInput } from '../model/membership-settings';
import type { Zone } from '../model/types';
import type { ZoneInput } from '../model/zone-defaults';
import { assertFreeId, membershipIn, pathOf, resolveZoneIn, type PlatformSpec } from './props';
import { ZoneEntraGroup } from './zone-entra-group';
import { assertValidMembershipProps, ZoneMembership } from './zone-membership';
import { assertPermissionSetBuildable, ZonePermissionSet } from './zone-permission-set';

export interface ZoneAccessProps {
  /**
   * The zone: a `Zone` from the loader or `resolveZone` (taken as it is, unchecked), or only what a
   * zone file requires (`name`, `department`, `accounts`, `access`), checked by the zone file's rules
   * and completed with its defaults.
   */
  readonly zone: ZoneInput;
  /** The platform settings (`platformConfig()`, or the loader's config). */
  readonly platform: PlatformSpec;
  /** Where the Entra half goes: a construct inside a stack with an `azuread` provider. */
  readonly entraScope: Construct;
  /**
   * Where the AWS half goes: a construct inside another stack, with an `aws` provider. Not the
   * `entraScope` itself: the AWS half can only be planned once SCIM has synced the group the Entra
   * half creates.
   */
  readonly awsScope: Construct;
  /**
   * Who manages the group's members (a department's `membership` settings); settings left out take
   * the platform config's defaults, e.g. `{ mode: 'file' }` or `{ mode: 'file', file: { noticeDays: 14 } }`.
   * @default { mode: 'entra' }: the group's owners, in Entra
   */
  readonly membership?: MembershipInput;
  /**
   * The day membership is evaluated for, `YYYY-MM-DD` (file mode: expired members are left out).
   * @default today, UTC
   */
  readonly at?: string;
  /**
   * access-package mode: the department catalog's id (`DepartmentCatalog.catalog.id`).
   * @default none; required in access-package mode
   */
  readonly catalogId?: string;
  /**
   * How the AWS half gets the Entra group's object id (used when `externalIdIssuer` is set).
   * `addZoneStacks` passes a `terraform_remote_state` read.
   * @default a direct reference to the group, which cdktf turns into a cross-stack output in ordinary stacks
   */
  readonly groupObjectId?: string;
}

/**
 * Everything one zone needs on both sides of the federation. The two halves need different
 * credentials and the AWS half can only be planned once SCIM has synced the group, so they live in
 * separate stacks; this class creates both, each under the zone's name as construct id, which keeps
 * every resource address a function of the zone alone. When the two scopes are in different
 * stacks, the AWS stack is made to depend on the Entra stack (recorded in cdktf's manifest), so
 * `cdktf deploy` applies the Entra side first, as the CLI's own stacks do.
 */
export class ZoneAccess {
  readonly zoneName: string;
  readonly entra: ZoneEntraGroup;
  readonly aws: ZonePermissionSet;
  /**
   * The group's membership (absent in `entra` mode, where Entra's owners manage members). In file
   * mode it sets the group's own `members`; in access-package mode it adds the Governance resources.
   */
  readonly membership?: ZoneMembership;

  constructor(props: ZoneAccessProps) {
    const entraPath = pathOf(props.entraScope, props.zone.name);
    const what = `ZoneAccess props for zone "${props.zone.name}"`;
    const membership = membershipIn(entraPath, what, props.membership);
    // Every problem of the props at once: the scopes', then the zone's.
    const problems: Diagnostic[] = [];
    if (props.entraScope === props.awsScope) {
      problems.push({
        file: entraPath,
        field: 'awsScope',
        code: 'same-scope',
        message:
          'entraScope and awsScope are the same construct; the AWS half can only be planned after SCIM has synced the group the Entra half creates',
        hint: 'pass a construct in a stack with the azuread provider as entraScope and one in another stack, with the aws provider, as awsScope (see examples/library/zone-in-code.ts)',
      });
    }
    let zone: Zone | undefined;
    const warnings: Diagnostic[] = [];
    try {
      // Checked once up front, so a bad zone never leaves the Entra half behind without the AWS half.
      zone = resolveZoneIn({ type: 'ZoneAccess', path: entraPath }, props.zone, props.platform, {
        membership,
        ...(props.at !== undefined ? { at: props.at } : {}),
        onWarning: (w) => warnings.push(w),
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      problems.push(...err.diagnostics);
    }
    if (!zone || problems.length > 0) throw new ValidationError(problems, what, entraPath);
    assertFreeId(props.entraScope, zone.name, 'ZoneAccess', zone.name);
    assertFreeId(props.awsScope, zone.name, 'ZoneAccess', zone.name);
    // The default group id is the Entra half's group, which always exists here.
    assertPermissionSetBuildable(
      pathOf(props.awsScope, zone.name),
      zone,
      props.platform,
      props.groupObjectId ?? 'the Entra group',
    );
    const membershipProps = {
      zone,
      membership,
      ...(props.at !== undefined ? { at: props.at } : {}),
      ...(props.catalogId !== undefined ? { catalogId: props.catalogId } : {}),
    };
    assertValidMembershipProps(
      { ...membershipProps, group: { objectId: '', displayName: '' } },
      `${entraPath}/membership`,
    );
    this.zoneName = zone.name;
    this.entra = new ZoneEntraGroup(props.entraScope, zone.name, {
      zone,
      platform: props.platform,
      membershipMode: membership.mode,
    });
    // What validate prints for a zone file, printed by `cdktf synth` for a zone given in code.
    for (const w of warnings) Annotations.of(this.entra).addWarning(formatDiagnostic(w));
    if (membership.mode !== 'entra') {
      // A child of the Entra half, so its addresses are `<zone>/membership/...`: the zone's alone.
      this.membership = new ZoneMembership(this.entra, 'membership', {
        ...membershipProps,
        group: { objectId: this.entra.group.objectId, displayName: this.entra.groupName, resource: this.entra.group },
      });
    }
    this.aws = new ZonePermissionSet(props.awsScope, zone.name, {
      zone,
      platform: props.platform,
      groupObjectId: props.groupObjectId ?? this.entra.group.objectId,
    });
    const entraStack = TerraformStack.of(props.entraScope);
    const awsStack = TerraformStack.of(props.awsScope);
    if (entraStack !== awsStack) awsStack.addDependency(entraStack);
  }

  /** The Entra security group. */
  get group() {
    return this.entra.group;
  }

  /** The Identity Center permission set. */
  get permissionSet() {
    return this.aws.permissionSet;
  }

  /** Account id → account assignment. */
  get accountAssignments() {
    return this.aws.accountAssignments;
  }
}

import { AccessPackage } from '@cdktf/provider-azuread/lib/access-package';
import {
  AccessPackageAssignmentPolicy,
  type AccessPackageAssignmentPolicyConfig,
} from '@cdktf/provider-azuread/lib/access-package-assignment-policy';
import { AccessPackageCatalog } from '@cdktf/provider-azuread/lib/access-package-catalog';
import { AccessPackageResourceCatalogAssociation } from '@cdktf/provider-azuread/lib/access-package-resource-catalog-association';
import { AccessPackageResourcePackageAssociation } from '@cdktf/provider-azuread/lib/access-package-resource-package-association';
import { DataAzureadUsers } from '@cdktf/provider-azuread/lib/data-azuread-users';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { isRealDate, todayUtc } from '../model/dates';
import { activeMembers, memberKey } from '../model/membership';
import type { MembershipSettings } from '../model/membership-settings';
import type { ZoneMember } from '../model/types';
import { MEMBER_USER_PATTERN } from '../model/zone-file-schema';
import { canonicalGuid } from '../model/guid';
import { ValidationError, type Diagnostic, type DiagnosticCode } from '../model/diagnostics';
import { terraformLiteral } from './terraform-literal';
import { TerraformCheck } from './terraform-check';
import { lookupUsers } from './user-lookup';

/**
 * Who is in a zone's Entra group, per the department's membership mode:
 *
 * - `entra`: nothing here; the group's owners manage members in Entra.
 * - `file`: the group's `members` set holds exactly the members active on `at` (expired entries are
 *   left out), so the zone file is authoritative: a person added by hand in the portal is removed at
 *   the next apply. UPNs are resolved with one `azuread_users` lookup per zone whose postcondition
 *   names the zone file and the users Entra does not know. See `fileModeMembers` for the provider
 *   behaviour this relies on.
 * - `access-package`: the group as a resource (member role) of an access package in the
 *   department's catalog, with an assignment policy: who may request, approval by the zone's owners,
 *   maximum duration, optional recurring review by the owners.
 *
 * Every argument below exists in @cdktf/provider-azuread 14.3.1 (the type checker proves the names);
 * the comments cite the azuread v3.7.0 source that validates each value.
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MEMBER_USER = new RegExp(MEMBER_USER_PATTERN);

/** The zone's group, as far as membership needs it (an `azuread_group`, or any construct with its attributes). */
export interface MembershipGroup {
  /** The bare object id (a UUID). */
  readonly objectId: string;
  readonly displayName: string;
  /**
   * File mode: the `azuread_group` itself, whose `members` this construct sets (required in file
   * mode; `ZoneAccess` passes `ZoneEntraGroup.group`). Other modes never touch it.
   * @default none; required in file mode
   */
  readonly resource?: { members: string[] };
}

export interface ZoneMembershipProps {
  readonly zone: {
    readonly name: string;
    readonly owners: readonly string[];
    readonly members?: readonly ZoneMember[];
    readonly description?: string;
    /** The zone file, named in the plan-time error for unknown users. */
    readonly source?: { readonly file: string };
  };
  /** The zone's group: its object id (a token) and display name (a plain string). */
  readonly group: MembershipGroup;
  readonly membership: MembershipSettings;
  /**
   * The day membership is evaluated for, `YYYY-MM-DD`.
   * @default today, UTC
   */
  readonly at?: string;
  /**
   * The department's catalog id (access-package mode): `DepartmentCatalog.catalog.id`.
   * @default none; required in access-package mode
   */
  readonly catalogId?: string;
}

export class ZoneMembership extends Construct {
  /**
   * File mode: the value set as the group's `members` (object ids, lower case; UPNs resolved by
   * `userLookup`), for the members active on `at`. Absent in the other modes, which leave the
   * group's `members` unset so that Entra's owners or Governance manage them.
   */
  readonly memberObjectIds?: string[];
  /** File mode: the UPN lookup (absent when every member is given by object id). */
  readonly userLookup?: DataAzureadUsers;
  /** File mode: the warning naming members the lookup did not find. */
  readonly membersCheck?: TerraformCheck;
  /** Access-package mode. */
  readonly accessPackage?: AccessPackage;
  readonly catalogAssociation?: AccessPackageResourceCatalogAssociation;
  readonly packageAssociation?: AccessPackageResourcePackageAssociation;
  readonly assignmentPolicy?: AccessPackageAssignmentPolicy;

  constructor(scope: Construct, id: string, props: ZoneMembershipProps) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    assertValidMembershipProps(props, path);
    if (props.membership.mode === 'file' && !props.group.resource) {
      throw new ValidationError(
        [
          {
            file: path,
            field: 'group.resource',
            code: 'missing-key',
            message:
              'file mode needs group.resource (the azuread_group whose members it sets), e.g. ZoneEntraGroup.group',
          },
        ],
        `ZoneMembership props for zone "${props.zone.name}"`,
        path,
      );
    }
    super(scope, id);
    const { zone, group, membership } = props;
    if (membership.mode === 'file' && group.resource) {
      const at = props.at ?? todayUtc();
      const active = activeMembers(zone.members ?? [], at);
      const ids = active
        .map((m) => m.user)
        .filter((u) => GUID.test(u))
        .map(canonicalGuid);
      const upns = active.map((m) => m.user).filter((u) => !GUID.test(u));
      let resolved: string[] | undefined;
      if (upns.length > 0) {
        const file = zone.source?.file ?? `zone ${zone.name}`;
        // One lookup per zone (users_data_source.go (v3.7.0) l.83-93: a list of non-empty strings;
        // found users in `users`, l.112-186). A member Entra no longer knows is left out and named
        // in a warning (user-lookup.ts), so one departed person never stops the department's plan.
        const members = lookupUsers(this, 'member-lookup', upns, {
          what: `${file}: members`,
          consequence: 'They are not in the group; remove them from the zone file.',
        });
        this.userLookup = members.lookup;
        this.membersCheck = members.check;
        resolved = members.objectIds;
      }
      this.memberObjectIds = fileModeMembers(ids, resolved);
      group.resource.members = this.memberObjectIds;
    } else if (membership.mode === 'access-package') {
      const settings = membership.accessPackage;
      const catalogId = props.catalogId!;
      // Named by zone, not by file: the stacks must not depend on where the tree lives.
      const owners = this.ownerSets(
        zone.owners,
        `zone ${zone.name}`,
        settings.approval || settings.review !== undefined,
      );
      // Static blocks when every owner is given by object id; otherwise set below as dynamic blocks.
      const ownerSets = 'forEach' in owners ? undefined : owners.sets;
      // identitygovernance/access_package_resource_catalog_association_resource.go (v3.7.0)
      // l.42-64: resource_origin_id is the group's bare object id, resource_origin_system
      // "AadGroup", catalog_id a UUID (the catalog resource's id, l.108: SetId(catalog id)).
      this.catalogAssociation = new AccessPackageResourceCatalogAssociation(this, 'catalog-association', {
        catalogId,
        resourceOriginId: group.objectId,
        resourceOriginSystem: 'AadGroup',
      });
      // access_package_resource.go l.30-58: catalog_id a UUID; its id is the bare package id (l.118).
      this.accessPackage = new AccessPackage(this, 'access-package', {
        catalogId,
        displayName: group.displayName,
        description: zone.description ?? `Membership of the zone ${zone.name} (its Entra group and AWS access)`,
      });
      // access_package_resource_package_association_resource.go l.30-72: access_package_id a UUID;
      // catalog_resource_association_id the catalog association's id, "{catalogId}/{originId}"
      // (parse/access_package_resource_catalog_association_id.go l.18-20, l.29-44); access_type
      // "Member" or "Owner".
      this.packageAssociation = new AccessPackageResourcePackageAssociation(this, 'package-association', {
        accessPackageId: this.accessPackage.id,
        catalogResourceAssociationId: this.catalogAssociation.id,
        accessType: 'Member',
      });
      const policy: AccessPackageAssignmentPolicyConfig = {
        accessPackageId: this.accessPackage.id,
        displayName: `${group.displayName} requests`,
        description: `Who may request ${group.displayName}, who approves, and for how long`,
        // access_package_assignment_policy_resource.go l.74-80: an integer in 0..3660.
        durationInDays: settings.maxDays,
        // l.97-124: scope_type from possibleValuesForRequestorScopeType (constants.go l.34-54);
        // requestor blocks are user sets (schema.go l.46-78: subject_type GroupMembers + object_id).
        requestorSettings:
          settings.requestors === 'all-members'
            ? { requestsAccepted: true, scopeType: 'AllExistingDirectoryMemberUsers' }
            : {
                requestsAccepted: true,
                scopeType: 'SpecificDirectorySubjects',
                requestor: settings.requestors.map((objectId) => ({ subjectType: 'GroupMembers', objectId })),
              },
        // l.126-200: approval_stage needs approval_timeout_in_days; approvers are SingleUser sets.
        approvalSettings: settings.approval
          ? {
              approvalRequired: true,
              approvalRequiredForExtension: true,
              requestorJustificationRequired: true,
              ...(ownerSets
                ? {
                    approvalStage: [
                      {
                        approvalTimeoutInDays: settings.approvalTimeoutDays,
                        approverJustificationRequired: true,
                        primaryApprover: ownerSets,
                      },
                    ],
                  }
                : {}),
            }
          : { approvalRequired: false, requestorJustificationRequired: true },
        // l.202-270: review_frequency from constants.go l.7-20, review_type "Reviewers" (l.22-32),
        // access_review_timeout_behavior from go-azure-sdk's AccessReviewTimeoutBehavior
        // (vendor/.../beta/constant_accessreviewtimeoutbehavior.go l.15-17).
        ...(settings.review
          ? {
              assignmentReviewSettings: {
                enabled: true,
                reviewFrequency: settings.review.frequency,
                reviewType: 'Reviewers',
                ...(ownerSets ? { reviewer: ownerSets } : {}),
                durationInDays: settings.review.durationDays,
                accessReviewTimeoutBehavior: 'removeAccess',
                approverJustificationRequired: true,
              },
            }
          : {}),
        dependsOn: [this.packageAssociation],
      };
      this.assignmentPolicy = new AccessPackageAssignmentPolicy(this, 'assignment-policy', policy);
      if ('forEach' in owners) {
        // A `dynamic` block per owner found (Terraform JSON: `dynamic.<block>.{for_each, content}`,
        // the iterator named after the block). cdktf resolves dynamic blocks only at a resource's
        // top level, so these nested ones are written as overrides; tokens in them are resolved.
        const dynamic = (block: string) => ({
          [block]: {
            for_each: owners.forEach,
            content: { subject_type: 'SingleUser', object_id: `\${${block}.value}` },
          },
        });
        if (settings.approval) {
          this.assignmentPolicy.addOverride('approval_settings.approval_stage', [
            {
              approval_timeout_in_days: settings.approvalTimeoutDays,
              approver_justification_required: true,
              dynamic: dynamic('primary_approver'),
            },
          ]);
        }
        if (settings.review)
          this.assignmentPolicy.addOverride('assignment_review_settings.dynamic', dynamic('reviewer'));
      }
    }
  }

  /**
   * The owners as SingleUser sets (approvers, reviewers). Owners given by object id are literal
   * blocks. Owners given by UPN are resolved through one lookup that leaves out (and reports, as a
   * warning) anyone Entra no longer knows (user-lookup.ts), so the blocks are then a `dynamic` block
   * over the found ids: their number is only known at plan time. A `check` also warns when no
   * approver is left at all (the policy update would then fail at Graph until owners are fixed;
   * every other resource of the plan is still applied).
   */
  private ownerSets(
    owners: readonly string[],
    zoneLabel: string,
    needed: boolean,
  ): { sets: { subjectType: string; objectId: string }[] } | { forEach: string } {
    const ids = owners.filter((o) => GUID.test(o)).map(memberKey);
    const upns = owners.filter((o) => !GUID.test(o));
    if (upns.length === 0) return { sets: ids.map((objectId) => ({ subjectType: 'SingleUser', objectId })) };
    const found = lookupUsers(this, 'owner-lookup', upns, {
      what: `${zoneLabel}: owners`,
      consequence: 'They no longer approve or review requests for this zone; update owners: in the zone file.',
    });
    const all = ids.length === 0 ? found.objectIds : Token.asList(Fn.concat([ids, found.objectIds]));
    if (needed) {
      new TerraformCheck(this, 'approvers-left', [
        {
          condition: Token.asString(Op.gte(Fn.lengthOf(all), 1)),
          errorMessage: `${terraformLiteral(zoneLabel)}: no owner of this zone is left in Entra ID: nobody can approve or review its access package; add owners: to the zone file`,
        },
      ]);
    }
    return { forEach: Token.asString(all) };
  }
}

/**
 * The `members` of a file-mode group: the zone file's object ids and the resolved UPNs, always set,
 * even when empty. Why this is authoritative and stable, in azuread v3.7.0
 * (internal/services/groups/group_resource.go):
 *
 * - l.184-195: `members` is an Optional+Computed set of UUIDs (no ConfigModeAttr). The plugin SDK
 *   treats an *omitted* Optional+Computed set as "no change" (vendored terraform-plugin-sdk/v2
 *   helper/schema/schema.go l.1471-1473), which would leave every member in place; an *explicit*
 *   empty set is a real value (hcl2shim/values.go l.59 drops only nulls, l.168 keeps empty
 *   collections) and is diffed element by element (schema.go l.1488-1546). So the argument is
 *   never left out in file mode: zero active members is `members = []`, and the group is emptied.
 * - l.1091-1123 (Update): on any change of `members`, the provider lists the group's members in
 *   Graph (all pages: go-azure-sdk groups/beta/member/method_listmembers.go l.126 ExecutePaged),
 *   removes those not in the set and adds those missing (`tf.Difference`,
 *   internal/helpers/tf/slices.go l.9-21). Adding one person adds exactly that person; nobody else
 *   is touched. The guard is `d.HasChange("members")` without `GetOk`, so emptying the set removes
 *   the last members too (the fix of hashicorp/terraform-provider-azuread#664, PR #666).
 * - l.1325-1333 (Read): state holds Graph's members, so someone added by hand shows up as a change
 *   in the next plan and is removed by the apply.
 * - l.895-905 (Create): the set's members are added right after the group is created.
 * - docs/resources/group.md l.142: `members` must not be combined with `azuread_group_member` for
 *   the same group, which Zone Access therefore no longer emits.
 */
export function fileModeMembers(objectIds: readonly string[], resolvedUpns?: string[]): string[] {
  if (!resolvedUpns) return [...objectIds];
  if (objectIds.length === 0) return resolvedUpns;
  return Token.asList(Fn.concat([[...objectIds], resolvedUpns]));
}

/**
 * The department's access package catalog (access-package mode): one per department, in the
 * department's Entra stack. access_package_catalog_resource.go (v3.7.0) l.40-75: display_name and
 * description non-empty; externally_visible false keeps it to the tenant's own users.
 */
export class DepartmentCatalog extends Construct {
  readonly catalog: AccessPackageCatalog;

  constructor(scope: Construct, id: string, props: { readonly department: string }) {
    super(scope, id);
    this.catalog = new AccessPackageCatalog(this, 'catalog', {
      displayName: `Zone Access: ${props.department}`,
      description: `Zone Access: the access packages of department ${props.department}'s zones`,
      externallyVisible: false,
      published: true,
    });
  }
}

/**
 * Props problems the loader reports with file and line, checked again for callers who build props
 * in code. Throws one `ValidationError` naming the construct (`path`) and every problem.
 */
export function assertValidMembershipProps(
  props: ZoneMembershipProps,
  path = `ZoneMembership for zone "${props.zone.name}"`,
): void {
  const problems: Diagnostic[] = [];
  const problem = (field: string, code: DiagnosticCode, message: string) =>
    problems.push({ file: path, field, code, message });
  const { membership, zone } = props;
  if (props.at !== undefined && !isRealDate(props.at))
    problem('at', 'invalid-date', `at "${props.at}" must be a date, YYYY-MM-DD`);
  if ((zone.members?.length ?? 0) > 0 && membership.mode !== 'file') {
    problem(
      'members',
      'members-not-file-mode',
      `members are only used in file mode (membership is ${membership.mode})`,
    );
  }
  (zone.members ?? []).forEach((m, i) => {
    // Written into Terraform expressions as string literals: only Entra's UPN characters.
    if (!MEMBER_USER.test(m.user))
      problem(
        `members[${i}]`,
        'invalid-value',
        `member "${m.user}" must be an Entra UPN (user@domain, Entra's UPN characters) or a user object id`,
      );
    if (m.until !== undefined && !isRealDate(m.until))
      problem(`members[${i}].until`, 'invalid-date', `member ${m.user}: until "${m.until}" must be a date, YYYY-MM-DD`);
  });
  if (membership.mode === 'access-package') {
    if (!props.catalogId)
      problem('catalogId', 'missing-key', 'access-package mode needs catalogId (the department catalog)');
    if (membership.accessPackage.approval && zone.owners.length === 0)
      problem('owners', 'owners-required', 'access-package mode with approval needs owners (they approve)');
    if (membership.accessPackage.review && zone.owners.length === 0)
      problem('owners', 'owners-required', 'access-package mode with review needs owners (they review)');
  }
  if (problems.length > 0) throw new ValidationError(problems, `ZoneMembership props for zone "${zone.name}"`, path);
}

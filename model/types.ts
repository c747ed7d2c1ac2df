import type { MembershipSettings } from './membership-settings';

/**
 * The validated model: what a zone file and the platform config mean once every check has passed.
 *
 * Everything downstream (policies, constructs, stacks, reports) reads these types and nothing else,
 * so they are normalized here once: set-like lists are de-duplicated and sorted, account names are
 * resolved to ids, defaults are applied. Two trees that differ only in list order or file order
 * produce equal models, which is what keeps synthesis deterministic.
 */

/** Where a value came from, for error messages and reports. */
export interface SourceRef {
  /** Path of the file, relative to the working directory the tree was loaded from. */
  readonly file: string;
  /** 1-based line of the value, when known. */
  readonly line?: number;
  /** 1-based column of the value, when known. */
  readonly column?: number;
}

/** An AWS account a zone is assigned to. */
export interface ZoneAccount {
  /** The 12-digit account id. */
  readonly id: string;
  /** The name from the platform config's account map, when the zone file used one. */
  readonly name?: string;
}

/** A customer-managed policy reference (name and path), as Identity Center attaches it. */
export interface CustomerManagedPolicyRef {
  readonly name: string;
  /** IAM path, `/` by default. */
  readonly path: string;
}

/** A permissions boundary: either an AWS-managed policy ARN or a customer-managed policy reference. */
export type PermissionsBoundaryRef =
  | { readonly kind: 'managed'; readonly arn: string }
  | { readonly kind: 'customer'; readonly name: string; readonly path: string };

/**
 * One entry of a zone file's `members:` list. Membership of the zone's Entra group is access to the
 * zone; in departments whose membership mode is `file` the zone file is its source of truth.
 */
export interface ZoneMember {
  /** Entra UPN or user object id, lower-cased (UPNs and GUIDs compare case-insensitively in Entra). */
  readonly user: string;
  /** Last day of access, `YYYY-MM-DD`: access ends at the end of that day, UTC. None: no expiry. */
  readonly until?: string;
  /** Why the person needs access, for reviewers. */
  readonly reason?: string;
}

/** One zone, validated and normalized. */
export interface Zone {
  /** The zone name: the value of the zone tag on every resource of the zone. */
  readonly name: string;
  /** The department folder the zone file lives in. */
  readonly department: string;
  readonly description?: string;
  /** Sorted by id, unique. */
  readonly accounts: readonly ZoneAccount[];
  /** Access preset names, sorted, unique; each exists in the access catalog. */
  readonly access: readonly string[];
  /** ISO 8601 duration in Identity Center's range (model/aws-rules.ts), with the platform default applied. */
  readonly sessionDuration: string;
  /** Entra group owners (UPNs or object ids), sorted, unique. */
  readonly owners: readonly string[];
  /**
   * Every `members:` entry of the zone file, expired ones included, sorted by user, unique by user.
   * Which of them have access on a given day: `activeMembers` in model/membership.ts.
   */
  readonly members: readonly ZoneMember[];
  readonly relayState?: string;
  /** Extra permission set tags, keys sorted. Never contains the zone tag key. */
  readonly tags: Readonly<Record<string, string>>;
  /** AWS-managed policy ARNs (allow-listed by the platform config), sorted, unique. */
  readonly managedPolicies: readonly string[];
  /** Customer-managed policies (allow-listed), sorted by path+name, unique. */
  readonly customerManagedPolicies: readonly CustomerManagedPolicyRef[];
  readonly permissionsBoundary?: PermissionsBoundaryRef;
  /** The zone file; for a zone given in code, what resolved it (a construct path, or `zone "<name>"`). */
  readonly source: SourceRef;
  /** Where each top-level key of the zone file stands, for messages about a field (none for a zone given in code). */
  readonly positions: Readonly<Record<string, { readonly line: number; readonly column: number }>>;
}

/**
 * How a statement of an access preset is tied to the zone.
 * - `resource-tag`: the target resource must carry the zone tag with the zone's value.
 * - `request-tag`: the request must set the zone tag to the zone's value (creating resources).
 * - `none`: no zone condition; only for actions AWS cannot scope to a resource (List*, some Describe*).
 */
export type ZoneScope = 'resource-tag' | 'request-tag' | 'none';

/** One statement template of an access preset. */
export interface PresetStatement {
  /** `service:Action` names; no wildcards. */
  readonly actions: readonly string[];
  /** Resource ARN patterns, `*` by default. */
  readonly resources: readonly string[];
  readonly scope: ZoneScope;
}

/** A named set of statement templates, instantiated per zone. */
export interface AccessPreset {
  readonly name: string;
  readonly description: string;
  readonly statements: readonly PresetStatement[];
}

export interface LocalBackendConfig {
  readonly type: 'local';
}

export interface S3BackendConfig {
  readonly type: 's3';
  readonly bucket: string;
  readonly region: string;
  /** Object key prefix; the stack name and `.tfstate` are appended. */
  readonly keyPrefix: string;
}

export type BackendConfig = LocalBackendConfig | S3BackendConfig;

/**
 * A department declared in the platform config. Declared, not inferred from folders: git keeps no
 * empty folders, so a department whose last zone file is deleted must still produce its (empty)
 * stacks, or applying them could never take its access away.
 */
export interface DepartmentSettings {
  /**
   * Step one of retiring a department: it may hold no zone files, and its stacks are still
   * synthesized (empty), so applying them destroys what it had. Step two, after that apply (or a
   * `terraform destroy` of both stacks) succeeded, is deleting the entry from the config.
   */
  readonly retired: boolean;
  /** Who manages the members of the department's zone groups, with that mode's settings (docs/membership.md). */
  readonly membership: MembershipSettings;
  /** Where the department's key stands in the config file, for messages. */
  readonly source: SourceRef;
}

/** The platform team's single config file, validated and normalized. */
export interface PlatformConfig {
  readonly identityCenter: {
    /** `arn:aws:sso:::instance/ssoins-...` */
    readonly instanceArn: string;
    /** `d-...` */
    readonly identityStoreId: string;
    /** The region Identity Center lives in (provider region of the AWS stacks). */
    readonly region: string;
    /**
     * The AWS access portal URL, without a trailing slash (`https://d-1234567890.awsapps.com/start`).
     * Only the people-facing outputs need it (CLI profiles, sign-in links); synthesis does not.
     */
    readonly startUrl?: string;
    /**
     * Issuer of the `ExternalId` SCIM sets on the groups it creates (`Id` = the Entra object id).
     * When set, the AWS side binds each zone to its group by that identity; when unset, by display
     * name, which anyone able to create Identity Store groups can claim first.
     */
    readonly externalIdIssuer?: string;
  };
  readonly entra: {
    /** Entra tenant id (GUID), when the provider should be pinned to one tenant. */
    readonly tenantId?: string;
    /** Object id of the Identity Center enterprise application's app registration. */
    readonly applicationObjectId: string;
    /** Object id of its service principal (the enterprise application). */
    readonly servicePrincipalObjectId: string;
    /** Id of the SCIM provisioning job on the service principal; enables provision on demand. */
    readonly provisioningJobId?: string;
    /** Id of the job's synchronization rule that provisions groups (required with provisioningJobId). */
    readonly provisioningRuleId?: string;
    /**
     * `per-zone`: one app role per zone on the application (value = permission set name);
     * `shared`: one app role every zone group is assigned with. Either way the roles live in one
     * stack (`entra-app-roles`), applied before the department stacks.
     */
    readonly appRoles: AppRoleMode;
    /**
     * Step one of switching `appRoles`: the mode switched away from, whose roles are kept on the
     * application until a later run (as departments are retired). Never equal to `appRoles`.
     */
    readonly retiredAppRoles?: AppRoleMode;
    /** With a provisioning job: emit the Terraform provision-on-demand resource per zone (default true). */
    readonly provisioningResource: boolean;
  };
  /** Tag key that marks a resource's zone, `entigo:zone` by default. */
  readonly zoneTagKey: string;
  readonly names: {
    /** Entra group name prefix, `entigo-zone-` by default. */
    readonly groupPrefix: string;
    /** Permission set (and app role value) prefix, `zone-` by default. */
    readonly permissionSetPrefix: string;
  };
  /** Session duration for zones that do not set one, `PT1H` by default. */
  readonly defaultSessionDuration: string;
  /** Account name → 12-digit id. */
  readonly accounts: Readonly<Record<string, string>>;
  /** Department name → its settings; every declared department gets its stacks. Keys sorted. */
  readonly departments: Readonly<Record<string, DepartmentSettings>>;
  /** `department`: a stack pair per department; `single`: one pair for all zones. */
  readonly sharding: 'department' | 'single';
  readonly backend: BackendConfig;
  readonly access: {
    /** Presets added by the platform team, by name (built-in names cannot be redefined). */
    readonly presets: Readonly<Record<string, AccessPreset>>;
    /** AWS-managed policy ARNs zone files may attach. */
    readonly managedPolicies: readonly string[];
    /**
     * Allow-listed AWS-managed policies whose cross-zone grants the platform team accepted (see
     * `model/managed-policy-risks.ts`); sorted, unique, each also in `managedPolicies`.
     */
    readonly acknowledgedManagedPolicyRisks?: readonly string[];
    /** Customer-managed policies zone files may attach. */
    readonly customerManagedPolicies: readonly CustomerManagedPolicyRef[];
    /** The one permissions boundary zone files may set. */
    readonly permissionsBoundary?: PermissionsBoundaryRef;
  };
  readonly secrets: {
    /** When true, zone secrets must be named `<zone>/...` (mitigates claiming untagged secrets). */
    readonly zoneNamePrefix: boolean;
  };
  readonly protection: {
    /** When true, permission sets carry `lifecycle.prevent_destroy`. */
    readonly preventDestroy: boolean;
  };
  /** `zone-access audit` settings (docs/audit.md); absent when the config has no `audit:` section. */
  readonly audit?: AuditSettings;
  /** Service quotas the tree is checked against (model/quotas.ts), defaults filled. */
  readonly quotas: Readonly<Record<QuotaKey, number>>;
  /** The config file, for messages. */
  readonly source: SourceRef;
}

/** The service quotas a tree is checked against (model/quotas.ts holds their defaults and sources). */
export type QuotaKey =
  'permissionSetsPerInstance' | 'permissionSetsPerAccount' | 'rolesPerAccount' | 'appRolesPerApplication';

/** How `zone-access audit` reaches CloudTrail in the zones' accounts. */
export interface AuditSettings {
  /** Role (with optional path) assumed in each account for LookupEvents; unset: the current credentials' account only. */
  readonly roleName?: string;
  /** Regions whose event history is read; unset: `identityCenter.region`. Unique, sorted. */
  readonly regions?: readonly string[];
}

/** How zone groups are assigned to the Identity Center application; see `PlatformConfig.entra.appRoles`. */
export type AppRoleMode = 'per-zone' | 'shared';

/** A validated tree: every zone (sorted by name) and the config it was validated against. */
export interface ZoneTree {
  readonly config: PlatformConfig;
  readonly zones: readonly Zone[];
  /**
   * Every department declared in the platform config (retired ones included), sorted, whether or
   * not it has a folder or zones: each keeps its stacks, so deleting a department's last zone (and
   * with it, in git, its folder) destroys what it had deployed instead of orphaning it.
   */
  readonly departments: readonly string[];
  /**
   * The day the tree was evaluated for (`--at`, default today UTC), `YYYY-MM-DD`: who is a member
   * (expired entries are left out), which expiry warnings apply. Fixed per run, so output is
   * reproducible.
   */
  readonly at: string;
}

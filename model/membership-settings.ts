/**
 * A department's membership mode and the settings of each mode: the JSON Schema fragment of
 * `departments.<name>` in the platform config (spread into platform-config-schema.ts), its
 * defaults, and the normalized model. One place for every membership setting and its default.
 *
 * - `entra` (default): owners manage members in Entra, as before; `members:` is not allowed.
 * - `file`: the zone file's `members:` are the group's members (expired entries left out).
 * - `access-package`: Entra ID Governance; people request the zone's access package, the
 *   zone's owners approve, assignments expire after `maxDays`.
 */

export const MEMBERSHIP_MODES = ['entra', 'file', 'access-package'] as const;
export type MembershipMode = (typeof MEMBERSHIP_MODES)[number];

/** Access review recurrences azuread accepts (identitygovernance/constants.go, v3.7.0, lines 7-20). */
export const REVIEW_FREQUENCIES = ['weekly', 'monthly', 'quarterly', 'halfyearly', 'annual'] as const;
export type ReviewFrequency = (typeof REVIEW_FREQUENCIES)[number];

const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const FILE_DEFAULTS = { noticeDays: 7, maxDays: 365, maxMembersPerZone: 100 } as const;
export const ACCESS_PACKAGE_DEFAULTS = {
  approval: true,
  approvalTimeoutDays: 14,
  maxDays: 90,
  reviewDurationDays: 14,
} as const;

/** Properties of `departments.<name>` that belong to membership. */
export const membershipSettingsProperties = {
  membership: {
    type: 'string',
    enum: MEMBERSHIP_MODES,
    default: 'entra',
    description:
      "Who manages the members of the department's zone groups: entra (owners, in Entra; default), file (the zone files' members:), access-package (Entra ID Governance requests approved by the zone's owners).",
  },
  file: {
    type: 'object',
    additionalProperties: false,
    description: 'Settings of membership: file.',
    properties: {
      noticeDays: {
        type: 'integer',
        minimum: 0,
        maximum: 365,
        default: FILE_DEFAULTS.noticeDays,
        description: 'validate warns about members whose access ends within this many days.',
      },
      maxDays: {
        type: 'integer',
        minimum: 1,
        maximum: 3660,
        default: FILE_DEFAULTS.maxDays,
        description: "A member's until may be at most this many days after today (or --at).",
      },
      maxMembersPerZone: {
        type: 'integer',
        minimum: 1,
        maximum: 5000,
        default: FILE_DEFAULTS.maxMembersPerZone,
        description: 'At most this many members: entries per zone file.',
      },
    },
  },
  accessPackage: {
    type: 'object',
    additionalProperties: false,
    description: 'Settings of membership: access-package.',
    properties: {
      requestors: {
        description:
          "Who may request a zone's access package: all-members (every member user of the tenant, no guests; default) or a list of Entra group object ids whose members may.",
        anyOf: [
          { type: 'string', enum: ['all-members'] },
          { type: 'array', minItems: 1, items: { type: 'string', pattern: GUID } },
        ],
      },
      approval: {
        type: 'boolean',
        default: ACCESS_PACKAGE_DEFAULTS.approval,
        description: "Requests need the approval of one of the zone's owners (default true).",
      },
      approvalTimeoutDays: {
        type: 'integer',
        minimum: 1,
        maximum: 14,
        default: ACCESS_PACKAGE_DEFAULTS.approvalTimeoutDays,
        description: 'A request no owner decided on within this many days is denied.',
      },
      maxDays: {
        type: 'integer',
        minimum: 1,
        maximum: 3660,
        default: ACCESS_PACKAGE_DEFAULTS.maxDays,
        description: 'An assignment ends this many days after it was granted.',
      },
      review: {
        type: 'string',
        enum: ['none', ...REVIEW_FREQUENCIES],
        default: 'none',
        description:
          "Recurring access review of the assignments by the zone's owners: none (default), weekly, monthly, quarterly, halfyearly, annual.",
      },
    },
  },
} as const;

/** The membership keys of `departments.<name>` as they passed the schema (defaults not applied). */
export interface RawMembershipSettings {
  membership?: MembershipMode;
  file?: { noticeDays?: number; maxDays?: number; maxMembersPerZone?: number };
  accessPackage?: {
    requestors?: 'all-members' | string[];
    approval?: boolean;
    approvalTimeoutDays?: number;
    maxDays?: number;
    review?: 'none' | ReviewFrequency;
  };
}

export interface FileMembershipSettings {
  /** validate warns about members whose access ends within this many days. */
  readonly noticeDays: number;
  /** `until` may be at most this many days after the evaluation day. */
  readonly maxDays: number;
  readonly maxMembersPerZone: number;
}

export interface AccessPackageSettings {
  /** `all-members`, or the object ids (lower-cased, sorted) of the groups whose members may request. */
  readonly requestors: 'all-members' | readonly string[];
  /** Requests need the approval of one of the zone's owners. */
  readonly approval: boolean;
  readonly approvalTimeoutDays: number;
  /** Days an assignment lasts. */
  readonly maxDays: number;
  /** Recurring review of the assignments by the zone's owners, when set. */
  readonly review?: { readonly frequency: ReviewFrequency; readonly durationDays: number };
}

/** A department's membership mode with that mode's settings (defaults applied). */
export type MembershipSettings =
  | { readonly mode: 'entra' }
  | { readonly mode: 'file'; readonly file: FileMembershipSettings }
  | { readonly mode: 'access-package'; readonly accessPackage: AccessPackageSettings };

export const DEFAULT_MEMBERSHIP: MembershipSettings = { mode: 'entra' };

/**
 * A department's membership as a library caller gives it: the mode, and only the settings that
 * differ from the platform config's defaults (`{ mode: 'file' }` is file mode with the defaults).
 */
export type MembershipInput =
  | { readonly mode: 'entra' }
  | { readonly mode: 'file'; readonly file?: Partial<FileMembershipSettings> }
  | { readonly mode: 'access-package'; readonly accessPackage?: Partial<AccessPackageSettings> };

/**
 * The settings with every one left out taken from the defaults the platform config file fills
 * (FILE_DEFAULTS, ACCESS_PACKAGE_DEFAULTS); undefined for a mode that does not exist.
 */
export function completeMembership(input: MembershipInput): MembershipSettings | undefined {
  // The loader's own defaulting (normalizeMembershipSettings), so a zone in code and a department in
  // the config file get the same settings. A review is given resolved (frequency and duration).
  const given = <T extends object>(o: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  switch (input.mode) {
    case 'entra':
      return DEFAULT_MEMBERSHIP;
    case 'file':
      return normalizeMembershipSettings({ membership: 'file', file: given(input.file) }).settings;
    case 'access-package': {
      const { review, requestors, ...rest } = given(input.accessPackage);
      const { settings } = normalizeMembershipSettings({
        membership: 'access-package',
        accessPackage: { ...rest, ...(requestors !== undefined ? { requestors: requestors as RawRequestors } : {}) },
      });
      if (settings.mode !== 'access-package' || review === undefined) return settings;
      return { mode: 'access-package', accessPackage: { ...settings.accessPackage, review } };
    }
    default:
      return undefined;
  }
}

type RawRequestors = NonNullable<NonNullable<RawMembershipSettings['accessPackage']>['requestors']>;

/** A department's membership settings from the platform config (`entra` when it sets none). */
export function departmentMembership(
  config: { readonly departments: Readonly<Record<string, { readonly membership: MembershipSettings }>> },
  department: string,
): MembershipSettings {
  const { departments } = config;
  const settings = Object.prototype.hasOwnProperty.call(departments, department) ? departments[department] : undefined;
  return settings?.membership ?? DEFAULT_MEMBERSHIP;
}

/**
 * The normalized settings, and the keys given for another mode than the department's (which would
 * otherwise be ignored without a word) as problems: `[key, message]`.
 */
export function normalizeMembershipSettings(raw: RawMembershipSettings): {
  settings: MembershipSettings;
  problems: [string, string][];
} {
  const mode = raw.membership ?? 'entra';
  const problems: [string, string][] = [];
  if (raw.file !== undefined && mode !== 'file')
    problems.push(['file', `file: settings are given but membership is ${mode}`]);
  if (raw.accessPackage !== undefined && mode !== 'access-package') {
    problems.push(['accessPackage', `accessPackage: settings are given but membership is ${mode}`]);
  }
  if (mode === 'file') {
    const f: NonNullable<RawMembershipSettings['file']> = raw.file ?? {};
    return {
      settings: {
        mode,
        file: {
          noticeDays: f.noticeDays ?? FILE_DEFAULTS.noticeDays,
          maxDays: f.maxDays ?? FILE_DEFAULTS.maxDays,
          maxMembersPerZone: f.maxMembersPerZone ?? FILE_DEFAULTS.maxMembersPerZone,
        },
      },
      problems,
    };
  }
  if (mode === 'access-package') {
    const a: NonNullable<RawMembershipSettings['accessPackage']> = raw.accessPackage ?? {};
    const requestors =
      a.requestors === undefined || a.requestors === 'all-members'
        ? 'all-members'
        : [...new Set(a.requestors.map((g) => g.toLowerCase()))].sort();
    const review = a.review === undefined || a.review === 'none' ? undefined : a.review;
    return {
      settings: {
        mode,
        accessPackage: {
          requestors,
          approval: a.approval ?? ACCESS_PACKAGE_DEFAULTS.approval,
          approvalTimeoutDays: a.approvalTimeoutDays ?? ACCESS_PACKAGE_DEFAULTS.approvalTimeoutDays,
          maxDays: a.maxDays ?? ACCESS_PACKAGE_DEFAULTS.maxDays,
          ...(review
            ? { review: { frequency: review, durationDays: ACCESS_PACKAGE_DEFAULTS.reviewDurationDays } }
            : {}),
        },
      },
      problems,
    };
  }
  return { settings: DEFAULT_MEMBERSHIP, problems };
}

import type { FromSchema } from 'json-schema-to-ts';

/**
 * The zone file format, as JSON Schema. This object is the single source of truth: the validator
 * compiles it, `schema/zone-file.schema.json` (used by editors) is generated from it, and the
 * `RawZoneFile` type is derived from it. Checks that need more than one file or the platform config
 * (department vs folder, duplicate zones, account names, preset names, allow-lists) live in the
 * loader, because a schema cannot see them.
 */

/** Lower-case DNS-label style: the zone tag value, and part of group and permission set names. */
export const ZONE_NAME_PATTERN = '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$';
/** 32 (permission set name limit) minus the default prefix `zone-`. */
export const ZONE_NAME_MAX_LENGTH = 27;
/** CreatePermissionSet's Description pattern: tab, LF, CR, printable ASCII and Latin-1. */
export const DESCRIPTION_PATTERN = '^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*$';
/** CreatePermissionSet's RelayState pattern. */
export const RELAY_STATE_PATTERN = "^[a-zA-Z0-9&$@#\\\\/%?=~\\-_'\"|!:,.;*+\\[\\] (){}]+$";
export const ACCOUNT_ID_PATTERN = '^[0-9]{12}$';
/** An account id, or a name from the platform config's account map. */
export const ACCOUNT_REF_PATTERN = '^([0-9]{12}|[a-z0-9]([a-z0-9-]*[a-z0-9])?)$';
/** ISO-8601 hours/minutes duration; the 1–12 hour range is checked by the loader. */
export const SESSION_DURATION_PATTERN = '^PT(?=\\d)(\\d+H)?(\\d+M)?$';
/** UPN (user@domain) or Entra object id (GUID). */
export const OWNER_PATTERN =
  '^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$';
/**
 * A zone member: an Entra UPN with the characters Entra allows in one (user part A-Z a-z 0-9
 * ' . - _ ! # ^ ~, so guest UPNs with #EXT# fit; a DNS domain), or a user object id. Stricter
 * than owners because members are written into Terraform expressions as string literals.
 */
export const MEMBER_USER_PATTERN =
  "^([A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";
/** A calendar date, `YYYY-MM-DD`; that it is a real date is checked by the loader. */
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
/** Free text shown to reviewers: one line of printable characters (no control characters). */
export const REASON_PATTERN = '^[^\\u0000-\\u001F\\u007F]*$';
/** AWS tag key/value characters (letters, digits, spaces and `_.:/=+-@`). */
export const TAG_KEY_PATTERN = '^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$';
export const TAG_VALUE_PATTERN = '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$';
export const MANAGED_POLICY_ARN_PATTERN = '^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$';
export const POLICY_NAME_PATTERN = '^[\\w+=,.@-]{1,128}$';
/**
 * `${` and `%{` open a template in any Terraform JSON string (`$${` and `%%{` are their escapes).
 * Input is written into Terraform as it is, so the loader and the constructs both refuse these.
 */
export const TEMPLATE_SEQUENCE = /[$%]\{/;
export const POLICY_PATH_PATTERN = '^/([\\x21-\\x7E]{0,510}/)?$';

/** A customer-managed policy as `{ name, path }`; shared with the platform config's allow-list. */
export const customerManagedPolicyObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: POLICY_NAME_PATTERN },
    path: { type: 'string', pattern: POLICY_PATH_PATTERN, description: 'IAM path, `/` by default.' },
  },
} as const;

const customerManagedPolicyRef = {
  description: 'A customer-managed IAM policy present in each target account: a name, or `{ name, path }`.',
  anyOf: [{ type: 'string', pattern: POLICY_NAME_PATTERN }, customerManagedPolicyObject],
} as const;

export const zoneFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://entigo.example/zone-access/zone-file.schema.json',
  title: 'Zone Access zone file',
  description: 'One zone: zones/<department>/<zone>.yaml',
  type: 'object',
  additionalProperties: false,
  required: ['zone', 'department', 'accounts', 'access'],
  properties: {
    zone: {
      type: 'string',
      pattern: ZONE_NAME_PATTERN,
      minLength: 1,
      maxLength: ZONE_NAME_MAX_LENGTH,
      description:
        'The zone name and entigo:zone tag value: lower-case letters, digits and inner hyphens, at most 27 characters.',
    },
    department: {
      type: 'string',
      pattern: ZONE_NAME_PATTERN,
      minLength: 1,
      maxLength: 40,
      description: 'The owning department; must equal the folder the file is in (zones/<department>/).',
    },
    description: {
      type: 'string',
      minLength: 1,
      maxLength: 700,
      pattern: DESCRIPTION_PATTERN,
      description: 'Shown on the group and the permission set; at most 700 characters of printable ASCII/Latin-1.',
    },
    accounts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'string',
        pattern: ACCOUNT_REF_PATTERN,
        description: 'A 12-digit account id in quotes, or an account name from the platform config.',
      },
      description: 'The AWS accounts the zone group is assigned to.',
    },
    access: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: ZONE_NAME_PATTERN, description: 'An access preset name.' },
      description: 'Access presets: built-in ones (README.md, Access presets) or the platform config\'s access.presets.',
    },
    sessionDuration: {
      type: 'string',
      pattern: SESSION_DURATION_PATTERN,
      description: 'ISO-8601 duration between PT1H and PT12H, e.g. PT4H or PT1H30M.',
    },
    owners: {
      type: 'array',
      // azuread 3.7.0 allows 100 owners per group (internal/services/groups/group_resource.go:210);
      // one is the pipeline's own identity, always added.
      maxItems: 99,
      items: { type: 'string', pattern: OWNER_PATTERN, description: 'An Entra UPN or user object id.' },
      description: 'Owners of the Entra group (at most 99; the pipeline identity is always added as an owner).',
    },
    members: {
      type: 'array',
      items: {
        // One node for both spellings instead of anyOf: `pattern` applies only to strings and the
        // object keywords only to mappings, so a bad entry gets the precise error of its own shape.
        type: ['string', 'object'],
        description: 'A zone member: a UPN or user object id, or { user, until, reason }.',
        pattern: MEMBER_USER_PATTERN,
        additionalProperties: false,
        required: ['user'],
        properties: {
          user: { type: 'string', pattern: MEMBER_USER_PATTERN, description: 'An Entra UPN (user@domain) or user object id.' },
          until: {
            type: 'string',
            pattern: DATE_PATTERN,
            description: 'Last day of access, YYYY-MM-DD (access ends at the end of that day, UTC).',
          },
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            pattern: REASON_PATTERN,
            description: 'Why the person needs access; shown in the access report (one line, at most 200 characters).',
          },
        },
      },
      description:
        "Members of the zone's Entra group, in departments whose membership mode is `file`; a bare string is a member with no expiry.",
    },
    relayState: {
      type: 'string',
      minLength: 1,
      maxLength: 240,
      pattern: RELAY_STATE_PATTERN,
      description: 'Console URL users land on after sign-in; at most 240 characters.',
    },
    tags: {
      type: 'object',
      propertyNames: { pattern: TAG_KEY_PATTERN },
      additionalProperties: { type: 'string', pattern: TAG_VALUE_PATTERN },
      description: 'Extra tags on the permission set (the zone tag is added automatically).',
    },
    managedPolicies: {
      type: 'array',
      items: { type: 'string', pattern: MANAGED_POLICY_ARN_PATTERN },
      description: 'AWS-managed policy ARNs allow-listed in the platform config.',
    },
    customerManagedPolicies: {
      type: 'array',
      items: customerManagedPolicyRef,
      description: 'Customer-managed policies allow-listed in the platform config.',
    },
    permissionsBoundary: {
      description: 'The permissions boundary allow-listed in the platform config: an AWS-managed policy ARN or a customer-managed policy.',
      anyOf: [{ type: 'string', pattern: MANAGED_POLICY_ARN_PATTERN }, customerManagedPolicyObject],
    },
  },
} as const;

/** A zone file that passed the schema (before cross-file checks and normalization). */
export type RawZoneFile = FromSchema<typeof zoneFileSchema>;
export type RawZoneMember = string | { user: string; until?: string; reason?: string };
export type RawCustomerManagedPolicyRef = string | { name: string; path?: string };

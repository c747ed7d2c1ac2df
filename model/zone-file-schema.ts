import type { FromSchema } from 'json-schema-to-ts';
import { keySchema, TEXT_RULES, textSchema } from './aws-rules';

/**
 * The zone file format, as JSON Schema. This object is the single source of truth: the validator
 * compiles it, `schema/zone-file.schema.json` (used by editors) is generated from it, and the
 * `RawZoneFile` type is derived from it. Checks a schema cannot see live in the zone rules
 * (model/zone-rules.ts: account names, preset names, allow-lists, duplicates within the zone) and in
 * the loader (department vs folder, file name, duplicate zones across files).
 */

/** The zone name pattern, for other folders named like zones (department folders). */
export const ZONE_NAME_PATTERN = TEXT_RULES.zoneName.pattern;
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
/**
 * `${` and `%{` open a template in any Terraform JSON string (`$${` and `%%{` are their escapes).
 * Input is written into Terraform as it is, so the loader and the constructs both refuse these.
 */
export const TEMPLATE_SEQUENCE = /[$%]\{/;

/** A customer-managed policy as `{ name, path }`; shared with the platform config's allow-list. */
export const customerManagedPolicyObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: textSchema(TEXT_RULES.policyName),
    path: textSchema(TEXT_RULES.policyPath),
  },
} as const;

const customerManagedPolicyRef = {
  description: 'A customer-managed IAM policy present in each target account: a name, or `{ name, path }`.',
  anyOf: [textSchema(TEXT_RULES.policyName), customerManagedPolicyObject],
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
    zone: textSchema(TEXT_RULES.zoneName, {
      description:
        'The zone name, equal to the file name, and the zone tag value: lower-case letters, digits and inner hyphens, at most 27 characters, e.g. logistics-staging-1.',
    }),
    department: textSchema(TEXT_RULES.departmentName, {
      description: 'The owning department; must equal the folder the file is in (zones/<department>/), e.g. logistics.',
    }),
    description: textSchema(TEXT_RULES.description),
    accounts: {
      type: 'array',
      minItems: 1,
      items: textSchema(TEXT_RULES.accountRef),
      description: 'The AWS accounts the zone group is assigned to.',
    },
    access: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'string',
        pattern: ZONE_NAME_PATTERN,
        description: 'An access preset name: lower-case letters, digits and inner hyphens, e.g. rds-operator.',
      },
      description:
        "Access presets: built-in ones (zone-access docs/zone-file.md, Access presets) or the platform config's access.presets.",
    },
    sessionDuration: textSchema(TEXT_RULES.sessionDuration),
    owners: {
      type: 'array',
      // azuread 3.7.0 allows 100 owners per group (internal/services/groups/group_resource.go:210);
      // one is the pipeline's own identity, always added.
      maxItems: 99,
      items: {
        type: 'string',
        pattern: OWNER_PATTERN,
        description: 'An Entra UPN (user@domain) or user object id (a GUID), e.g. alice@example.com.',
      },
      description: 'Owners of the Entra group (at most 99; the pipeline identity is always added as an owner).',
    },
    members: {
      type: 'array',
      items: {
        // One node for both spellings instead of anyOf: `pattern` applies only to strings and the
        // object keywords only to mappings, so a bad entry gets the precise error of its own shape.
        type: ['string', 'object'],
        description:
          'A zone member: an Entra UPN (user@domain) or user object id (a GUID), e.g. bob@example.com, or { user, until, reason }.',
        pattern: MEMBER_USER_PATTERN,
        additionalProperties: false,
        required: ['user'],
        properties: {
          user: {
            type: 'string',
            pattern: MEMBER_USER_PATTERN,
            description: 'An Entra UPN (user@domain) or user object id (a GUID), e.g. bob@example.com.',
          },
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
    relayState: textSchema(TEXT_RULES.relayState),
    tags: {
      type: 'object',
      propertyNames: keySchema(TEXT_RULES.tagKey),
      additionalProperties: textSchema(TEXT_RULES.tagValue),
      description: 'Extra tags on the permission set (the zone tag is added automatically).',
    },
    managedPolicies: {
      type: 'array',
      items: textSchema(TEXT_RULES.managedPolicyArn),
      description: 'AWS-managed policy ARNs allow-listed in the platform config.',
    },
    customerManagedPolicies: {
      type: 'array',
      items: customerManagedPolicyRef,
      description: 'Customer-managed policies allow-listed in the platform config.',
    },
    permissionsBoundary: {
      description:
        'The permissions boundary allow-listed in the platform config: an AWS-managed policy ARN or a customer-managed policy.',
      anyOf: [textSchema(TEXT_RULES.managedPolicyArn), customerManagedPolicyObject],
    },
  },
} as const;

/** A zone file that passed the schema (before cross-file checks and normalization). */
export type RawZoneFile = FromSchema<typeof zoneFileSchema>;
export type RawZoneMember = string | { user: string; until?: string; reason?: string };
export type RawCustomerManagedPolicyRef = string | { name: string; path?: string };

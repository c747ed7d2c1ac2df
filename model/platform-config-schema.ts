import type { FromSchema } from 'json-schema-to-ts';
import { keySchema, TEXT_RULES, textSchema } from './aws-rules';
import { QUOTAS, type QuotaKey } from './quotas';
import { customerManagedPolicyObject, ZONE_NAME_PATTERN } from './zone-file-schema';
import { GUID_PATTERN, PROVISIONING_RULE_ID_PATTERN } from './guid';
import { membershipSettingsProperties } from './membership-settings';

/**
 * The platform config format (one file, owned by the platform team), as JSON Schema: compiled by
 * the validator, written to `schema/platform-config.schema.json` for editors, and the source of the
 * `RawPlatformConfig` type.
 */

const REGION_PATTERN = '^[a-z]{2}(-[a-z]+)+-[0-9]+$';
/** `service:Action`, no wildcards: presets name exactly what they grant. */
const ACTION_PATTERN = '^[a-z0-9-]+:[A-Za-z0-9]+$';
const RESOURCE_PATTERN = '^(\\*|arn:aws[a-z-]*:[a-z0-9-]+:[^\\s]*)$';
const PREFIX_PATTERN = '^[a-z0-9][a-z0-9-]*-$';
/** An https URL without query or fragment: the portal appends `/#/console?...` to it. */
const START_URL_PATTERN = '^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$';

/** A quota: a positive integer with the provider's default (model/quotas.ts). */
function quotaProperty(key: QuotaKey) {
  return { type: 'integer', minimum: 1, default: QUOTAS[key].default, description: QUOTAS[key].description } as const;
}

export const platformConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://entigo.example/zone-access/platform-config.schema.json',
  title: 'Zone Access platform config',
  type: 'object',
  additionalProperties: false,
  required: ['identityCenter', 'entra', 'departments'],
  properties: {
    identityCenter: {
      type: 'object',
      additionalProperties: false,
      required: ['instanceArn', 'identityStoreId', 'region'],
      properties: {
        instanceArn: {
          type: 'string',
          pattern: '^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$',
          description: 'The IAM Identity Center instance ARN.',
        },
        identityStoreId: { type: 'string', pattern: '^d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}$' },
        region: { type: 'string', pattern: REGION_PATTERN, description: 'The region Identity Center is enabled in.' },
        startUrl: {
          type: 'string',
          pattern: START_URL_PATTERN,
          maxLength: 512,
          description:
            'The AWS access portal URL people sign in at (e.g. https://d-1234567890.awsapps.com/start); needed by `zone-access profiles` and the access map\'s sign-in links.',
        },
        externalIdIssuer: {
          type: 'string',
          pattern: '^[^\\s]{1,100}$',
          description:
            'Issuer of the ExternalId SCIM gives synced groups (aws identitystore describe-group shows it); when set, the AWS stacks find each zone group by its Entra object id instead of its display name.',
        },
      },
    },
    entra: {
      type: 'object',
      additionalProperties: false,
      required: ['applicationObjectId', 'servicePrincipalObjectId'],
      dependencies: { provisioningJobId: ['provisioningRuleId'], provisioningRuleId: ['provisioningJobId'] },
      properties: {
        tenantId: { type: 'string', pattern: GUID_PATTERN },
        applicationObjectId: {
          type: 'string',
          pattern: GUID_PATTERN,
          description: 'Object id of the IAM Identity Center enterprise application\'s app registration.',
        },
        servicePrincipalObjectId: {
          type: 'string',
          pattern: GUID_PATTERN,
          description: 'Object id of the enterprise application (service principal).',
        },
        provisioningJobId: {
          type: 'string',
          pattern: '^[A-Za-z0-9]+\\.[0-9a-fA-F]{32}\\.[0-9a-fA-F-]{36}$',
          description: 'Id of the SCIM provisioning job; when set, zone groups are provisioned on demand.',
        },
        provisioningRuleId: {
          type: 'string',
          // Graph's provisionOnDemand reference shows both forms: a bare id (example 1) and, for a
          // group, `<guid>#V2` (example 3, "Provision a group ... on demand"):
          // https://learn.microsoft.com/en-us/graph/api/synchronization-synchronizationjob-provisionondemand
          pattern: PROVISIONING_RULE_ID_PATTERN,
          description:
            'Id of the provisioning job\'s synchronization rule (from the job schema), as Graph documents it for provisionOnDemand: an id such as 03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8, optionally with a version suffix such as #V2 (33f7c90d-bf71-41b1-bda6-aaf0ddbee5d8#V2); required with provisioningJobId.',
        },
        provisioningResource: {
          type: 'boolean',
          default: true,
          description:
            'With a provisioning job: also emit the Terraform provision-on-demand resource per zone. false when `zone-access await-sync --provision` does it (README: Provisioning on demand).',
        },
        appRoles: {
          type: 'string',
          enum: ['per-zone', 'shared'],
          default: 'per-zone',
          description:
            'per-zone: one app role per zone (its value is the permission set name, sent in the SAML role claim and shown per group in the enterprise app); shared: one app role that every zone group is assigned with (one role in all, whatever the number of zones; see quotas.appRolesPerApplication).',
        },
        retiredAppRoles: {
          type: 'string',
          enum: ['per-zone', 'shared'],
          description:
            'Step one of switching entra.appRoles: the mode switched away from. Its roles stay on the application (no group is assigned with them any more) while every group gets its new assignment before the old one is deleted, so no group leaves SCIM scope. Remove the key in a later run, once that apply succeeded: the old roles are then deleted.',
        },
      },
    },
    zoneTagKey: textSchema(TEXT_RULES.zoneTagKey, { default: 'entigo:zone' }),
    names: {
      type: 'object',
      additionalProperties: false,
      properties: {
        groupPrefix: { type: 'string', pattern: PREFIX_PATTERN, maxLength: 64, default: 'entigo-zone-' },
        permissionSetPrefix: { type: 'string', pattern: PREFIX_PATTERN, maxLength: 16, default: 'zone-' },
      },
    },
    defaultSessionDuration: textSchema(TEXT_RULES.sessionDuration, { default: 'PT1H' }),
    accounts: {
      type: 'object',
      propertyNames: keySchema(TEXT_RULES.accountName),
      additionalProperties: textSchema(TEXT_RULES.accountId),
      description: 'Account name → 12-digit id (quoted).',
    },
    departments: {
      type: 'object',
      propertyNames: { pattern: ZONE_NAME_PATTERN },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          retired: {
            type: 'boolean',
            default: false,
            description:
              'Step one of retiring a department: no zone files may remain, and its stacks stay (empty) so applying them destroys its access. Delete the entry once that apply succeeded.',
          },
          ...membershipSettingsProperties,
        },
      },
      description:
        'Every department, by the name of its folder under zones/ ({} for the defaults). Declared departments always get their stacks, even with no zones.',
    },
    sharding: { type: 'string', enum: ['department', 'single'], default: 'department' },
    backend: {
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: { type: { const: 'local' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'bucket', 'region'],
          properties: {
            type: { const: 's3' },
            bucket: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' },
            region: { type: 'string', pattern: REGION_PATTERN },
            keyPrefix: { type: 'string', pattern: '^[A-Za-z0-9!_.*\'()/-]*$', default: 'zone-access/' },
          },
        },
      ],
    },
    access: {
      type: 'object',
      additionalProperties: false,
      properties: {
        presets: {
          type: 'object',
          propertyNames: { pattern: ZONE_NAME_PATTERN },
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['description', 'statements'],
            properties: {
              description: { type: 'string', minLength: 1, maxLength: 300 },
              statements: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['actions', 'scope'],
                  properties: {
                    actions: { type: 'array', minItems: 1, items: { type: 'string', pattern: ACTION_PATTERN } },
                    resources: { type: 'array', minItems: 1, items: { type: 'string', pattern: RESOURCE_PATTERN } },
                    scope: {
                      type: 'string',
                      enum: ['resource-tag', 'request-tag', 'none'],
                      description:
                        'resource-tag: the resource must carry the zone tag; request-tag: the request must set it; none: unscoped (list/describe only).',
                    },
                  },
                },
              },
            },
          },
        },
        managedPolicies: { type: 'array', items: textSchema(TEXT_RULES.managedPolicyArn) },
        acknowledgedManagedPolicyRisks: {
          type: 'array',
          items: textSchema(TEXT_RULES.managedPolicyArn),
          description:
            'AWS-managed policies of managedPolicies that grant actions on other zones\' resources (validate lists them), accepted knowingly; every such policy must be listed here or validation fails.',
        },
        customerManagedPolicies: { type: 'array', items: customerManagedPolicyObject },
        permissionsBoundary: {
          anyOf: [textSchema(TEXT_RULES.managedPolicyArn), customerManagedPolicyObject],
        },
      },
    },
    secrets: {
      type: 'object',
      additionalProperties: false,
      properties: {
        zoneNamePrefix: {
          type: 'boolean',
          default: true,
          description: 'Zone secrets are named <zone>/...: the zone tag only goes onto secrets of the zone\'s name space. false lets a zone claim any untagged secret (README: Security).',
        },
      },
    },
    protection: {
      type: 'object',
      additionalProperties: false,
      properties: {
        preventDestroy: {
          type: 'boolean',
          default: false,
          description: 'Add lifecycle.prevent_destroy to every permission set.',
        },
      },
    },
    quotas: {
      type: 'object',
      additionalProperties: false,
      description: 'Service quotas validate checks the tree against: an error above one, a warning from 80 %. Defaults are the providers\' defaults (README: Quotas).',
      properties: {
        permissionSetsPerInstance: quotaProperty('permissionSetsPerInstance'),
        permissionSetsPerAccount: quotaProperty('permissionSetsPerAccount'),
        rolesPerAccount: quotaProperty('rolesPerAccount'),
        appRolesPerApplication: quotaProperty('appRolesPerApplication'),
      },
    },
  },
} as const;

export type RawPlatformConfig = FromSchema<typeof platformConfigSchema>;

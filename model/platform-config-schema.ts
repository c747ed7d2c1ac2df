import type { FromSchema } from 'json-schema-to-ts';
import { keySchema, TEXT_RULES, textSchema } from './aws-rules';
import { QUOTAS } from './quotas';
import type { QuotaKey } from './types';
import { customerManagedPolicyObject } from './zone-file-schema';
import { PLATFORM_RULES } from './platform-rules';
import { membershipSettingsProperties } from './membership-settings';

/**
 * The platform config format (one file, owned by the platform team), as JSON Schema: compiled by
 * the validator, written to `schema/platform-config.schema.json` for editors, and the source of the
 * `RawPlatformConfig` type.
 */

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
      description: 'The IAM Identity Center instance the permission sets live in.',
      type: 'object',
      additionalProperties: false,
      required: ['instanceArn', 'identityStoreId', 'region'],
      properties: {
        instanceArn: textSchema(PLATFORM_RULES.instanceArn),
        identityStoreId: textSchema(PLATFORM_RULES.identityStoreId),
        region: textSchema(PLATFORM_RULES.identityCenterRegion),
        startUrl: textSchema(PLATFORM_RULES.startUrl),
        externalIdIssuer: textSchema(PLATFORM_RULES.externalIdIssuer),
      },
    },
    entra: {
      description:
        'The Identity Center enterprise application in Microsoft Entra ID: app roles live on its app registration, group assignments on its service principal.',
      type: 'object',
      additionalProperties: false,
      required: ['applicationObjectId', 'servicePrincipalObjectId'],
      dependencies: { provisioningJobId: ['provisioningRuleId'], provisioningRuleId: ['provisioningJobId'] },
      properties: {
        tenantId: textSchema(PLATFORM_RULES.tenantId),
        applicationObjectId: textSchema(PLATFORM_RULES.applicationObjectId),
        servicePrincipalObjectId: textSchema(PLATFORM_RULES.servicePrincipalObjectId),
        provisioningJobId: textSchema(PLATFORM_RULES.provisioningJobId),
        provisioningRuleId: textSchema(PLATFORM_RULES.provisioningRuleId),
        provisioningResource: {
          type: 'boolean',
          default: true,
          description:
            'With a provisioning job: also emit the Terraform provision-on-demand resource per zone. false when `zone-access await-sync --provision` does it (zone-access docs/deploy.md, Provisioning on demand).',
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
      description:
        "Name prefixes of the Entra (and Identity Store) groups and of the permission sets and app role values; changing one replaces every zone's resources.",
      type: 'object',
      additionalProperties: false,
      properties: {
        groupPrefix: textSchema(PLATFORM_RULES.groupPrefix, { default: 'entigo-zone-' }),
        permissionSetPrefix: textSchema(PLATFORM_RULES.permissionSetPrefix, { default: 'zone-' }),
      },
    },
    defaultSessionDuration: textSchema(TEXT_RULES.sessionDuration, { default: 'PT1H' }),
    accounts: {
      type: 'object',
      propertyNames: keySchema(TEXT_RULES.accountName),
      additionalProperties: textSchema(TEXT_RULES.accountId),
      description:
        'Account name → 12-digit id (quoted): AWS Organizations console → AWS accounts, or `aws organizations list-accounts`; zone files name accounts by these names or by id.',
    },
    departments: {
      type: 'object',
      propertyNames: keySchema(TEXT_RULES.departmentName),
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
    sharding: {
      type: 'string',
      enum: ['department', 'single'],
      default: 'department',
      description:
        'department: a pair of stacks (entra-<department>, aws-<department>) per department, each with its own state; single: one pair (entra-all, aws-all) for every zone.',
    },
    backend: {
      description:
        "Where Terraform keeps each stack's state: local files, or S3 (state key <keyPrefix><stack>.tfstate, S3-native locking with use_lockfile).",
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: {
            type: {
              const: 'local',
              description:
                'local: state files next to the synthesized stacks; s3: an S3 bucket (then bucket and region are required).',
            },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'bucket', 'region'],
          properties: {
            type: { const: 's3' },
            bucket: textSchema(PLATFORM_RULES.s3Bucket),
            region: textSchema(PLATFORM_RULES.backendRegion),
            keyPrefix: textSchema(PLATFORM_RULES.stateKeyPrefix, { default: 'zone-access/' }),
          },
        },
      ],
    },
    access: {
      description: 'What zone files may add to their permission sets beyond the built-in presets.',
      type: 'object',
      additionalProperties: false,
      properties: {
        presets: {
          description:
            "Extra access presets by name (built-in names cannot be redefined); every action is checked against AWS's service reference and the preset rules (policies/README.md, Adding a preset).",
          type: 'object',
          propertyNames: keySchema(PLATFORM_RULES.presetName),
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['description', 'statements'],
            properties: {
              description: {
                type: 'string',
                minLength: 1,
                maxLength: 300,
                description: 'What the preset allows, in one sentence (shown in the report and the access map).',
              },
              statements: {
                description: "The preset's IAM statements, each scoped to the zone as its scope says.",
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['actions', 'scope'],
                  properties: {
                    actions: {
                      type: 'array',
                      minItems: 1,
                      items: textSchema(PLATFORM_RULES.presetAction),
                      description: 'IAM actions, service:Action, no wildcards: a preset names exactly what it grants.',
                    },
                    resources: {
                      type: 'array',
                      minItems: 1,
                      items: textSchema(PLATFORM_RULES.presetResource),
                      description:
                        'Resource ARNs the statement applies to (default *); the scope condition still applies.',
                    },
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
        managedPolicies: {
          type: 'array',
          items: textSchema(TEXT_RULES.managedPolicyArn),
          description:
            "AWS-managed policy ARNs zone files may attach. validate reads each one's document and fails for one that reaches other zones' resources (managed-policy-crosses-zones) unless acknowledged, and for one it does not know (managed-policy-unknown).",
        },
        acknowledgedManagedPolicyRisks: {
          type: 'array',
          items: textSchema(TEXT_RULES.managedPolicyArn),
          description:
            "AWS-managed policies of managedPolicies that grant actions on other zones' resources (validate lists them), accepted knowingly; every such policy must be listed here or validation fails.",
        },
        customerManagedPolicies: {
          type: 'array',
          items: customerManagedPolicyObject,
          description:
            'Customer-managed policies zone files may attach (they must exist in every account of the zones that attach them).',
        },
        permissionsBoundary: {
          description:
            'The one permissions boundary zone files may set: an AWS-managed policy ARN or a customer-managed policy { name, path }.',
          anyOf: [textSchema(TEXT_RULES.managedPolicyArn), customerManagedPolicyObject],
        },
      },
    },
    secrets: {
      description: 'How zones may create and claim Secrets Manager secrets.',
      type: 'object',
      additionalProperties: false,
      properties: {
        zoneNamePrefix: {
          type: 'boolean',
          default: true,
          description:
            "Zone secrets are named <zone>/...: the zone tag only goes onto secrets of the zone's name space. false lets a zone claim any untagged secret (zone-access docs/security.md, Untagged secrets).",
        },
      },
    },
    protection: {
      description: 'Safeguards against destroying permission sets by mistake.',
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
    audit: {
      type: 'object',
      additionalProperties: false,
      description:
        'Settings of `zone-access audit`, which reads CloudTrail; nothing deployed uses them (zone-access docs/audit.md).',
      properties: {
        roleName: {
          type: 'string',
          pattern: '^([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$',
          maxLength: 512,
          description:
            'A read-only role (optionally with its path, e.g. audit/ZoneAccessAudit) that exists in every account the zones list; `zone-access audit --source lookup-events` assumes arn:<partition>:iam::<account>:role/<roleName> in each account. Unset: only the account of the current credentials is read.',
        },
        regions: {
          type: 'array',
          minItems: 1,
          items: textSchema(PLATFORM_RULES.auditRegion),
          description:
            'Regions `zone-access audit --source lookup-events` reads CloudTrail event history in, in every account; default: identityCenter.region. Global services (IAM, and STS through its global endpoint) record in us-east-1.',
        },
      },
    },
    quotas: {
      type: 'object',
      additionalProperties: false,
      description:
        "Service quotas validate checks the tree against: an error above one, a warning from 80 %. Defaults are the providers' defaults (zone-access docs/quotas.md).",
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

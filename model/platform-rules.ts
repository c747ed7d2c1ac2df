import { TEXT_RULES, type TextRule } from './aws-rules';
import { GUID_PATTERN, PROVISIONING_RULE_ID_PATTERN } from './guid';

/**
 * The rules on the platform config's own values (ids the platform team copies from AWS and Entra),
 * each written once: pattern, where the value comes from (the schema description, shown on hover,
 * as the comment `zone-access init` writes above the key, and as the hint of a placeholder left
 * unfilled), and the message for a value that breaks it (what is wrong, what is right, an example),
 * so platform-config errors read like zone-file errors. model/aws-rules.ts holds the rules zone files share.
 */

const q = (v: string): string => JSON.stringify(v);
const rule = (r: TextRule): TextRule => Object.freeze(r);

const SSO_DOCS = 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_InstanceMetadata.html';
const ENTRA_DOCS = 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/view-applications-portal';
const GRAPH_SYNC_DOCS =
  'https://learn.microsoft.com/en-us/graph/api/synchronization-synchronizationjob-provisionondemand';

const instanceArn = rule({
  id: 'instanceArn',
  pattern: '^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$',
  example: 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6',
  description:
    'The IAM Identity Center instance ARN: IAM Identity Center console → Settings → Details → Instance ARN, or `aws sso-admin list-instances` (InstanceArn), e.g. arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6.',
  doc: SSO_DOCS,
  explain: (v) =>
    `${q(v)} is not an IAM Identity Center instance ARN: arn:aws:sso:::instance/ssoins- and 16 letters or digits, e.g. arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6 (aws sso-admin list-instances shows it)`,
});

const identityStoreId = rule({
  id: 'identityStoreId',
  pattern: '^d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}$',
  example: 'd-9067a1b2c3',
  description:
    'The identity store of the instance: IAM Identity Center console → Settings → Identity source → Identity store ID, or `aws sso-admin list-instances` (IdentityStoreId); d- and 10 hex digits, e.g. d-9067a1b2c3.',
  doc: SSO_DOCS,
  explain: (v) =>
    `${q(v)} is not an identity store id: d- and 10 lower-case hex digits, e.g. d-9067a1b2c3 (aws sso-admin list-instances shows it as IdentityStoreId)`,
});

const REGION_PATTERN = '^[a-z]{2}(-[a-z]+)+-[0-9]+$';
function regionRule(id: string, what: string, where: string): TextRule {
  return rule({
    id,
    pattern: REGION_PATTERN,
    example: 'eu-north-1',
    description: `${what}: ${where}, e.g. eu-north-1.`,
    doc: 'https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints',
    explain: (v) =>
      /^[a-z]{2}(-[a-z]+)+-[0-9]+$/.test(v.toLowerCase())
        ? `region codes are lower-case: ${v.toLowerCase()}`
        : `${q(v)} is not an AWS region code: lower-case letters, hyphens and a number, e.g. eu-north-1 (the code, not the name "Europe (Stockholm)")`,
  });
}
const identityCenterRegion = regionRule(
  'identityCenterRegion',
  "The region IAM Identity Center is enabled in (the AWS provider's region)",
  "IAM Identity Center console → Settings → Details → Region, or the region in the instance's access portal URL",
);
const backendRegion = regionRule('backendRegion', 'The region of the state bucket', 'where the S3 bucket was created');
const auditRegion = regionRule(
  'auditRegion',
  'A region whose CloudTrail event history `zone-access audit` reads',
  "the regions the zones' resources are in",
);

/** An https URL without query or fragment: the portal appends `/#/console?...` to it. */
const startUrl = rule({
  id: 'startUrl',
  pattern: '^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$',
  maxLength: 512,
  example: 'https://d-9067a1b2c3.awsapps.com/start',
  description:
    "The AWS access portal URL people sign in at: IAM Identity Center console → Dashboard → AWS access portal URL, e.g. https://d-9067a1b2c3.awsapps.com/start; needed by `zone-access profiles` and the access map's sign-in links.",
  doc: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/using-the-portal.html',
  explain: (v) =>
    v.length > 512
      ? `the access portal URL is ${v.length} characters; at most 512, e.g. https://d-9067a1b2c3.awsapps.com/start`
      : `${q(v)} is not an access portal URL: https:// and a host, optionally a path, without query (?) or fragment (#), e.g. https://d-9067a1b2c3.awsapps.com/start`,
});

const externalIdIssuer = rule({
  id: 'externalIdIssuer',
  pattern: '^[^\\s]{1,100}$',
  example: 'https://scim.eu-north-1.amazonaws.com/a1b2c3d4-e5f6-7890-abcd-ef1234567890/scim/v2',
  description:
    'Issuer of the ExternalId SCIM gives synced groups: once SCIM has synced one group, `aws identitystore describe-group` on it shows ExternalIds[0].Issuer (zone-access docs/deploy.md, "Binding zones to groups by identity"); when set, the AWS stacks find each zone group by its Entra object id instead of its display name.',
  doc: 'https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_ExternalId.html',
  explain: (v) =>
    `${q(v.length > 40 ? `${v.slice(0, 37)}...` : v)} is not an ExternalId issuer: 1 to 100 characters without spaces, as aws identitystore describe-group prints it, e.g. https://scim.eu-north-1.amazonaws.com/a1b2c3d4-e5f6-7890-abcd-ef1234567890/scim/v2`,
});

function guidRule(id: string, what: string, where: string, example: string): TextRule {
  return rule({
    id,
    pattern: GUID_PATTERN,
    example,
    description: `${what}: ${where}; a GUID, e.g. ${example}.`,
    doc: ENTRA_DOCS,
    explain: (v) =>
      `${q(v)} is not ${what.charAt(0).toLowerCase()}${what.slice(1)}: a GUID, 8-4-4-4-12 hex digits, e.g. ${example} (${where})`,
  });
}
const tenantId = guidRule(
  'tenantId',
  'The Entra tenant id',
  'Microsoft Entra admin center → Overview → Tenant ID',
  '0b6f1c1e-3c1a-4d8e-9b5a-2f4e6d8c0a11',
);
const applicationObjectId = guidRule(
  'applicationObjectId',
  "The object id of the IAM Identity Center enterprise application's app registration",
  'Entra admin center → App registrations → All applications → the IAM Identity Center app → Overview → Object ID (not the Application (client) ID)',
  '4a2c8e1f-7b3d-4c5e-8f9a-1b2c3d4e5f60',
);
const servicePrincipalObjectId = guidRule(
  'servicePrincipalObjectId',
  'The object id of the IAM Identity Center enterprise application (its service principal)',
  'Entra admin center → Enterprise applications → the IAM Identity Center app → Overview → Object ID',
  '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
);

const provisioningJobId = rule({
  id: 'provisioningJobId',
  pattern: '^[A-Za-z0-9]+\\.[0-9a-fA-F]{32}\\.[0-9a-fA-F-]{36}$',
  example: 'AWSSCIM.0123456789abcdef0123456789abcdef.9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  description:
    'Id of the SCIM provisioning job: Microsoft Graph GET /servicePrincipals/{servicePrincipalObjectId}/synchronization/jobs → value[0].id, e.g. AWSSCIM.0123456789abcdef0123456789abcdef.9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b; when set, zone groups are provisioned on demand.',
  doc: GRAPH_SYNC_DOCS,
  explain: (v) =>
    `${q(v)} is not a provisioning job id: <template>.<32 hex digits>.<GUID>, as Graph lists it under /servicePrincipals/{id}/synchronization/jobs, e.g. AWSSCIM.0123456789abcdef0123456789abcdef.9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b`,
});

const provisioningRuleId = rule({
  id: 'provisioningRuleId',
  // Graph's provisionOnDemand reference shows both forms: a bare id (example 1) and, for a group,
  // `<guid>#V2` (example 3, "Provision a group ... on demand"):
  // https://learn.microsoft.com/en-us/graph/api/synchronization-synchronizationjob-provisionondemand
  pattern: PROVISIONING_RULE_ID_PATTERN,
  example: '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8',
  description:
    "Id of the provisioning job's synchronization rule for groups: Microsoft Graph GET /servicePrincipals/{servicePrincipalObjectId}/synchronization/jobs/{provisioningJobId}/schema → synchronizationRules[].id, optionally with a version suffix as Graph documents it for provisionOnDemand (33f7c90d-bf71-41b1-bda6-aaf0ddbee5d8#V2); required with provisioningJobId.",
  doc: GRAPH_SYNC_DOCS,
  explain: (v) =>
    `${q(v)} is not a synchronization rule id: 1 to 64 letters, digits and hyphens, as the job's schema lists it under synchronizationRules, optionally followed by a version such as #V2, e.g. 03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8 or 03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8#V2`,
});

function prefixRule(id: string, what: string, maxLength: number, example: string): TextRule {
  return rule({
    id,
    pattern: '^[a-z0-9][a-z0-9-]*-$',
    maxLength,
    example,
    description: `${what}: lower-case letters, digits and hyphens, ending in a hyphen, at most ${maxLength} characters, e.g. ${example}.`,
    doc: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html',
    explain: (v) =>
      v.length > maxLength
        ? `${q(v)} is ${v.length} characters; ${what.toLowerCase()} has at most ${maxLength}, e.g. ${example}`
        : `${q(v)} is not ${what.toLowerCase()}: lower-case letters, digits and hyphens, ending in a hyphen, e.g. ${example}`,
  });
}
const groupPrefix = prefixRule('groupPrefix', 'A group name prefix', 64, 'entigo-zone-');
const permissionSetPrefix = prefixRule('permissionSetPrefix', 'A permission set name prefix', 16, 'zone-');

const s3Bucket = rule({
  id: 's3Bucket',
  pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
  example: 'acme-zone-access-state',
  description:
    'The S3 bucket that keeps the Terraform state (create it, versioned, before the first deployment), e.g. acme-zone-access-state.',
  doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
  explain: (v) =>
    `${q(v)} is not an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, e.g. acme-zone-access-state`,
});

const stateKeyPrefix = rule({
  id: 'stateKeyPrefix',
  pattern: "^[A-Za-z0-9!_.*'()/-]*$",
  example: 'zone-access/',
  description: 'Prefix of the state keys in the bucket (state key <keyPrefix><stack>.tfstate), e.g. zone-access/.',
  doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html',
  explain: (v) => `${q(v)} is not a safe S3 key prefix: letters, digits and ! _ . * ' ( ) / -, e.g. zone-access/`,
});

const presetName = rule({
  id: 'presetName',
  // The shape of a zone name (lower-case letters, digits, inner hyphens), as presets always had.
  pattern: TEXT_RULES.zoneName.pattern,
  example: 'logs-viewer',
  description: 'A preset name: lower-case letters, digits and inner hyphens, e.g. logs-viewer.',
  doc: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  explain: (v) => `preset name ${q(v)} is not valid: lower-case letters, digits and inner hyphens, e.g. logs-viewer`,
});

const presetAction = rule({
  id: 'presetAction',
  pattern: '^[a-z0-9-]+:[A-Za-z0-9]+$',
  example: 'logs:GetLogEvents',
  description:
    'An IAM action, service:Action, without wildcards (a preset names exactly what it grants), e.g. logs:GetLogEvents.',
  doc: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  explain: (v) =>
    v.includes('*') || v.includes('?')
      ? `${q(v)} has a wildcard; a preset names every action it grants, e.g. logs:GetLogEvents`
      : `${q(v)} is not an IAM action: the service prefix in lower case, a colon and the action, e.g. logs:GetLogEvents`,
});

const presetResource = rule({
  id: 'presetResource',
  pattern: '^(\\*|arn:aws[a-z-]*:[a-z0-9-]+:[^\\s]*)$',
  example: 'arn:aws:logs:*:*:log-group:*',
  description: 'A resource: * or an ARN (wildcards allowed), e.g. arn:aws:logs:*:*:log-group:*.',
  doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns',
  explain: (v) => `${q(v)} is not a resource: * or an ARN without spaces, e.g. arn:aws:logs:*:*:log-group:*`,
});

/** Every platform-config rule, by id. */
export const PLATFORM_RULES = Object.freeze({
  instanceArn,
  identityStoreId,
  identityCenterRegion,
  backendRegion,
  auditRegion,
  startUrl,
  externalIdIssuer,
  tenantId,
  applicationObjectId,
  servicePrincipalObjectId,
  provisioningJobId,
  provisioningRuleId,
  groupPrefix,
  permissionSetPrefix,
  s3Bucket,
  stateKeyPrefix,
  presetName,
  presetAction,
  presetResource,
});

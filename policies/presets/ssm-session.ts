import { definePreset } from './define';

/** Session Manager shells on the zone's instances; only the caller's own sessions to end or resume. */
export default definePreset({
  summary: 'Open Session Manager shells on instances of the zone; end and resume only the own sessions.',
  doc:
    '`StartSession` is authorized against the target (EC2 `instance` or hybrid `managed-instance`, both with ' +
    "`aws:ResourceTag/<key>`: only the zone's instances) and against the session document. The document is " +
    "not the zone's: only the default shell document `SSM-SessionManagerRunShell` is allowed, so port " +
    "forwarding and other documents are not; and only that document of the caller's own account " +
    '(`aws:ResourceAccount` = `${aws:PrincipalAccount}`), not one another account shares under that name: ' +
    'Session Manager creates it in each account and Region as the account\'s session preferences (AWS: "Start ' +
    'a default shell session"). IAM resolves policy variables only in the resource part of an ARN, not in its ' +
    'account, hence a condition. Sessions carry no zone tag; `TerminateSession` and ' +
    "`ResumeSession` are limited to the caller's own sessions by the tag Session Manager puts on each session, " +
    '`ssm:resourceTag/aws:ssmmessages:session-id` = `${aws:userid}` (an IAM policy variable: allowed in built-in ' +
    'presets, which are code, and written escaped into Terraform). `DescribeSessions` and ' +
    '`DescribeInstanceInformation` have no resource type and cannot be scoped: they list sessions and managed ' +
    "nodes of every zone (metadata). A session's KMS encryption or logging settings need permissions of their " +
    'own, not granted here.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-examples.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-default-session-document.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
  ],
  statements: [
    {
      scope: 'none',
      actions: ['ssm:DescribeInstanceInformation', 'ssm:DescribeSessions'],
      why: 'no resource type; session and node metadata only',
    },
    {
      scope: 'resource-tag',
      actions: ['ssm:GetConnectionStatus', 'ssm:StartSession'],
      resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ssm:*:*:managed-instance/*'],
    },
    {
      scope: 'none',
      actions: ['ssm:StartSession'],
      resources: ['arn:aws:ssm:*:*:document/SSM-SessionManagerRunShell'],
      // A policy variable is resolved only in the resource part of an ARN (after the fifth colon), so the
      // account is pinned by a condition (IAM User Guide, "Policy variables": Resource element).
      condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
      why: "a session is also authorized against its document, which is not the zone's; only the default shell document, of the caller's account",
    },
    {
      scope: 'none',
      actions: ['ssm:ResumeSession', 'ssm:TerminateSession'],
      resources: ['arn:aws:ssm:*:*:session/*'],
      condition: { StringEquals: { 'ssm:resourceTag/aws:ssmmessages:session-id': '${aws:userid}' } },
      why: "sessions carry no zone tag; only the caller's own sessions",
    },
  ],
  taggable: [
    { type: 'instance', tag: 'ec2:CreateTags', untag: 'ec2:DeleteTags', create: 'ec2:RunInstances' },
    { type: 'managed-instance', tag: 'ssm:AddTagsToResource', untag: 'ssm:RemoveTagsFromResource' },
  ],
  notGranted: ['ssm:SendCommand', 'ssm:StartAutomationExecution', 'ssm:UpdateDocumentDefaultVersion'],
});

import * as S from '@aws-sdk/client-sso-admin';
import type { ExpectedZone } from '../../../live/expected';

/**
 * What terraform's AWS stack creates for one zone, through the SSO Admin API: the permission set,
 * its inline policy and an assignment per account to `principalId` (the zone's Identity Store
 * group). Seeds the emulator for the drift tests and the drift bench. Returns the permission set ARN.
 */
export async function deployExpectedZone(
  sso: S.SSOAdminClient,
  instanceArn: string,
  zone: ExpectedZone,
  principalId: string,
): Promise<string> {
  const created = await sso.send(
    new S.CreatePermissionSetCommand({
      InstanceArn: instanceArn,
      Name: zone.permissionSetName,
      Description: zone.description,
      SessionDuration: zone.sessionDuration,
      ...(zone.relayState ? { RelayState: zone.relayState } : {}),
    }),
  );
  const arn = created.PermissionSet!.PermissionSetArn!;
  await sso.send(
    new S.PutInlinePolicyToPermissionSetCommand({
      InstanceArn: instanceArn,
      PermissionSetArn: arn,
      InlinePolicy: zone.inlinePolicy,
    }),
  );
  for (const account of zone.accounts) {
    await sso.send(
      new S.CreateAccountAssignmentCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: arn,
        TargetId: account,
        TargetType: 'AWS_ACCOUNT',
        PrincipalType: 'GROUP',
        PrincipalId: principalId,
      }),
    );
  }
  return arn;
}

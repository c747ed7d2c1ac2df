import { AwsError, page, type Handler } from './protocol';
import type { SsoAdmin } from './sso-admin';

/**
 * SSO Admin reads that `zone-access drift` and `doctor` make and terraform-provider-aws does not:
 * kept out of sso-admin.ts so the provider's operation list (which the lifecycle test compares with
 * what the provider really calls) stays exactly that. API reference:
 * - ListPermissionSets: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListPermissionSets.html
 * - ListAccountsForProvisionedPermissionSet (ProvisioningStatus LATEST_PERMISSION_SET_PROVISIONED |
 *   LATEST_PERMISSION_SET_NOT_PROVISIONED): https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountsForProvisionedPermissionSet.html
 * - ListPermissionSetsProvisionedToAccount: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListPermissionSetsProvisionedToAccount.html
 * All page with NextToken; MaxResults is 1-100 ("Valid Range: Minimum value of 1. Maximum value
 * of 100."), outside it ValidationException.
 */

function maxResults(input: Record<string, unknown>): void {
  const m = input.MaxResults;
  if (m !== undefined && (typeof m !== 'number' || m < 1 || m > 100))
    throw new AwsError('ValidationException', 'MaxResults must be between 1 and 100');
}

export function ssoAdminReads(sso: SsoAdmin): Readonly<Record<string, Handler>> {
  return {
    ListPermissionSets: (input) => {
      const view = sso.view();
      if (input.InstanceArn !== view.instanceArn)
        throw new AwsError('ResourceNotFoundException', `instance ${String(input.InstanceArn)} not found`);
      maxResults(input);
      // Creation order, as the service lists them (not sorted by name).
      const arns = [...view.sets.values()].sort((a, b) => a.createdDate - b.createdDate).map((s) => s.arn);
      return page(arns, input, 'PermissionSets');
    },
    ListPermissionSetsProvisionedToAccount: (input, note) => {
      const view = sso.view();
      if (input.InstanceArn !== view.instanceArn)
        throw new AwsError('ResourceNotFoundException', `instance ${String(input.InstanceArn)} not found`);
      maxResults(input);
      const account = String(input.AccountId ?? '');
      note({ account });
      const arns = [...view.provisioned.keys()]
        .filter((k) => k.endsWith(`|${account}`))
        .map((k) => k.slice(0, k.indexOf('|')));
      return page(arns.sort(), input, 'PermissionSets');
    },
    ListAccountsForProvisionedPermissionSet: (input, note) => {
      const s = sso.permissionSetFor(input, note);
      maxResults(input);
      const status = input.ProvisioningStatus;
      if (
        status !== undefined &&
        status !== 'LATEST_PERMISSION_SET_PROVISIONED' &&
        status !== 'LATEST_PERMISSION_SET_NOT_PROVISIONED'
      ) {
        throw new AwsError('ValidationException', `ProvisioningStatus ${String(status)} is not valid`);
      }
      const accounts: string[] = [];
      for (const [key, version] of sso.view().provisioned) {
        const [arn, account] = key.split('|') as [string, string];
        if (arn !== s.arn) continue;
        const latest = version >= s.version;
        if (status === 'LATEST_PERMISSION_SET_PROVISIONED' && !latest) continue;
        if (status === 'LATEST_PERMISSION_SET_NOT_PROVISIONED' && latest) continue;
        accounts.push(account);
      }
      return page(accounts.sort(), input, 'AccountIds');
    },
  };
}

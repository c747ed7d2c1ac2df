import { DataAzureadUsers } from '@cdktf/provider-azuread/lib/data-azuread-users';
import { Fn, Op, TerraformIterator, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { TerraformCheck } from './terraform-check';
import { terraformLiteral } from './terraform-literal';

/**
 * People given by UPN, resolved in one `azuread_users` lookup that tolerates people Entra no longer
 * knows, and reports them.
 *
 * A person who left is deleted from Entra; their UPN stays in a zone file until someone edits it.
 * A lookup that fails on them (`data.azuread_user`, or `azuread_users` without `ignore_missing`:
 * internal/services/users/users_data_source.go:228-254 at azuread v3.7.0, one query per UPN, a
 * missing one fails the read at :249) or a postcondition that fails on them would stop the whole
 * plan of the department, so nobody else's expired membership would be removed either. A deleted
 * account cannot hold access, so the plan goes on without it: `ignore_missing` (:95-101) skips
 * the UPN (:246-247) and skips the count check (:357-362), even when nobody is found (the
 * schema's description says the read "will still fail if no users are found", but the UPN path
 * has no such check; only `return_all` does, :223). The ids are read from the found users
 * (`users[*].object_id`, :394, in no particular position), and a `check` block (a warning, never
 * an error) names who was left out, in every plan and apply log, until the zone file is fixed.
 */
export interface UserLookup {
  readonly lookup: DataAzureadUsers;
  /** The found users' object ids, lower-cased (the provider compares ids as plain strings). */
  readonly objectIds: string[];
  readonly check: TerraformCheck;
}

export function lookupUsers(
  scope: Construct,
  id: string,
  upns: readonly string[],
  report: { readonly what: string; readonly consequence: string },
): UserLookup {
  const lookup = new DataAzureadUsers(scope, id, { userPrincipalNames: [...upns], ignoreMissing: true });
  const objectIds = Token.asList(TerraformIterator.fromList(lookup.users).forExpressionForList('lower(val.object_id)'));
  const found = TerraformIterator.fromList(lookup.users).forExpressionForList('lower(val.user_principal_name)');
  const missing = Fn.join(', ', Fn.setsubtract([...upns], Token.asList(found)));
  const check = new TerraformCheck(scope, `${id}-found`, [
    {
      condition: Token.asString(Op.eq(Fn.lengthOf(lookup.users), upns.length)),
      errorMessage: `${terraformLiteral(report.what)}: not found in Entra ID (account deleted or renamed?), left out: ${missing}. ${terraformLiteral(report.consequence)}`,
    },
  ]);
  return { lookup, objectIds, check };
}

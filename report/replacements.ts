import type { PlatformConfig, Zone } from '../model/types';
import type { Replacement, ZoneChangeKind } from './contract';

/**
 * The replacement rules: which changes to a zone Terraform applies by destroying and re-creating
 * resources (sessions end, roles are re-created, a group comes back empty), with the message a
 * reviewer reads. Everything else is updated in place (see `diff.ts`).
 */
export interface ReplacementInput {
  readonly before: Zone;
  readonly baseConfig: PlatformConfig;
  readonly after: Zone;
  readonly headConfig: PlatformConfig;
  readonly change: ZoneChangeKind;
  /** Permission set names, Entra group names and stacks on each side (from model/names). */
  readonly basePs: string;
  readonly headPs: string;
  readonly baseGroup: string;
  readonly headGroup: string;
  readonly baseStacks: { readonly entra: string; readonly aws: string };
  readonly headStacks: { readonly entra: string; readonly aws: string };
}

export function replacementsOf(input: ReplacementInput): Replacement[] {
  const {
    before,
    baseConfig,
    after,
    headConfig,
    change,
    basePs,
    headPs,
    baseGroup,
    headGroup,
    baseStacks,
    headStacks,
  } = input;
  const replacements: Replacement[] = [];
  if (change === 'renamed') {
    replacements.push({
      reason: 'rename',
      message:
        `renaming zone ${before.name} to ${after.name} replaces the permission set ${basePs} with ${headPs}: every active session ends, ` +
        `the roles AWSReservedSSO_${basePs}_* are deleted and AWSReservedSSO_${headPs}_* created in each account, ` +
        `and the Entra group ${baseGroup} is deleted and ${headGroup} created without members (add them again).`,
    });
  } else if (basePs !== headPs) {
    replacements.push({
      reason: 'permission-set-name',
      message:
        `the permission set name changes from ${basePs} to ${headPs} (names.permissionSetPrefix); Identity Center cannot rename a permission set, ` +
        `so it is replaced: every active session ends and the AWSReservedSSO_* roles are re-created in each account` +
        (headConfig.protection.preventDestroy
          ? '; protection.preventDestroy is on, so the apply stops until it is lifted for this change.'
          : '.'),
    });
  }
  if (baseConfig.identityCenter.instanceArn !== headConfig.identityCenter.instanceArn) {
    replacements.push({
      reason: 'instance',
      message: `the Identity Center instance changes: the permission set and its account assignments are re-created in ${headConfig.identityCenter.instanceArn}.`,
    });
  }
  if (baseStacks.aws !== headStacks.aws || baseStacks.entra !== headStacks.entra) {
    replacements.push({
      reason: 'stack-move',
      message:
        `the zone moves from stacks ${baseStacks.entra} / ${baseStacks.aws} to ${headStacks.entra} / ${headStacks.aws}. ` +
        `Applied as is, Terraform destroys its group and permission set in the old stacks and creates them in the new ones ` +
        `(a replacement: sessions end, the group comes back without members), and the create fails while the old ones still hold the names. ` +
        `Move the Terraform state instead: see docs/deploy.md, "Moving a zone between shards".`,
    });
  }
  return replacements;
}

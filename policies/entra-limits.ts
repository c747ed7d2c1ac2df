import { join } from 'node:path';
import type { Diagnostic } from '../model/diagnostics';
import { APP_ROLES_STACK, RESERVED_DEPARTMENT_NAMES } from '../model/names';
import type { PlatformConfig, Zone } from '../model/types';

/**
 * Entra limits the whole tree must fit, checked before synthesis so that `terraform apply` is never
 * the first to notice.
 *
 * App roles: Entra caps the app roles plus OAuth2 permission scopes of one application at 700
 * (issue 16; Microsoft's "Validation differences by supported account types" page only states "a
 * global limit of about 1000 items across all the collection properties on the app object", so 700
 * is the stricter figure). In `per-zone` mode every zone adds one role to the Identity Center
 * application; in `shared` mode the zones add one role in all.
 */
export const ENTRA_LIMITS = Object.freeze({
  appRolesAndScopesPerApplication: 700,
});

/** How many app roles Zone Access puts on the application for these zones. */
export function zoneAppRoleCount(zoneCount: number, config: Pick<PlatformConfig, 'entra'>): number {
  return config.entra.appRoles === 'shared' ? 1 : zoneCount;
}

export function checkEntraLimits(
  zones: readonly Pick<Zone, 'name'>[],
  departments: readonly string[],
  config: PlatformConfig,
  zonesDir: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (key: string) => config.positions?.[key] ?? config.positions?.entra;

  const ours = zoneAppRoleCount(zones.length, config);
  const total = ours + config.entra.otherAppRoles;
  const limit = ENTRA_LIMITS.appRolesAndScopesPerApplication;
  if (total > limit) {
    // Named after the key to change, at its position (or the `entra` block's when it is not written).
    const field = 'entra.appRoles';
    const pos = at(field);
    out.push({
      file: config.source.file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      field,
      code: 'too-many-app-roles',
      message:
        `${ours} zone app role${ours === 1 ? '' : 's'} plus ${config.entra.otherAppRoles} other app roles and scopes ` +
        `(entra.otherAppRoles) is ${total}; Entra allows at most ${limit} app roles and scopes on one application`,
      hint:
        config.entra.appRoles === 'shared'
          ? `lower entra.otherAppRoles to the number of other roles and scopes the application really has`
          : `set entra.appRoles: shared (every zone group is assigned with one role; SCIM needs only the assignment), or remove zones`,
    });
  }

  if (config.sharding === 'department') {
    for (const department of departments) {
      if (RESERVED_DEPARTMENT_NAMES.has(department)) {
        out.push({
          file: join(zonesDir, department),
          field: '',
          code: 'reserved-department-name',
          message: `department "${department}" would get the stack name ${APP_ROLES_STACK}, which holds the application's app roles`,
          hint: 'choose another department name',
        });
      }
    }
  }
  return out;
}

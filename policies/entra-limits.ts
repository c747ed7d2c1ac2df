import type { Diagnostic } from '../model/diagnostics';
import { APP_ROLES_STACK, RESERVED_DEPARTMENT_NAMES } from '../model/names';
import type { PlatformConfig } from '../model/types';

/**
 * Entra rules on the whole tree. (The app role count per application is a quota:
 * model/quotas.ts, `quotas.appRolesPerApplication`, which counts according to `entra.appRoles`.)
 *
 * A department named `app-roles` would get the stack name `entra-app-roles`, which holds every app
 * role of the Identity Center application (constructs/zone-app-roles.ts).
 */
export function checkEntraLimits(
  departments: readonly string[],
  config: Pick<PlatformConfig, 'sharding' | 'source'>,
): Diagnostic[] {
  if (config.sharding !== 'department') return [];
  return departments
    .filter((department) => RESERVED_DEPARTMENT_NAMES.has(department))
    .map((department) => ({
      file: config.source.file,
      field: `departments.${department}`,
      code: 'reserved-department-name',
      message: `department "${department}" would get the stack name ${APP_ROLES_STACK}, which holds the application's app roles`,
      hint: 'choose another department name',
    }));
}

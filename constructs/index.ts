export { ZoneAccess, type ZoneAccessProps } from './zone-access';
export { ZoneEntraGroup, type ZoneEntraGroupProps } from './zone-entra-group';
export {
  ZoneAppRoles,
  type ZoneAppRolesProps,
  appRoleIdFor,
  assignedAppRoleId,
  APP_ROLE_ID_NAMESPACE,
  SHARED_APP_ROLE_ID,
  SHARED_APP_ROLE_VALUE,
} from './zone-app-roles';
export { ZonePermissionSet, type ZonePermissionSetProps } from './zone-permission-set';
export { platformConfig, platformConfigFromFile, platformConfigFromYaml, type PlatformInput } from './platform-config';
export { ZoneMembership, type ZoneMembershipProps, DepartmentCatalog } from './zone-membership';
export type { PlatformSpec, ZoneSpec } from './props';
export { normalizeZone, type ZoneInput } from '../model/zone-defaults';

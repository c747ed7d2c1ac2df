export { ZoneAccess, type ZoneAccessProps } from './zone-access';
export { ZoneEntraGroup, type ZoneEntraGroupProps, appRoleIdFor, APP_ROLE_ID_NAMESPACE } from './zone-entra-group';
export { ZonePermissionSet, type ZonePermissionSetProps } from './zone-permission-set';
export { platformConfig, platformConfigFromFile, platformConfigFromYaml, type PlatformInput } from './platform-config';
export { ZoneMembership, type ZoneMembershipProps, DepartmentCatalog } from './zone-membership';
export type { PlatformSpec, ZoneSpec } from './props';
export { normalizeZone, type ZoneInput } from '../model/zone-defaults';

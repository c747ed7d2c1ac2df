export { ZoneAccess, type ZoneAccessProps } from './zone-access';
export { ZoneEntraGroup, type ZoneEntraGroupProps, appRoleIdFor, APP_ROLE_ID_NAMESPACE } from './zone-entra-group';
export { ZonePermissionSet, type ZonePermissionSetProps } from './zone-permission-set';
export type { PlatformSpec, ZoneSpec } from './props';

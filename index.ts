/**
 * Zone Access as a library: the constructs for other cdktf apps, what they take as input, and the
 * stages behind the CLI for tools that compose their own pipeline. Everything else in the package
 * is internal and may change between versions.
 */

// The constructs: a zone's access inside your own cdktf app.
export { ZoneAccess, type ZoneAccessProps } from './constructs/zone-access';
export { ZoneEntraGroup, type ZoneEntraGroupProps } from './constructs/zone-entra-group';
export { ZonePermissionSet, type ZonePermissionSetProps } from './constructs/zone-permission-set';
export { ZoneAppRoles, type ZoneAppRolesProps } from './constructs/zone-app-roles';
export { ZoneMembership, DepartmentCatalog, type ZoneMembershipProps } from './constructs/zone-membership';

// Their input: platform settings, and zones checked by the zone files' rules.
export {
  platformConfig,
  platformConfigFromFile,
  platformConfigFromYaml,
  type PlatformInput,
} from './constructs/platform-config';
export { resolveZone, type PlatformSpec, type ResolveZoneProps } from './constructs/props';
export type { ZoneInput } from './model/zone-defaults';
export type { MembershipInput, MembershipSettings } from './model/membership-settings';
export type { PlatformConfig, SourceRef, Zone, ZoneAccount, ZoneMember, ZoneTree } from './model/types';

// Problems with input: every one of them, with file (or construct path), field and code.
export { ValidationError, formatDiagnostic, isError, type Diagnostic, type DiagnosticCode } from './model/diagnostics';

// The pipeline: zone files → validated tree → stacks → Terraform JSON.
export { loadTree, type LoadTreeOptions } from './pipeline/load';
export { synthesizeTree, createApp } from './pipeline/synthesize';
export { addZoneStacks, type StackPair, type ZoneStacks } from './stacks/zone-stacks';
export { accessCatalog } from './policies/catalog';
export { zonePolicy, renderPolicy, type PolicyDocument } from './policies/zone-policy';

// People-facing outputs of a validated tree.
export {
  renderProfiles,
  renderAccessMap,
  MissingConfigKeyError,
  type ProfilesOptions,
  type RenderedProfiles,
  type AccessMapOptions,
  type RenderedAccessMap,
} from './portal';

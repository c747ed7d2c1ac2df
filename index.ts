/**
 * Zone Access as a library: the constructs for other cdktf stacks, and the stages behind them
 * (load and validate zone files, build policies, add stacks) for tools that compose their own.
 */
export * from './constructs';
export type * from './model/types';
export { type Diagnostic, ValidationError, formatDiagnostic, isError } from './model/diagnostics';
export { QUOTAS, WARN_AT, checkQuotas } from './model/quotas';
export { groupDisplayName, permissionSetName, stackNames } from './model/names';
export { loadPlatformConfig } from './model/load-platform-config';
export { loadZones } from './model/load-zones';
export { activeMembers, isActiveOn } from './model/membership';
export * from './model/membership-settings';
export { zoneFileSchema } from './model/zone-file-schema';
export { platformConfigSchema } from './model/platform-config-schema';
export { loadTree, type LoadTreeOptions } from './pipeline/load';
export { synthesizeTree, createApp } from './pipeline/synthesize';
export { addZoneStacks, type StackPair, type ZoneStacks } from './stacks/zone-stacks';
export { accessCatalog, BUILT_IN_PRESETS } from './policies/catalog';
export { BUILT_IN_PRESET_DEFINITIONS } from './policies/presets';
export { definePreset, type BuiltInPreset, type BuiltInPresetDefinition } from './policies/presets/define';
export { zonePolicy, renderPolicy, type PolicyDocument } from './policies/zone-policy';
export {
  renderProfiles,
  renderAccessMap,
  replaceBlock,
  consoleLink,
  MissingConfigKeyError,
  type ProfilesOptions,
  type RenderedProfiles,
  type AccessMapOptions,
  type RenderedAccessMap,
} from './portal';

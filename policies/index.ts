export { accessCatalog, BUILT_IN_PRESETS, isTaggingAction, isTagOnCreate, type CatalogStatement } from './catalog';
export { BUILT_IN_PRESET_DEFINITIONS } from './presets';
export { actionGrants, type ActionGrants, type Grant } from './grants';
export {
  definePreset,
  type BuiltInPreset,
  type BuiltInPresetDefinition,
  type BuiltInStatement,
  type GuardContext,
  type TaggableResource,
} from './presets/define';
export { checkZoneLimits, policySize, type LimitCheckedZone } from './limits';
export {
  renderPolicy,
  zonePolicy,
  type ConditionValue,
  type PolicyCondition,
  type PolicyDocument,
  type PolicyStatement,
} from './zone-policy';

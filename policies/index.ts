export { accessCatalog, BUILT_IN_PRESETS } from './catalog';
export { AWS_PATTERNS, checkZoneLimits, LIMITS, policySize } from './limits';
export {
  isTaggingAction,
  renderPolicy,
  zonePolicy,
  type ConditionValue,
  type PolicyCondition,
  type PolicyDocument,
  type PolicyStatement,
} from './zone-policy';

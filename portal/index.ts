/**
 * People-facing outputs of a validated tree: AWS CLI profiles and the access map. Both read the
 * model and the grants policies/ expands; nothing here is deployed.
 */
export { renderAccessMap, type AccessMapOptions, type RenderedAccessMap } from './access-map';
export {
  accessMapData,
  MAP_DATA_VERSION,
  type AccessMapData,
  type MapAccount,
  type MapDepartment,
  type MapMember,
  type MapZone,
} from './access-map-data';
export { PROFILES_BEGIN, PROFILES_END, replaceBlock, type BlockResult } from './config-block';
export { consoleLink, MissingConfigKeyError, profileName, START_URL_KEY } from './links';
export { renderProfiles, SSO_SESSION_NAME, type ProfilesOptions, type RenderedProfiles } from './profiles';

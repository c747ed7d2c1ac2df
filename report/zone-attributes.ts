import type { Zone } from '../model/types';

/**
 * Where the access report shows each attribute of the zone model. Typed over every key of `Zone`,
 * so an attribute added to the model does not compile until it has a place here, and a `settings`
 * attribute is then listed and compared without further code.
 *
 * - `heading`: the zone's title line (name, department; the permission set and stacks follow from them)
 * - `accounts`, `presets` (with the actions they grant), `policies`: their own granted/gained/lost lists
 * - `people`: owners and members, with the membership mode (report/people.ts)
 * - `settings`: for an added or removed zone every value, for a changed one what changed
 * - `origin`: where the file was read from; it grants nothing
 */
export type ZoneAttributeSection = 'heading' | 'accounts' | 'presets' | 'policies' | 'people' | 'settings' | 'origin';

export const ZONE_ATTRIBUTE_SECTIONS = {
  name: 'heading',
  department: 'heading',
  accounts: 'accounts',
  access: 'presets',
  managedPolicies: 'policies',
  customerManagedPolicies: 'policies',
  permissionsBoundary: 'policies',
  owners: 'people',
  members: 'people',
  description: 'settings',
  sessionDuration: 'settings',
  relayState: 'settings',
  tags: 'settings',
  source: 'origin',
  positions: 'origin',
} as const satisfies Record<keyof Zone, ZoneAttributeSection>;

type SettingKey = {
  [K in keyof typeof ZONE_ATTRIBUTE_SECTIONS]: (typeof ZONE_ATTRIBUTE_SECTIONS)[K] extends 'settings' ? K : never;
}[keyof typeof ZONE_ATTRIBUTE_SECTIONS];

/** The zone's settings, in the order the report lists them. */
export const ZONE_SETTINGS = (Object.keys(ZONE_ATTRIBUTE_SECTIONS) as (keyof typeof ZONE_ATTRIBUTE_SECTIONS)[]).filter(
  (key): key is SettingKey => ZONE_ATTRIBUTE_SECTIONS[key] === 'settings',
);
export type ZoneSettingKey = SettingKey;

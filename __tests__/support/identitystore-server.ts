/**
 * The Identity Store side of the Identity Center emulator, under the names the await-sync and
 * plan tests use. One emulator serves both APIs: see identity-center/emulator.ts.
 */
import {
  startIdentityCenterEmulator,
  type EmulatorOptions,
  type IdentityCenterEmulator,
} from './identity-center/emulator';
import type { SeedGroup } from './identity-center/identity-store';

export { fakeGroupId } from './identity-center/identity-store';
export type { RequestLogEntry, ThrottleRule } from './identity-center/emulator';

export type FakeGroup = SeedGroup;

export interface IdentityStoreServerOptions extends Omit<EmulatorOptions, 'groups'> {
  readonly groups: readonly FakeGroup[];
}

export type IdentityStoreServer = IdentityCenterEmulator;

export function startIdentityStoreServer(options: IdentityStoreServerOptions): Promise<IdentityStoreServer> {
  return startIdentityCenterEmulator(options);
}

import { BUILT_IN_PRESET_DEFINITIONS } from '../../policies/presets';

/**
 * What each preset file declares for its proofs: the resource types its service tags (the isolation
 * proofs tamper with each; none declared would silently skip them) and its near misses (the proofs
 * check each is denied; none declared would skip that too).
 */

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const definitions = [...BUILT_IN_PRESET_DEFINITIONS.values()];

test.each(definitions.map((d) => [d.name, d] as const))(
  '%s: declares the resource types it tags and its near misses',
  (_name, d) => {
    const services = new Set(
      d.statements.flatMap((s) => [...s.actions, ...(s.tagOnCreate ?? [])]).map((a) => a.slice(0, a.indexOf(':'))),
    );
    // A preset that scopes by the zone tag names at least one taggable resource type of its service.
    if (d.statements.some((s) => s.scope !== 'none')) expect(d.taggable.length).toBeGreaterThan(0);
    for (const t of d.taggable) {
      expect(t.type).toMatch(/^[A-Za-z][\w-]*$/);
      for (const a of [t.tag, t.untag, ...('create' in t ? [t.create] : [])]) {
        // Not necessarily the preset's service: ssm-session's instances are tagged through ec2.
        expect({ type: t.type, action: a }).toEqual({ type: t.type, action: expect.stringMatching(ACTION) });
      }
    }
    expect(d.notGranted.length).toBeGreaterThan(0);
    for (const a of d.notGranted) {
      expect(a).toMatch(ACTION);
      expect(services).toContain(a.slice(0, a.indexOf(':')));
    }
  },
);

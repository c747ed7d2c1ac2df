import type { AccessReport, AccountRef, ZoneChangeKind, ZoneReport } from './diff';
import type { PersonRef } from './people';

/**
 * The people part of the Markdown report: the headline ("N people gain access, M lose access")
 * and, per zone, who was added or removed (with the accounts and the expiry), whose expiry changed,
 * owners and approval settings. `code` renders values from input files as inline code.
 */

export function peopleHeadline(report: AccessReport): string {
  const { people } = report;
  const line = `**${count(people.gain.length, 'person', 'people')} gain${people.gain.length === 1 ? 's' : ''} access, ${count(people.lose.length, 'person', 'people')} lose${people.lose.length === 1 ? 's' : ''} access** (membership on ${people.at}).`;
  if (people.unmanagedZones.length === 0) return line;
  // Each zone counted as what happened to it: an added zone is not a "changed zone".
  const kinds = new Map<string, number>();
  for (const name of people.unmanagedZones) {
    const kind = report.zones.find((z) => z.zone === name)?.change ?? 'changed';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const present = ZONE_KINDS.filter((k) => kinds.has(k));
  const zones =
    present.length === 1
      ? count(kinds.get(present[0])!, `${present[0]} zone`)
      : `${count(people.unmanagedZones.length, 'zone')} (${present.map((k) => `${kinds.get(k)} ${k}`).join(', ')})`;
  return `${line} Not counted: ${zones} whose membership is managed in Entra (owners or access packages), not in the zone files.`;
}

const ZONE_KINDS: readonly ZoneChangeKind[] = ['added', 'removed', 'changed', 'moved', 'renamed'];

export function membershipDetails(
  z: ZoneReport,
  code: (s: string) => string,
  account: (a: AccountRef) => string,
): string[] {
  const m = z.membership;
  const out: string[] = [];
  const mode =
    m.mode === 'entra'
      ? "managed in Entra by the group's owners."
      : m.mode === 'access-package'
        ? "managed in Entra ID Governance: people request the zone's access package, its owners approve."
        : "the zone file's `members:`.";
  out.push(`- **Membership:** ${mode}${m.previousMode ? ` (was ${m.previousMode})` : ''}`);
  const accounts = m.accounts;
  const where = accounts.length ? ` on ${accounts.map(account).join(', ')}` : '';
  const person = (p: PersonRef) =>
    `${code(p.user)} ${p.until ? `until ${p.until}` : 'with no expiry'}${p.reason ? ` (${code(p.reason)})` : ''}`;
  if (m.added.length)
    out.push(
      `- **People added (${m.added.length})**, access to ${code(z.zone)}${where}:`,
      ...m.added.map((p) => `  - ${person(p)}`),
    );
  if (m.removed.length)
    out.push(
      `- **People removed (${m.removed.length})** from ${code(z.zone)}:`,
      ...m.removed.map((p) => `  - ${code(p.user)}`),
    );
  if (m.expiryChanged.length) {
    out.push(
      `- **Expiry changed (${m.expiryChanged.length}):**`,
      ...m.expiryChanged.map((e) => `  - ${code(e.user)}: ${e.base ?? 'no expiry'} → ${e.head ?? 'no expiry'}`),
    );
  }
  if (m.affectedMembers.length)
    out.push(
      `- **Existing members affected by the access change (${m.affectedMembers.length}):** ${m.affectedMembers.map(code).join(', ')}`,
    );
  if (z.change === 'added' || z.change === 'removed') {
    // The zone as a whole: its owners and (access-package) approval settings, not changes to them.
    const owners = z.change === 'added' ? m.owners.gained : m.owners.lost;
    if (z.change === 'added' && m.mode === 'file' && m.added.length === 0)
      out.push('- **People added:** none (no `members:` with access on the day)');
    out.push(
      owners.length
        ? `- **Owners (${owners.length}):** ${owners.map(code).join(', ')}`
        : '- **Owners:** none besides the pipeline identity',
    );
    if (m.approval.length) {
      out.push(
        `- **Approval settings (${m.approval.length}):**`,
        ...m.approval.map((c) => `  - ${code(c.field)}: ${show(z.change === 'added' ? c.head : c.base)}`),
      );
    }
    return out;
  }
  if (m.owners.gained.length || m.owners.lost.length) {
    out.push(
      `- **Owners changed:** ${[...m.owners.gained.map((o) => `+${code(o)}`), ...m.owners.lost.map((o) => `−${code(o)}`)].join(', ')}`,
    );
  }
  if (m.approval.length) {
    out.push(
      `- **Approval settings changed (${m.approval.length}):**`,
      ...m.approval.map((c) => `  - ${code(c.field)}: ${show(c.base)} → ${show(c.head)}`),
    );
  }
  return out;
}

function show(v: unknown): string {
  return v === undefined ? '(none)' : `\`${JSON.stringify(v)}\``;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

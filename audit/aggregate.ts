import type { PlatformConfig, Zone } from '../model/types';
import { permissionSetName } from '../model/names';
import { actionGrants } from '../policies/grants';
import {
  AUDIT_FORMAT_VERSION,
  COVERAGE_NOTE,
  type ActionUse,
  type AuditReport,
  type AuditSourceInfo,
  type DeniedCall,
  type PersonActivity,
  type PresetUse,
  type ZoneAudit,
} from './contract';
import { classify, personKey, resourcesOf, zonesByPermissionSet } from './mapping';
import type { Period } from './period';
import type { CloudTrailRecord } from './records';

/**
 * Folds records into the audit as they arrive: nothing keeps the records themselves, only counters
 * per zone, person and action (and every denied call), so memory grows with the number of distinct
 * people and actions, not with the number of events.
 */

/** Resources listed per person and action; further ones are only counted. */
export const RESOURCES_PER_ACTION = 20;

interface ActionAcc {
  action: string;
  calls: number;
  denied: number;
  resources: Set<string>;
  more: number;
}

interface PersonAcc {
  person: string;
  signIns: number;
  days: Set<string>;
  first: string;
  last: string;
  calls: number;
  denied: number;
  actions: Map<string, ActionAcc>;
}

interface ZoneAcc {
  zone: Zone;
  people: Map<string, PersonAcc>;
  denied: DeniedCall[];
  unlisted: Map<string, { events: number; people: Set<string> }>;
  accounts: Set<string>;
}

export interface AggregatorOptions {
  /** Every zone of the tree: a permission set of a zone left out by `zones` is still a zone's. */
  readonly allZones: readonly Zone[];
  /** The zones to report (--zone); default all. */
  readonly zones?: readonly Zone[];
  readonly config: PlatformConfig;
  readonly period: Period;
  readonly source: AuditSourceInfo;
  /** --person: only this person's records (case-insensitive). */
  readonly person?: string;
}

export class AuditAggregator {
  private readonly byPermissionSet: ReadonlyMap<string, Zone>;
  private readonly acc = new Map<string, ZoneAcc>();
  private readonly person?: string;
  private readonly since: number;
  private readonly until: number;
  private records = 0;
  private skipped = 0;
  private zoneRecords = 0;
  private unlistedRecords = 0;
  private readonly other = new Map<string, number>();

  constructor(private readonly options: AggregatorOptions) {
    this.byPermissionSet = zonesByPermissionSet(options.allZones, options.config);
    for (const zone of options.zones ?? options.allZones) {
      this.acc.set(zone.name, {
        zone,
        people: new Map(),
        denied: [],
        unlisted: new Map(),
        accounts: new Set(zone.accounts.map((a) => a.id)),
      });
    }
    if (options.person !== undefined) this.person = personKey(options.person);
    this.since = options.period.since.getTime();
    this.until = options.period.until.getTime();
  }

  /** Records that could not be parsed (counted as skipped). */
  skip(): void {
    this.records++;
    this.skipped++;
  }

  add(record: CloudTrailRecord): void {
    this.records++;
    const t = Date.parse(record.eventTime);
    if (!(t >= this.since && t < this.until)) {
      this.skipped++;
      return;
    }
    const c = classify(record, this.byPermissionSet);
    if (c.kind === 'ignored') return;
    if (c.kind === 'other-permission-set') {
      this.other.set(c.permissionSet, (this.other.get(c.permissionSet) ?? 0) + 1);
      return;
    }
    const z = this.acc.get(c.zone.name);
    if (!z) return;
    const key = personKey(c.person);
    if (this.person !== undefined && key !== this.person) return;
    if (c.account !== undefined && !z.accounts.has(c.account)) {
      // The zone's permission set used in an account its file does not list: a leftover assignment
      // or a same-named permission set elsewhere. Reported apart; not the zone's activity.
      this.unlistedRecords++;
      const u = z.unlisted.get(c.account) ?? { events: 0, people: new Set<string>() };
      u.events++;
      u.people.add(c.person);
      z.unlisted.set(c.account, u);
      return;
    }
    this.zoneRecords++;
    const time = new Date(t).toISOString();
    let p = z.people.get(key);
    if (!p)
      z.people.set(
        key,
        (p = {
          person: c.person,
          signIns: 0,
          days: new Set(),
          first: time,
          last: time,
          calls: 0,
          denied: 0,
          actions: new Map(),
        }),
      );
    if (time < p.first) p.first = time;
    if (time > p.last) p.last = time;
    p.days.add(time.slice(0, 10));
    if (c.kind === 'sign-in') {
      p.signIns++;
      return;
    }
    p.calls++;
    const actionKey = c.action.toLowerCase();
    let a = p.actions.get(actionKey);
    if (!a) p.actions.set(actionKey, (a = { action: c.action, calls: 0, denied: 0, resources: new Set(), more: 0 }));
    a.calls++;
    const resources = resourcesOf(record);
    for (const r of resources) {
      if (a.resources.has(r)) continue;
      if (a.resources.size < RESOURCES_PER_ACTION) a.resources.add(r);
      else a.more++;
    }
    if (c.denied) {
      p.denied++;
      a.denied++;
      z.denied.push({
        time,
        person: c.person,
        action: c.action,
        errorCode: record.errorCode!,
        ...(c.account !== undefined ? { account: c.account } : {}),
        ...(record.awsRegion ? { region: record.awsRegion } : {}),
        resources,
        ...(record.eventID ? { eventId: record.eventID } : {}),
      });
    }
  }

  report(): AuditReport {
    const { config } = this.options;
    const zones = [...this.acc.values()].sort((a, b) => cmp(a.zone.name, b.zone.name)).map((z) => zoneAudit(z, config));
    const people = new Set(zones.flatMap((z) => z.people.map((p) => personKey(p.person))));
    return {
      version: AUDIT_FORMAT_VERSION,
      period: { since: this.options.period.since.toISOString(), until: this.options.period.until.toISOString() },
      source: this.options.source,
      filters: {
        zones: (this.options.zones ?? []).map((z) => z.name).sort(),
        ...(this.options.person !== undefined ? { person: this.options.person } : {}),
      },
      summary: {
        records: this.records,
        zoneRecords: this.zoneRecords,
        signIns: sum(zones, (z) => z.signIns),
        calls: sum(zones, (z) => z.calls),
        denied: sum(zones, (z) => z.denied),
        people: people.size,
        otherPermissionSets: Object.fromEntries([...this.other.entries()].sort(([a], [b]) => cmp(a, b))),
        unlistedAccountRecords: this.unlistedRecords,
        skipped: this.skipped,
      },
      zones,
      coverage: COVERAGE_NOTE,
    };
  }
}

function zoneAudit(z: ZoneAcc, config: PlatformConfig): ZoneAudit {
  const people: PersonActivity[] = [...z.people.values()]
    .sort((a, b) => cmp(personKey(a.person), personKey(b.person)))
    .map((p) => ({
      person: p.person,
      signIns: p.signIns,
      days: [...p.days].sort(),
      firstSeen: p.first,
      lastSeen: p.last,
      calls: p.calls,
      denied: p.denied,
      actions: [...p.actions.values()]
        .sort((a, b) => cmp(a.action.toLowerCase(), b.action.toLowerCase()))
        .map((a): ActionUse => ({
          action: a.action,
          calls: a.calls,
          denied: a.denied,
          resources: [...a.resources].sort(),
          moreResources: a.more,
        })),
    }));
  const called = new Set(people.flatMap((p) => p.actions.map((a) => a.action.toLowerCase())));
  return {
    zone: z.zone.name,
    department: z.zone.department,
    permissionSet: permissionSetName(z.zone, config),
    accounts: z.zone.accounts.map((a) => a.id),
    signIns: sum(people, (p) => p.signIns),
    calls: sum(people, (p) => p.calls),
    denied: sum(people, (p) => p.denied),
    people,
    deniedCalls: [...z.denied].sort((a, b) => cmp(a.time, b.time) || cmp(a.eventId ?? '', b.eventId ?? '')),
    unlistedAccounts: [...z.unlisted.entries()]
      .sort(([a], [b]) => cmp(a, b))
      .map(([account, u]) => ({ account, events: u.events, people: [...u.people].sort() })),
    presets: presetUse(z.zone, config, called),
  };
}

/**
 * Per preset of the zone: what it grants (`actionGrants`, the expansion the access report and the
 * policy writer use) and which of that somebody called. A call counts whether it was allowed or
 * denied: an attempt shows the action is wanted.
 */
export function presetUse(
  zone: Pick<Zone, 'access'>,
  config: Pick<PlatformConfig, 'access'>,
  called: ReadonlySet<string>,
): PresetUse[] {
  return zone.access.map((preset) => {
    const granted = [...actionGrants({ access: [preset] }, config).values()].map((g) => g.action);
    const used = granted.filter((a) => called.has(a.toLowerCase()));
    const unused = granted.filter((a) => !called.has(a.toLowerCase()));
    return { preset, granted, used, unused, removalCandidate: granted.length > 0 && used.length === 0 };
  });
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  return items.reduce((n, t) => n + f(t), 0);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

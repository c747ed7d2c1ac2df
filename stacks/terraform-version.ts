/**
 * The Terraform version each backend argument the stacks emit needs. The CI templates pin a
 * Terraform version (examples/ci/); __tests__/examples/ci-templates.test.ts synthesizes every
 * backend and fails when an emitted argument is missing here or needs more than the pin.
 */
export const BACKEND_ARGUMENT_SINCE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  local: { path: '0.9.0' },
  s3: {
    bucket: '0.9.0',
    key: '0.9.0',
    region: '0.9.0',
    encrypt: '0.9.0',
    // S3-native locking: experimental in 1.10, generally available in 1.11
    // (https://developer.hashicorp.com/terraform/language/v1.11.x/upgrade-guides).
    use_lockfile: '1.11.0',
  },
};

/** `a` < `b` → negative, for dotted numeric versions (`1.9.8` < `1.10.0`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

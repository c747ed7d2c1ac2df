import { describeError } from '../sync/await-groups';
import type { Side } from './finding';

/** The live state of one side could not be read (exit 2): the reason and what to check. */
export class LiveReadError extends Error {
  constructor(
    readonly side: Side,
    override readonly cause: unknown,
  ) {
    super(
      `could not read ${side === 'aws' ? 'AWS (IAM Identity Center, Identity Store)' : 'Entra (Microsoft Graph)'}: ${describeError(cause)}`,
    );
    this.name = 'LiveReadError';
  }

  /** What to check, from the error's kind. */
  hint(): string {
    const name = String((this.cause as { name?: unknown } | undefined)?.name ?? '');
    const status = Number((this.cause as { status?: unknown } | undefined)?.status ?? 0);
    if (this.side === 'aws') {
      if (name === 'CredentialsProviderError')
        return 'no AWS credentials were found: set AWS_PROFILE (after `aws sso login`) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where a role is available';
      if (
        /AccessDenied|UnrecognizedClient|InvalidSignature|ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch/i.test(
          name,
        )
      ) {
        return 'the AWS identity needs the read-only policy examples/security/drift-reader-policy.json (see docs/drift-and-doctor.md)';
      }
      if (/Throttl/i.test(name))
        return "Identity Center kept throttling after the SDK's adaptive retries: run again with a lower --rate, or raise AWS_MAX_ATTEMPTS";
      if (name === 'ResourceNotFoundException')
        return 'check identityCenter.instanceArn, identityStoreId and region in the platform config';
      return 'check the network, the region (identityCenter.region) and any AWS_ENDPOINT_URL* settings';
    }
    if (status === 401 || status === 403 || /Credential|Authentication/i.test(name)) {
      return 'the Azure identity (ARM_USE_OIDC/ARM_CLIENT_ID/ARM_TENANT_ID, or DefaultAzureCredential) needs the Graph application permissions listed in docs/drift-and-doctor.md';
    }
    if (status === 429)
      return 'Microsoft Graph kept throttling after the retries: run again later or with a lower --rate';
    return 'check the network and ZONE_ACCESS_GRAPH_ENDPOINT';
  }
}

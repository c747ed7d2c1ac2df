/**
 * The AWS JSON 1.1 protocol as the emulator speaks it: `POST /`, `X-Amz-Target:
 * <prefix>.<Operation>`, `Content-Type: application/x-amz-json-1.1`, errors as HTTP 4xx/5xx with
 * `{"__type": ..., "Message": ...}` (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html).
 */

/** An error answer. Every modelled AWS error of these two services is HTTP 400 unless noted. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What an operation adds to its request's log entry (names, ids) for assertions. */
export interface LogNote {
  displayName?: string;
  groupId?: string;
  externalId?: string;
  permissionSet?: string;
  account?: string;
}

export type Handler = (input: Record<string, unknown>, note: (n: LogNote) => void) => Record<string, unknown>;

/** NextToken paging as the SDK paginators expect it: a token while more items remain. */
export function page<T>(all: readonly T[], input: Record<string, unknown>, key: string): Record<string, unknown> {
  const max = typeof input.MaxResults === 'number' ? input.MaxResults : 100;
  const start = typeof input.NextToken === 'string' ? Number(input.NextToken) : 0;
  const items = all.slice(start, start + max);
  return { [key]: items, ...(start + max < all.length ? { NextToken: String(start + max) } : {}) };
}

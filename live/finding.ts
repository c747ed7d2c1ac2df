/**
 * One difference between what the zone files would deploy and what exists, as every check of
 * `zone-access drift` reports it: the zone, what the files say, what exists, what to do.
 */

export type Side = 'aws' | 'entra';

export interface Finding {
  readonly side: Side;
  /** Stable, kebab-case: what kind of difference (see docs/drift-and-doctor.md). */
  readonly kind: string;
  /** The zone it belongs to; for things no file declares, the name the prefix implies. */
  readonly zone: string;
  /** The zone file, when a file declares the zone. */
  readonly file?: string;
  /** What it is about: a permission set, account, group, person. */
  readonly subject: string;
  readonly files: string;
  readonly live: string;
  readonly fix: string;
}

/** Sorted by zone, side, kind, subject: output is the same whatever order the reads finished in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding) => [f.zone, f.side, f.kind, f.subject];
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
}

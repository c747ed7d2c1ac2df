import type { ZoneTree } from '../model/types';
import { readAws } from './aws-read';
import { checkAws } from './check-aws';
import { checkEntra } from './check-entra';
import { connectAws, connectGraph, type LiveDeps } from './connect';
import { readEntra, type EntraLive } from './entra-read';
import { LiveReadError } from './errors';
import { expectedZones } from './expected';
import { sortFindings, type Finding, type Side } from './finding';
import { ReadProgress } from './progress';

export interface DriftOptions {
  readonly tree: ZoneTree;
  readonly sides: readonly Side[];
  readonly env: NodeJS.ProcessEnv;
  /** Progress and notes, one line each (stderr). */
  readonly err: (line: string) => void;
  /** Requests per second per side (default: Identity Center's documented 20). */
  readonly rate?: number;
  readonly deps?: LiveDeps;
}

export interface DriftResult {
  readonly findings: readonly Finding[];
  /** Requests made per side. */
  readonly requests: Readonly<Partial<Record<Side, number>>>;
}

/** Reads the live state of the chosen sides and compares it with the files. Throws `LiveReadError` when a side cannot be read. */
export async function runDrift(options: DriftOptions): Promise<DriftResult> {
  const { tree, env, err } = options;
  const expected = expectedZones(tree);
  const findings: Finding[] = [];
  const requests: Partial<Record<Side, number>> = {};
  let entra: EntraLive | undefined;

  if (options.sides.includes('entra')) {
    try {
      const { graph, limiter } = await connectGraph(env, err, options.deps, options.rate);
      entra = await readEntra(
        graph,
        tree,
        expected,
        new ReadProgress(
          (l) => err(`entra: ${l}`),
          () => limiter.started,
        ),
      );
      requests.entra = limiter.started;
    } catch (e) {
      throw new LiveReadError('entra', e);
    }
    findings.push(...checkEntra(tree, expected, entra));
  }

  if (options.sides.includes('aws')) {
    let clients;
    try {
      clients = await connectAws(tree.config.identityCenter.region, env, options.rate);
    } catch (e) {
      throw new LiveReadError('aws', e);
    }
    try {
      const live = await readAws(
        clients,
        tree,
        expected,
        new ReadProgress(
          (l) => err(`aws: ${l}`),
          () => clients.limiter.started,
        ),
      );
      const entraIds = entra ? new Map([...entra.groups.values()].map((g) => [g.displayName, g.id])) : undefined;
      findings.push(...checkAws(tree, expected, live, entraIds));
    } catch (e) {
      throw new LiveReadError('aws', e);
    } finally {
      requests.aws = clients.limiter.started;
      clients.destroy();
    }
  }
  return { findings: sortFindings(findings), requests };
}

import type { GenerateResult, SqlRunner } from '../../scripts/generate-data';
import type { Report } from './report';
import type { ServerGroup } from './server';

/** What every scenario gets from bench/run.ts. */
export interface BenchContext {
  /** Setup queries against the bench database (not part of the measured path). */
  db: SqlRunner;
  databaseUrl: string;
  databaseName: string;
  servers: ServerGroup;
  /** The full (provincial/national) sizes and durations. */
  full: boolean;
  /** Concurrent connections of the write benchmarks (50). */
  connections: number;
  /** Concurrent connections of the read-latency benchmarks. */
  readConnections: number;
  generated: GenerateResult | null;
  currentCampaignId: string;
  report: Report;
  /** Shared between scenarios: the pgbench INSERT baseline and the /api/health baseline. */
  baselines: { pgbenchInsertTps?: number; healthRps?: number; healthP95?: number };
  log: (line: string) => void;
}

/**
 * The sessions this process has resolved, so most requests skip the session lookup's round trip (issue #15,
 * docs/adr/0036-session-cache.md). Keyed by the session id (the token's SHA-256), holding the row the lookup
 * returned; at most SESSION_CACHE_MAX_ENTRIES rows (least recently used first out), each used for at most
 * SESSION_CACHE_MAX_AGE_MS after it was read.
 *
 * Termination stays immediate because the database tells every process (migration 0026's triggers → NOTIFY
 * session_changed / user_changed at commit) and the cache is only used while that stream is known to be up:
 * - before the first up(), after a down(), and with SESSION_CACHE=off, get() finds nothing and store() keeps nothing;
 * - every notification, up() and down() bumps the generation: a lookup that began before it (and may have read the
 *   row before the commit) does not store what it read;
 * - this process's own writes arrive before their commit's promise resolves (db/client.ts), so the writer's next
 *   request is refused at once; other processes drop the row when the notification reaches them.
 */
import type { Database, NotifyChannel } from '../db/client';

export const SESSION_CACHE_MAX_ENTRIES = 50_000;
/** A row is read again after this long even without a notification (bounds a notification lost unseen). */
export const SESSION_CACHE_MAX_AGE_MS = 30_000;

/** The columns of the session lookup (plugins/session.ts). */
export interface SessionRow {
  lastSeenAt: Date;
  csrfToken: string;
  userId: string;
  username: string;
  displayName: string;
  role: string;
  enterpriseId: string | null;
  regionCode: string | null;
  status: string;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
}

interface Entry {
  row: SessionRow;
  /** performance.now() when the lookup that read it started. */
  readAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Session ids per user, for user_changed. */
  private readonly byUser = new Map<string, Set<string>>();
  private listening = false;
  private gen = 0;

  constructor(
    private readonly maxEntries = SESSION_CACHE_MAX_ENTRIES,
    private readonly maxAgeMs = SESSION_CACHE_MAX_AGE_MS,
  ) {}

  /** Whether the notification stream is up (the cache is in use). */
  get live(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Taken before a lookup; store() keeps the row only if nothing was invalidated since. */
  get generation(): number {
    return this.gen;
  }

  /** The cached row, if the stream is up and the row is young enough. */
  get(id: string, now = performance.now()): SessionRow | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (now - entry.readAt > this.maxAgeMs) {
      this.remove(id);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order, so eviction takes the first key.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.row;
  }

  /** Keeps a row a lookup read; `generation` and `readAt` are what they were when the lookup started. */
  store(id: string, row: SessionRow, generation: number, readAt: number): void {
    if (!this.listening || generation !== this.gen) return;
    this.remove(id);
    this.entries.set(id, { row, readAt });
    let ids = this.byUser.get(row.userId);
    if (!ids) this.byUser.set(row.userId, (ids = new Set()));
    ids.add(id);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  /** This process moved last_seen_at forward (the touch updated the row): the cached copy follows. */
  touched(id: string, lastSeenAt: Date): void {
    const entry = this.entries.get(id);
    if (entry) entry.row = { ...entry.row, lastSeenAt };
  }

  dropSession(id: string): void {
    this.gen += 1;
    this.remove(id);
  }

  dropUser(userId: string): void {
    this.gen += 1;
    const ids = this.byUser.get(userId);
    if (!ids) return;
    for (const id of [...ids]) this.remove(id);
  }

  /** A notification of migration 0026's triggers. */
  notified(channel: NotifyChannel, payload: string): void {
    if (channel === 'session_changed') this.dropSession(payload);
    else this.dropUser(payload);
  }

  /** The stream is up (again): start from empty, since notifications may have been missed. */
  up(): void {
    this.clear();
    this.listening = true;
  }

  /** The stream is down: every request reads the database until up(). */
  down(): void {
    this.listening = false;
    this.clear();
  }

  clear(): void {
    this.gen += 1;
    this.entries.clear();
    this.byUser.clear();
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    const ids = this.byUser.get(entry.row.userId);
    ids?.delete(id);
    if (ids?.size === 0) this.byUser.delete(entry.row.userId);
  }
}

/**
 * A cache fed by `database`'s notifications. `log` hears about the stream going down and up again. Returns the
 * cache and the function that stops it (on app close).
 */
export function startSessionCache(
  database: Database,
  log: { warn(obj: object, msg: string): void; info(msg: string): void },
): { cache: SessionCache; stop: () => Promise<void> } {
  const cache = new SessionCache();
  let wasDown = false;
  const stopListening = database.listen({
    notify: (channel, payload) => cache.notified(channel, payload),
    up: () => {
      cache.up();
      if (wasDown) log.info('session cache: listening again');
    },
    down: (err) => {
      cache.down();
      wasDown = true;
      log.warn({ err }, 'session cache: listening connection lost; sessions are read from the database');
    },
  });
  return {
    cache,
    stop: async () => {
      cache.down();
      await stopListening();
    },
  };
}

/**
 * Sessions for benchmark users, created directly in the database exactly as the session plugin keeps them
 * (id = sha256 of the cookie token; CSRF token checked against the x-csrf-token header).
 */
import crypto from 'node:crypto';
import type { SqlRunner } from '../../scripts/generate-data';

export interface BenchSession {
  userId: string;
  /** The Cookie header value: sid + csrf. */
  cookie: string;
  csrf: string;
}

export async function createSessions(db: SqlRunner, userIds: string[]): Promise<Map<string, BenchSession>> {
  const out = new Map<string, BenchSession>();
  const unique = [...new Set(userIds)];
  const ids: string[] = [];
  const users: string[] = [];
  const csrfs: string[] = [];
  for (const userId of unique) {
    const token = crypto.randomBytes(32).toString('base64url');
    const csrf = crypto.randomBytes(32).toString('base64url');
    ids.push(crypto.createHash('sha256').update(token).digest('hex'));
    users.push(userId);
    csrfs.push(csrf);
    out.set(userId, { userId, cookie: `sid=${token}; csrf=${csrf}`, csrf });
  }
  for (let i = 0; i < ids.length; i += 5000) {
    await db.query(
      `insert into sessions (id, user_id, csrf_token, created_at, last_seen_at, ip, user_agent)
       select id, user_id, csrf, now(), now(), '127.0.0.1', 'bench' from unnest($1::text[], $2::uuid[], $3::text[]) as t(id, user_id, csrf)`,
      [ids.slice(i, i + 5000), users.slice(i, i + 5000), csrfs.slice(i, i + 5000)],
    );
  }
  return out;
}

export function authHeaders(s: BenchSession, write = false): Record<string, string> {
  return {
    cookie: s.cookie,
    'user-agent': 'bench',
    ...(write ? { 'x-csrf-token': s.csrf, 'content-type': 'application/json' } : {}),
  };
}

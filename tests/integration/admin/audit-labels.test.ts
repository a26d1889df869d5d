/**
 * Issue 16 item 11: the audit log speaks Chinese — a label for every action the server writes (found by scanning
 * the server's sources), and names beside ids (the user's display name, the target enterprise, user or file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { auditActionLabel } from '../../../src/shared/audit/labels';
import type { AuditListResponse } from '../../../src/shared/schemas/admin-api';
import { REVIEW_ACTIONS } from '../../../src/shared/workflow';
import { setup, start, type Fixture } from '../filings/flow';

function serverSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return serverSources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('audit action labels', () => {
  it('labels every action the server writes', () => {
    const actions = new Set<string>(['logout']);
    for (const file of serverSources(path.join(__dirname, '../../../src/server'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/action: '([a-z_]+(?:\.[a-z_]+)+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/'((?:filing|login|account|admin|security)\.[a-z_]+(?:\.[a-z_]+)?)'/g)) {
        // A policy action checked by authorize()/allows()/can() names a permission, not an audit action.
        const before = text.slice(Math.max(0, m.index - 60), m.index);
        if (/\b(?:authorize|allows|can\w*|permits|rolesFor)\([^()]*$/.test(before)) continue;
        actions.add(m[1]!);
      }
    }
    for (const a of REVIEW_ACTIONS) actions.add(`filing.review.${a}`);
    for (const a of ['entry_exclude', 'entry_include', 'objection_upheld', 'objection_rejected']) {
      actions.add(`list.${a}`);
    }
    for (const f of ['csv', 'xlsx']) actions.add(`exchange.export.${f}`);
    expect(actions.size).toBeGreaterThan(50);
    const unlabelled = [...actions].filter((a) => auditActionLabel(a).startsWith('其他操作'));
    expect(unlabelled).toEqual([]);
    expect(auditActionLabel('filing.review.county_approve')).toContain('审核');
  });
});

describe('the audit log page data', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setup();
  });
  afterAll(async () => {
    await f.t.close();
  });

  it('shows Chinese labels and names beside the ids', async () => {
    const d = await start(f.p.ksEnterprise.client, 'entry');
    const res = await f.p.auditAdmin.client.get(`/api/v1/admin/audit?targetId=${d.id}`);
    expect(res.statusCode).toBe(200);
    const created = (res.json() as AuditListResponse).items.find((i) => i.action === 'filing.create')!;
    expect(created).toMatchObject({
      actionLabel: '发起填报',
      targetTypeLabel: '填报',
      targetName: f.p.ksEnterprise.displayName,
      userDisplayName: f.p.ksEnterprise.displayName,
    });
    // The search just made was audited: its row names the audit administrator.
    const admin = await f.p.auditAdmin.client.get('/api/v1/admin/audit?action=admin.*');
    expect((admin.json() as AuditListResponse).items[0]).toMatchObject({
      actionLabel: '查询审计日志',
      userDisplayName: '审计管理员',
      targetTypeLabel: '审计日志',
    });
  });
});

/**
 * An enterprise downloads the personal information it gave the platform (个人信息保护法 第四十五条: 查阅、复制;
 * issue 17 item 5, ADR 0025): its account, its registration data and the contacts it entered in its filings, as
 * an Excel workbook with Chinese labels. Its own data, so the numbers are whole. Audited (`account.data_export`).
 */
import { and, asc, eq } from 'drizzle-orm';
import { regionPath } from '../../../shared/regions';
import {
  FILING_KIND_LABELS,
  FILING_STATUS_LABELS,
  type FilingKind,
  type FilingStatus,
} from '../../../shared/schemas/filing-api';
import type { DbOrTx } from '../../db/client';
import { campaigns, enterprises, filings, filingSections, files, users } from '../../db/schema';
import { xlsxBuffer, type XlsxSheet } from '../../services/xlsx';
import { shanghaiDate, shanghaiDateTimeLabel } from '../campaigns/service';

const DB_STATUS_LABELS: Record<string, string> = { none: '未入库', in_db: '在库', cleared: '已清退出库' };
const USER_STATUS_LABELS: Record<string, string> = { active: '正常', disabled: '已停用' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
const at = (o: unknown, path: string): string => {
  let cur: unknown = o;
  for (const seg of path.split('.')) cur = isObj(cur) ? cur[seg] : undefined;
  return text(cur);
};

/** The columns of the 填报中的联系人 sheet: header → path in 基本情况. */
export const FILING_CONTACT_COLUMNS: [string, string][] = [
  ['法定代表人', 'legalRepresentative.name'],
  ['法定代表人手机', 'legalRepresentative.mobile'],
  ['联系人', 'contact.name'],
  ['联系人职务', 'contact.title'],
  ['联系人手机', 'contact.mobile'],
  ['联系人座机', 'contact.phone'],
  ['联系人邮箱', 'contact.email'],
  ['通讯地址', 'address'],
  ['邮政编码', 'postcode'],
];

export interface MyData {
  enterpriseName: string;
  workbook: Buffer;
  fileName: string;
  filingCount: number;
}

/** Everything the enterprise gave, as one .xlsx. */
export async function myDataWorkbook(
  db: DbOrTx,
  userId: string,
  enterpriseId: string,
  now: Date,
): Promise<MyData> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const [ent] = await db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
  if (!user || !ent) throw new Error('account or enterprise missing');
  const [licence] = ent.licenceFileId
    ? await db
        .select({ name: files.originalName, createdAt: files.createdAt })
        .from(files)
        .where(and(eq(files.id, ent.licenceFileId), eq(files.enterpriseId, ent.id)))
    : [];
  const filed = await db
    .select({
      year: campaigns.year,
      campaignName: campaigns.name,
      kind: filings.kind,
      status: filings.status,
      data: filingSections.data,
      updatedAt: filingSections.updatedAt,
    })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .innerJoin(
      filingSections,
      and(eq(filingSections.filingId, filings.id), eq(filingSections.section, 'basic')),
    )
    .where(eq(filings.enterpriseId, ent.id))
    .orderBy(asc(campaigns.year), asc(filings.createdAt));

  // A small workbook, built in memory; shared strings, so an empty answer is an empty text cell as before.
  const pairs = (name: string, rows: [string, string][]): XlsxSheet => ({
    name,
    columns: [
      { header: '项目', width: 22 },
      { header: '内容', width: 60 },
    ],
    rows,
    freezeHeader: false,
  });
  const workbook = await xlsxBuffer({
    creator: '江苏省优质中小企业梯度培育平台',
    strings: 'shared',
    at: now,
    sheets: [
      pairs('账号信息', [
        ['用户名', user.username],
        ['账号名称', user.displayName],
        ['账号类型', '企业用户'],
        ['手机号码', user.mobile ?? ''],
        ['账号状态', USER_STATUS_LABELS[user.status] ?? user.status],
        ['注册时间', shanghaiDateTimeLabel(user.createdAt)],
        ['最近修改密码时间', shanghaiDateTimeLabel(user.passwordChangedAt)],
      ]),
      pairs('企业注册信息', [
        ['企业名称', ent.name],
        ['统一社会信用代码', ent.uscc],
        ['注册地', ent.countyCode ? (regionPath(ent.countyCode) ?? ent.countyCode) : ''],
        ['联系人', ent.contactName],
        ['联系人手机', ent.contactMobile],
        [
          '营业执照',
          licence ? `已上传：${licence.name}（${shanghaiDateTimeLabel(licence.createdAt)}）` : '未上传',
        ],
        ['在库状态', DB_STATUS_LABELS[ent.dbStatus] ?? ent.dbStatus],
        ['注册时间', shanghaiDateTimeLabel(ent.createdAt)],
        ['最近修改时间', shanghaiDateTimeLabel(ent.updatedAt)],
      ]),
      {
        name: '填报中的联系人',
        columns: [
          { header: '批次', width: 28 },
          { header: '填报类型', width: 12 },
          { header: '状态', width: 12 },
          ...FILING_CONTACT_COLUMNS.map(([header]) => ({ header, width: 16 })),
          { header: '最后修改时间', width: 20 },
        ],
        rows: filed.map((f) => [
          `${f.campaignName}（${f.year}年度）`,
          FILING_KIND_LABELS[f.kind as FilingKind] ?? f.kind,
          FILING_STATUS_LABELS[f.status as FilingStatus] ?? f.status,
          ...FILING_CONTACT_COLUMNS.map(([, path]) => at(f.data, path)),
          shanghaiDateTimeLabel(f.updatedAt),
        ]),
        freezeHeader: false,
      },
      pairs('说明', [
        [
          '内容',
          '本文件为贵企业在本平台填写的个人信息：账号、企业注册信息、各次填报中的法定代表人和联系人。',
        ],
        ['导出时间', shanghaiDateTimeLabel(now)],
        ['更正', '如需更正，请在“账号设置”中更换手机号，或在下一次填报的“基本情况”中修改联系人。'],
        ['保管', '文件含完整手机号码，请妥善保管，不要转发给无关人员。'],
      ]),
    ],
  });
  return {
    enterpriseName: ent.name,
    workbook,
    fileName: `本企业个人信息_${ent.name}_${shanghaiDate(now).replaceAll('-', '')}.xlsx`,
    filingCount: filed.length,
  };
}

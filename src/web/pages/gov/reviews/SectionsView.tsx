import { Descriptions, Empty, Table, Tag, Typography } from 'antd';
import type { SectionKey } from '../../../../shared/schemas/filing-api';
import { PII_FIELDS, type PiiRevealRequest } from '../../../../shared/schemas/pii-api';
import { RevealMobile } from '../../../components/RevealMobile';
import { SECTION_NAMES as SECTION_LABELS, sectionsOfKind } from './labels';
import {
  concreteLabel,
  formatAt,
  formatValue,
  getPath,
  listFields,
  plainFields,
  rowsOf,
  yearFields,
  yearsOf,
} from './sectionView';

const CHANGED_STYLE = { background: '#fff7c2', outline: '1px solid #fadb14' } as const;

export interface Marks {
  /** "section:path" of fields changed on resubmission (or against last year). */
  changed: Set<string>;
  /** "section:path" → the reviewer's comment of the last return. */
  comments: Map<string, string>;
}

/** The numbers of 基本情况 the server sends masked; a reviewer reveals one whole, audited (ADR 0025). */
const REVEALABLE: readonly string[] = PII_FIELDS.filing;

function Value({
  section,
  path,
  text,
  marks,
  filingId,
}: {
  section: SectionKey;
  path: string;
  text: string;
  marks: Marks;
  filingId?: string;
}) {
  const key = `${section}:${path}`;
  const changed = marks.changed.has(key);
  const comment = marks.comments.get(key);
  const revealable = filingId && section === 'basic' && REVEALABLE.includes(path) && text.includes('****');
  return (
    <span
      data-field={key}
      className={changed ? 'field-changed' : undefined}
      style={changed ? CHANGED_STYLE : undefined}
    >
      {revealable ? (
        <RevealMobile
          masked={text}
          target={{
            targetType: 'filing',
            targetId: filingId,
            field: path as PiiRevealRequest['field'],
          }}
        />
      ) : (
        text
      )}
      {changed && (
        <Tag color="gold" style={{ marginInlineStart: 6 }}>
          已修改
        </Tag>
      )}
      {comment !== undefined && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          退回意见：{comment || '请修改'}
        </Typography.Text>
      )}
    </span>
  );
}

/** One section, read-only: plain fields, the 经营情况 year table, list tables. */
export function SectionView({
  section,
  data,
  marks,
  filingId,
}: {
  section: SectionKey;
  data: Record<string, unknown>;
  marks: Marks;
  /** The filing whose masked numbers may be revealed (the review page). */
  filingId?: string;
}) {
  const plain = plainFields(section);
  const years = yearsOf(data);
  const yFields = yearFields(section);
  const lists = listFields(section);
  if (plain.length === 0 && yFields.length === 0 && lists.length === 0) {
    return <Empty description="本部分无填报项" />;
  }
  return (
    <div id={`section-${section}`}>
      {plain.length > 0 && (
        <Descriptions bordered size="small" column={{ xs: 1, lg: 2 }} style={{ marginBottom: 12 }}>
          {plain.map((d) => (
            <Descriptions.Item key={d.path} label={d.label}>
              <Value
                section={section}
                path={d.path}
                text={formatValue(d, getPath(data, d.path))}
                marks={marks}
                {...(filingId ? { filingId } : {})}
              />
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {yFields.length > 0 && (
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="path"
          style={{ marginBottom: 12 }}
          dataSource={yFields.map((d) => ({ path: d.path, def: d }))}
          columns={[
            {
              title: '项目',
              key: 'label',
              width: 200,
              render: (_: unknown, r) => `${r.def.label}${r.def.unit ? `（${r.def.unit}）` : ''}`,
            },
            ...years.map((y) => ({
              title: `${y} 年度`,
              key: y,
              align: 'right' as const,
              render: (_: unknown, r: { path: string }) => {
                const path = r.path.replace('*', y);
                return (
                  <Value
                    section={section}
                    path={path}
                    text={formatAt(section, path, getPath(data, path)).replace(/ (万元|人)$/, '')}
                    marks={marks}
                  />
                );
              },
            })),
          ]}
        />
      )}
      {lists.map(({ list, columns }) => {
        const n = rowsOf(data, list.path);
        return (
          <div key={list.path} style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              {list.label}（{n} 项）
            </Typography.Text>
            <Table
              size="small"
              bordered
              pagination={false}
              rowKey="i"
              dataSource={Array.from({ length: n }, (_, i) => ({ i }))}
              columns={[
                { title: '序号', key: 'i', width: 60, render: (_: unknown, r: { i: number }) => r.i + 1 },
                ...columns.map((c) => ({
                  title: c.label,
                  key: c.path,
                  render: (_: unknown, r: { i: number }) => {
                    const path = c.path.replace('*', String(r.i));
                    return (
                      <Value
                        section={section}
                        path={path}
                        text={formatValue(c, getPath(data, path))}
                        marks={marks}
                      />
                    );
                  },
                })),
              ]}
              locale={{ emptyText: '未填写' }}
            />
          </div>
        );
      })}
    </div>
  );
}

/** Tab items for every data section (the 附件 section is shown as attachments). */
export function sectionTabs(
  sections: Partial<Record<SectionKey, Record<string, unknown>>>,
  marks: Marks,
  changedSections: Set<SectionKey>,
  kind: string,
  filingId?: string,
) {
  return sectionsOfKind(kind)
    .filter((k) => k !== 'attachments')
    .map((k) => ({
      key: k,
      label: (
        <span>
          {SECTION_LABELS[k]}
          {changedSections.has(k) && (
            <Tag color="gold" style={{ marginInlineStart: 6 }}>
              有修改
            </Tag>
          )}
        </span>
      ),
      children: (
        <SectionView section={k} data={sections[k] ?? {}} marks={marks} {...(filingId ? { filingId } : {})} />
      ),
    }));
}

export { concreteLabel };

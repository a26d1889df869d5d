import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { fieldDef } from '../../../../shared/filing';
import type { SectionKey } from '../../../../shared/schemas/filing-api';
import { useEditor } from './context';
import { FieldControl, FieldLabel, FieldMessages } from './fields';
import { getAt, type Data } from './model';

export interface RowsColumn {
  key: string;
  width?: number;
  /** Stacked layout: the field takes the whole width of the row's card (long texts). */
  wide?: boolean;
}

interface RowsProps {
  s: SectionKey;
  list: string;
  columns: RowsColumn[];
  newRow: () => Data;
  addLabel: string;
  min?: number;
  /**
   * Each row as a card whose fields wrap in a grid (labels above the inputs), instead of one table row: for lists
   * with many wide fields, which as a table would be far wider than the editor's card (主导产品: 1345 px in a 701 px
   * card) — the grid fits any width, one field per line on a phone.
   */
  stacked?: boolean;
}

/** An editable table of rows (知识产权, 研发机构, 主导产品, 科技奖励, 其他荣誉): add and remove rows. */
export function RowsTable(props: RowsProps) {
  if (props.stacked) return <RowsStacked {...props} />;
  return <RowsAsTable {...props} />;
}

function RowsStacked({ s, list, columns, newRow, addLabel, min = 0 }: RowsProps) {
  const ed = useEditor();
  const listDef = fieldDef(s, list);
  const rows = (getAt(ed.values[s], list) as Data[] | undefined) ?? [];
  const editable = ed.editable(s);
  const listLabel = listDef?.label ?? list;
  return (
    <div className="rows-table rows-stacked" data-list={list}>
      {rows.length === 0 && (
        <p className="muted small">
          暂无{listLabel}，如有请点击“{addLabel}”
        </p>
      )}
      {rows.map((_row, i) => (
        <section key={i} className="rows-card rows-row" aria-label={`${listLabel}第${i + 1}行`}>
          <div className="rows-card-head">
            <span className="rows-card-title">第 {i + 1} 行</span>
            <Button
              type="link"
              danger
              size="small"
              icon={<DeleteOutlined />}
              disabled={!editable || rows.length <= min}
              aria-label={`删除${listLabel}第${i + 1}行`}
              onClick={() =>
                ed.setField(
                  s,
                  list,
                  rows.filter((_r, j) => j !== i),
                )
              }
            >
              删除
            </Button>
          </div>
          <div className="rows-card-grid">
            {columns.map((c) => {
              const def = fieldDef(s, `${list}.*.${c.key}`)!;
              const path = `${list}.${i}.${c.key}`;
              const returned = ed.commentOf(s, path) ? ' field-returned' : '';
              return (
                <div key={c.key} className={`rows-card-field${c.wide ? ' is-wide' : ''}${returned}`}>
                  <div className="rows-card-label">
                    <FieldLabel def={def} />
                  </div>
                  <FieldControl
                    section={s}
                    path={path}
                    def={def}
                    ariaLabel={`${listLabel}第${i + 1}行${def.label}`}
                  />
                  <FieldMessages section={s} path={path} />
                </div>
              );
            })}
          </div>
        </section>
      ))}
      <FieldMessages section={s} path={list} />
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        disabled={!editable}
        style={{ marginTop: 8 }}
        onClick={() => ed.setField(s, list, [...rows, newRow()])}
      >
        {addLabel}
      </Button>
    </div>
  );
}

function RowsAsTable({ s, list, columns, newRow, addLabel, min = 0 }: RowsProps) {
  const ed = useEditor();
  const listDef = fieldDef(s, list);
  const rows = (getAt(ed.values[s], list) as Data[] | undefined) ?? [];
  const editable = ed.editable(s);
  const listLabel = listDef?.label ?? list;
  return (
    <div className="rows-table" data-list={list}>
      <div className="ops-table-wrap">
        <table className="ops-table rows">
          <thead>
            <tr>
              <th style={{ width: 48 }}>序号</th>
              {columns.map((c) => {
                const def = fieldDef(s, `${list}.*.${c.key}`)!;
                return (
                  <th key={c.key} style={{ minWidth: c.width ?? 160 }}>
                    <FieldLabel def={def} />
                  </th>
                );
              })}
              <th style={{ width: 72 }}>操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length + 2} className="muted small" style={{ textAlign: 'center' }}>
                  暂无{listLabel}，如有请点击“{addLabel}”
                </td>
              </tr>
            )}
            {rows.map((_row, i) => (
              <tr key={i} className="rows-row">
                <td>{i + 1}</td>
                {columns.map((c) => {
                  const def = fieldDef(s, `${list}.*.${c.key}`)!;
                  const path = `${list}.${i}.${c.key}`;
                  return (
                    <td key={c.key} className={ed.commentOf(s, path) ? 'field-returned' : undefined}>
                      <FieldControl
                        section={s}
                        path={path}
                        def={def}
                        ariaLabel={`${listLabel}第${i + 1}行${def.label}`}
                      />
                      <FieldMessages section={s} path={path} />
                    </td>
                  );
                })}
                <td>
                  <Button
                    type="link"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    disabled={!editable || rows.length <= min}
                    aria-label={`删除${listLabel}第${i + 1}行`}
                    onClick={() =>
                      ed.setField(
                        s,
                        list,
                        rows.filter((_r, j) => j !== i),
                      )
                    }
                  >
                    删除
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FieldMessages section={s} path={list} />
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        disabled={!editable}
        style={{ marginTop: 8 }}
        onClick={() => ed.setField(s, list, [...rows, newRow()])}
      >
        {addLabel}
      </Button>
    </div>
  );
}

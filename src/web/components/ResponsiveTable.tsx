import { Card, Grid, List, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { Key, ReactNode } from 'react';

/**
 * A table on a desktop, a list of cards on a phone (below antd's md breakpoint, 768 px): each row becomes a card
 * of "column title: value" lines, so nothing scrolls sideways at 390 px (WCAG 1.4.10). Takes the same props as
 * antd's Table; columns need a string title to be labelled on the card. Server-side paging works through
 * pagination.onChange (both forms call it).
 */
export function ResponsiveTable<T extends object>(
  props: TableProps<T> & { cardTitle?: (row: T) => ReactNode },
) {
  const { cardTitle, ...tableProps } = props;
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  if (!phone) return <Table<T> {...tableProps} />;

  const columns = (tableProps.columns ?? []) as ColumnType<T>[];
  const rowKey = (row: T, index: number): Key => {
    const k = tableProps.rowKey;
    if (typeof k === 'function') return k(row, index);
    if (typeof k === 'string') return (row as Record<string, Key>)[k] ?? index;
    return index;
  };
  const cell = (col: ColumnType<T>, row: T, index: number): ReactNode => {
    const path = col.dataIndex;
    let value: unknown = undefined;
    if (typeof path === 'string' || typeof path === 'number') value = (row as Record<string, unknown>)[path];
    else if (Array.isArray(path)) {
      value = path.reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p as string], row);
    }
    if (col.render) return col.render(value, row, index) as ReactNode;
    return value as ReactNode;
  };
  const pagination = tableProps.pagination;
  const emptyText = (tableProps.locale?.emptyText as ReactNode) ?? '暂无数据';

  return (
    <List<T>
      className="responsive-table-cards"
      loading={Boolean(tableProps.loading)}
      dataSource={(tableProps.dataSource ?? []) as T[]}
      locale={{ emptyText }}
      pagination={
        pagination === false || pagination === undefined
          ? false
          : {
              current: pagination.current,
              pageSize: pagination.pageSize,
              total: pagination.total,
              onChange: pagination.onChange,
              showTotal: pagination.showTotal,
              size: 'small',
              align: 'center',
            }
      }
      renderItem={(row, index) => (
        <List.Item key={rowKey(row, index)} style={{ padding: '6px 0', border: 'none' }}>
          <Card size="small" style={{ width: '100%' }} title={cardTitle?.(row)}>
            <dl className="card-fields">
              {columns.map((col, i) => (
                <div key={String(col.key ?? col.dataIndex ?? i)} className="card-field">
                  {typeof col.title === 'string' && <dt>{col.title}</dt>}
                  <dd>{cell(col, row, index)}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </List.Item>
      )}
    />
  );
}

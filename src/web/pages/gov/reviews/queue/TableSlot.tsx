import { Spin, type TableProps } from 'antd';
import { lazy, Suspense, type ReactElement } from 'react';

// The table (and its pagination, filter tree, virtual list) is a chunk of its own, fetched as soon as this page
// module runs; see QueueTable.tsx.
const tableChunk = import('../QueueTable');
const Table = lazy(() => tableChunk) as unknown as <T>(props: TableProps<T>) => ReactElement;

/**
 * antd's Table from its own chunk. While the chunk arrives, a box of the table's height under the table's id shows the
 * same loading spinner the table shows while its rows load, so "loading" looks (and queries) the same either way.
 */
export function TableSlot<T>(props: TableProps<T>) {
  return (
    <Suspense
      fallback={
        <div id={props.id} style={{ minHeight: 160, display: 'grid', placeItems: 'center' }} aria-busy="true">
          <Spin spinning aria-label="正在加载" />
        </div>
      }
    >
      <Table<T> {...props} />
    </Suspense>
  );
}

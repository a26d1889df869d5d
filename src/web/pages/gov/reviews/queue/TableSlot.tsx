import type { TableProps } from 'antd';
import { lazy, Suspense, type ReactElement } from 'react';

// The table (and its pagination, filter tree, virtual list) is a chunk of its own, fetched as soon as this page
// module runs; see QueueTable.tsx.
const tableChunk = import('../QueueTable');
const Table = lazy(() => tableChunk) as unknown as <T>(props: TableProps<T>) => ReactElement;

/** antd's Table from its own chunk, with a placeholder of the table's height while it arrives. */
export function TableSlot<T>(props: TableProps<T>) {
  return (
    <Suspense fallback={<div style={{ minHeight: 160 }} aria-busy="true" />}>
      <Table<T> {...props} />
    </Suspense>
  );
}

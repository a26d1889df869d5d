/**
 * antd's Table in a chunk of its own: the review console loads it lazily (with its pagination, filter tree and
 * virtual list, ~35 KB gzip), so the console's first-load JS stays within the 400 KB budget; the header, menu and
 * filters render while it arrives.
 */
import { Table } from 'antd';

export default Table;

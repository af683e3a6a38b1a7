// A list from a resolver as a table, with the states every such list has: an error with a retry,
// skeleton lines while the first answer is on its way, an empty state, then the table.
import DynamicTable from '@atlaskit/dynamic-table';
import type { ComponentProps } from 'react';
import type { Loadable } from '../hooks/use-resolver';
import { EmptyState } from './empty-state';
import { ErrorSection } from './error-flag';
import { SkeletonLines } from './loading-state';

type TableProps = ComponentProps<typeof DynamicTable>;

export function LoadableTable<T>({ list, head, rows, label, empty, testId, rowsPerPage = 10 }: {
  list: Loadable<readonly T[]>;
  head: TableProps['head'];
  rows: TableProps['rows'];
  label: string;
  empty: { title: string; body: string };
  testId: string;
  rowsPerPage?: number;
}): JSX.Element {
  return (
    <>
      {list.error ? <ErrorSection error={list.error} onRetry={list.reload} /> : null}
      {!list.data && list.loading ? <SkeletonLines lines={3} /> : null}
      {list.data && list.data.length === 0 ? <EmptyState compact title={empty.title} body={empty.body} /> : null}
      {list.data && list.data.length > 0 ? <DynamicTable head={head} rows={rows} rowsPerPage={rowsPerPage} label={label} testId={testId} /> : null}
    </>
  );
}

import type { ReactNode } from 'react';
import { Button } from './components';

// A data cell with a label shown before it when narrow screens stack the table into cards.
export function Cell({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <td data-label={label} className={className}>
      <div className="cell-body">{children}</div>
    </td>
  );
}

// Placeholder rows while the first page loads (same height as real rows: no layout jump).
export function SkeletonRows({ cols }: { cols: number }) {
  return (
    <>
      {[0, 1, 2].map((r) => (
        <tr key={r} className="skeleton-row" aria-hidden="true">
          {Array.from({ length: cols }, (_, c) => (
            <td key={c}>
              <span className="skeleton" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

interface DataTableProps {
  labelledBy: string;
  className?: string;
  columns: string[];
  // A last column of row actions, named for screen readers only.
  actions?: boolean;
  fetching: boolean;
  // The first page is still loading: placeholder rows.
  loading: boolean;
  // The text of a row saying the list is empty, when it is.
  empty?: string | null;
  emptyTestId?: string;
  children: ReactNode;
}

export function DataTable(props: DataTableProps) {
  const { labelledBy, className, columns, actions, fetching, loading, empty, emptyTestId, children } = props;
  const cols = columns.length + (actions ? 1 : 0);
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'} aria-labelledby={labelledBy} aria-busy={fetching || undefined}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {children}
          {loading && <SkeletonRows cols={cols} />}
          {empty && (
            <tr>
              <td colSpan={cols} className="empty-cell" data-testid={emptyTestId}>
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

// Under a paged table: what it shows (if said) and "Load more" while there are more pages.
export function TableFoot({ list, shown }: { list: Pages; shown?: string }) {
  return (
    <div className="table-foot">
      {shown === undefined ? (
        <span />
      ) : (
        <span className="muted small" aria-live="off">
          {shown}
        </span>
      )}
      {list.hasNextPage && (
        <Button size="sm" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage} busyLabel="Loading…">
          Load more
        </Button>
      )}
    </div>
  );
}

// "Showing 3 users", once the first page is there.
export const showing = (loaded: boolean, count: number, one: string, many: string) =>
  loaded ? `Showing ${count} ${count === 1 ? one : many}` : '';

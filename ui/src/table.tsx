import type { ReactNode } from 'react';

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

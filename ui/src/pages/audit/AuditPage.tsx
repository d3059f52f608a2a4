// /organization/audit: who did what to whom and when, newest first, for admins.
import { useState } from 'react';
import type { AuditAction, Me } from '../../api';
import { Alert, Button } from '../../components';
import { useAuditEvents } from '../../data/audit';
import { allItems } from '../../data/pages';
import { isoDateTime } from '../../format';
import { SkeletonRows } from '../../table';
import { OrgAdminPage } from '../org/OrgAdminPage';
import { useLoadError, useOrg } from '../org/context';
import { AuditFilters } from './AuditFilters';
import { describeEvent } from './describe';

export function AuditPage({ me }: { me: Me }) {
  return (
    <OrgAdminPage me={me} title="Audit log">
      <AuditLog />
    </OrgAdminPage>
  );
}

function AuditLog() {
  const { orgId } = useOrg();
  const [action, setAction] = useState<AuditAction | ''>('');
  const [userId, setUserId] = useState('');
  const list = useAuditEvents(orgId, action, userId);
  const error = useLoadError(list.error);
  const events = allItems(list.data);
  const loaded = list.data !== undefined;
  const filtered = action !== '' || userId !== '';

  return (
    <section className="card section" aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title" className="section-title">
          Events
        </h2>
        <AuditFilters action={action} onAction={setAction} userId={userId} onUserId={setUserId} />
      </div>
      {error && <Alert>{error}</Alert>}
      <div className="table-wrap">
        <table className="table table-audit" aria-labelledby="audit-title" aria-busy={list.isFetching || undefined}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td className="cell-muted nowrap">
                  <time dateTime={e.at}>{isoDateTime(e.at)}</time>
                </td>
                <td className="audit-text">{describeEvent(e)}</td>
                <td className="cell-muted nowrap" data-testid="audit-from">
                  {e.client_address ?? 'command line'}
                </td>
              </tr>
            ))}
            {!loaded && !list.isError && <SkeletonRows cols={3} />}
            {loaded && !list.isFetching && events.length === 0 && !error && (
              <tr>
                <td colSpan={3} className="empty-cell" data-testid="audit-empty">
                  {filtered ? 'No events match these filters' : 'No events yet'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="table-foot">
        <span className="muted small" aria-live="off">
          {loaded ? `Showing ${events.length} ${events.length === 1 ? 'event' : 'events'}` : ''}
        </span>
        {list.hasNextPage && (
          <Button size="sm" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage} busyLabel="Loading…">
            Load more
          </Button>
        )}
      </div>
    </section>
  );
}

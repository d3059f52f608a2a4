// /organization/audit: who did what to whom and when, newest first, for admins.
import { useState } from 'react';
import type { AuditAction, Me } from '../../api';
import { Alert } from '../../components';
import { useAuditEvents } from '../../data/audit';
import { allItems } from '../../data/pages';
import { isoDateTime } from '../../format';
import { Section } from '../../section';
import { DataTable, showing, TableFoot } from '../../table';
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
  const noneText = action !== '' || userId !== '' ? 'No events match these filters' : 'No events yet';

  return (
    <Section
      titleId="audit-title"
      title="Events"
      aside={<AuditFilters action={action} onAction={setAction} userId={userId} onUserId={setUserId} />}
    >
      {error && <Alert>{error}</Alert>}
      <DataTable
        labelledBy="audit-title"
        className="table-audit"
        columns={['When', 'What happened', 'From']}
        fetching={list.isFetching}
        loading={!loaded && !list.isError}
        empty={loaded && !list.isFetching && events.length === 0 && !error ? noneText : null}
        emptyTestId="audit-empty"
      >
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
      </DataTable>
      <TableFoot list={list} shown={showing(loaded, events.length, 'event', 'events')} />
    </Section>
  );
}

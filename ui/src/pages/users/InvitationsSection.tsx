// "Pending invitations": pending and expired ones (or all), "Load more", and the revoke dialog.
import { useRef, useState } from 'react';
import type { Invitation } from '../../api';
import { Alert } from '../../components';
import { useInvitationList } from '../../data/invitations';
import type { InvitationFilter } from '../../data/keys';
import { allItems } from '../../data/pages';
import { Section } from '../../section';
import { DataTable, TableFoot } from '../../table';
import { useLoadError, useOrg } from '../org/context';
import { InvitationRow } from './InvitationRow';
import { RevokeDialog } from './RevokeDialog';

export function InvitationsSection() {
  const { orgId } = useOrg();
  const [filter, setFilter] = useState<InvitationFilter>('open');
  const list = useInvitationList(orgId, filter);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const error = useLoadError(list.error);
  const invitations = allItems(list.data);
  const loaded = list.data !== undefined;

  return (
    <Section
      titleId="invitations-title"
      title="Pending invitations"
      headingRef={heading}
      aside={<FilterSelect filter={filter} onFilter={setFilter} />}
    >
      {error && <Alert>{error}</Alert>}
      {loaded && !error && invitations.length === 0 ? (
        <div className="empty-inline" data-testid="invitations-empty">
          {filter === 'open' ? 'No pending invitations — invite someone above' : 'No invitations yet — invite someone above'}
        </div>
      ) : (
        <DataTable
          labelledBy="invitations-title"
          className="table-invitations"
          columns={['Email', 'Username', 'Role', 'Status', 'Expires', 'Email delivery']}
          actions
          fetching={list.isFetching}
          loading={!loaded && !list.isError}
        >
          {invitations.map((inv) => (
            <InvitationRow key={inv.id} inv={inv} onRevoke={() => setRevoking(inv)} />
          ))}
        </DataTable>
      )}
      {list.hasNextPage && <TableFoot list={list} />}
      {revoking && (
        <RevokeDialog invitation={revoking} onClose={() => setRevoking(null)} fallbackFocus={() => heading.current} />
      )}
    </Section>
  );
}

function FilterSelect({ filter, onFilter }: { filter: InvitationFilter; onFilter: (f: InvitationFilter) => void }) {
  return (
    <div className="field field-inline">
      <label htmlFor="invitation-filter">Show</label>
      <select id="invitation-filter" value={filter} onChange={(e) => onFilter(e.target.value as InvitationFilter)}>
        <option value="open">Pending and expired</option>
        <option value="all">All invitations</option>
      </select>
    </div>
  );
}

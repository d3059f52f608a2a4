// "Pending invitations": pending and expired ones (or all), "Load more", and the revoke dialog.
import { useRef, useState } from 'react';
import type { Invitation } from '../../api';
import { Alert, Button } from '../../components';
import { useInvitationList } from '../../data/invitations';
import type { InvitationFilter } from '../../data/keys';
import { allItems } from '../../data/pages';
import { SkeletonRows } from '../../table';
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
    <section className="card section" aria-labelledby="invitations-title">
      <div className="section-head">
        <h2 id="invitations-title" className="section-title" ref={heading} tabIndex={-1}>
          Pending invitations
        </h2>
        <div className="field field-inline">
          <label htmlFor="invitation-filter">Show</label>
          <select id="invitation-filter" value={filter} onChange={(e) => setFilter(e.target.value as InvitationFilter)}>
            <option value="open">Pending and expired</option>
            <option value="all">All invitations</option>
          </select>
        </div>
      </div>
      {error && <Alert>{error}</Alert>}
      {loaded && !error && invitations.length === 0 ? (
        <div className="empty-inline" data-testid="invitations-empty">
          {filter === 'open' ? 'No pending invitations — invite someone above' : 'No invitations yet — invite someone above'}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table table-invitations" aria-labelledby="invitations-title" aria-busy={list.isFetching || undefined}>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">Email delivery</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <InvitationRow key={inv.id} inv={inv} onRevoke={() => setRevoking(inv)} />
              ))}
              {!loaded && !list.isError && <SkeletonRows cols={7} />}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <div className="table-foot">
          <span />
          <Button size="sm" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage} busyLabel="Loading…">
            Load more
          </Button>
        </div>
      )}
      {revoking && (
        <RevokeDialog invitation={revoking} onClose={() => setRevoking(null)} fallbackFocus={() => heading.current} />
      )}
    </section>
  );
}

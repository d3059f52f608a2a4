// "Organization users": search, the table of members, "Load more", and the remove dialog.
import { useEffect, useRef, useState } from 'react';
import type { Member } from '../../api';
import { Alert, Button } from '../../components';
import { useActiveAdmins, useMemberList } from '../../data/members';
import { allItems } from '../../data/pages';
import { SkeletonRows } from '../../table';
import { useLoadError, useOrg } from '../org/context';
import { MemberRow } from './MemberRow';
import { RemoveDialog } from './RemoveDialog';

// Typing settles for this long before the search is sent.
const SEARCH_DELAY_MS = 200;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function MembersSection() {
  const { me, orgId } = useOrg();
  const [q, setQ] = useState('');
  const appliedQ = useDebounced(q.trim(), SEARCH_DELAY_MS);
  const list = useMemberList(orgId, appliedQ);
  const admins = useActiveAdmins(orgId);
  const [removing, setRemoving] = useState<Member | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const error = useLoadError(list.error ?? admins.error);

  const members = allItems(list.data);
  const loaded = list.data !== undefined;
  const onlyAdmin = admins.data?.items.length === 1 ? admins.data.items[0].user_id : null;

  return (
    <section className="card section" aria-labelledby="members-title">
      <div className="section-head">
        <h2 id="members-title" className="section-title" ref={heading} tabIndex={-1}>
          Organization users
        </h2>
        <div className="field field-inline search">
          <label htmlFor="member-search">Search</label>
          <input
            id="member-search"
            type="search"
            placeholder="Username or email"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      </div>
      {error && <Alert>{error}</Alert>}
      <div className="table-wrap">
        <table className="table" aria-labelledby="members-title" aria-busy={list.isFetching || undefined}>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <MemberRow
                key={m.user_id}
                member={m}
                isSelf={m.user_id === me.user.id}
                isLastAdmin={m.user_id === onlyAdmin}
                onRemove={() => setRemoving(m)}
              />
            ))}
            {!loaded && !list.isError && <SkeletonRows cols={6} />}
            {loaded && !list.isFetching && members.length === 0 && !error && (
              <tr>
                <td colSpan={6} className="empty-cell">
                  {appliedQ ? `No users match “${appliedQ}”` : 'No users yet'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="table-foot">
        <span className="muted small" aria-live="off">
          {loaded ? `Showing ${members.length} ${members.length === 1 ? 'user' : 'users'}` : ''}
        </span>
        {list.hasNextPage && (
          <Button size="sm" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage} busyLabel="Loading…">
            Load more
          </Button>
        )}
      </div>
      {removing && <RemoveDialog member={removing} onClose={() => setRemoving(null)} fallbackFocus={() => heading.current} />}
    </section>
  );
}

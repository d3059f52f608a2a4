// "Organization users": search, the table of members, "Load more", and the remove dialog.
import { useEffect, useRef, useState } from 'react';
import type { Member } from '../../api';
import { Alert } from '../../components';
import { useActiveAdmins, useMemberList } from '../../data/members';
import { allItems } from '../../data/pages';
import { Section } from '../../section';
import { DataTable, showing, TableFoot } from '../../table';
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
  const noneText = appliedQ ? `No users match “${appliedQ}”` : 'No users yet';
  const onlyAdmin = admins.data?.items.length === 1 ? admins.data.items[0].user_id : null;

  return (
    <Section titleId="members-title" title="Organization users" headingRef={heading} aside={<SearchBox q={q} onQ={setQ} />}>
      {error && <Alert>{error}</Alert>}
      <DataTable
        labelledBy="members-title"
        columns={['Username', 'Email', 'Role', 'Status', 'Joined']}
        actions
        fetching={list.isFetching}
        loading={!loaded && !list.isError}
        empty={loaded && !list.isFetching && members.length === 0 && !error ? noneText : null}
      >
        {members.map((m) => (
          <MemberRow
            key={m.user_id}
            member={m}
            isSelf={m.user_id === me.user.id}
            isLastAdmin={m.user_id === onlyAdmin}
            onRemove={() => setRemoving(m)}
          />
        ))}
      </DataTable>
      <TableFoot list={list} shown={showing(loaded, members.length, 'user', 'users')} />
      {removing && <RemoveDialog member={removing} onClose={() => setRemoving(null)} fallbackFocus={() => heading.current} />}
    </Section>
  );
}

function SearchBox({ q, onQ }: { q: string; onQ: (q: string) => void }) {
  return (
    <div className="field field-inline search">
      <label htmlFor="member-search">Search</label>
      <input
        id="member-search"
        type="search"
        placeholder="Username or email"
        value={q}
        onChange={(e) => onQ(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}

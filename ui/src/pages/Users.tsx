import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  api,
  ApiError,
  errorMessage,
  fieldErrors,
  ROLES,
  type Invitation,
  type Me,
  type Member,
  type Role,
} from '../api';
import { useAnnounce } from '../announce';
import { Alert, Badge, Button, Dialog, focusFirstError, TextField, usePageTitle } from '../components';
import { isoDate, untilExpiry } from '../format';
import { useMe } from '../me';
import { Link } from '../router';

const PAGE = 50;
const MAX_LIMIT = 200;

const REASON_SELF = 'You cannot remove yourself';
const REASON_REMOVED = 'Removed users cannot be modified';
const REASON_LAST_ADMIN = 'The organization must keep at least one active admin';

function isAdminRequired(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'admin_required' || e.code === 'not_a_member' || e.code === 'organization_required');
}

export function UsersPage({ me }: { me: Me }) {
  usePageTitle('User management');
  const org = me.organization;
  const [denied, setDenied] = useState(false);

  let body;
  if (me.mode !== 'organization' || !org) {
    body = (
      <Alert tone="info" title="Activate organization mode first">
        <p>
          User management is available once your account runs an organization.{' '}
          <Link href="/settings/organization">Open Settings → Organization</Link>
        </p>
      </Alert>
    );
  } else if (org.role !== 'ADMIN' || denied) {
    body = <AdminRequired />;
  } else {
    body = <UserManagement me={me} orgId={org.id} orgName={org.name} onDenied={() => setDenied(true)} />;
  }

  return (
    <div className="page-wide">
      <div className="page-head">
        <p className="eyebrow">{org ? org.name : 'Organization'}</p>
        <h1>User management</h1>
      </div>
      {body}
    </div>
  );
}

function AdminRequired() {
  return (
    <div className="card empty-state" data-testid="admin-required">
      <div className="empty-icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28" focusable="false">
          <path
            fill="currentColor"
            d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Z"
          />
        </svg>
      </div>
      <h2 className="section-title">Admin access required</h2>
      <p className="muted">
        User management is for organization admins. To invite or manage users, request admin role from current admin.
      </p>
      <p>
        <Link href="/settings/organization">Back to Settings → Organization</Link>
      </p>
    </div>
  );
}

// ------------------------------------------------------------------------------------------------

interface ListState<T> {
  items: T[];
  next: string | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
}

const emptyList = <T,>(): ListState<T> => ({ items: [], next: null, loading: true, loaded: false, error: null });

type Confirm =
  | { kind: 'remove'; member: Member; busy: boolean; error: string | null }
  | { kind: 'revoke'; invitation: Invitation; busy: boolean; error: string | null };

function UserManagement({ me, orgId, orgName, onDenied }: { me: Me; orgId: string; orgName: string; onDenied: () => void }) {
  const { reload: reloadMe } = useMe();
  const announce = useAnnounce();

  const [q, setQ] = useState('');
  const [appliedQ, setAppliedQ] = useState('');
  const [members, setMembers] = useState<ListState<Member>>(emptyList);
  const [activeAdmins, setActiveAdmins] = useState<Member[] | null>(null);
  const [invFilter, setInvFilter] = useState<'open' | 'all'>('open');
  const [invitations, setInvitations] = useState<ListState<Invitation>>(emptyList);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [rolePending, setRolePending] = useState<Record<string, Role>>({});
  const [rowError, setRowError] = useState<Record<string, string>>({});
  const [invBusy, setInvBusy] = useState<Record<string, 'resend' | 'revoke'>>({});
  const [invError, setInvError] = useState<Record<string, string>>({});

  const membersSeq = useRef(0);
  const invSeq = useRef(0);
  const membersCount = useRef(0);
  const invCount = useRef(0);
  membersCount.current = members.items.length;
  invCount.current = invitations.items.length;
  const membersHeading = useRef<HTMLHeadingElement>(null);
  const invitationsHeading = useRef<HTMLHeadingElement>(null);

  // Kept in a ref so a new parent callback does not re-create (and re-run) the loaders.
  const onDeniedRef = useRef(onDenied);
  onDeniedRef.current = onDenied;
  const fail = useCallback(
    (e: unknown): string => {
      if (isAdminRequired(e)) {
        onDeniedRef.current();
        void reloadMe();
      }
      return errorMessage(e);
    },
    [reloadMe],
  );

  // First page (as large as what is on screen, so a refresh keeps the rows the admin loaded).
  const loadMembers = useCallback(
    async (query: string, keep: number) => {
      const seq = ++membersSeq.current;
      setMembers((s) => ({ ...s, loading: true, error: null }));
      try {
        const limit = Math.min(MAX_LIMIT, Math.max(PAGE, keep));
        const page = await api.members(orgId, { q: query || undefined, limit });
        if (seq !== membersSeq.current) return;
        setMembers({ items: page.items, next: page.next_cursor, loading: false, loaded: true, error: null });
      } catch (e) {
        if (seq !== membersSeq.current) return;
        setMembers((s) => ({ ...s, loading: false, loaded: true, error: fail(e) }));
      }
    },
    [orgId, fail],
  );

  const loadMoreMembers = async () => {
    if (!members.next || members.loading) return;
    const seq = ++membersSeq.current;
    setMembers((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await api.members(orgId, { q: appliedQ || undefined, limit: PAGE, cursor: members.next });
      if (seq !== membersSeq.current) return;
      setMembers((s) => ({ items: [...s.items, ...page.items], next: page.next_cursor, loading: false, loaded: true, error: null }));
    } catch (e) {
      if (seq !== membersSeq.current) return;
      setMembers((s) => ({ ...s, loading: false, error: fail(e) }));
    }
  };

  const loadAdmins = useCallback(async () => {
    try {
      const page = await api.members(orgId, { status: 'ACTIVE', role: 'ADMIN', limit: 2 });
      setActiveAdmins(page.items);
    } catch (e) {
      fail(e);
      setActiveAdmins(null);
    }
  }, [orgId, fail]);

  const invStatus = invFilter === 'open' ? 'PENDING,EXPIRED' : undefined;

  const loadInvitations = useCallback(
    async (status: string | undefined, keep: number) => {
      const seq = ++invSeq.current;
      setInvitations((s) => ({ ...s, loading: true, error: null }));
      try {
        const limit = Math.min(MAX_LIMIT, Math.max(PAGE, keep));
        const page = await api.invitations(orgId, { status, limit });
        if (seq !== invSeq.current) return;
        setInvitations({ items: page.items, next: page.next_cursor, loading: false, loaded: true, error: null });
      } catch (e) {
        if (seq !== invSeq.current) return;
        setInvitations((s) => ({ ...s, loading: false, loaded: true, error: fail(e) }));
      }
    },
    [orgId, fail],
  );

  const loadMoreInvitations = async () => {
    if (!invitations.next || invitations.loading) return;
    const seq = ++invSeq.current;
    setInvitations((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await api.invitations(orgId, { status: invStatus, limit: PAGE, cursor: invitations.next });
      if (seq !== invSeq.current) return;
      setInvitations((s) => ({ items: [...s.items, ...page.items], next: page.next_cursor, loading: false, loaded: true, error: null }));
    } catch (e) {
      if (seq !== invSeq.current) return;
      setInvitations((s) => ({ ...s, loading: false, error: fail(e) }));
    }
  };

  // After any action: fetch everything again, so the page shows what a reload would.
  const refresh = useCallback(async () => {
    await Promise.all([
      reloadMe(),
      loadMembers(appliedQ, membersCount.current),
      loadAdmins(),
      loadInvitations(invStatus, invCount.current),
    ]);
  }, [reloadMe, loadMembers, loadAdmins, loadInvitations, appliedQ, invStatus]);

  // Search: debounce typing, then load the first page.
  useEffect(() => {
    const t = window.setTimeout(() => setAppliedQ(q.trim()), 200);
    return () => window.clearTimeout(t);
  }, [q]);
  useEffect(() => {
    void loadMembers(appliedQ, 0);
  }, [appliedQ, loadMembers]);
  useEffect(() => {
    void loadAdmins();
  }, [loadAdmins]);
  useEffect(() => {
    void loadInvitations(invStatus, 0);
  }, [invStatus, loadInvitations]);

  const lastAdminId = activeAdmins && activeAdmins.length === 1 ? activeAdmins[0].user_id : null;

  // ---------------------------------------------------------------- member actions

  const changeRole = async (m: Member, role: Role) => {
    if (role === m.role || rolePending[m.user_id]) return;
    setRolePending((s) => ({ ...s, [m.user_id]: role }));
    setRowError((s) => {
      const { [m.user_id]: _, ...rest } = s;
      return rest;
    });
    try {
      await api.changeRole(orgId, m.user_id, role);
      announce(`${m.username} is now ${role}`);
    } catch (e) {
      const msg = fail(e);
      setRowError((s) => ({ ...s, [m.user_id]: msg }));
      announce(`Could not change the role of ${m.username}: ${msg}`, 'error');
    }
    await refresh();
    setRolePending((s) => {
      const { [m.user_id]: _, ...rest } = s;
      return rest;
    });
  };

  const confirmRemove = async () => {
    if (!confirm || confirm.kind !== 'remove' || confirm.busy) return;
    const m = confirm.member;
    setConfirm({ ...confirm, busy: true, error: null });
    try {
      await api.removeMember(orgId, m.user_id);
      await refresh();
      setConfirm(null);
      announce(`${m.username} was removed from ${orgName}`);
    } catch (e) {
      const msg = fail(e);
      await refresh();
      setConfirm((c) => (c ? { ...c, busy: false, error: msg } : c));
      announce(`Could not remove ${m.username}: ${msg}`, 'error');
    }
  };

  // ---------------------------------------------------------------- invitation actions

  const resend = async (inv: Invitation) => {
    if (invBusy[inv.id]) return;
    setInvBusy((s) => ({ ...s, [inv.id]: 'resend' }));
    setInvError((s) => {
      const { [inv.id]: _, ...rest } = s;
      return rest;
    });
    try {
      const updated = await api.resend(orgId, inv.id);
      announce(
        updated.email_delivery === 'DISABLED'
          ? `New invitation link created for ${inv.email}. Email is not configured: copy the link to send it.`
          : `Invitation resent to ${inv.email}. The previous link no longer works.`,
      );
    } catch (e) {
      const msg = fail(e);
      setInvError((s) => ({ ...s, [inv.id]: msg }));
      announce(`Could not resend the invitation to ${inv.email}: ${msg}`, 'error');
    }
    await refresh();
    setInvBusy((s) => {
      const { [inv.id]: _, ...rest } = s;
      return rest;
    });
  };

  const confirmRevoke = async () => {
    if (!confirm || confirm.kind !== 'revoke' || confirm.busy) return;
    const inv = confirm.invitation;
    setConfirm({ ...confirm, busy: true, error: null });
    try {
      await api.revoke(orgId, inv.id);
      await refresh();
      setConfirm(null);
      announce(`Invitation for ${inv.email} was revoked`);
    } catch (e) {
      const msg = fail(e);
      await refresh();
      setConfirm((c) => (c ? { ...c, busy: false, error: msg } : c));
      announce(`Could not revoke the invitation for ${inv.email}: ${msg}`, 'error');
    }
  };

  const copyLink = async (url: string) => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(url);
      ok = true;
    } catch {
      const ta = document.createElement('textarea');
      ta.value = url;
      ta.setAttribute('readonly', '');
      ta.className = 'offscreen';
      document.body.appendChild(ta);
      ta.select();
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      ta.remove();
    }
    announce(ok ? 'Invitation link copied' : 'Could not copy: select the link text and copy it', ok ? 'success' : 'error');
  };

  // ---------------------------------------------------------------- render

  return (
    <>
      <InviteSection orgId={orgId} onDone={refresh} fail={fail} />

      <section className="card section" aria-labelledby="members-title">
        <div className="section-head">
          <h2 id="members-title" className="section-title" ref={membersHeading} tabIndex={-1}>
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
        {members.error && <Alert>{members.error}</Alert>}
        <div className="table-wrap">
          <table className="table" aria-labelledby="members-title" aria-busy={members.loading || undefined}>
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
              {members.items.map((m) => (
                <MemberRow
                  key={m.user_id}
                  member={m}
                  isSelf={m.user_id === me.user.id}
                  isLastAdmin={m.user_id === lastAdminId}
                  pendingRole={rolePending[m.user_id]}
                  error={rowError[m.user_id]}
                  onRole={(role) => void changeRole(m, role)}
                  onRemove={() => setConfirm({ kind: 'remove', member: m, busy: false, error: null })}
                />
              ))}
              {!members.loaded && <SkeletonRows cols={6} />}
              {members.loaded && !members.loading && members.items.length === 0 && !members.error && (
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
            {members.loaded ? `Showing ${members.items.length} ${members.items.length === 1 ? 'user' : 'users'}` : ''}
          </span>
          {members.next && (
            <Button size="sm" onClick={() => void loadMoreMembers()} busy={members.loading} busyLabel="Loading…">
              Load more
            </Button>
          )}
        </div>
      </section>

      <section className="card section" aria-labelledby="invitations-title">
        <div className="section-head">
          <h2 id="invitations-title" className="section-title" ref={invitationsHeading} tabIndex={-1}>
            Pending invitations
          </h2>
          <div className="field field-inline">
            <label htmlFor="invitation-filter">Show</label>
            <select id="invitation-filter" value={invFilter} onChange={(e) => setInvFilter(e.target.value as 'open' | 'all')}>
              <option value="open">Pending and expired</option>
              <option value="all">All invitations</option>
            </select>
          </div>
        </div>
        {invitations.error && <Alert>{invitations.error}</Alert>}
        {invitations.loaded && !invitations.error && invitations.items.length === 0 ? (
          <div className="empty-inline" data-testid="invitations-empty">
            {invFilter === 'open' ? 'No pending invitations — invite someone above' : 'No invitations yet — invite someone above'}
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table table-invitations" aria-labelledby="invitations-title" aria-busy={invitations.loading || undefined}>
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
                {invitations.items.map((inv) => (
                  <InvitationRow
                    key={inv.id}
                    inv={inv}
                    busy={invBusy[inv.id]}
                    error={invError[inv.id]}
                    onResend={() => void resend(inv)}
                    onRevoke={() => setConfirm({ kind: 'revoke', invitation: inv, busy: false, error: null })}
                    onCopy={(url) => void copyLink(url)}
                  />
                ))}
                {!invitations.loaded && <SkeletonRows cols={7} />}
              </tbody>
            </table>
          </div>
        )}
        {invitations.next && (
          <div className="table-foot">
            <span />
            <Button size="sm" onClick={() => void loadMoreInvitations()} busy={invitations.loading} busyLabel="Loading…">
              Load more
            </Button>
          </div>
        )}
      </section>

      {confirm?.kind === 'remove' && (
        <Dialog
          title={`Remove ${confirm.member.username} from ${orgName}?`}
          onCancel={() => setConfirm(null)}
          busy={confirm.busy}
          fallbackFocus={() => membersHeading.current}
          footer={
            <>
              <Button onClick={() => setConfirm(null)} disabled={confirm.busy} data-autofocus>
                Cancel
              </Button>
              <Button variant="danger" onClick={() => void confirmRemove()} busy={confirm.busy} busyLabel="Removing…">
                Remove
              </Button>
            </>
          }
        >
          <p>
            <strong>{confirm.member.username}</strong> ({confirm.member.email}) loses access to {orgName} at once: their
            sessions and API tokens are revoked. They stay in the list as REMOVED and cannot be modified afterwards.
          </p>
          {confirm.error && <Alert>{confirm.error}</Alert>}
        </Dialog>
      )}
      {confirm?.kind === 'revoke' && (
        <Dialog
          title={`Revoke the invitation for ${confirm.invitation.email}?`}
          onCancel={() => setConfirm(null)}
          busy={confirm.busy}
          fallbackFocus={() => invitationsHeading.current}
          footer={
            <>
              <Button onClick={() => setConfirm(null)} disabled={confirm.busy} data-autofocus>
                Cancel
              </Button>
              <Button variant="danger" onClick={() => void confirmRevoke()} busy={confirm.busy} busyLabel="Revoking…">
                Revoke
              </Button>
            </>
          }
        >
          <p>
            The invitation link sent to <strong>{confirm.invitation.email}</strong> ({confirm.invitation.username},{' '}
            {confirm.invitation.role}) stops working immediately.
          </p>
          {confirm.error && <Alert>{confirm.error}</Alert>}
        </Dialog>
      )}
    </>
  );
}

// A data cell with a label shown before it when narrow screens stack the table into cards.
function Cell({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <td data-label={label} className={className}>
      <div className="cell-body">{children}</div>
    </td>
  );
}

function SkeletonRows({ cols }: { cols: number }) {
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

// ------------------------------------------------------------------------------------------------

function InviteSection({ orgId, onDone, fail }: { orgId: string; onDone: () => Promise<void>; fail: (e: unknown) => string }) {
  const announce = useAnnounce();
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('USER');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const local: Record<string, string> = {};
    if (!email.trim()) local.email = 'Email is required';
    if (!username.trim()) local.username = 'Username is required';
    setError(null);
    setFields(local);
    if (Object.keys(local).length) {
      focusFirstError(form.current);
      return;
    }
    setBusy(true);
    try {
      const inv = await api.invite(orgId, { email: email.trim(), username: username.trim(), role });
      setEmail('');
      setUsername('');
      setRole('USER');
      await onDone();
      announce(
        inv.email_delivery === 'DISABLED'
          ? `Invitation created for ${inv.email} as ${inv.role}. Email is not configured: copy the link from Pending invitations.`
          : `Invitation sent to ${inv.email} as ${inv.role}`,
      );
    } catch (err) {
      const f = fieldErrors(err);
      const msg = fail(err);
      setFields(f);
      setError(Object.keys(f).length ? null : msg);
      announce(`Invitation not sent: ${msg}`, 'error');
      focusFirstError(form.current);
    } finally {
      setBusy(false);
    }
  };

  const roleId = useId();
  return (
    <section className="card section" aria-labelledby="invite-title">
      <div className="section-head">
        <h2 id="invite-title" className="section-title">
          Invite user
        </h2>
        <p className="muted small">Invitation links expire after 7 days.</p>
      </div>
      <form ref={form} onSubmit={submit} noValidate className="invite-form" data-testid="invite-form">
        {error && <Alert>{error}</Alert>}
        <div className="invite-grid">
          <TextField
            id="invite-email"
            label="Email"
            type="email"
            value={email}
            onValue={setEmail}
            error={fields.email}
            autoComplete="off"
            placeholder="name@example.com"
            required
          />
          <TextField
            id="invite-username"
            label="Username"
            value={username}
            onValue={setUsername}
            error={fields.username}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <div className="field field-role">
            <label htmlFor={roleId}>Role</label>
            <select
              id={roleId}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              aria-invalid={fields.role ? true : undefined}
              aria-describedby={fields.role ? `${roleId}-error` : undefined}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            {fields.role && (
              <p id={`${roleId}-error`} className="field-error">
                {fields.role}
              </p>
            )}
          </div>
          <div className="field field-submit">
            <Button type="submit" variant="primary" busy={busy} busyLabel="Sending…">
              Send invitation
            </Button>
          </div>
        </div>
      </form>
    </section>
  );
}

// ------------------------------------------------------------------------------------------------

interface MemberRowProps {
  member: Member;
  isSelf: boolean;
  isLastAdmin: boolean;
  pendingRole?: Role;
  error?: string;
  onRole: (role: Role) => void;
  onRemove: () => void;
}

function MemberRow({ member: m, isSelf, isLastAdmin, pendingRole, error, onRole, onRemove }: MemberRowProps) {
  const id = useId();
  const removed = m.status === 'REMOVED';
  const removeReason = removed ? REASON_REMOVED : isSelf ? REASON_SELF : isLastAdmin ? REASON_LAST_ADMIN : null;
  const roleReason = removed ? REASON_REMOVED : isLastAdmin ? REASON_LAST_ADMIN : null;
  const removeReasonId = `${id}-remove-reason`;
  const roleReasonId = `${id}-role-reason`;
  const errorId = `${id}-error`;
  const roleSharesReason = roleReason !== null && roleReason === removeReason;
  const roleDescribedBy =
    [roleReason ? (roleSharesReason ? removeReasonId : roleReasonId) : null, pendingRole ? `${id}-saving` : null, error ? errorId : null]
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <tr className={removed ? 'row-removed' : undefined} data-testid="member-row" data-username={m.username}>
      <td className="cell-strong">
        <span className="avatar avatar-sm" aria-hidden="true">
          {m.username.charAt(0).toUpperCase()}
        </span>
        {m.username}
        {isSelf && <span className="you-tag">you</span>}
      </td>
      <td className="cell-muted cell-email">{m.email}</td>
      <Cell label="Role">
        <select
          className="select-sm"
          aria-label={`Role for ${m.username}`}
          value={pendingRole ?? m.role}
          disabled={roleReason !== null || pendingRole !== undefined}
          aria-describedby={roleDescribedBy}
          onChange={(e) => onRole(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {pendingRole && (
          <span id={`${id}-saving`} className="saving">
            <span className="spinner" aria-hidden="true" />
            Saving…
          </span>
        )}
        {roleReason && !roleSharesReason && (
          <p id={roleReasonId} className="reason">
            {roleReason}
          </p>
        )}
        {error && (
          <p id={errorId} className="field-error">
            {error}
          </p>
        )}
      </Cell>
      <Cell label="Status">
        <Badge value={m.status} />
        {removed && m.removed_at && <div className="cell-muted small">on {isoDate(m.removed_at)}</div>}
      </Cell>
      <Cell label="Joined" className="cell-muted nowrap">
        <time dateTime={m.joined_at}>{isoDate(m.joined_at)}</time>
      </Cell>
      <td className="cell-actions">
        <Button
          size="sm"
          variant="danger-outline"
          onClick={onRemove}
          disabled={removeReason !== null}
          aria-label={`Remove ${m.username}`}
          aria-describedby={removeReason ? removeReasonId : undefined}
        >
          Remove
        </Button>
        {removeReason && (
          <p id={removeReasonId} className="reason">
            {removeReason}
          </p>
        )}
      </td>
    </tr>
  );
}

// ------------------------------------------------------------------------------------------------

const DELIVERY: Record<string, string> = {
  QUEUED: 'Queued',
  SENT: 'Sent',
  FAILED: 'Failed',
  DISABLED: 'Email off',
};

interface InvitationRowProps {
  inv: Invitation;
  busy?: 'resend' | 'revoke';
  error?: string;
  onResend: () => void;
  onRevoke: () => void;
  onCopy: (url: string) => void;
}

function InvitationRow({ inv, busy, error, onResend, onRevoke, onCopy }: InvitationRowProps) {
  const id = useId();
  const open = inv.status === 'PENDING' || inv.status === 'EXPIRED';
  const expired = inv.status === 'EXPIRED';
  return (
    <tr data-testid="invitation-row" data-email={inv.email} className={expired ? 'row-expired' : undefined}>
      <td className="cell-strong cell-email">
        {inv.email}
        {expired && (
          <p className="reason reason-warn" id={`${id}-expired`}>
            Invitation expired — resend to generate a new link
          </p>
        )}
      </td>
      <Cell label="Username">{inv.username}</Cell>
      <Cell label="Role">
        <span className="role-text">{inv.role}</span>
      </Cell>
      <Cell label="Status">
        <Badge value={inv.status} />
      </Cell>
      <Cell label="Expires" className="nowrap">
        {inv.status === 'ACCEPTED' ? (
          <span className="cell-muted">Accepted {isoDate(inv.accepted_at)}</span>
        ) : inv.status === 'REVOKED' ? (
          <span className="cell-muted">Revoked {isoDate(inv.revoked_at)}</span>
        ) : (
          <>
            <time dateTime={inv.expires_at}>{isoDate(inv.expires_at)}</time>
            <div className={`small ${expired ? 'text-warn' : 'cell-muted'}`}>{untilExpiry(inv.expires_at)}</div>
          </>
        )}
      </Cell>
      <Cell label="Delivery">
        <span className={`delivery delivery-${(inv.email_delivery ?? 'unknown').toLowerCase()}`}>
          {inv.email_delivery ? DELIVERY[inv.email_delivery] ?? inv.email_delivery : '—'}
        </span>
        {inv.invite_url && open && (
          <div className="invite-link">
            <code className="link-text" id={`${id}-link`} data-testid="invite-url">
              {inv.invite_url}
            </code>
            <Button size="sm" variant="ghost" onClick={() => onCopy(inv.invite_url!)} aria-describedby={`${id}-link`}>
              Copy link
            </Button>
          </div>
        )}
      </Cell>
      <td className="cell-actions">
        {open ? (
          <div className="btn-row">
            <Button
              size="sm"
              onClick={onResend}
              busy={busy === 'resend'}
              busyLabel="Sending…"
              disabled={busy !== undefined}
              aria-label={`Resend invitation to ${inv.email}`}
              aria-describedby={expired ? `${id}-expired` : undefined}
            >
              Resend
            </Button>
            <Button
              size="sm"
              variant="danger-outline"
              onClick={onRevoke}
              disabled={busy !== undefined}
              aria-label={`Revoke invitation for ${inv.email}`}
            >
              Revoke
            </Button>
          </div>
        ) : inv.status === 'ACCEPTED' ? (
          <span className="cell-muted small">Accepted invitations cannot be revoked</span>
        ) : null}
        {error && <p className="field-error">{error}</p>}
      </td>
    </tr>
  );
}

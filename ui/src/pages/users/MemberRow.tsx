// One row of "Organization users": role selector (saved at once) and Remove, each with the
// reason it is disabled when a rule forbids it.
import { useId } from 'react';
import { errorMessage, ROLES, type Member, type Role } from '../../api';
import { useAnnounce } from '../../announce';
import { Badge, Button } from '../../components';
import { useChangeRole } from '../../data/members';
import { isoDate } from '../../format';
import { Cell } from '../../table';
import { useOrg } from '../org/context';
import { REASON_LAST_ADMIN, REASON_REMOVED, REASON_SELF } from './reasons';

interface MemberRowProps {
  member: Member;
  isSelf: boolean;
  isLastAdmin: boolean;
  onRemove: () => void;
}

export function MemberRow({ member: m, isSelf, isLastAdmin, onRemove }: MemberRowProps) {
  const id = useId();
  const { orgId, fail } = useOrg();
  const announce = useAnnounce();
  const change = useChangeRole(orgId);
  const pendingRole = change.isPending ? change.variables.role : undefined;
  const error = change.isError ? errorMessage(change.error) : undefined;

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

  const onRole = async (role: Role) => {
    if (role === m.role || change.isPending) return;
    try {
      await change.mutateAsync({ member: m, role });
      announce(`${m.username} is now ${role}`);
    } catch (e) {
      announce(`Could not change the role of ${m.username}: ${fail(e)}`, 'error');
    }
  };

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
          onChange={(e) => void onRole(e.target.value as Role)}
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

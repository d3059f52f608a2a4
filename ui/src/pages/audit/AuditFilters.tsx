// Filters of the audit log: by action and by member.
import type { AuditAction } from '../../api';
import { useMemberChoices } from '../../data/audit';
import { useOrg } from '../org/context';
import { ACTION_LABELS, ACTIONS } from './describe';

interface AuditFiltersProps {
  action: AuditAction | '';
  onAction: (action: AuditAction | '') => void;
  userId: string;
  onUserId: (userId: string) => void;
}

export function AuditFilters({ action, onAction, userId, onUserId }: AuditFiltersProps) {
  const { orgId } = useOrg();
  const members = useMemberChoices(orgId);
  return (
    <div className="audit-filters">
      <div className="field field-inline">
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" value={action} onChange={(e) => onAction(e.target.value as AuditAction | '')}>
          <option value="">All actions</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="audit-member">Member</label>
        <select id="audit-member" value={userId} onChange={(e) => onUserId(e.target.value)}>
          <option value="">All members</option>
          {(members.data?.items ?? []).map((m) => (
            <option key={m.user_id} value={m.user_id}>
              {m.username}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

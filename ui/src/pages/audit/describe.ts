// An audit event as a sentence in the guide's words: "ann invited bob@example.com as USER".
import type { AuditAction, AuditEvent } from '../../api';

export const ACTION_LABELS: Record<AuditAction, string> = {
  'organization.activated': 'Organization activated',
  'invitation.created': 'Invited',
  'invitation.resent': 'Invitation resent',
  'invitation.revoked': 'Invitation revoked',
  'invitation.accepted': 'Invitation accepted',
  'member.role_changed': 'Role changed',
  'member.removed': 'Removed',
  'application.created': 'Application registered',
  'application.updated': 'Application changed',
  'application.secret_rotated': 'Application secret rotated',
  'application.deleted': 'Application deleted',
};

export const ACTIONS = Object.keys(ACTION_LABELS) as AuditAction[];

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function describeEvent(e: AuditEvent): string {
  const who = e.actor.username;
  const whom = text(e.target.label, e.target.id);
  const details = (e.details ?? {}) as Record<string, unknown>;
  switch (e.action) {
    case 'organization.activated':
      return `${who} activated the organization ${whom}`;
    case 'invitation.created':
      return `${who} invited ${whom} as ${text(details.role, 'a member')}`;
    case 'invitation.resent':
      return `${who} resent the invitation to ${whom}`;
    case 'invitation.revoked':
      return `${who} revoked the invitation for ${whom}`;
    case 'invitation.accepted':
      return `${who} accepted the invitation for ${whom} and joined as ${text(details.role, 'a member')}`;
    case 'member.role_changed':
      return `${who} changed ${whom}'s role from ${text(details.from, '?')} to ${text(details.to, '?')}`;
    case 'member.removed':
      return `${who} removed ${whom}`;
    case 'application.created':
      return `${who} registered the application ${whom}`;
    case 'application.updated': {
      const changed = Array.isArray(details.changed) ? details.changed.map(String).join(', ') : '';
      return `${who} changed the application ${whom}${changed ? ` (${changed.replace(/_/g, ' ')})` : ''}`;
    }
    case 'application.secret_rotated':
      return `${who} rotated the secret of the application ${whom}`;
    case 'application.deleted':
      return `${who} deleted the application ${whom}`;
    default:
      return `${who}: ${String(e.action)} ${whom}`;
  }
}

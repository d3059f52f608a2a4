// Why an action is disabled, in the guide's words (shown beside the control).
export const REASON_SELF = 'You cannot remove yourself';
export const REASON_REMOVED = 'Removed users cannot be modified';
export const REASON_LAST_ADMIN = 'The organization must keep at least one active admin';

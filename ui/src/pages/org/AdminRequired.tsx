import { Link } from '../../router';

export function AdminRequired({ what = 'User management' }: { what?: string }) {
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
        {what} is for organization admins. To invite or manage users, request admin role from current admin.
      </p>
      <p>
        <Link href="/settings/organization">Back to Settings → Organization</Link>
      </p>
    </div>
  );
}

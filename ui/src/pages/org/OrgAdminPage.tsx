// The frame of an admin-only organization page: title, the mode and role checks, the scope.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ApiError, errorMessage, type Me } from '../../api';
import { Alert, usePageTitle } from '../../components';
import { useMe } from '../../me';
import { Link } from '../../router';
import { AdminRequired } from './AdminRequired';
import { OrgContext, type OrgScope } from './context';

function isAccessRefusal(e: unknown): boolean {
  return (
    e instanceof ApiError && (e.code === 'admin_required' || e.code === 'not_a_member' || e.code === 'organization_required')
  );
}

export function OrgAdminPage({ me, title, children }: { me: Me; title: string; children: ReactNode }) {
  usePageTitle(title);
  const org = me.organization;
  const { reload } = useMe();
  const [denied, setDenied] = useState(false);

  const fail = useCallback(
    (e: unknown): string => {
      if (isAccessRefusal(e)) {
        setDenied(true);
        void reload();
      }
      return errorMessage(e);
    },
    [reload],
  );
  const scope = useMemo<OrgScope | null>(
    () => (org ? { me, orgId: org.id, orgName: org.name, fail } : null),
    [me, org, fail],
  );

  let body: ReactNode;
  if (me.mode !== 'organization' || !scope) {
    body = (
      <Alert tone="info" title="Activate organization mode first">
        <p>
          {title} is available once your account runs an organization.{' '}
          <Link href="/settings/organization">Open Settings → Organization</Link>
        </p>
      </Alert>
    );
  } else if (org?.role !== 'ADMIN' || denied) {
    body = <AdminRequired what={title} />;
  } else {
    body = <OrgContext.Provider value={scope}>{children}</OrgContext.Provider>;
  }

  return (
    <div className="page-wide">
      <div className="page-head">
        <p className="eyebrow">{org ? org.name : 'Organization'}</p>
        <h1>{title}</h1>
      </div>
      {body}
    </div>
  );
}

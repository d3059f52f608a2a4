// /organization/applications: the organization's applications (OpenID Connect clients), for
// admins. A new or rotated secret shows once, above the list.
import { useState } from 'react';
import type { ApplicationWithSecret, Me } from '../../api';
import { OrgAdminPage } from '../org/OrgAdminPage';
import { ApplicationsSection } from './ApplicationsSection';
import { RegisterSection } from './RegisterSection';
import { SecretPanel } from './SecretPanel';

export function ApplicationsPage({ me }: { me: Me }) {
  const [shown, setShown] = useState<ApplicationWithSecret | null>(null);
  return (
    <OrgAdminPage me={me} title="Applications">
      {shown && <SecretPanel app={shown} onDone={() => setShown(null)} />}
      <RegisterSection onCreated={setShown} />
      <ApplicationsSection onRotated={setShown} />
    </OrgAdminPage>
  );
}

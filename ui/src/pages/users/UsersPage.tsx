// /organization/users: the guide's three sections, for admins.
import type { Me } from '../../api';
import { OrgAdminPage } from '../org/OrgAdminPage';
import { InvitationsSection } from './InvitationsSection';
import { InviteSection } from './InviteSection';
import { MembersSection } from './MembersSection';

export function UsersPage({ me }: { me: Me }) {
  return (
    <OrgAdminPage me={me} title="User management">
      <InviteSection />
      <MembersSection />
      <InvitationsSection />
    </OrgAdminPage>
  );
}

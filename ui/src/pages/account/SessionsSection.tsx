// "Sessions": where the account is signed in, with "Sign out" per session and
// "Sign out everywhere else".
import { errorMessage } from '../../api';
import { useAnnounce } from '../../announce';
import { Alert, Button } from '../../components';
import { useEndOtherSessions, useSessions } from '../../data/account';
import { Section } from '../../section';
import { DataTable } from '../../table';
import { SessionRow } from './SessionRow';

export function SessionsSection() {
  const list = useSessions();
  const endOthers = useEndOtherSessions();
  const announce = useAnnounce();
  const sessions = list.data?.items ?? [];
  const others = sessions.filter((s) => !s.current).length;
  const noOthers = list.data !== undefined && others === 0;

  const signOutOthers = async () => {
    if (endOthers.isPending) return;
    try {
      await endOthers.mutateAsync();
      announce('Signed out everywhere else');
    } catch (e) {
      announce(`Could not sign out the other sessions: ${errorMessage(e)}`, 'error');
    }
  };

  return (
    <Section
      titleId="sessions-title"
      title="Sessions"
      aside={
        <div className="section-actions">
          {noOthers && (
            <span id="no-other-sessions" className="reason">
              No other sessions
            </span>
          )}
          <Button
            size="sm"
            variant="danger-outline"
            onClick={() => void signOutOthers()}
            disabled={others === 0}
            aria-describedby={noOthers ? 'no-other-sessions' : undefined}
            busy={endOthers.isPending}
            busyLabel="Signing out…"
          >
            Sign out everywhere else
          </Button>
        </div>
      }
    >
      <p className="muted small section-intro">Browsers signed in to your account. Signing one out ends its session at once.</p>
      {list.isError && <Alert>{errorMessage(list.error)}</Alert>}
      <DataTable
        labelledBy="sessions-title"
        columns={['Device', 'Address', 'Started', 'Last active']}
        actions
        fetching={list.isFetching}
        loading={list.isPending}
      >
        {sessions.map((s) => (
          <SessionRow key={s.id} session={s} />
        ))}
      </DataTable>
    </Section>
  );
}

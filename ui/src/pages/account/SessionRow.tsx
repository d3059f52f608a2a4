// One session: device (from its user agent), address, times, and "Sign out". Signing out the
// current one signs this browser out.
import { ApiError, errorMessage, type Session } from '../../api';
import { useAnnounce } from '../../announce';
import { Button } from '../../components';
import { useEndSession } from '../../data/account';
import { isoDateTime } from '../../format';
import { useMe } from '../../me';
import { navigate } from '../../router';
import { Cell } from '../../table';
import { describeDevice } from './device';

export function SessionRow({ session: s }: { session: Session }) {
  const end = useEndSession();
  const { set } = useMe();
  const announce = useAnnounce();
  const device = describeDevice(s.user_agent);

  const signOut = async () => {
    if (end.isPending) return;
    try {
      await end.mutateAsync(s);
      if (s.current) {
        set(null);
        announce('You are logged out');
        navigate('/login', { replace: true });
      } else {
        announce(`Signed out ${device}`);
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) announce('That session had already ended');
      else announce(`Could not sign out ${device}: ${errorMessage(e)}`, 'error');
    }
  };

  return (
    <tr data-testid="session-row" data-current={s.current ? 'true' : undefined}>
      <Cell label="Device">
        <span className="cell-strong">{device}</span>
        {s.current && <span className="you-tag">This device</span>}
        {s.user_agent && <span className="device-agent">{s.user_agent}</span>}
      </Cell>
      <Cell label="Address" className="cell-muted">
        {s.client_address ?? '—'}
      </Cell>
      <Cell label="Started" className="cell-muted">
        {isoDateTime(s.created_at)}
      </Cell>
      <Cell label="Last active" className="cell-muted">
        {isoDateTime(s.last_seen_at)}
      </Cell>
      <Cell label="Actions" className="cell-actions">
        <Button
          size="sm"
          variant="danger-outline"
          onClick={() => void signOut()}
          busy={end.isPending}
          busyLabel="Signing out…"
          aria-label={s.current ? 'Sign out this device' : `Sign out ${device}, last active ${isoDateTime(s.last_seen_at)}`}
        >
          Sign out
        </Button>
      </Cell>
    </tr>
  );
}

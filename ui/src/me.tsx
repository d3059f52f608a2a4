// Who is signed in (GET /api/v1/me), shared by every signed-in page.
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthenticatedHandler, type Me } from './api';
import { navigate, Redirect } from './router';

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'anon' }
  | { status: 'error'; message: string }
  | { status: 'ok'; me: Me };

interface MeApi {
  state: State;
  ensure: () => void;
  reload: () => Promise<Me | null>;
  set: (me: Me | null) => void;
}

const Ctx = createContext<MeApi | null>(null);

export function useMe(): MeApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useMe outside MeProvider');
  return v;
}

// Pages anyone may open: a 401 there does not send the visitor to /login.
const PUBLIC = /^\/(login|signup|forgot-password|invite\/|reset-password\/|verify-email\/)/;

export function MeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const inflight = useRef<Promise<Me | null> | null>(null);
  // Cached lists belong to the signed-in user: dropped when the session ends.
  const queryClient = useQueryClient();

  const reload = useCallback((): Promise<Me | null> => {
    if (inflight.current) return inflight.current;
    setState((s) => (s.status === 'ok' ? s : { status: 'loading' }));
    const p = api
      .me()
      .then((me) => {
        setState({ status: 'ok', me });
        return me;
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setState({ status: 'anon' });
        else setState({ status: 'error', message: e instanceof ApiError ? e.detail || e.title : 'Cannot load your account' });
        return null;
      })
      .finally(() => {
        inflight.current = null;
      });
    inflight.current = p;
    return p;
  }, []);

  // Each signed-in page checks the session again when it opens (shown from cache meanwhile).
  const ensure = useCallback(() => {
    void reload();
  }, [reload]);

  const set = useCallback(
    (me: Me | null) => {
      if (!me) queryClient.clear();
      setState(me ? { status: 'ok', me } : { status: 'anon' });
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      queryClient.clear();
      setState({ status: 'anon' });
      if (!PUBLIC.test(window.location.pathname)) navigate('/login', { replace: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  return <Ctx.Provider value={{ state, ensure, reload, set }}>{children}</Ctx.Provider>;
}

// Renders its child with the signed-in user; sends anonymous visitors to /login.
export function RequireMe({ children }: { children: (me: Me) => ReactNode }) {
  const { state, ensure, reload } = useMe();
  useEffect(() => ensure(), [ensure]);
  if (state.status === 'anon') return <Redirect to="/login" />;
  if (state.status === 'error') {
    return (
      <main className="center-page" id="main">
        <div className="card narrow">
          <h1 className="card-title">Roster is not reachable</h1>
          <p className="muted">{state.message}</p>
          <button type="button" className="btn btn-primary" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (state.status !== 'ok') {
    return (
      <main className="center-page" id="main" aria-busy="true">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  return <>{children(state.me)}</>;
}

// What every part of an admin page needs: who is signed in, the organization, and `fail`.
import { createContext, useContext, useEffect } from 'react';
import { errorMessage, type Me } from '../../api';

export interface OrgScope {
  me: Me;
  orgId: string;
  orgName: string;
  // The message of an error; an access refusal also turns the page into "Admin access required".
  fail: (e: unknown) => string;
}

export const OrgContext = createContext<OrgScope | null>(null);

export function useOrg(): OrgScope {
  const scope = useContext(OrgContext);
  if (!scope) throw new Error('useOrg outside an organization admin page');
  return scope;
}

// The message of a list's load error, once reported through `fail`.
export function useLoadError(error: unknown): string | null {
  const { fail } = useOrg();
  useEffect(() => {
    if (error) fail(error);
  }, [error, fail]);
  return error ? errorMessage(error) : null;
}

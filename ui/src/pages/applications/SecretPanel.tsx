// The one time a client secret is visible: after registering or rotating. It says so, offers
// Copy, and goes away with "Done" (the server keeps only a hash of it).
import { useEffect, useId, useRef } from 'react';
import type { ApplicationWithSecret } from '../../api';
import { useAnnounce } from '../../announce';
import { Button } from '../../components';
import { copyText } from '../users/copyLink';

export function SecretPanel({ app, onDone }: { app: ApplicationWithSecret; onDone: () => void }) {
  const id = useId();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [app]);

  const copy = async (text: string, what: string) => {
    const ok = await copyText(text);
    announce(ok ? `${what} copied` : `Could not copy: select the ${what.toLowerCase()} and copy it`, ok ? 'success' : 'error');
  };

  return (
    <section className="card section secret-panel" aria-labelledby={`${id}-title`} data-testid="secret-panel">
      <h2 id={`${id}-title`} className="section-title" ref={heading} tabIndex={-1}>
        Credentials for {app.name}
      </h2>
      <dl className="credentials">
        <dt id={`${id}-client-id`}>Client ID</dt>
        <dd>
          <code className="link-text" data-testid="client-id">
            {app.client_id}
          </code>
          <Button size="sm" variant="ghost" onClick={() => void copy(app.client_id, 'Client ID')} aria-describedby={`${id}-client-id`}>
            Copy
          </Button>
        </dd>
        {app.client_secret && (
          <>
            <dt id={`${id}-secret`}>Client secret</dt>
            <dd>
              <code className="link-text" data-testid="client-secret">
                {app.client_secret}
              </code>
              <Button size="sm" variant="ghost" onClick={() => void copy(app.client_secret!, 'Client secret')} aria-describedby={`${id}-secret`}>
                Copy secret
              </Button>
            </dd>
          </>
        )}
      </dl>
      {app.client_secret ? (
        <p className="alert alert-warning" role="note" data-testid="secret-once">
          This secret is shown only once. Copy it now and store it in the application's configuration: Roster keeps only
          a hash of it. If it is lost, rotate the secret to get a new one.
        </p>
      ) : (
        <p className="muted">A public application has no secret: it signs in with PKCE.</p>
      )}
      <div>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </div>
    </section>
  );
}

// One registered application: name and client ID, type, who may sign in, redirect URIs, and
// Edit, Rotate secret (confidential ones) and Delete.
import type { Application } from '../../api';
import { Badge, Button } from '../../components';
import { Cell } from '../../table';

export type RowAction = 'edit' | 'rotate' | 'delete';

export function ApplicationRow({ app, onAction }: { app: Application; onAction: (action: RowAction) => void }) {
  const adminsOnly = !app.allowed_roles.includes('USER');
  return (
    <tr data-testid="application-row" data-name={app.name}>
      <td className="cell-strong">
        {app.name}
        <p className="muted small">
          <span className="visually-hidden">Client ID </span>
          <code>{app.client_id}</code>
        </p>
      </td>
      <Cell label="Type">
        <Badge value={app.type === 'public' ? 'Public' : 'Confidential'} />
      </Cell>
      <Cell label="Who may sign in">{adminsOnly ? 'Admins only' : 'Users and admins'}</Cell>
      <Cell label="Redirect URIs">
        <ul className="uri-list">
          {app.redirect_uris.map((uri) => (
            <li key={uri}>
              <code>{uri}</code>
            </li>
          ))}
        </ul>
      </Cell>
      <td className="cell-actions">
        <div className="row-actions">
          <Button size="sm" onClick={() => onAction('edit')} aria-label={`Edit ${app.name}`}>
            Edit
          </Button>
          {app.type === 'confidential' && (
            <Button size="sm" onClick={() => onAction('rotate')} aria-label={`Rotate secret of ${app.name}`}>
              Rotate secret
            </Button>
          )}
          <Button size="sm" variant="danger-outline" onClick={() => onAction('delete')} aria-label={`Delete ${app.name}`}>
            Delete
          </Button>
        </div>
      </td>
    </tr>
  );
}

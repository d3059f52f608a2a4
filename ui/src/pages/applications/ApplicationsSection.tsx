// "Registered applications": the list and the dialogs its rows open.
import { useRef, useState } from 'react';
import type { Application, ApplicationWithSecret } from '../../api';
import { Alert } from '../../components';
import { useApplications } from '../../data/applications';
import { SkeletonRows } from '../../table';
import { useLoadError, useOrg } from '../org/context';
import { ApplicationRow, type RowAction } from './ApplicationRow';
import { DeleteDialog, RotateDialog } from './ConfirmDialogs';
import { EditDialog } from './EditDialog';

export function ApplicationsSection({ onRotated }: { onRotated: (app: ApplicationWithSecret) => void }) {
  const { orgId } = useOrg();
  const list = useApplications(orgId);
  const error = useLoadError(list.error);
  const [open, setOpen] = useState<{ app: Application; action: RowAction } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const apps = list.data?.items ?? [];
  const close = () => setOpen(null);
  const dialogProps = open && { app: open.app, onClose: close, fallbackFocus: () => heading.current };

  return (
    <section className="card section" aria-labelledby="apps-title">
      <div className="section-head">
        <h2 id="apps-title" className="section-title" ref={heading} tabIndex={-1}>
          Registered applications
        </h2>
      </div>
      {error && <Alert>{error}</Alert>}
      {list.data && !error && apps.length === 0 ? (
        <div className="empty-inline" data-testid="applications-empty">
          No applications yet — register one above
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table table-applications" aria-labelledby="apps-title" aria-busy={list.isFetching || undefined}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Who may sign in</th>
                <th scope="col">Redirect URIs</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {apps.map((app) => (
                <ApplicationRow key={app.client_id} app={app} onAction={(action) => setOpen({ app, action })} />
              ))}
              {!list.data && !list.isError && <SkeletonRows cols={5} />}
            </tbody>
          </table>
        </div>
      )}
      {dialogProps && open.action === 'edit' && <EditDialog {...dialogProps} />}
      {dialogProps && open.action === 'rotate' && <RotateDialog {...dialogProps} onRotated={onRotated} />}
      {dialogProps && open.action === 'delete' && <DeleteDialog {...dialogProps} />}
    </section>
  );
}

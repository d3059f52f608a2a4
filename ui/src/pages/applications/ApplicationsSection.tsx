// "Registered applications": the list and the dialogs its rows open.
import { useRef, useState } from 'react';
import type { Application, ApplicationWithSecret } from '../../api';
import { Alert } from '../../components';
import { useApplications } from '../../data/applications';
import { Section } from '../../section';
import { DataTable } from '../../table';
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
    <Section titleId="apps-title" title="Registered applications" headingRef={heading}>
      {error && <Alert>{error}</Alert>}
      {list.data && !error && apps.length === 0 ? (
        <div className="empty-inline" data-testid="applications-empty">
          No applications yet — register one above
        </div>
      ) : (
        <DataTable
          labelledBy="apps-title"
          className="table-applications"
          columns={['Name', 'Type', 'Who may sign in', 'Redirect URIs']}
          actions
          fetching={list.isFetching}
          loading={!list.data && !list.isError}
        >
          {apps.map((app) => (
            <ApplicationRow key={app.client_id} app={app} onAction={(action) => setOpen({ app, action })} />
          ))}
        </DataTable>
      )}
      {dialogProps && open.action === 'edit' && <EditDialog {...dialogProps} />}
      {dialogProps && open.action === 'rotate' && <RotateDialog {...dialogProps} onRotated={onRotated} />}
      {dialogProps && open.action === 'delete' && <DeleteDialog {...dialogProps} />}
    </Section>
  );
}

// "Resend": mails a fresh email-confirmation link (earlier links stop working).
import { errorMessage } from '../../api';
import { useAnnounce } from '../../announce';
import { Button } from '../../components';
import { useResendVerification } from '../../data/account';

export function ResendVerificationButton() {
  const resend = useResendVerification();
  const announce = useAnnounce();

  const send = async () => {
    if (resend.isPending) return;
    try {
      await resend.mutateAsync();
      announce('Sent.');
    } catch (e) {
      announce(`Not sent: ${errorMessage(e)}`, 'error');
    }
  };

  return (
    <span className="resend">
      <Button size="sm" onClick={() => void send()} busy={resend.isPending} busyLabel="Sending…">
        Resend
      </Button>
      {resend.isSuccess && <span className="resend-result">Sent.</span>}
      {resend.isError && <span className="field-error">{errorMessage(resend.error)}</span>}
    </span>
  );
}

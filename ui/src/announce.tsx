// One polite live region for the whole app: every action announces its outcome here.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

type Tone = 'success' | 'error' | 'info';
interface Message {
  id: number;
  text: string;
  tone: Tone;
}

type Announce = (text: string, tone?: Tone) => void;
const Ctx = createContext<Announce>(() => {});

export function useAnnounce(): Announce {
  return useContext(Ctx);
}

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [msg, setMsg] = useState<Message | null>(null);
  const seq = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const announce = useCallback<Announce>((text, tone = 'success') => {
    seq.current += 1;
    setMsg({ id: seq.current, text, tone });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setMsg(null), tone === 'error' ? 10000 : 6000);
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <Ctx.Provider value={announce}>
      {children}
      {createPortal(
        <div className="toast-region" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
          {msg && (
            <div key={msg.id} className={`toast toast-${msg.tone}`}>
              <span className="toast-text">{msg.text}</span>
              <button type="button" className="toast-close" aria-label="Dismiss message" onClick={() => setMsg(null)}>
                ×
              </button>
            </div>
          )}
        </div>,
        document.body,
      )}
    </Ctx.Provider>
  );
}

import { useState } from 'react';

/**
 * A newly issued API key, shown this once: chartgate keeps only its hash, so after this panel is
 * closed nobody (not even an admin) can see the key again.
 */
export function KeyReveal({ issued, onDone }: { issued: { id: string; prefix: string; key: string; expiresAt: string | null }; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.key);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="notice notice-key" data-testid="key-reveal">
      <h3>New API key {issued.prefix}</h3>
      <p>Copy it now and store it with the integration. It is shown only this once; chartgate keeps only a hash of it.</p>
      <code className="secret" data-testid="issued-key">
        {issued.key}
      </code>
      {issued.expiresAt ? <p>Expires {new Date(issued.expiresAt).toLocaleString()}.</p> : null}
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="primary" onClick={onDone} data-testid="key-stored">
          I have stored it
        </button>
      </div>
    </section>
  );
}

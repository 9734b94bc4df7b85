import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/ApiError';
import { postJson } from '../api/graphql';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field, fieldError } from '../components/Field';

/**
 * Sign-in: user name and password, then the TOTP code when the account has one. The page the
 * person was on stays in the address bar and comes back after signing in.
 */
export function LoginScreen({ ended, onSignedIn }: { ended: boolean; onSignedIn: () => Promise<void> }) {
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      if (step === 'password') {
        const r = await postJson<{ totpRequired?: boolean }>('/admin/api/login', { userName, password });
        if (r.totpRequired) {
          setStep('totp');
          return;
        }
      } else {
        await postJson('/admin/api/totp', { code });
      }
      setPassword('');
      await onSignedIn();
    } catch (err) {
      const apiError = err as ApiError;
      // an expired TOTP step starts over
      if (step === 'totp' && apiError.code === 'UNAUTHENTICATED' && /expired/.test(apiError.message)) setStep('password');
      setError(apiError);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="login">
      <form onSubmit={(e) => void submit(e)} className="card" aria-label="Sign in">
        <h1>chartgate console</h1>
        {ended ? (
          <p className="notice notice-wait" data-testid="session-ended">
            Your session has ended. Sign in again to go back to this page.
          </p>
        ) : null}
        {step === 'password' ? (
          <>
            <Field id="userName" label="User name" error={fieldError(error, 'userName', '')}>
              <input id="userName" name="userName" autoComplete="username" value={userName} onChange={(e) => setUserName(e.target.value)} autoFocus />
            </Field>
            <Field id="password" label="Password" error={fieldError(error, 'password', '')}>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </Field>
          </>
        ) : (
          <Field id="code" label="Code from your authenticator app" error={fieldError(error, 'code', '')}>
            <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
          </Field>
        )}
        <ErrorNotice error={error?.field ? undefined : error} />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Signing in…' : step === 'password' ? 'Sign in' : 'Verify'}
        </button>
      </form>
    </div>
  );
}

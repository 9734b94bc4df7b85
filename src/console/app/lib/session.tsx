import { createContext, useContext } from 'react';

export interface ConsoleUser {
  id: string;
  userName: string;
  /** SYSTEM_ADMINISTRATOR | TECHNICAL_LEAD | AUDITOR */
  role: string;
  totpEnabled: boolean;
}

export interface Session {
  user: ConsoleUser;
  scopes: string[];
}

export const ROLE_TITLES: Record<string, string> = {
  SYSTEM_ADMINISTRATOR: 'System Administrator',
  TECHNICAL_LEAD: 'Technical Lead',
  AUDITOR: 'Auditor',
};

/** What the signed-in person's role may do (the server checks again on every request). */
export const can = (session: Session, scope: string): boolean => session.scopes.includes(scope) || (scope === 'admin:read' && session.scopes.includes('admin'));

export const SessionContext = createContext<{ session: Session; refresh: () => Promise<void> } | null>(null);

export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in console');
  return value;
}

/** Who is calling: fixed when a request's services are built, never changed afterwards. */
export interface Principal {
  /** gw_client.id: the program stamp (SecProgramNum*) */
  readonly clientId: number;
  readonly clientName: string;
  /** gw_api_key.id (0 for OAuth tokens' own keyless grant or the CLI) */
  readonly keyId: number;
  readonly scopes: ReadonlySet<string>;
  /** null = every clinic; otherwise only these ClinicNums are visible */
  readonly clinicIds: ReadonlySet<number> | null;
  /** the user stamp (SecUserNum*): the client's service user or a staff user it acts for */
  readonly actingUser: { readonly userNum: number; readonly userName: string };
  /** the console user behind a session (gw_admin_user); absent for API keys, tokens and the CLI */
  readonly admin?: { readonly id: number; readonly userName: string; readonly role: string; readonly sessionId: number };
}

/** The principal used by the CLI and seed: chartgate itself (ProgramNum 0). */
export const systemPrincipal = (userNum = 0, userName = 'chartgate'): Principal => ({
  clientId: 0,
  clientName: 'chartgate',
  keyId: 0,
  scopes: new Set(['admin']),
  clinicIds: null,
  actingUser: { userNum, userName },
});

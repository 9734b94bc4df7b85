/** The fields of a client every console screen reads (GraphQL `Client`), as the admin API returns them. */
export interface ClientSummary {
  id: string;
  name: string;
  vendor: string;
  kind: string;
  class: string;
  status: string;
  suspendedReason: string | null;
  scopes: string[];
  clinicIds: number[] | null;
  ipAllowList: string[];
  mode: string;
}

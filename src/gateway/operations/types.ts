/** A certified operation: the canonical document of one operation, by its sha256. Times are ISO 8601 UTC. */
export interface StoredOperation {
  readonly clientId: number;
  readonly hash: string;
  readonly name: string;
  readonly document: string;
  /** the static cost at the worst variables the schema allows */
  readonly cost: number;
  /** the app deployment that last registered it ('' = none given) */
  readonly appName: string;
  readonly appVersion: string;
  readonly createdAt: string;
  /** null = certified; set = kept for the record, no longer certified */
  readonly retiredAt: string | null;
}

/** How often the integration log saw an operation (within its retention), and when last. */
export interface OperationUsage {
  readonly requests: number;
  /** ISO 8601 UTC, null = not in the log */
  readonly lastUsedAt: string | null;
}

export interface OperationToRegister {
  readonly hash: string;
  readonly name: string;
  readonly document: string;
  readonly cost: number;
}

/** A Hive-style app deployment label: the app and the version whose operations these are. */
export interface OperationLabel {
  readonly appName: string;
  readonly appVersion: string;
}

/** What registering did to each operation. */
export type RegisterOutcome = 'registered' | 'unchanged' | 'relabeled' | 'restored';

/** Which of a client's operations to retire: by hash or name, or every one labelled with an app version. */
export interface OperationSelector {
  readonly hashesOrNames?: readonly string[];
  readonly label?: OperationLabel;
}

/** An operation a client in log mode sent without registering it. `firstSeenAt` is ISO 8601 UTC. */
export interface SeenOperation {
  readonly clientId: number;
  readonly hash: string;
  readonly name: string;
  readonly document: string;
  readonly firstSeenAt: string;
}

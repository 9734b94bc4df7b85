import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** Adds the stamp columns (docs/architecture.md "Data") (who/which program created and last changed the row). */
export function withStampColumns<T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return t
    .addColumn('SecUserNumEntry', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('SecProgramNumEntry', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('SecUserNumEdit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('SecProgramNumEdit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('SecDateTEntry', 'datetime', (c) => c.notNull())
    .addColumn('DateTStamp', 'datetime', (c) => c.notNull())
    .addColumn('RowVersion', 'integer', (c) => c.notNull().defaultTo(1));
}

/** An auto-increment integer primary key that both dialects accept. */
export function withKey<T extends string>(t: CreateTableBuilder<T, never>, name: string): CreateTableBuilder<T, never> {
  return t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
}

/** VARCHAR(n) NOT NULL DEFAULT '' (Open Dental's convention: empty strings, not nulls). */
export const str = (n = 255) => `varchar(${n})` as const;

export type TableBuilder = CreateTableBuilder<string, never>;

/** What a migration runs against: untyped on purpose, a migration must not depend on today's table types (Kysely's own advice). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one untyped handle, for migrations only
export type MigrationDb = Kysely<any>;

/** `create table if not exists`, InnoDB + utf8mb4 on MySQL, so an existing practice database keeps its tables. */
export function tableCreator(db: MigrationDb, isMysql: boolean) {
  return (name: string, build: (t: TableBuilder) => TableBuilder) => {
    let t = build(db.schema.createTable(name).ifNotExists() as TableBuilder);
    if (isMysql) t = t.modifyEnd(sql`engine=InnoDB default charset=utf8mb4`);
    return t.execute();
  };
}

import type { MigrationDb, TableBuilder } from './columnHelpers.js';
import type { ColumnDefinitionBuilder, Migration } from 'kysely';
import { str, tableCreator, withKey, withStampColumns } from './columnHelpers.js';

type Builder = TableBuilder;

/** The practice tables with Open Dental's names. `IF NOT EXISTS` so an existing practice database keeps its tables. */
export const practiceTables = (dialect: 'mysql' | 'sqlite'): Migration => ({ up: (db) => up(db, dialect === 'mysql') });

async function up(db: MigrationDb, isMysql: boolean): Promise<void> {
  const table = tableCreator(db, isMysql);
  const text = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');

  await table('clinic', (t) =>
    withStampColumns(
      withKey(t, 'ClinicNum')
        .addColumn('Description', str(), text)
        .addColumn('Abbr', str(32), text)
        .addColumn('Address', str(), text)
        .addColumn('City', str(), text)
        .addColumn('State', str(32), text)
        .addColumn('Zip', str(16), text)
        .addColumn('Phone', str(32), text)
        .addColumn('IsHidden', 'integer', (c) => c.notNull().defaultTo(0)),
    ),
  );

  await table('provider', (t) =>
    withStampColumns(
      withKey(t, 'ProvNum')
        .addColumn('Abbr', str(32), text)
        .addColumn('LName', str(100), text)
        .addColumn('FName', str(100), text)
        .addColumn('Suffix', str(32), text)
        .addColumn('IsSecondary', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('Specialty', str(64), text)
        .addColumn('FeeSched', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ClinicNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('IsHidden', 'integer', (c) => c.notNull().defaultTo(0)),
    ),
  );

  await table('operatory', (t) =>
    withStampColumns(
      withKey(t, 'OperatoryNum')
        .addColumn('OpName', str(100), text)
        .addColumn('Abbrev', str(32), text)
        .addColumn('ClinicNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ProvDentist', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ProvHygienist', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('IsHygiene', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('IsHidden', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ItemOrder', 'integer', (c) => c.notNull().defaultTo(0)),
    ),
  );

  await table('userod', (t) =>
    withStampColumns(
      withKey(t, 'UserNum')
        .addColumn('UserName', str(100), text)
        .addColumn('ProvNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ClinicNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('IsHidden', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('IsServiceUser', 'integer', (c) => c.notNull().defaultTo(0)),
    ),
  );

  await table('patient', (t) =>
    withStampColumns(
      withKey(t, 'PatNum')
        .addColumn('LName', str(100), text)
        .addColumn('FName', str(100), text)
        .addColumn('MiddleI', str(32), text)
        .addColumn('Preferred', str(100), text)
        .addColumn('PatStatus', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('Gender', 'integer', (c) => c.notNull().defaultTo(2))
        .addColumn('Birthdate', 'date')
        .addColumn('Email', str(), text)
        .addColumn('HmPhone', str(32), text)
        .addColumn('WirelessPhone', str(32), text)
        .addColumn('Address', str(), text)
        .addColumn('City', str(100), text)
        .addColumn('State', str(32), text)
        .addColumn('Zip', str(16), text)
        .addColumn('Guarantor', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('PriProv', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('SecProv', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ClinicNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('DateFirstVisit', 'date'),
    ),
  );

  const appointmentColumns = (t: Builder) =>
    t
      .addColumn('PatNum', 'integer', (c) => c.notNull())
      .addColumn('AptStatus', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('Pattern', str(), text)
      .addColumn('Confirmed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('Op', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ProvNum', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ProvHyg', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('AptDateTime', 'datetime', (c) => c.notNull())
      .addColumn('Note', 'text')
      .addColumn('ClinicNum', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('IsHygiene', 'integer', (c) => c.notNull().defaultTo(0));

  await table('appointment', (t) => withStampColumns(appointmentColumns(withKey(t, 'AptNum'))));

  await table('histappointment', (t) =>
    withStampColumns(appointmentColumns(withKey(t, 'HistApptNum').addColumn('AptNum', 'integer', (c) => c.notNull())))
      .addColumn('HistUserNum', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('HistDateStamp', 'datetime', (c) => c.notNull())
      .addColumn('HistApptAction', 'integer', (c) => c.notNull())
      .addColumn('ApptSource', 'integer', (c) => c.notNull().defaultTo(0)),
  );

  await table('procedurecode', (t) =>
    withKey(t, 'CodeNum')
      .addColumn('ProcCode', str(16), (c) => c.notNull().unique())
      .addColumn('Descript', str(), text)
      .addColumn('AbbrDesc', str(64), text)
      .addColumn('ProcTime', str(64), text)
      .addColumn('ProcCat', str(64), text)
      .addColumn('IsHygiene', 'integer', (c) => c.notNull().defaultTo(0)),
  );

  await table('fee', (t) =>
    withKey(t, 'FeeNum')
      .addColumn('FeeSched', 'integer', (c) => c.notNull())
      .addColumn('CodeNum', 'integer', (c) => c.notNull())
      .addColumn('Amount', 'decimal(12, 2)', (c) => c.notNull()),
  );

  await table('procedurelog', (t) =>
    withStampColumns(
      withKey(t, 'ProcNum')
        .addColumn('PatNum', 'integer', (c) => c.notNull())
        .addColumn('AptNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ProcStatus', 'integer', (c) => c.notNull())
        .addColumn('CodeNum', 'integer', (c) => c.notNull())
        .addColumn('ProcFee', 'decimal(12, 2)', (c) => c.notNull().defaultTo(0))
        .addColumn('ProcDate', 'date', (c) => c.notNull())
        .addColumn('ProvNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ClinicNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ToothNum', str(8), text)
        .addColumn('Surf', str(16), text)
        .addColumn('DateComplete', 'date'),
    ),
  );

  await table('payment', (t) =>
    withStampColumns(
      withKey(t, 'PayNum')
        .addColumn('PatNum', 'integer', (c) => c.notNull())
        .addColumn('ClinicNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('PayType', str(32), text)
        .addColumn('PayDate', 'date', (c) => c.notNull())
        .addColumn('PayAmt', 'decimal(12, 2)', (c) => c.notNull())
        .addColumn('CheckNum', str(32), text)
        .addColumn('PayNote', 'text'),
    ),
  );

  await table('paysplit', (t) =>
    withStampColumns(
      withKey(t, 'SplitNum')
        .addColumn('PayNum', 'integer', (c) => c.notNull())
        .addColumn('PatNum', 'integer', (c) => c.notNull())
        .addColumn('ProvNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ProcNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ClinicNum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('DatePay', 'date', (c) => c.notNull())
        .addColumn('SplitAmt', 'decimal(12, 2)', (c) => c.notNull()),
    ),
  );

  await table('securitylog', (t) =>
    withKey(t, 'SecurityLogNum')
      .addColumn('PermType', str(64), text)
      .addColumn('UserNum', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ProgramNum', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ApiKeyNum', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('RequestId', str(64), text)
      .addColumn('LogDateTime', 'datetime', (c) => c.notNull())
      .addColumn('PatNum', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('FKey', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('LogSource', str(32), text)
      .addColumn('LogText', 'text')
      .addColumn('Changes', 'text')
      .addColumn('PrevHash', str(64), text)
      .addColumn('LogHash', str(64), text),
  );

  const index = (name: string, tableName: string, columns: string[], unique = false) => {
    let b = db.schema.createIndex(name).on(tableName).columns(columns);
    if (unique) b = b.unique();
    return b.execute();
  };
  await index('patient_clinic', 'patient', ['ClinicNum', 'PatNum']);
  await index('patient_stamp', 'patient', ['DateTStamp', 'PatNum']);
  await index('patient_guarantor', 'patient', ['Guarantor']);
  await index('patient_name', 'patient', ['LName', 'FName']);
  await index('appointment_time', 'appointment', ['AptDateTime', 'AptNum']);
  await index('appointment_patient', 'appointment', ['PatNum', 'AptDateTime']);
  await index('appointment_op', 'appointment', ['Op', 'AptDateTime']);
  await index('appointment_prov', 'appointment', ['ProvNum', 'AptDateTime']);
  await index('appointment_clinic', 'appointment', ['ClinicNum', 'AptDateTime']);
  await index('appointment_stamp', 'appointment', ['DateTStamp', 'AptNum']);
  await index('histappointment_apt', 'histappointment', ['AptNum']);
  await index('fee_sched_code', 'fee', ['FeeSched', 'CodeNum'], true);
  await index('procedurelog_patient', 'procedurelog', ['PatNum', 'ProcDate']);
  await index('procedurelog_apt', 'procedurelog', ['AptNum']);
  await index('procedurelog_date', 'procedurelog', ['ProcDate', 'ProcNum']);
  await index('procedurelog_prov', 'procedurelog', ['ProvNum', 'ProcDate']);
  await index('procedurelog_stamp', 'procedurelog', ['DateTStamp', 'ProcNum']);
  await index('payment_patient', 'payment', ['PatNum', 'PayDate']);
  await index('payment_date', 'payment', ['PayDate', 'PayNum']);
  await index('payment_stamp', 'payment', ['DateTStamp', 'PayNum']);
  await index('paysplit_payment', 'paysplit', ['PayNum']);
  await index('paysplit_proc', 'paysplit', ['ProcNum']);
  await index('securitylog_patient', 'securitylog', ['PatNum']);
  await index('securitylog_time', 'securitylog', ['LogDateTime']);
  await index('securitylog_program', 'securitylog', ['ProgramNum']);
}

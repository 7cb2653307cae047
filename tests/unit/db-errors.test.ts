import { describe, expect, it } from 'vitest';
import {
  CHANGED_MEANWHILE,
  DATABASE_BUSY,
  DATABASE_UNREACHABLE,
  isUniqueViolation,
  isWriteConflict,
  plainDatabaseFailure,
} from '../../src/db/errors.ts';
import { StaleRead } from '../../src/db/queries/row-lock.ts';

const prismaError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('plainDatabaseFailure', () => {
  it('turns a lost unique-key race or a write conflict into a sentence', () => {
    const raw =
      'Invalid `tx.member.create()` invocation: Unique constraint failed on the fields: (`slackUserId`)';
    expect(plainDatabaseFailure(prismaError('P2002', raw))).toBe(CHANGED_MEANWHILE);
    expect(plainDatabaseFailure(prismaError('P2034', 'write conflict or a deadlock'))).toBe(
      CHANGED_MEANWHILE,
    );
    expect(plainDatabaseFailure(new StaleRead())).toBe(CHANGED_MEANWHILE);
  });

  it('reads a driver adapter’s own error (a COMMIT that lost a serializable race) as Prisma’s code', () => {
    const adapterError = (kind: string) =>
      Object.assign(new Error(kind), { name: 'DriverAdapterError', cause: { kind } });
    expect(isWriteConflict(adapterError('TransactionWriteConflict'))).toBe(true);
    expect(plainDatabaseFailure(adapterError('TransactionWriteConflict'))).toBe(CHANGED_MEANWHILE);
    expect(plainDatabaseFailure(adapterError('UniqueConstraintViolation'))).toBe(CHANGED_MEANWHILE);
    expect(isUniqueViolation(adapterError('UniqueConstraintViolation'))).toBe(true);
    expect(isUniqueViolation(adapterError('TransactionWriteConflict'))).toBe(false);
    expect(isWriteConflict(adapterError('GenericJs'))).toBe(false);
    expect(isWriteConflict(prismaError('P2034', 'Transaction failed'))).toBe(true);
  });

  it('names a database that is gone, or busy with another process’s write', () => {
    expect(plainDatabaseFailure(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(DATABASE_UNREACHABLE);
    expect(plainDatabaseFailure(prismaError('P1001', "Can't reach database server"))).toBe(
      DATABASE_UNREACHABLE,
    );
    expect(plainDatabaseFailure(new Error('no answer within 1000 ms'))).toBe(DATABASE_UNREACHABLE);
    expect(plainDatabaseFailure(new Error('Operation has timed out'))).toBe(DATABASE_BUSY);
    expect(plainDatabaseFailure(new Error('SQLITE_BUSY: database is locked'))).toBe(DATABASE_BUSY);
  });

  it('leaves a plain bug alone, so it is logged and answered as one', () => {
    expect(
      plainDatabaseFailure(new TypeError("Cannot read properties of undefined (reading 'id')")),
    ).toBeUndefined();
  });
});

// Database errors both engines report alike.

/** Prisma reports a unique constraint violation as P2002, on both engines. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'P2002' ||
    (error instanceof Error &&
      /unique constraint|UNIQUE constraint failed|duplicate key/i.test(error.message))
  );
}

// A bound on how long one piece of work may hold up an answer that has its own deadline (Slack's 3 s).

/** Rejects with "no answer within N ms" when `work` takes longer; `work` itself is left to finish. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

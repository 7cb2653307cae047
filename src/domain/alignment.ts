// The alignment tree: each objective may sit under one parent. A link that would make an objective its own
// ancestor turns the tree into a loop, and roll-ups and tree views would never end, so such links are refused.

/** Each objective's parent (null or absent for a top-level objective), keyed by objective id. */
export type ParentLinks = ReadonlyMap<number, number | null>;

/**
 * The loop that aligning `child` under `parent` would close, or undefined when the link is safe.
 * The path starts at `parent` and climbs its ancestors up to `child`, e.g. [O-1, O-3, O-5] for
 * "O-1 is already aligned under O-5 (O-1 → O-3 → O-5)". Aligning an objective under itself gives [child].
 */
export function alignmentLoop(links: ParentLinks, child: number, parent: number): number[] | undefined {
  const path: number[] = [];
  const seen = new Set<number>();
  let cursor: number | null | undefined = parent;
  while (cursor !== null && cursor !== undefined) {
    path.push(cursor);
    if (cursor === child) return path;
    // Stored data should never hold a loop already; stop rather than climb for ever if it somehow does.
    if (seen.has(cursor)) return undefined;
    seen.add(cursor);
    cursor = links.get(cursor);
  }
  return undefined;
}

/** The links with `child` moved under `parent` (or made top-level with null): what accepting a link means. */
export function withLink(
  links: ParentLinks,
  child: number,
  parent: number | null,
): Map<number, number | null> {
  const next = new Map(links);
  next.set(child, parent);
  return next;
}

/** True when following parents from every objective always ends at a top-level one. */
export function isForest(links: ParentLinks): boolean {
  for (const start of links.keys()) {
    const seen = new Set<number>();
    let cursor: number | null | undefined = start;
    while (cursor !== null && cursor !== undefined) {
      if (seen.has(cursor)) return false;
      seen.add(cursor);
      cursor = links.get(cursor);
    }
  }
  return true;
}

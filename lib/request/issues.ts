import type { z } from "zod";

/**
 * Which schema issue to blame: one rule for the composer (which lists every issue of a body) and the local engine
 * (which answers with one), so both point at the same field for the same body.
 *
 * Unions report one issue list per branch. The branch that explains the value is the one that got deepest into it,
 * except that a branch whose own `type` did not match is the wrong branch, however deep its other issues go
 * (`{type: "grammar", definition: ""}` is a grammar with an empty definition, not a `text` format with a bad type).
 */

export type SchemaIssue = z.core.$ZodIssue;

/** Every issue, with each union replaced by the issues of the branch that explains the value (paths made whole). */
export function flattenIssues(issues: readonly SchemaIssue[]): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => flattenIssues(branch));
      const best = branches.reduce((a, b) => (score(b) > score(a) ? b : a), branches[0] ?? []);
      if (depth(best) > 0) {
        for (const nested of best) out.push({ ...nested, path: [...issue.path, ...nested.path] } as SchemaIssue);
        continue;
      }
    }
    out.push(issue);
  }
  return out;
}

/** The one issue to answer with: the deepest of `flattenIssues` (the first of them on a tie). */
export function blameIssue(issues: readonly SchemaIssue[]): SchemaIssue | undefined {
  let best: SchemaIssue | undefined;
  for (const issue of flattenIssues(issues)) if (!best || issue.path.length > best.path.length) best = issue;
  return best;
}

function score(branch: readonly SchemaIssue[]): number {
  return depth(branch) - (branch.some((i) => i.path.length === 1 && i.path[0] === "type") ? 100 : 0);
}

function depth(issues: readonly SchemaIssue[]): number {
  return issues.reduce((max, i) => Math.max(max, i.path.length), 0);
}

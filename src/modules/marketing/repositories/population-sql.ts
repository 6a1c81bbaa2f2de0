import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * Turns Postgres's JIT compiler off until the transaction ends, for
 * statements that match a segment rule against every contact (count
 * previews, segment builds, the time-boundary check). They are planned far
 * above `jit_above_cost`, so Postgres compiles them with inlining and
 * optimisation in the leader and each parallel worker, which costs more
 * than it saves: at a million contacts, timed side by side with JIT on,
 * previews of three of four rules over orders took 16–23% less with it off,
 * and none took longer (BENCHMARKS.md). The score refresh's statements keep
 * Postgres's default; they were not shown to gain. `LOCAL` keeps the setting
 * to the transaction, so a pooled connection goes back as it came.
 */
export const JIT_OFF_SQL = "SET LOCAL jit = off"

/**
 * Runs `work` with the JIT compiler off: in the manager's transaction when
 * there is one (the setting then holds until it ends), else in a
 * transaction of its own on a pooled connection.
 *
 * @example
 * const rows = await withoutJit(manager, async (trx) => (await trx.raw(sql, bindings)).rows)
 */
export async function withoutJit<T>(manager: SqlEntityManager, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const run = async (trx: Knex.Transaction) => {
    await trx.raw(JIT_OFF_SQL)
    return await work(trx)
  }
  const transaction = manager.getTransactionContext() as Knex.Transaction | undefined
  return transaction ? await run(transaction) : await manager.getKnex().transaction(run)
}

/**
 * A segment rule's read over the whole population, with its values sent as
 * statement parameters (`?`), and the JIT compiler off (`withoutJit`).
 */
export async function scanRows<T>(manager: SqlEntityManager, sql: string, bindings: unknown[] = []): Promise<T[]> {
  return await withoutJit(manager, async (trx) => ((await trx.raw(sql, bindings as never[])) as { rows: T[] }).rows)
}

/**
 * Gives a count preview's statement room for its hashes and bitmaps: with
 * the default 4 MB, the bitmap of a product's orders across the timeline
 * goes lossy and every row of the pages it names is rechecked. At a million
 * contacts, "bought product 1 this month and subscribed" took 2.4 s with
 * the default and 0.8 s with this (BENCHMARKS.md). A preview runs when a
 * merchandiser edits rules, not in a loop, so the memory is spent rarely.
 */
export const PREVIEW_WORK_MEM_SQL = "SET LOCAL work_mem = '32MB'"

/**
 * A segment preview in one pass over the contacts: the ids matching
 * `where` (over `marketing_contact c`) are kept once, counted, and the
 * most recently seen of them listed. Two statements, a count and a sample,
 * would each match the rule in full, and on two connections they only
 * compete for the same cores. Bindings: the rule's, then how many ids to
 * list. Returns one row: `count` and `ids`.
 */
export function previewMatchSql(where: string): string {
  return `WITH matched AS MATERIALIZED (SELECT c.id, c.last_seen_at FROM marketing_contact c WHERE ${where})
    SELECT (SELECT count(*) FROM matched) AS count,
      array(SELECT id FROM matched ORDER BY last_seen_at DESC NULLS LAST, id LIMIT ?) AS ids`
}

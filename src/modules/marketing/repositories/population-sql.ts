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
 * The transaction settings of a read of every contact (a count preview,
 * a rebuild of segments), in one statement. `work_mem`
 * gives its hashes and bitmaps room: with the default 4 MB a product's
 * order bitmap goes lossy and every row of the pages it names is
 * rechecked. The two parallel costs let the planner split the preview's
 * one scan of the contacts over worker processes: by default it counts
 * each matching row passed back from a worker as dearer than matching it
 * alone, and at a million contacts kept "ever bought product 1" and "three
 * or more orders in 180 days" in one process at over a second each, where
 * workers took them under 0.8 s (BENCHMARKS.md). A preview runs when a
 * merchandiser edits rules and a rebuild at most hourly, not in a loop,
 * so the memory and the workers are spent rarely.
 */
export const WHOLE_SCAN_SETTINGS_SQL = `SELECT set_config('work_mem', '32MB', true),
  set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true)`

/**
 * A segment preview in one pass over the contacts: the live contacts
 * matching `rule` (a compiled rule over `marketing_contact c`) are kept
 * once, counted, and the most recently seen of them listed. Deleted and
 * erased contacts are never members. Two statements, a count and a sample,
 * would each match the rule in full, and on two connections they only
 * compete for the same cores. Bindings: the rule's, then how many ids to
 * list. Returns one row: `count` and `ids`.
 */
export function previewMatchSql(rule: string): string {
  return `WITH matched AS MATERIALIZED (
      SELECT c.id, c.last_seen_at FROM marketing_contact c
      WHERE c.deleted_at IS NULL AND c.erased_at IS NULL AND (${rule}))
    SELECT (SELECT count(*) FROM matched) AS count,
      array(SELECT id FROM matched ORDER BY last_seen_at DESC NULLS LAST, id LIMIT ?) AS ids`
}

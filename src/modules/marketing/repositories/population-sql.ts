import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * Turns Postgres's JIT compiler off until the transaction ends. Statements
 * over the whole population (score refreshes, segment builds, count
 * previews) are planned far above `jit_above_cost`, so Postgres compiles
 * them with inlining and optimisation: at a million contacts that took
 * 0.8–1.1 s of statements running 1–4 s (the "JIT" timing of EXPLAIN
 * ANALYZE), more than the compiled code saves. `LOCAL` keeps the setting to
 * the transaction, so a pooled connection goes back as it came.
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
 * A read over the whole population, with its values sent as statement
 * parameters (`?`), and the JIT compiler off (`withoutJit`).
 */
export async function scanRows<T>(manager: SqlEntityManager, sql: string, bindings: unknown[] = []): Promise<T[]> {
  return await withoutJit(manager, async (trx) => ((await trx.raw(sql, bindings as never[])) as { rows: T[] }).rows)
}

import { SegmentUsageError } from "./errors"

/**
 * Positional parameters for compiled rules. The compiler writes pg-style
 * placeholders (`$1::text`) because node-postgres runs them as they are and
 * each placeholder carries its cast; `toKnexBindings` rewrites a statement
 * for `knex.raw`, which only understands `?`.
 */
export class SqlParams {
  readonly values: unknown[] = []

  /** `start` is the number of the first placeholder, for rules embedded after other parameters. */
  constructor(readonly start: number = 1) {
    if (!Number.isInteger(start) || start < 1) {
      throw new SegmentUsageError(`parameters start at a positive integer, not ${start}`)
    }
  }

  /** Adds a value and returns its placeholder with a cast, e.g. `$3::timestamptz`. */
  add(value: unknown, cast: string): string {
    this.values.push(value)
    return `$${this.start + this.values.length - 1}::${cast}`
  }
}

/**
 * A Postgres array literal. knex expands an array binding into a list of
 * placeholders, which breaks `?::text[]`; one string binding in array
 * syntax keeps the placeholder a single array.
 */
export function toPgArrayLiteral(values: readonly unknown[]): string {
  const items = values.map((value) =>
    typeof value === "number" ? String(value) : `"${String(value).replace(/[\\"]/g, "\\$&")}"`
  )
  return `{${items.join(",")}}`
}

/**
 * Rewrites a compiled statement whose placeholders are `$1…$n` over `params`
 * (compiled with the default start) into `?` bindings in placeholder order,
 * repeating a value wherever its placeholder repeats. Arrays become array
 * literals (see `toPgArrayLiteral`).
 *
 * @example
 * const { sql, params } = compileToSql(rule, { now })
 * const knexReady = toKnexBindings(`SELECT c.id FROM marketing_contact c WHERE ${sql}`, params)
 * await knex.raw(knexReady.sql, knexReady.bindings)
 */
export function toKnexBindings(sql: string, params: readonly unknown[]): { sql: string; bindings: unknown[] } {
  if (sql.includes("?")) {
    throw new SegmentUsageError('the statement contains "?", which knex would read as a binding')
  }
  const bindings: unknown[] = []
  const rewritten = sql.replace(/\$(\d+)/g, (_, number: string) => {
    const index = Number(number) - 1
    if (index < 0 || index >= params.length) {
      throw new SegmentUsageError(`$${number} has no parameter`)
    }
    const value = params[index]
    bindings.push(Array.isArray(value) ? toPgArrayLiteral(value) : value)
    return "?"
  })
  return { sql: rewritten, bindings }
}

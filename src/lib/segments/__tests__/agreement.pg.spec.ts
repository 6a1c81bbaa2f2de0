import fc from "fast-check"
import { knex } from "@medusajs/framework/mikro-orm/knex"
import {
  CART_ABANDONED,
  compileToSql,
  ENGAGEMENT_EVENT_TYPES,
  evaluateRule,
  MESSAGE_SENT,
  ORDER_CANCELED,
  ORDER_PLACED,
  parseSegmentRule,
  splitRefreshRows,
  SqlParams,
  toKnexBindings,
  type ContactRefreshRow,
  type Rule,
} from ".."
import { CONTACT_REFRESH_SQL, WHOLE_EVENT_TYPES } from "../../../modules/marketing/repositories/segment-context-sql"
import { contactsArb, NOWS, probesArb, ruleArb, ruleFocus, TIME_ZONES, type GeneratedContact } from "./arbitraries"
import { ADMIN_URL, contactId, insertContacts } from "./contact-rows"
import { createThrowawayDatabase, type ThrowawayDatabase } from "./database"

/**
 * The property the two evaluators exist for: over the same rows and the
 * same `now`, the compiled SQL selects exactly the contacts the in-memory
 * evaluator accepts. Needs a Postgres where the connecting role can create
 * databases (SEGMENTS_PG_URL); the file creates one, migrated with the
 * module's own migrations, runs each case in a transaction it rolls back,
 * and drops the database at the end.
 *
 *   npx jest --testMatch '**\/src/lib/segments/__tests__/*.pg.spec.ts'
 *
 * A failure prints the seed, the path and the shrunk counterexample, and
 * lists each contact and sub-rule the two evaluators disagree on.
 * SEGMENTS_PROP_SEED (with SEGMENTS_PROP_PATH) replays a failure,
 * SEGMENTS_PROP_RUNS widens a run.
 */

const SEED = Number(process.env.SEGMENTS_PROP_SEED ?? 20261129)
const NUM_RUNS = Number(process.env.SEGMENTS_PROP_RUNS ?? 300)
/** SEGMENTS_PROP_SHRINK=0 reports the first failure as found, for a quick yes or no. */
const SHRINK = process.env.SEGMENTS_PROP_SHRINK !== "0"

/** The rule and every rule nested in it, each checked on its own. */
function subrules(rule: Rule): Rule[] {
  return rule.type === "group" ? [rule, ...rule.rules.flatMap(subrules)] : [rule]
}

describe("segment rules in SQL and in memory", () => {
  let database: ThrowawayDatabase
  const sqlBuilder = knex({ client: "pg" })
  const tally = { runs: 0, contacts: 0, checks: 0, matches: 0, mixedRuns: 0, groupedCounts: 0 }

  beforeAll(async () => {
    database = await createThrowawayDatabase(ADMIN_URL)
  })

  afterAll(async () => {
    await database?.drop()
    await sqlBuilder.destroy()
    console.info(`segment agreement (${database?.locale}): ${JSON.stringify(tally)}`)
  })

  /**
   * What the database says for every contact and every sub-rule (one query,
   * one shared parameter collector; a NULL shows up as a mismatch instead of
   * hiding in a WHERE), then the whole rule as a segment refresh would use
   * it: as pg-style SQL and through knex's bindings.
   */
  async function queryDatabase(rules: Rule[], contacts: GeneratedContact[], now: Date, timeZone: string, micros: number) {
    const { client } = database
    await client.query("BEGIN")
    try {
      await client.query("SELECT set_config('TimeZone', $1, true)", [timeZone])
      await insertContacts(client, contacts, now, micros)
      const params = new SqlParams()
      const columns = rules.map((rule, index) => `${compileToSql(rule, { now, params }).sql} AS r${index}`)
      const perRule = await client.query(`SELECT c.id, ${columns.join(", ")} FROM marketing_contact c`, params.values)

      const compiled = compileToSql(rules[0], { now })
      const statement = `SELECT c.id FROM marketing_contact c WHERE ${compiled.sql}`
      const direct = await client.query<{ id: string }>(statement, compiled.params)
      // As a count or a whole-segment refresh compiles it.
      const wholeCompiled = compileToSql(rules[0], { now, wholePopulation: true })
      const whole = await client.query<{ id: string }>(
        `SELECT c.id FROM marketing_contact c WHERE ${wholeCompiled.sql}`,
        wholeCompiled.params
      )
      const forKnex = toKnexBindings(statement, compiled.params)
      const native = sqlBuilder.raw(forKnex.sql, forKnex.bindings as never[]).toSQL().toNative()
      const viaKnex = await client.query<{ id: string }>(native.sql, native.bindings as unknown[])
      // The rows an event's refresh reads, as JSON in one statement.
      const ids = contacts.map((_, index) => contactId(index))
      // The module runs it through MikroORM, which writes a list binding out
      // in place; node-postgres takes the list as one array parameter instead.
      const refresh = sqlBuilder
        .raw(CONTACT_REFRESH_SQL.replace(/ARRAY\[\?\]::text\[\]/g, "?::text[]"), [
          "scores",
          [ORDER_PLACED, ORDER_CANCELED, CART_ABANDONED],
          now,
          MESSAGE_SENT,
          [...ENGAGEMENT_EVENT_TYPES.opened],
          ids,
          WHOLE_EVENT_TYPES,
        ] as never[])
        .toSQL()
        .toNative()
      const [read] = (await client.query(refresh.sql, refresh.bindings as unknown[])).rows
      return {
        refreshed: splitRefreshRows(ids, read.contacts as ContactRefreshRow[], now).contexts,
        perRule: perRule.rows as Record<string, unknown>[],
        direct: direct.rows.map((row) => row.id).sort(),
        whole: whole.rows.map((row) => row.id).sort(),
        grouped: wholeCompiled.sql.includes("GROUP BY"),
        viaKnex: viaKnex.rows.map((row) => row.id).sort(),
      }
    } finally {
      await client.query("ROLLBACK")
    }
  }

  it(
    `select the same contacts for generated rules and rows (seed ${SEED})`,
    async () => {
      const scenario = fc
        .constantFrom(...NOWS)
        .chain((now) => fc.record({ now: fc.constant(now), json: ruleArb(now, 3), probes: probesArb(now) }))
        .chain(({ now, json, probes }) =>
          fc.record({
            now: fc.constant(now),
            json: fc.constant(json),
            probes: fc.constant(probes),
            timeZone: fc.constantFrom(...TIME_ZONES),
            micros: fc.constantFrom(0, 0, 1, 500, 999),
            contacts: contactsArb(now, ruleFocus([json, ...probes], now)),
          })
        )
      await fc.assert(
        fc.asyncProperty(scenario, async ({ now, timeZone, micros, json, probes, contacts }) => {
          const rules = [json, ...probes].flatMap((candidate) => {
            const parsed = parseSegmentRule(candidate)
            if (!parsed.ok) {
              throw new Error(`the generator made an invalid rule: ${parsed.error.path}: ${parsed.error.message}`)
            }
            return candidate === json ? subrules(parsed.rule) : [parsed.rule]
          })
          const fromDatabase = await queryDatabase(rules, contacts, now, timeZone, micros)
          const memory = contacts.map((contact) =>
            rules.map((rule) =>
              evaluateRule(rule, contact.facts, {
                now,
                events: contact.events,
                messages: contact.messages,
                messageEvents: contact.messageEvents,
                memberships: contact.memberships,
              })
            )
          )

          const mismatches = fromDatabase.perRule.flatMap((row) => {
            const index = Number(String(row.id).slice("con_".length))
            return rules.flatMap((rule, position) =>
              row[`r${position}`] === memory[index][position]
                ? []
                : [{ contact: row.id, rule: JSON.stringify(rule), sql: row[`r${position}`], memory: memory[index][position] }]
            )
          })
          expect(mismatches).toEqual([])
          // The same decisions over the rows as the single read of an event's refresh returns them.
          const fromRefreshRead = fromDatabase.perRule.flatMap((row) => {
            const context = fromDatabase.refreshed.get(String(row.id))!
            return rules.flatMap((rule, position) => {
              const decided = context.facts !== null && evaluateRule(rule, context.facts, { now, ...context })
              return row[`r${position}`] === decided
                ? []
                : [{ contact: row.id, rule: JSON.stringify(rule), sql: row[`r${position}`], refreshRead: decided }]
            })
          })
          expect(fromRefreshRead).toEqual([])
          const selected = contacts.map((_, index) => contactId(index)).filter((_, index) => memory[index][0]).sort()
          expect(fromDatabase.direct).toEqual(selected)
          expect(fromDatabase.whole).toEqual(selected)
          expect(fromDatabase.viaKnex).toEqual(selected)

          tally.runs++
          if (fromDatabase.grouped) tally.groupedCounts++
          tally.contacts += contacts.length
          tally.checks += contacts.length * rules.length
          tally.matches += memory.flat().filter(Boolean).length
          if (selected.length > 0 && selected.length < contacts.length) tally.mixedRuns++
        }),
        { numRuns: NUM_RUNS, seed: SEED, path: process.env.SEGMENTS_PROP_PATH, endOnFailure: !SHRINK }
      )
    },
    600_000
  )
})

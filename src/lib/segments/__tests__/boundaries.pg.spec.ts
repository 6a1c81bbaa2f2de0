import fc from "fast-check"
import { compileBoundaryCandidates, evaluateRule, parseSegmentRule, type Rule } from ".."
import { contactsArb, NOWS, probesArb, ruleArb, ruleFocus, TIME_ZONES, type GeneratedContact } from "./arbitraries"
import { ADMIN_URL, contactId, insertContacts } from "./contact-rows"
import { createThrowawayDatabase, type ThrowawayDatabase } from "./database"

/**
 * The promise the time-boundary job rests on: when time moves from `from`
 * to `to` with no event, every contact whose membership changed is among
 * the candidates `compileBoundaryCandidates` selects. Generated rules, a
 * probe of every operator, and rows as in the agreement test, with contacts placed near the rule's
 * boundaries at `to`, and steps from a millisecond to forty days.
 */

const SEED = Number(process.env.SEGMENTS_PROP_SEED ?? 20261129)
const NUM_RUNS = Number(process.env.SEGMENTS_PROP_RUNS ?? 300)

const STEPS_MS = [1, 1_000, 59_000, 3_600_000, 86_400_000, 3 * 86_400_000, 40 * 86_400_000]

function subrules(rule: Rule): Rule[] {
  return rule.type === "group" ? [rule, ...rule.rules.flatMap(subrules)] : [rule]
}

describe("time-boundary candidates", () => {
  let database: ThrowawayDatabase
  const tally = { runs: 0, changed: 0, candidates: 0, contacts: 0 }

  beforeAll(async () => {
    database = await createThrowawayDatabase(ADMIN_URL)
  })

  afterAll(async () => {
    await database?.drop()
    console.info(`boundary candidates: ${JSON.stringify(tally)}`)
  })

  async function candidates(rules: Rule[], contacts: GeneratedContact[], from: Date, to: Date, timeZone: string, micros: number) {
    const { client } = database
    await client.query("BEGIN")
    try {
      await client.query("SELECT set_config('TimeZone', $1, true)", [timeZone])
      await insertContacts(client, contacts, to, micros)
      const query = compileBoundaryCandidates(rules, { from, to })
      if (!query) {
        return new Set<string>()
      }
      const { rows } = await client.query<{ contact_id: string }>(query.sql, query.params)
      return new Set(rows.map((row) => row.contact_id))
    } finally {
      await client.query("ROLLBACK")
    }
  }

  it(
    `select every contact whose membership changed as time passed (seed ${SEED})`,
    async () => {
      const scenario = fc
        .constantFrom(...NOWS)
        .chain((to) =>
          fc.record({ to: fc.constant(to), json: ruleArb(to, 3), probes: probesArb(to), step: fc.constantFrom(...STEPS_MS) })
        )
        .chain(({ to, json, probes, step }) => {
          // Rows near the boundaries at both ends of the step are the ones that flip.
          const atEnd = ruleFocus([json, ...probes], to)
          const atStart = ruleFocus([json, ...probes], new Date(to.getTime() - step))
          return fc.record({
            to: fc.constant(to),
            json: fc.constant(json),
            probes: fc.constant(probes),
            step: fc.constant(step),
            timeZone: fc.constantFrom(...TIME_ZONES),
            micros: fc.constantFrom(0, 1, 999),
            contacts: contactsArb(to, {
              instants: [...atEnd.instants, ...atStart.instants],
              texts: [...atEnd.texts, ...atStart.texts],
            }),
          })
        })
      await fc.assert(
        fc.asyncProperty(scenario, async ({ to, json, probes, step, timeZone, micros, contacts }) => {
          const parsed = [json, ...probes].map((candidate) => {
            const result = parseSegmentRule(candidate)
            if (!result.ok) {
              throw new Error(`the generator made an invalid rule: ${result.error.path}: ${result.error.message}`)
            }
            return result.rule
          })
          const from = new Date(to.getTime() - step)
          const found = await candidates(parsed, contacts, from, to, timeZone, micros)
          // Every nested rule counts: a flip inside a group is one the whole rule may turn on.
          const rules = parsed.flatMap(subrules)
          const at = (now: Date, contact: GeneratedContact) =>
            rules.map((each) =>
              evaluateRule(each, contact.facts, {
                now,
                events: contact.events,
                messages: contact.messages,
                messageEvents: contact.messageEvents,
                memberships: contact.memberships,
              })
            )
          const flipped = (contact: GeneratedContact) => {
            const before = at(from, contact)
            const after = at(to, contact)
            return rules.flatMap((each, index) => (before[index] === after[index] ? [] : [JSON.stringify(each)]))
          }
          const missed = contacts.flatMap((contact, index) => {
            const rulesThatFlipped = flipped(contact)
            return rulesThatFlipped.length && !found.has(contactId(index))
              ? [{ contact: contactId(index), rules: rulesThatFlipped }]
              : []
          })
          expect(missed).toEqual([])
          tally.runs++
          tally.contacts += contacts.length
          tally.candidates += found.size
          tally.changed += contacts.filter((contact) => flipped(contact).length > 0).length
        }),
        { numRuns: NUM_RUNS, seed: SEED, path: process.env.SEGMENTS_PROP_PATH }
      )
    },
    600_000
  )
})

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import {
  buildScoringModel,
  SCORING_LOOKBACK_DAYS,
  scoreContact,
  ScoringInput,
  ScoringModel,
  storedActivityHolds,
} from "../../src/lib/scoring"
import { explainContactScoresNow, loadLeadScoreRules, scoreAllContacts, SCORES_JOB_KEY } from "../../src/workflows/scores"
import { seededRandom as prng, simulateBgNbd } from "../../src/lib/scoring/__tests__/simulate"

jest.setTimeout(240_000)

const NOW = new Date("2027-06-01T12:00:00Z")
const DAY = 86_400_000
const HOUR = 3_600_000

/** An instant `days` before NOW with a microsecond part, which node-postgres drops and the SQL must too. */
const at = (days: number, rand: () => number) =>
  new Date(NOW.getTime() - days * DAY).toISOString().replace("Z", `${String(Math.floor(rand() * 1000)).padStart(3, "0")}Z`)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let marketing: MarketingModuleService
    let sql: (text: string, bindings?: any[]) => Promise<any[]>

    beforeEach(() => {
      marketing = getContainer().resolve(MARKETING_MODULE)
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      sql = async (text, bindings = []) => (await pg.raw(text, bindings)).rows
    })

    /**
     * Contacts of every kind scoring distinguishes: non-buyers with and
     * without activity, one-order and repeat buyers, a buyer refunded to
     * nothing, a buyer without a first-order date, several currencies (one
     * unknown), deleted and erased contacts (not scored); timeline events of
     * many types inside and outside the lookback, some dated after now;
     * person and machine opens and clicks; and lead-score rules with and
     * without expiry, caps and property conditions.
     */
    const seed = async (contacts: number, repeatShare: number) => {
      const rand = prng(contacts)
      // Purchase histories that follow the BG/NBD story, so the model can be fitted.
      const histories = simulateBgNbd({ r: 0.8, alpha: 40, a: 0.9, b: 3 }, contacts, contacts, 20, 900)
      const rows: Record<string, unknown>[] = []
      const events: Record<string, unknown>[] = []
      const emails: Record<string, unknown>[] = []
      for (let i = 1; i <= contacts; i++) {
        const id = `mkt_con_agree${String(i).padStart(4, "0")}`
        const buyer = i % 10 >= 3
        const history = histories[i - 1]
        const repeats = rand() < repeatShare ? history.x : 0
        const orders = buyer ? 1 + repeats : 0
        const firstDays = history.T
        const lastDays = repeats ? history.T - history.t_x : firstDays
        rows.push({
          id,
          email: `agree-${i}@example.com`,
          orders_count: orders,
          total_spent: !buyer ? 0 : i % 23 === 0 ? 0 : Math.round(orders * (20 + rand() * 150) * 100) / 100,
          currency_code: ["eur", "usd", null, "xyz"][i % 4],
          first_order_at: buyer && i % 37 !== 0 ? at(firstDays, rand) : null,
          last_order_at: buyer ? at(lastDays, rand) : null,
          last_seen_at: i % 5 === 0 ? null : at(rand() * 400, rand),
          deleted_at: i % 97 === 0 ? NOW.toISOString() : null,
          erased_at: i % 89 === 0 ? NOW.toISOString() : null,
        })
        const count = i % 7 === 0 ? 0 : Math.floor(rand() * 14)
        for (let k = 0; k < count; k++) {
          const type = ["order_placed", "cart_updated", "cart_abandoned", "signed_up", "opened", "subscribed", "lead_points"][
            Math.floor(rand() * 7)
          ]
          const total = Math.round(rand() * 250 * 100) / 100
          events.push({
            id: `mkt_cev_agree${i}_${k}`,
            contact_id: id,
            type,
            occurred_at: at(rand() * 520 - 3, rand),
            idempotency_key: `agree:${i}:${k}`,
            data:
              type === "order_placed"
                ? {
                    total: k % 3 === 0 ? total.toFixed(2) : total,
                    items: [{ sku: rand() < 0.5 ? "SHOE-1" : "HAT-2" }, { sku: "SOCK-3" }],
                    product_ids: ["prod_1"],
                  }
                : type === "cart_updated"
                  ? { item_count: 1 + Math.floor(rand() * 3) }
                  : type === "lead_points"
                    ? { points: Math.floor(rand() * 40) - 10, step: "award" }
                    : null,
          })
        }
        const opens = Math.floor(rand() * 6)
        for (let k = 0; k < opens; k++) {
          emails.push({
            id: `mkt_mev_agree${i}_${k}`,
            message_id: `mkt_msg_agree${i}_${k}`,
            contact_id: id,
            type: ["opened", "clicked", "delivered"][k % 3],
            machine: rand() < 0.15,
            occurred_at: at(rand() * 420, rand),
            source: "tracking",
          })
        }
      }
      await sql(
        `INSERT INTO marketing_contact (id, email, orders_count, total_spent, raw_total_spent, currency_code,
           first_order_at, last_order_at, last_seen_at, deleted_at, erased_at)
         SELECT id, email, orders_count, total_spent, jsonb_build_object('value', total_spent::text, 'precision', 20),
                currency_code, first_order_at, last_order_at, last_seen_at, deleted_at, erased_at
         FROM jsonb_to_recordset(?::jsonb) AS r(id text, email text, orders_count int, total_spent numeric,
           currency_code text, first_order_at timestamptz, last_order_at timestamptz, last_seen_at timestamptz,
           deleted_at timestamptz, erased_at timestamptz)`,
        [JSON.stringify(rows)]
      )
      await sql(
        `INSERT INTO marketing_contact_event (id, contact_id, type, occurred_at, idempotency_key, data)
         SELECT * FROM jsonb_to_recordset(?::jsonb)
           AS r(id text, contact_id text, type text, occurred_at timestamptz, idempotency_key text, data jsonb)`,
        [JSON.stringify(events)]
      )
      await sql(
        `INSERT INTO marketing_message_event (id, message_id, contact_id, type, machine, occurred_at, source)
         SELECT * FROM jsonb_to_recordset(?::jsonb)
           AS r(id text, message_id text, contact_id text, type text, machine boolean, occurred_at timestamptz, source text)`,
        [JSON.stringify(emails)]
      )
      await marketing.createLeadScoreRules([
        { name: "Clicked", points: 5, event_type: "clicked", expires_after_days: 90, max_times: 3 },
        { name: "Signed up", points: 10, event_type: "signed_up" },
        { name: "Big order", points: 20, event_type: "order_placed", expires_after_days: 200,
          property: { path: "total", operator: "gte", value: 100 } },
        { name: "Bought shoes", points: 7, event_type: "order_placed", max_times: 2,
          property: { path: "items.sku", operator: "contains", value: "shoe" } },
        { name: "Opened", points: 1, event_type: "opened", property: { path: "campaign", operator: "exists", value: false } },
        { name: "Abandoned", points: -2, event_type: "cart_abandoned", expires_after_days: 30 },
        { name: "Switched off", points: 50, event_type: "cart_updated", enabled: false },
      ] as any)
    }

    /** Every contact scored on its own, from all its events, as the one-contact path scores it. */
    /** With `fitted`, its prediction model stands in for a fit at `now`, as the hourly refresh keeps the stored one. */
    const scoreInMemory = async (now = NOW, fitted?: ScoringModel) => {
      const inputs: ScoringInput[] = []
      for (let after = ""; ; ) {
        const page = await marketing.readScoreInputs(after, 100)
        if (!page.length) {
          break
        }
        inputs.push(...page)
        after = page[page.length - 1].id
      }
      const fresh = buildScoringModel(inputs, now)
      const model = fitted ? { ...fitted, rfm: fresh.rfm, rfm_at: fresh.rfm_at } : fresh
      const activity = await marketing.readScoreActivity(
        inputs.map((input) => input.id),
        new Date(now.getTime() - SCORING_LOOKBACK_DAYS * DAY)
      )
      const rules = await loadLeadScoreRules(marketing)
      const scores = inputs.map((input) =>
        scoreContact(input, activity.filter((row) => row.contact_id === input.id), model, rules, now)
      )
      return { model, scores }
    }

    const stored = async () =>
      new Map(
        (
          await sql(
            `SELECT id, rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, engagement_score, engagement_points,
                    engagement_counted_at, lead_score, churn_risk, probability_alive, predicted_orders_365,
                    predicted_value_365, next_order_expected_at, scores_recheck_at, scores_updated_at
             FROM marketing_contact`
          )
        ).map((row) => [row.id as string, row])
      )

    // `real` columns keep single precision.
    const single = (value: number | null) => (value === null ? null : Math.fround(value))

    const iso = (value: Date | null) => value?.toISOString() ?? null

    /**
     * Every stored score equals the expected one. With `carried`, the
     * expected scores were counted from the events at a later instant than
     * the stored ones: the stored count and its time stay as they were, and
     * engagement decayed from single-precision points may sit one rounding
     * step away.
     */
    const expectSameScores = async (
      expected: Awaited<ReturnType<typeof scoreInMemory>>["scores"],
      options: { now?: Date; carried?: Set<string> } = {}
    ) => {
      const rows = await stored()
      for (const score of expected) {
        const row = rows.get(score.id)!
        const carried = options.carried?.has(score.id) ?? false
        expect({
          ...row,
          engagement_score: carried ? 0 : single(row.engagement_score),
          engagement_points: carried ? 0 : single(row.engagement_points),
          engagement_counted_at: carried ? null : iso(row.engagement_counted_at),
          churn_risk: single(row.churn_risk),
          probability_alive: single(row.probability_alive),
          predicted_orders_365: single(row.predicted_orders_365),
          predicted_value_365: single(row.predicted_value_365),
          next_order_expected_at: iso(row.next_order_expected_at),
          scores_recheck_at: carried ? null : iso(row.scores_recheck_at),
        }).toEqual({
          id: score.id,
          rfm_recency: score.rfm_recency,
          rfm_frequency: score.rfm_frequency,
          rfm_monetary: score.rfm_monetary,
          rfm_segment: score.rfm_segment,
          engagement_score: carried ? 0 : single(score.engagement_score),
          engagement_points: carried ? 0 : single(score.engagement_points),
          engagement_counted_at: carried ? null : score.engagement_counted_at,
          lead_score: score.lead_score,
          churn_risk: single(score.churn_risk),
          probability_alive: single(score.probability_alive),
          predicted_orders_365: single(score.predicted_orders_365),
          predicted_value_365: single(score.predicted_value_365),
          next_order_expected_at: score.next_order_expected_at,
          scores_recheck_at: carried ? null : score.scores_recheck_at,
          // A later pass leaves a row whose values did not change as it was.
          scores_updated_at: options.now ? row.scores_updated_at : NOW,
        })
        if (carried) {
          expect(Math.abs(row.engagement_score - score.engagement_score)).toBeLessThanOrEqual(1)
        }
      }
    }

    it("a full refresh stores the same scores as scoring each contact on its own (BG/NBD), and the admin's explanation agrees", async () => {
      await seed(320, 0.7)
      const expected = await scoreInMemory()
      expect(expected.model.prediction.model).toEqual("bg_nbd")
      expect(expected.scores.some((score) => score.lead_score !== 0)).toBe(true)

      const refreshed = await scoreAllContacts(getContainer(), { now: NOW, pageSize: 37 })
      expect(refreshed.model).toEqual(expected.model)
      expect(refreshed.contacts).toEqual(expected.scores.length)
      expect(refreshed.written).toEqual(expected.scores.length)
      await expectSameScores(expected.scores)

      // Explanations are built on read, from the stored model, for the scores stored.
      await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "completed", cursor: { model: refreshed.model } })
      const explained = await Promise.all(expected.scores.map((score) => explainContactScoresNow(marketing, score.id, NOW)))
      expect(explained.map((entry) => entry!.scores)).toEqual(expected.scores)
      expect(explained.some((entry) => entry!.explanation.lead_score.some((line) => line.startsWith("Flow steps:")))).toBe(true)

      const rows = await stored()
      const skipped = [...rows.values()].filter((row) => !expected.scores.some((score) => score.id === row.id))
      expect(skipped.length).toBeGreaterThan(0)
      expect(skipped.every((row) => row.scores_updated_at === null)).toBe(true)
    })

    it("with few repeat buyers the refresh falls back to the median gap the same way, and rewrites only what changed", async () => {
      await seed(90, 0.2)
      const expected = await scoreInMemory()
      expect(expected.model.prediction.model).toEqual("median_gap")

      const first = await scoreAllContacts(getContainer(), { now: NOW, pageSize: 25 })
      expect(first.model).toEqual(expected.model)
      await expectSameScores(expected.scores)

      // Nothing changed: nothing is written.
      const again = await scoreAllContacts(getContainer(), { now: NOW, pageSize: 25 })
      expect(again.written).toEqual(0)

      // One contact's facts change: that contact is rewritten (the model moves
      // a little, so others may be too), and every stored score still agrees.
      const target = expected.scores.find((score) => score.rfm_segment !== null)!
      await sql(`UPDATE marketing_contact SET orders_count = orders_count + 3, total_spent = total_spent + 500 WHERE id = ?`, [
        target.id,
      ])
      const after = await scoreInMemory()
      const third = await scoreAllContacts(getContainer(), { now: NOW, pageSize: 25 })
      expect(third.written).toBeGreaterThanOrEqual(1)
      await expectSameScores(after.scores)
    })

    it("the hourly refresh carries engagement and lead scores forward, counting events again only where one expired, and stores what counting everyone's would", async () => {
      await seed(320, 0.7)
      const first = await scoreAllContacts(getContainer(), { now: NOW, pageSize: 37 })
      expect(first.recounted).toEqual(first.contacts)
      // As refreshScores stores it: the hourly passes keep its prediction fit.
      await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "completed", cursor: { model: first.model } })

      let recountedLater = 0
      const read: number[] = []
      let everyone = 0
      const ordered = new Set<string>()
      const hours = [1, 2, 40 * 24, 200 * 24]
      for (const [index, later] of hours.map((hour) => new Date(NOW.getTime() + hour * HOUR)).entries()) {
        if (index === 1) {
          // Forty buyers order more, written as the facts path writes it (which
          // marks them due): the cut points move, and with them other buyers' scores.
          const rows = await sql(
            `UPDATE marketing_contact SET orders_count = orders_count + 4, total_spent = total_spent + 900, scores_due_at = NULL
             WHERE id IN (SELECT id FROM marketing_contact WHERE orders_count >= 1 AND deleted_at IS NULL ORDER BY id LIMIT 40)
             RETURNING id`
          )
          rows.forEach((row) => ordered.add(row.id as string))
        }
        const before = await stored()
        const carried = new Set(
          [...before.values()].filter((row) => row.scores_updated_at && storedActivityHolds(row, later)).map((row) => row.id)
        )
        const expected = await scoreInMemory(later, first.model)
        const pass = await scoreAllContacts(getContainer(), { now: later, pageSize: 37 })
        // As refreshScores stores it after each pass.
        await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "completed", cursor: { model: pass.model } })
        expect(pass.model).toEqual(expected.model)
        expect(pass.model.prediction).toEqual(first.model.prediction)
        expect(pass.recounted).toEqual(expected.scores.length - expected.scores.filter((score) => carried.has(score.id)).length)
        recountedLater += pass.recounted
        read.push(pass.contacts)
        everyone = expected.scores.length
        if (index === 1) {
          const rfm = (row: { rfm_frequency: unknown; rfm_monetary: unknown } | undefined) => [row?.rfm_frequency, row?.rfm_monetary]
          const reached = expected.scores.filter(
            (score) => !ordered.has(score.id) && JSON.stringify(rfm(before.get(score.id))) !== JSON.stringify(rfm(score))
          )
          expect(reached.length).toBeGreaterThan(0)
        }
        await expectSameScores(expected.scores, { now: later, carried })
      }
      expect(recountedLater).toBeGreaterThan(0)
      // An hour on, only the contacts due or reached by a moved cut point are read; 200 days on, all of them.
      expect(read[0]).toBeGreaterThan(0)
      expect(read[0]).toBeLessThan(everyone)
      expect(read[1]).toBeLessThan(everyone)
      expect(read[3]).toEqual(everyone)

      // The nightly rebuild refits the model, counts every contact's events again and agrees.
      const nightly = new Date(NOW.getTime() + 201 * DAY)
      const rebuilt = await scoreAllContacts(getContainer(), { now: nightly, pageSize: 37, fromEvents: true })
      expect(rebuilt.model.prediction).not.toEqual(first.model.prediction)
      // Its search starts from the stored fit, so it lands a hair from a fit started afresh: score against its own.
      const expected = await scoreInMemory(nightly, rebuilt.model)
      expect(rebuilt.recounted).toEqual(rebuilt.contacts)
      await expectSameScores(expected.scores, { now: nightly })
    })
  },
})

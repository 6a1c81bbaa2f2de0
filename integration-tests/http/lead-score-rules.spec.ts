import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { refreshScores } from "../../src/workflows/scores"
import {
  createLeadScoreRuleStep,
  deleteLeadScoreRuleStep,
  updateLeadScoreRuleStep,
} from "../../src/workflows/lead-score-rules"
import { adminHeaders, registerCustomer } from "../helpers/auth"
import { createStoreFixture } from "../helpers/store-fixture"
import { until } from "../helpers/until"

jest.setTimeout(240_000)

const RULES = "/admin/marketing/lead-score-rules"

// Each write step followed by a failure: the workflow must roll the write back.
const failStep = createStep("test-lead-score-rule-fail", async () => {
  throw new Error("a later step failed")
})
const createThenFail = createWorkflow("test-create-lead-score-rule-then-fail", (input: any) => {
  createLeadScoreRuleStep(input)
  failStep()
  return new WorkflowResponse(null)
})
const updateThenFail = createWorkflow("test-update-lead-score-rule-then-fail", (input: any) => {
  updateLeadScoreRuleStep(input)
  failStep().config({ name: "test-lead-score-rule-fail-after-update" })
  return new WorkflowResponse(null)
})
const deleteThenFail = createWorkflow("test-delete-lead-score-rule-then-fail", (input: { id: string }) => {
  deleteLeadScoreRuleStep(input.id)
  failStep().config({ name: "test-lead-score-rule-fail-after-delete" })
  return new WorkflowResponse(null)
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let marketing: MarketingModuleService

    beforeEach(async () => {
      admin = await adminHeaders(api, getContainer())
      marketing = getContainer().resolve(MARKETING_MODULE)
    })

    const fail = (promise: Promise<any>) => promise.catch((e: any) => e.response)

    it("creates, lists, shows, updates and deletes a rule", async () => {
      const created = await api.post(
        RULES,
        {
          name: "Big order",
          points: 25,
          event_type: "order_placed",
          property: { path: "total", operator: "gte", value: 100 },
          expires_after_days: 90,
          max_times: 3,
        },
        admin
      )
      expect(created.status).toEqual(201)
      const rule = created.data.lead_score_rule
      expect(rule).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^mkt_lsr_/),
          name: "Big order",
          points: 25,
          event_type: "order_placed",
          property: { path: "total", operator: "gte", value: 100 },
          expires_after_days: 90,
          max_times: 3,
          enabled: true,
        })
      )
      await api.post(RULES, { name: "Signed up", points: 10, event_type: "signed_up" }, admin)

      const list = await api.get(RULES, admin)
      expect(list.data.count).toEqual(2)
      expect(list.data.lead_score_rules.map((r: any) => r.name)).toEqual(["Big order", "Signed up"])
      expect((await api.get(`${RULES}/${rule.id}`, admin)).data.lead_score_rule.name).toEqual("Big order")

      // A new condition replaces the old one whole: the old value does not linger.
      const exists = await api.post(`${RULES}/${rule.id}`, { property: { path: "discount_code", operator: "exists" } }, admin)
      expect(exists.data.lead_score_rule.property).toEqual({ path: "discount_code", operator: "exists" })

      // Only what is sent changes; null clears the condition and the limits.
      const updated = await api.post(
        `${RULES}/${rule.id}`,
        { points: -5, enabled: false, property: null, expires_after_days: null },
        admin
      )
      expect(updated.data.lead_score_rule).toEqual(
        expect.objectContaining({
          name: "Big order",
          points: -5,
          enabled: false,
          property: null,
          expires_after_days: null,
          max_times: 3,
        })
      )

      const deleted = await api.delete(`${RULES}/${rule.id}`, admin)
      expect(deleted.data).toEqual({ id: rule.id, object: "lead_score_rule", deleted: true })
      expect((await fail(api.get(`${RULES}/${rule.id}`, admin))).status).toEqual(404)
      expect((await fail(api.post(`${RULES}/${rule.id}`, { points: 1 }, admin))).status).toEqual(404)
      expect((await fail(api.delete(`${RULES}/${rule.id}`, admin))).status).toEqual(404)
      expect((await api.get(RULES, admin)).data.lead_score_rules.map((r: any) => r.name)).toEqual(["Signed up"])
    })

    it("refuses a bad rule with a 400 naming the field, and stores or changes nothing", async () => {
      const bad: [Record<string, unknown>, string][] = [
        [{ name: "x", points: 5, event_type: "order_placed", property: { path: "total", operator: "between", value: 1 } }, "property.operator"],
        [{ name: "x", points: 5, event_type: "order_placed", property: { path: "total", operator: "gt", value: "lots" } }, "property.value"],
        [{ name: "x", points: 5, event_type: "order_placed", property: { path: "total", operator: "eq", value: 1, unit: "eur" } }, "property.unit"],
        [{ name: "x", points: 5, event_type: "order_placed", property: { path: "items..sku", operator: "exists" } }, "property.path"],
        [{ name: "x", points: 5, event_type: "order_placed", property: "total > 100" }, "property"],
        [{ name: "x", points: 5, event_type: "  " }, "event_type"],
        [{ name: "x", points: 1.5, event_type: "signed_up" }, "points"],
        [{ name: "", points: 5, event_type: "signed_up" }, "name"],
        [{ name: "x", points: 5, event_type: "signed_up", expires_after_days: 0 }, "expires_after_days"],
        [{ name: "x", points: 5, event_type: "signed_up", max_times: -1 }, "max_times"],
        [{ name: "x", points: 5, event_type: "signed_up", max_time: 2 }, "max_time"],
      ]
      for (const [body, field] of bad) {
        const response = await fail(api.post(RULES, body, admin))
        expect([field, response.status]).toEqual([field, 400])
        expect(response.data.message).toContain(field)
      }
      expect(await marketing.listLeadScoreRules({})).toEqual([])

      const rule = (await api.post(RULES, { name: "Big order", points: 25, event_type: "order_placed" }, admin)).data
        .lead_score_rule
      const badUpdate = await fail(
        api.post(`${RULES}/${rule.id}`, { points: 50, property: { path: "total", operator: "lt" } }, admin)
      )
      expect(badUpdate.status).toEqual(400)
      expect(badUpdate.data.message).toContain("property.value")
      const stored = await marketing.retrieveLeadScoreRule(rule.id)
      expect([stored.points, stored.property]).toEqual([25, null])
    })

    it("a failure after a write leaves the rules as they were", async () => {
      const container = getContainer()
      const run = (workflow: any, input: unknown) =>
        workflow(container).run({ input, throwOnError: false }).then((r: any) => r.errors)

      expect(await run(createThenFail, { name: "Ghost", points: 5, event_type: "signed_up" })).not.toEqual([])
      expect(await marketing.listLeadScoreRules({})).toEqual([])

      const rule = (
        await api.post(
          RULES,
          { name: "Big order", points: 25, event_type: "order_placed", property: { path: "total", operator: "gte", value: 100 }, max_times: 2 },
          admin
        )
      ).data.lead_score_rule
      const fields = ["name", "points", "event_type", "property", "expires_after_days", "max_times", "enabled"] as const
      const snapshot = async () => {
        const [stored] = await marketing.listLeadScoreRules({ id: rule.id })
        return stored && Object.fromEntries(fields.map((field) => [field, stored[field]]))
      }
      const before = await snapshot()

      const change = { id: rule.id, name: "Renamed", points: -1, event_type: "signed_up", property: null, max_times: null, enabled: false }
      expect(await run(updateThenFail, change)).not.toEqual([])
      expect(await snapshot()).toEqual(before)

      expect(await run(deleteThenFail, { id: rule.id })).not.toEqual([])
      expect(await snapshot()).toEqual(before)
    })

    it("answers 401 without an admin", async () => {
      const routes: [string, string][] = [
        ["get", RULES],
        ["post", RULES],
        ["get", `${RULES}/mkt_lsr_unknown`],
        ["post", `${RULES}/mkt_lsr_unknown`],
        ["delete", `${RULES}/mkt_lsr_unknown`],
        ["get", "/admin/marketing/scores/summary"],
        ["post", "/admin/marketing/scores/refresh"],
      ]
      for (const [method, url] of routes) {
        const args = method === "post" ? [{ name: "x", points: 1, event_type: "signed_up" }] : []
        const response = await fail((api as any)[method](url, ...args))
        expect([method, url, response.status]).toEqual([method, url, 401])
      }
      expect(await marketing.listLeadScoreRules({})).toEqual([])
    })

    it("a new rule gives its points to contacts who signed up, and edits and deletion take them back", async () => {
      const container = getContainer()
      const fixture = await createStoreFixture(container)
      await registerCustomer(api, fixture.publishableKey, { email: "ana@example.com", first_name: "Ana" })
      const [{ contact: bystander }] = await marketing.upsertContacts([{ email: "bystander@example.com" }])
      const ana = await until(
        async () => {
          const contact = await marketing.findContactByEmail("ana@example.com")
          const events = contact ? await marketing.listContactEvents({ contact_id: contact.id, type: "signed_up" }) : []
          return events.length ? contact : null
        },
        (contact) => !!contact,
        "the sign-up on Ana's timeline",
        150
      )
      await refreshScores(container)
      const leadScore = async (id: string) => (await marketing.retrieveContact(id)).lead_score
      expect(await leadScore(ana!.id)).toEqual(0)

      const rule = (await api.post(RULES, { name: "Signed up", points: 10, event_type: "signed_up" }, admin)).data
        .lead_score_rule
      await until(() => leadScore(ana!.id), (score) => score === 10, "Ana's lead score after the new rule", 150)
      const { data } = await api.get(`/admin/marketing/contacts/${ana!.id}`, admin)
      expect(data.contact.score_explanation.lead_score.join(" ")).toContain("Signed up: 1 time")
      expect(await leadScore(bystander.id)).toEqual(0)

      await api.post(`${RULES}/${rule.id}`, { points: 15 }, admin)
      await until(() => leadScore(ana!.id), (score) => score === 15, "Ana's lead score after the points changed", 150)

      await api.post(`${RULES}/${rule.id}`, { enabled: false }, admin)
      await until(() => leadScore(ana!.id), (score) => score === 0, "Ana's lead score after the rule was switched off", 150)

      await api.post(`${RULES}/${rule.id}`, { enabled: true }, admin)
      await until(() => leadScore(ana!.id), (score) => score === 15, "Ana's lead score after the rule was switched on", 150)
      await api.delete(`${RULES}/${rule.id}`, admin)
      await until(() => leadScore(ana!.id), (score) => score === 0, "Ana's lead score after the rule was deleted", 150)
      expect(await leadScore(bystander.id)).toEqual(0)

      // Opens come from the email events: a person's open counts, a privacy proxy's does not.
      const [{ contact: reader }, { contact: proxied }] = await marketing.upsertContacts([
        { email: "reader@example.com" },
        { email: "proxied@example.com" },
      ])
      await marketing.createMessageEvents([
        { message_id: "mkt_msg_1", contact_id: reader.id, type: "opened", occurred_at: new Date(), source: "tracking" },
        { message_id: "mkt_msg_2", contact_id: proxied.id, type: "opened", machine: true, occurred_at: new Date(), source: "tracking" },
      ])
      await api.post(RULES, { name: "Opened an email", points: 2, event_type: "opened" }, admin)
      await until(() => leadScore(reader.id), (score) => score === 2, "the reader's lead score after the open rule", 150)
      expect(await leadScore(proxied.id)).toEqual(0)
      expect(await leadScore(ana!.id)).toEqual(0)
    })
  },
})

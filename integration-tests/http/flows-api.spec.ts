import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { createTemplateWorkflow } from "../../src/workflows/templates"
import { adminHeaders, registerCustomer } from "../helpers/auth"
import { createStoreFixture } from "../helpers/store-fixture"
import { until } from "../helpers/until"

jest.setTimeout(240_000)

const mjml = (body: string) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${body}</mj-text></mj-column></mj-section></mj-body></mjml>`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let templateId: string

    beforeEach(async () => {
      admin = await adminHeaders(api, getContainer())
      const { result } = await createTemplateWorkflow(getContainer()).run({
        input: { name: "Hello", content: { subject: "Hello {{ contact.first_name }}", mjml: mjml("Hi {{ contact.first_name }}") } },
      })
      templateId = result.template.id
    })

    const fail = (promise: Promise<any>) => promise.catch((e: any) => e.response)
    const flowBody = (steps: Record<string, unknown>, entry = "hello") => ({
      name: "Welcome",
      definition: { trigger: { type: "event", event: "customer.created" }, reentry: "once", entry, steps },
    })

    it("answers 401 without an admin, and a customer's token is not an admin's", async () => {
      const anonymous = await fail(api.get("/admin/marketing/flows"))
      expect(anonymous.status).toEqual(401)
      const created = await fail(api.post("/admin/marketing/flows", flowBody({ hello: { type: "exit" } })))
      expect(created.status).toEqual(401)
    })

    it("refuses a malformed definition with a 400 naming the step and stores nothing", async () => {
      const missing = await fail(
        api.post("/admin/marketing/flows", flowBody({ hello: { type: "send_email", next: "bye" } }), admin)
      )
      expect(missing.status).toEqual(400)
      expect(missing.data.message).toContain("definition.steps.hello.template_id")

      const typo = await fail(
        api.post("/admin/marketing/flows", flowBody({ hello: { type: "wait", duration: { amount: 1, unit: "days" }, nxt: "x" } }), admin)
      )
      expect(typo.status).toEqual(400)
      expect(typo.data.message).toContain("steps.hello")
      expect(typo.data.message).toContain("nxt")

      const { data } = await api.get("/admin/marketing/flows", admin)
      expect(data.count).toEqual(0)
    })

    it("keeps unfinished drafts, but activation refuses dangling steps, loops without a wait and unknown templates, naming the step", async () => {
      const { data: dangling } = await api.post(
        "/admin/marketing/flows",
        flowBody({ hello: { type: "send_email", template_id: templateId, next: "nowhere" } }),
        admin
      )
      expect(dangling.flow.status).toEqual("draft")
      const refused = await fail(api.post(`/admin/marketing/flows/${dangling.flow.id}/activate`, {}, admin))
      expect(refused.status).toEqual(400)
      expect(refused.data.message).toContain("definition.steps.hello.next")
      expect(refused.data.message).toContain("nowhere")

      const { data: loop } = await api.post(
        "/admin/marketing/flows",
        flowBody({
          hello: { type: "send_email", template_id: templateId, next: "check" },
          check: { type: "condition", rule: { type: "field", field: "orders_count", operator: "gt", value: 0 }, yes: "hello", no: "hello" },
        }),
        admin
      )
      const looping = await fail(api.post(`/admin/marketing/flows/${loop.flow.id}/activate`, {}, admin))
      expect(looping.status).toEqual(400)
      expect(looping.data.message).toMatch(/hello|check/)
      expect(looping.data.message).toMatch(/wait/)

      const { data: unknown } = await api.post(
        "/admin/marketing/flows",
        flowBody({ hello: { type: "send_email", template_id: "mkt_tpl_missing" } }),
        admin
      )
      const noTemplate = await fail(api.post(`/admin/marketing/flows/${unknown.flow.id}/activate`, {}, admin))
      expect(noTemplate.status).toEqual(400)
      expect(noTemplate.data.message).toContain("definition.steps.hello.template_id")

      // The builder gets every issue at once.
      const { data: checked } = await api.post(
        "/admin/marketing/flows/validate",
        {
          definition: flowBody({
            hello: { type: "send_email", template_id: "mkt_tpl_missing", next: "nowhere" },
            orphan: { type: "exit" },
          }).definition,
        },
        admin
      )
      expect(checked.issues.map((issue: { step: string }) => issue.step).sort()).toEqual(["hello", "hello", "orphan"])

      const { data: list } = await api.get("/admin/marketing/flows?status=draft", admin)
      expect(list.flows.every((flow: { status: string }) => flow.status === "draft")).toBe(true)
    })

    it("saves an edited definition exactly: a removed step, trigger filter or goal does not linger", async () => {
      const full = {
        trigger: { type: "event", event: "marketing.segment_entered", filter: { data: [{ path: "segment_id", operator: "eq", value: "mkt_seg_x" }] } },
        reentry: "once",
        goal: { event: "order.placed" },
        entry: "hello",
        steps: {
          hello: { type: "send_email", template_id: templateId, next: "wait" },
          wait: { type: "wait", duration: { amount: 1, unit: "days" }, next: "bye" },
          bye: { type: "exit" },
        },
      }
      const { data } = await api.post("/admin/marketing/flows", { name: "Edited", definition: full }, admin)
      const trimmed = {
        trigger: { type: "event", event: "marketing.segment_entered" },
        reentry: "once",
        entry: "hello",
        steps: { hello: { type: "send_email", template_id: templateId } },
      }
      const { data: saved } = await api.post(`/admin/marketing/flows/${data.flow.id}`, { definition: trimmed }, admin)
      expect(saved.flow.definition).toEqual(trimmed)
      expect((await api.get(`/admin/marketing/flows/${data.flow.id}`, admin)).data.flow.definition).toEqual(trimmed)
    })

    it("runs a store's own step type from the plugin options, and the builder's catalog lists it", async () => {
      const { data: catalog } = await api.get("/admin/marketing/flows/catalog", admin)
      expect(catalog.step_types).toContainEqual(expect.objectContaining({ type: "store.tag_contact", label: "Tag contact", builtin: false }))
      expect(catalog.step_types).toContainEqual(expect.objectContaining({ type: "send_email", builtin: true }))

      const badConfig = await fail(
        api.post("/admin/marketing/flows", flowBody({ hello: { type: "store.tag_contact", config: { tag: "" } } }), admin)
      )
      expect(badConfig.status).toEqual(400)
      expect(badConfig.data.message).toContain("steps.hello.config.tag")

      const { data } = await api.post(
        "/admin/marketing/flows",
        flowBody({ hello: { type: "store.tag_contact", config: { tag: "new-customer" } } }),
        admin
      )
      const { data: active } = await api.post(`/admin/marketing/flows/${data.flow.id}/activate`, {}, admin)
      expect(active.flow).toMatchObject({ status: "active", trigger_event: "customer.created" })

      const fixture = await createStoreFixture(getContainer())
      await registerCustomer(api, fixture.publishableKey, { email: "tagged@example.com", first_name: "Tia" })
      const marketing: MarketingModuleService = getContainer().resolve(MARKETING_MODULE)
      const contact = await until(
        () => marketing.findContactByEmail("tagged@example.com"),
        (c: any) => (c?.metadata?.tags ?? []).includes("new-customer"),
        "the custom step to tag the contact"
      )
      expect((contact as any).metadata.tags).toEqual(["new-customer"])
      const { data: counted } = await api.get(`/admin/marketing/flows/${data.flow.id}`, admin)
      expect(counted.flow.step_counts.hello).toMatchObject({ executed: 1 })
      expect(counted.flow.run_counts).toMatchObject({ entered: 1, completed: 1 })
      const { data: listed } = await api.get("/admin/marketing/flows?status=active", admin)
      expect(listed.flows.find((flow: { id: string }) => flow.id === data.flow.id).run_counts).toMatchObject({ entered: 1, completed: 1 })
      const { data: runs } = await api.get(`/admin/marketing/flows/${data.flow.id}/runs`, admin)
      expect(runs.runs).toEqual([expect.objectContaining({ email: "tagged@example.com", status: "completed" })])
    })

    it("dry-runs a flow for a contact on a simulated clock: steps, rendered emails, guardrails, and exits", async () => {
      const marketing: MarketingModuleService = getContainer().resolve(MARKETING_MODULE)
      const [{ contact }] = await marketing.upsertContacts([{ email: "dry@example.com", first_name: "Dora" }])
      const { data } = await api.post(
        "/admin/marketing/flows",
        {
          name: "Abandoned cart",
          definition: {
            trigger: { type: "event", event: "marketing.cart_abandoned" },
            reentry: "every_time",
            exit_on: [{ event: "order.placed" }],
            entry: "first",
            steps: {
              first: { type: "send_email", template_id: templateId, next: "wait" },
              wait: { type: "wait", duration: { amount: 1, unit: "days" }, next: "second" },
              second: { type: "send_email", template_id: templateId },
            },
          },
        },
        admin
      )
      const start = "2027-06-01T10:00:00.000Z"
      // Not subscribed yet: the guardrails would stop the marketing emails.
      const { data: unsubscribed } = await api.post(
        `/admin/marketing/flows/${data.flow.id}/dry-run`,
        { contact_id: contact.id, start, horizon_days: 3 },
        admin
      )
      expect(unsubscribed.timeline.filter((e: any) => e.outcome === "stopped_by_guardrail").map((e: any) => e.step)).toEqual([
        "first",
        "second",
      ])
      expect(unsubscribed.emails).toEqual([])

      await marketing.updateConsent({ contact_id: contact.id, status: "subscribed", source: "test" })
      const { data: ordered } = await api.post(
        `/admin/marketing/flows/${data.flow.id}/dry-run`,
        { contact_id: contact.id, start, horizon_days: 3, events: [{ after_hours: 2, name: "order.placed" }] },
        admin
      )
      expect(ordered.emails).toEqual([
        expect.objectContaining({ step: "first", at: start, subject: "Hello Dora", html: expect.stringContaining("Hi Dora") }),
      ])
      expect(ordered.final.status).toEqual("exited")
      // Nothing was stored or sent.
      expect(await marketing.listMessages({ contact_id: contact.id })).toEqual([])
      expect(await marketing.listFlowRuns({ contact_id: contact.id })).toEqual([])

      // Unsaved edits can be tried before saving: without the wait, the frequency cap stops the second email.
      const { data: edited } = await api.post(
        `/admin/marketing/flows/${data.flow.id}/dry-run`,
        {
          contact_id: contact.id,
          start,
          definition: { ...data.flow.definition, steps: { ...data.flow.definition.steps, first: { type: "send_email", template_id: templateId, next: "second" } } },
        },
        admin
      )
      expect(edited.emails.map((e: { step: string }) => e.step)).toEqual(["first"])
      expect(edited.timeline).toContainEqual(
        expect.objectContaining({ step: "second", outcome: "stopped_by_guardrail", detail: expect.stringContaining("the frequency cap allows") })
      )

      const badContact = await fail(
        api.post(`/admin/marketing/flows/${data.flow.id}/dry-run`, { contact_id: "mkt_con_nope" }, admin)
      )
      expect(badContact.status).toEqual(400)
      expect(badContact.data.message).toContain("contact_id")
      for (const start of [9e15, -9e15, "+275760-09-13T00:00:00Z"]) {
        const badStart = await fail(
          api.post(`/admin/marketing/flows/${data.flow.id}/dry-run`, { contact_id: "mkt_con_nope", start }, admin)
        )
        expect([start, badStart.status]).toEqual([start, 400])
        expect(badStart.data.message).toContain("start")
      }
    })
  },
})

import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { MessageEventType } from "../../src/types"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
import { adminHeaders } from "../helpers/auth"
import { checkout, createCartWithItem } from "../helpers/checkout"

jest.setTimeout(240_000)

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const ago = (ms: number) => new Date(Date.now() - ms)

type Send = {
  reason_type: string
  reason_id: string | null
  reason_step?: string
  variant?: string
  transactional?: boolean
  status?: "sent" | "queued"
  sent_at?: Date
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fixture: StoreFixture
    let marketing: MarketingModuleService
    let eventBus: any
    let admin: { headers: Record<string, string> }
    let sends = 0

    // A checkout sets off several subscribers; on a busy machine they take longer than the default 15 s.
    const settle = (event: string) => TestEventUtils.waitSubscribersExecution(event, eventBus, { timeout: 90_000 })

    beforeEach(async () => {
      const container = getContainer()
      fixture = await createStoreFixture(container)
      marketing = container.resolve(MARKETING_MODULE)
      eventBus = container.resolve(Modules.EVENT_BUS)
      admin = await adminHeaders(api, container)
    })

    const contact = async (email: string) => {
      const [{ contact }] = await marketing.upsertContacts([{ email }])
      return contact
    }

    /** A message in the outbox, marked sent as the dispatcher would. */
    const send = async (to: { id: string; email: string }, input: Send) => {
      // Queued far ahead, so the dispatch job never claims it before it is marked sent.
      const [queued] = await marketing.enqueueMessages([
        {
          contact_id: to.id,
          template_version_id: "tv_attribution_test",
          to_email: to.email,
          reason_type: input.reason_type,
          reason_id: input.reason_id,
          reason_step: input.reason_step ?? null,
          variant: input.variant ?? null,
          transactional: input.transactional ?? false,
          idempotency_key: `attribution-test:${++sends}`,
          send_after: new Date(Date.now() + 365 * DAY),
        },
      ])
      if (input.status !== "queued") {
        await marketing.updateMessages({
          id: queued.id,
          status: "sent",
          sent_at: input.sent_at ?? ago(HOUR),
        })
      }
      return { id: queued.id, contact_id: to.id }
    }

    const record = async (
      message: { id: string; contact_id: string },
      type: MessageEventType,
      at: Date,
      extra: { machine?: boolean; bounce_type?: "hard" | "soft" } = {}
    ) => {
      await marketing.recordMessageEvents(
        [{ message_id: message.id, contact_id: message.contact_id, type, occurred_at: at, source: "tracking", ...extra }],
        { softBounceLimit: 3 }
      )
    }

    /** A real storefront checkout of one item; resolves once every order.placed subscriber ran. */
    const placeOrder = async (email: string) => {
      const cartId = await createCartWithItem(api, fixture, email)
      const placed = settle("order.placed")
      const order = await checkout(api, fixture, cartId)
      await placed
      return order
    }

    const conversionsOf = (orderId: string) => marketing.listConversions({ order_id: orderId })

    const results = async (query: string) =>
      (await api.get(`/admin/marketing/results?${query}`, admin)).data.results

    describe("attribution of orders", () => {
      it("an order placed after a click on a sent email counts for that email with the order total; a refund lowers it", async () => {
        const buyer = await contact("clicker@example.com")
        const flowId = "mkt_flw_attr_click"
        const earlier = await send(buyer, { reason_type: "flow", reason_id: flowId, reason_step: "welcome", sent_at: ago(2 * DAY) })
        const clicked = await send(buyer, { reason_type: "flow", reason_id: flowId, reason_step: "reminder", sent_at: ago(3 * HOUR) })
        await record(earlier, "clicked", ago(2 * DAY - HOUR))
        await record(clicked, "clicked", ago(2 * HOUR))

        const order = await placeOrder("clicker@example.com")
        const total = fixture.price + fixture.shippingPrice

        const [conversion] = await conversionsOf(order.id)
        expect(conversion).toEqual(
          expect.objectContaining({
            contact_id: buyer.id,
            message_id: clicked.id,
            reason_type: "flow",
            reason_id: flowId,
            reason_step: "reminder",
            touch: "click",
            currency_code: "eur",
            canceled_at: null,
          })
        )
        expect(Number(conversion.amount)).toEqual(total)
        expect(new Date(conversion.ordered_at).getTime()).toEqual(new Date(order.created_at).getTime())

        const byStep = await results(`reason_type=flow&reason_id=${flowId}&group_by=step`)
        expect(byStep.groups).toEqual([
          expect.objectContaining({ key: "reminder", sent: 1, clicked: 1, conversions: 1, revenue: { eur: total } }),
          expect.objectContaining({ key: "welcome", sent: 1, clicked: 1, conversions: 0, revenue: {} }),
        ])

        // A redelivered order.placed finds the conversion there and adds nothing.
        const redelivered = settle("order.placed")
        await eventBus.emit({ name: "order.placed", data: { id: order.id } })
        await redelivered
        const afterRedelivery = await conversionsOf(order.id)
        expect(afterRedelivery.map((c) => c.id)).toEqual([conversion.id])

        const {
          data: { order: withPayments },
        } = await api.get(`/admin/orders/${order.id}?fields=id,*payment_collections.payments`, admin)
        const paymentId = withPayments.payment_collections[0].payments[0].id
        await api.post(`/admin/payments/${paymentId}/capture`, {}, admin)
        const refunded = settle("payment.refunded")
        await api.post(`/admin/payments/${paymentId}/refund`, { amount: 4 }, admin)
        await refunded

        const [afterRefund] = await conversionsOf(order.id)
        expect(Number(afterRefund.refunded_amount)).toEqual(4)
        const net = await results(`reason_type=flow&reason_id=${flowId}`)
        expect(net.groups).toEqual([
          expect.objectContaining({ key: null, recipients: 1, sent: 2, conversions: 1, revenue: { eur: total - 4 } }),
        ])

        // The refunded total is absolute: the same event again changes nothing.
        const again = settle("payment.refunded")
        await eventBus.emit({ name: "payment.refunded", data: { id: paymentId } })
        await again
        const [afterReplay] = await conversionsOf(order.id)
        expect(Number(afterReplay.refunded_amount)).toEqual(4)
      })

      it("an order whose attribution fails keeps its capture, and a redelivered order.placed credits it", async () => {
        const buyer = await contact("unlucky@example.com")
        const message = await send(buyer, { reason_type: "campaign", reason_id: "mkt_cmp_attr_retry", sent_at: ago(3 * HOUR) })
        await record(message, "clicked", ago(2 * HOUR))

        const container = getContainer()
        const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
        const logged = jest.spyOn(logger, "error")
        let order: { id: string }
        let errors: string[]
        await pg.raw("ALTER TABLE marketing_conversion RENAME TO marketing_conversion_away")
        try {
          order = await placeOrder("unlucky@example.com")
        } finally {
          await pg.raw("ALTER TABLE marketing_conversion_away RENAME TO marketing_conversion")
          errors = logged.mock.calls.map(([text]) => String(text))
          logged.mockRestore()
        }
        expect(errors).toContainEqual(expect.stringContaining(`attributing order ${order.id} failed`))
        expect(await conversionsOf(order.id)).toEqual([])
        const captured = (await marketing.findContactByEmail("unlucky@example.com"))!
        expect(captured.orders_count).toEqual(1)

        const redelivered = settle("order.placed")
        await eventBus.emit({ name: "order.placed", data: { id: order.id } })
        await redelivered
        expect(await conversionsOf(order.id)).toEqual([
          expect.objectContaining({ message_id: message.id, touch: "click", contact_id: buyer.id }),
        ])
        expect((await marketing.findContactByEmail("unlucky@example.com"))!.orders_count).toEqual(1)
      })

      it("without a click in the window the last human open wins; machine opens, transactional emails and no touch attribute nothing", async () => {
        const campaignId = "mkt_cmp_attr_open"
        const opener = await contact("opener@example.com")
        const oldClick = await send(opener, { reason_type: "campaign", reason_id: campaignId, variant: "A", sent_at: ago(7 * DAY) })
        const opened = await send(opener, { reason_type: "campaign", reason_id: campaignId, variant: "B", sent_at: ago(5 * HOUR) })
        const scanned = await send(opener, { reason_type: "flow", reason_id: "mkt_flw_attr_other", sent_at: ago(2 * HOUR) })
        // Outside the 5-day click window.
        await record(oldClick, "clicked", ago(6 * DAY))
        // Inside the 1-day open window.
        await record(opened, "opened", ago(3 * HOUR))
        // Newer, but a privacy proxy's.
        await record(scanned, "opened", ago(HOUR), { machine: true })

        const machineOnly = await contact("proxy@example.com")
        const proxied = await send(machineOnly, { reason_type: "campaign", reason_id: campaignId, variant: "A" })
        await record(proxied, "opened", ago(30 * 60 * 1000), { machine: true })
        const receipt = await send(machineOnly, { reason_type: "order_confirmation", reason_id: null, transactional: true })
        await record(receipt, "clicked", ago(20 * 60 * 1000))

        const untouched = await contact("quiet@example.com")
        await send(untouched, { reason_type: "campaign", reason_id: campaignId, variant: "A" })

        const openOrder = await placeOrder("opener@example.com")
        const machineOrder = await placeOrder("proxy@example.com")
        const quietOrder = await placeOrder("quiet@example.com")

        const [conversion] = await conversionsOf(openOrder.id)
        expect(conversion).toEqual(
          expect.objectContaining({ message_id: opened.id, touch: "open", reason_type: "campaign", variant: "B" })
        )
        expect(await conversionsOf(machineOrder.id)).toEqual([])
        expect(await conversionsOf(quietOrder.id)).toEqual([])

        const total = fixture.price + fixture.shippingPrice
        const byVariant = await results(`reason_type=campaign&reason_id=${campaignId}&group_by=variant`)
        expect(byVariant.runs).toBeNull()
        expect(byVariant.groups).toEqual([
          expect.objectContaining({ key: "A", recipients: 3, sent: 3, opened: 1, clicked: 1, conversions: 0, revenue: {} }),
          expect.objectContaining({
            key: "B",
            recipients: 1,
            sent: 1,
            opened: 1,
            clicked: 0,
            conversions: 1,
            revenue: { eur: total },
            revenue_per_recipient: { eur: total },
          }),
        ])

        // A canceled order no longer counts.
        const canceled = settle("order.canceled")
        await api.post(`/admin/orders/${openOrder.id}/cancel`, {}, admin)
        await canceled
        const [afterCancel] = await conversionsOf(openOrder.id)
        expect(afterCancel.canceled_at).not.toBeNull()
        const afterCancelResults = await results(`reason_type=campaign&reason_id=${campaignId}&group_by=variant`)
        expect(afterCancelResults.groups[1]).toEqual(expect.objectContaining({ key: "B", conversions: 0, revenue: {} }))
      })

      it("the click window is a setting: widened to 7 days, a 6-day-old click earns the order", async () => {
        const saved = await api.post("/admin/marketing/settings", { attribution: { click_window_days: 7 } }, admin)
        expect(saved.data.settings.attribution).toEqual({ click_window_days: 7, open_window_days: 1 })
        const tooWide = await api.post(
          "/admin/marketing/settings",
          { attribution: { click_window_days: 91 } },
          { ...admin, validateStatus: () => true }
        )
        expect(tooWide.status).toEqual(400)
        expect(tooWide.data.message).toMatch(/click_window_days/)
        expect((await api.get("/admin/marketing/settings", admin)).data.settings.attribution.click_window_days).toEqual(7)

        const buyer = await contact("late@example.com")
        const message = await send(buyer, { reason_type: "flow", reason_id: "mkt_flw_attr_late", sent_at: ago(6 * DAY + HOUR) })
        await record(message, "clicked", ago(6 * DAY))
        const order = await placeOrder("late@example.com")
        const [conversion] = await conversionsOf(order.id)
        expect(conversion).toEqual(expect.objectContaining({ message_id: message.id, touch: "click" }))
      })
    })

    describe("results and overview", () => {
      it("per step, per variant and in total the figures add up, with the flow's holdout and the month's overview", async () => {
        const [flow] = await marketing.createFlows([{ name: "Welcome series", definition: {} }])
        const [campaign] = await marketing.createCampaigns([
          { name: "Spring sale", template_id: "tpl_attr", segment_ids: [] as unknown as Record<string, unknown> },
        ])
        const c1 = await contact("one@example.com")
        const c2 = await contact("two@example.com")
        const c3 = await contact("three@example.com")
        const f = { reason_type: "flow", reason_id: flow.id }
        const recently = ago(10 * 60 * 1000)
        const at = ago(5 * 60 * 1000)

        const m1 = await send(c1, { ...f, reason_step: "s1", sent_at: recently })
        const m2 = await send(c2, { ...f, reason_step: "s1", sent_at: recently })
        const m3 = await send(c1, { ...f, reason_step: "s1", sent_at: recently })
        const m4 = await send(c2, { ...f, reason_step: "s2", sent_at: recently })
        const m5 = await send(c3, { ...f, reason_step: "s2", sent_at: recently })
        await send(c3, { ...f, reason_step: "s2", status: "queued" })
        const m7 = await send(c3, { ...f, reason_step: "s2", sent_at: ago(40 * DAY) })
        for (const m of [m1, m2, m4, m5]) {
          await record(m, "delivered", at)
        }
        await record(m1, "opened", at)
        await record(m1, "clicked", at)
        await record(m2, "opened", at, { machine: true })
        await record(m3, "bounced", at, { bounce_type: "soft" })
        await record(m4, "opened", at)
        await record(m4, "unsubscribed", at)
        await record(m5, "clicked", at)

        const k = { reason_type: "campaign", reason_id: campaign.id }
        const m8 = await send(c1, { ...k, variant: "A", sent_at: recently })
        const m9 = await send(c2, { ...k, variant: "B", sent_at: recently })
        await send(c3, { ...k, variant: "B", sent_at: recently })
        await record(m8, "clicked", at)
        await record(m9, "opened", at)

        const now = ago(1000)
        const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 2))
        const conversion = (
          order: string,
          message: { id: string; contact_id: string },
          meta: Record<string, unknown>,
          money: { amount: number; refunded_amount?: number; currency_code?: string; canceled_at?: Date; ordered_at?: Date }
        ) => ({
          order_id: order,
          contact_id: message.contact_id,
          message_id: message.id,
          touch: "click" as const,
          touched_at: at,
          ordered_at: money.ordered_at ?? now,
          amount: money.amount,
          refunded_amount: money.refunded_amount ?? 0,
          currency_code: money.currency_code ?? "eur",
          canceled_at: money.canceled_at ?? null,
          reason_type: meta.reason_type as string,
          reason_id: meta.reason_id as string,
          reason_step: (meta.reason_step as string) ?? null,
          variant: (meta.variant as string) ?? null,
        })
        await marketing.createConversions([
          conversion("order_1", m1, { ...f, reason_step: "s1" }, { amount: 100, refunded_amount: 20 }),
          conversion("order_2", m4, { ...f, reason_step: "s2" }, { amount: 50, canceled_at: now }),
          conversion("order_3", m5, { ...f, reason_step: "s2" }, { amount: 30 }),
          conversion("order_4", m5, { ...f, reason_step: "s2" }, { amount: 10, currency_code: "usd" }),
          conversion("order_5", m7, { ...f, reason_step: "s2" }, { amount: 25, ordered_at: lastMonth }),
          conversion("order_6", m8, { ...k, variant: "A" }, { amount: 40 }),
        ])

        // Entrants: the holdout converts 1 in 4, the flow 2 in 4, so the lift is +100 %.
        const entered = ago(3 * DAY)
        const runs: { holdout: boolean; order_after_ms: number | null; entry_order?: boolean }[] = [
          { holdout: true, order_after_ms: DAY },
          { holdout: true, order_after_ms: null },
          { holdout: true, order_after_ms: null },
          { holdout: true, order_after_ms: null },
          { holdout: false, order_after_ms: HOUR },
          { holdout: false, order_after_ms: 2 * DAY },
          // The order that started the run is not its conversion.
          { holdout: false, order_after_ms: 1000, entry_order: true },
          { holdout: false, order_after_ms: null },
        ]
        for (const [i, run] of runs.entries()) {
          const entrant = await contact(`entrant${i}@example.com`)
          const orderId = `order_run_${i}`
          await marketing.createFlowRuns([
            {
              flow_id: flow.id,
              flow_version_id: "fv_attr",
              contact_id: entrant.id,
              entry_key: run.entry_order ? orderId : `cart_${i}`,
              holdout: run.holdout,
              status: "completed",
              state: {},
              entered_at: entered,
            },
          ])
          if (run.order_after_ms !== null) {
            await marketing.recordContactEvents([
              {
                contact_id: entrant.id,
                type: "order_placed",
                idempotency_key: `order_placed:${orderId}`,
                occurred_at: new Date(entered.getTime() + run.order_after_ms),
                resource_type: "order",
                resource_id: orderId,
              },
            ])
          }
        }
        // An order 10 days after entering is past the click window.
        const lateEntrant = await contact("entrant-late@example.com")
        await marketing.createFlowRuns([
          {
            flow_id: flow.id,
            flow_version_id: "fv_attr",
            contact_id: lateEntrant.id,
            entry_key: "cart_late",
            holdout: false,
            status: "completed",
            state: {},
            entered_at: ago(12 * DAY),
          },
        ])
        await marketing.recordContactEvents([
          {
            contact_id: lateEntrant.id,
            type: "order_placed",
            idempotency_key: "order_placed:order_late",
            occurred_at: ago(2 * DAY),
            resource_type: "order",
            resource_id: "order_late",
          },
        ])

        // From 5 days ago: today's sends and the entrants of 3 days ago, not the late entrant nor the 40-day-old send.
        const from = ago(5 * DAY).toISOString()
        const byStep = await results(`reason_type=flow&reason_id=${flow.id}&group_by=step&from=${from}`)
        expect(byStep.groups).toEqual([
          {
            key: "s1",
            recipients: 2,
            sent: 3,
            delivered: 2,
            opened: 1,
            clicked: 1,
            bounced: 1,
            unsubscribed: 0,
            conversions: 1,
            revenue: { eur: 80 },
            revenue_per_recipient: { eur: 40 },
          },
          {
            key: "s2",
            recipients: 2,
            sent: 2,
            delivered: 2,
            opened: 2,
            clicked: 1,
            bounced: 0,
            unsubscribed: 1,
            conversions: 2,
            revenue: { eur: 30, usd: 10 },
            revenue_per_recipient: { eur: 15, usd: 5 },
          },
        ])
        expect(byStep.runs).toEqual({
          entered: 8,
          holdout: { entered: 4, converted: 1, conversion_rate: 0.25 },
          treated: { entered: 4, converted: 2, conversion_rate: 0.5 },
          lift: 1,
        })

        const total = await results(`reason_type=flow&reason_id=${flow.id}&from=${from}`)
        expect(total.groups).toEqual([
          expect.objectContaining({
            key: null,
            recipients: 3,
            sent: 5,
            delivered: 4,
            opened: 3,
            clicked: 2,
            bounced: 1,
            unsubscribed: 1,
            conversions: 3,
            revenue: { eur: 110, usd: 10 },
          }),
        ])
        // Each figure of the total is the sum of the steps'.
        for (const field of ["sent", "delivered", "opened", "clicked", "bounced", "unsubscribed", "conversions"]) {
          expect(total.groups[0][field]).toEqual(byStep.groups.reduce((sum: number, g: any) => sum + g[field], 0))
        }

        // Without a start, the 40-day-old send and its order count too; the late entrant as well.
        const allTime = await results(`reason_type=flow&reason_id=${flow.id}`)
        expect(allTime.groups[0]).toEqual(
          expect.objectContaining({ sent: 6, recipients: 3, conversions: 4, revenue: { eur: 135, usd: 10 } })
        )
        expect(allTime.runs.treated).toEqual({ entered: 5, converted: 2, conversion_rate: 0.4 })

        const byVariant = await results(`reason_type=campaign&reason_id=${campaign.id}&group_by=variant`)
        expect(byVariant.groups).toEqual([
          expect.objectContaining({ key: "A", recipients: 1, sent: 1, opened: 1, clicked: 1, conversions: 1, revenue: { eur: 40 } }),
          expect.objectContaining({ key: "B", recipients: 2, sent: 2, opened: 1, clicked: 0, conversions: 0, revenue: {} }),
        ])

        const invalid = await api.get(`/admin/marketing/results?reason_type=segment&reason_id=x`, {
          ...admin,
          validateStatus: () => true,
        })
        expect(invalid.status).toEqual(400)
        expect(invalid.data.message).toMatch(/reason_type/)
        const anonymous = await api.get(`/admin/marketing/results?reason_type=flow&reason_id=${flow.id}`, {
          validateStatus: () => true,
        })
        expect(anonymous.status).toEqual(401)

        const {
          data: { overview },
        } = await api.get("/admin/marketing/overview", admin)
        expect(overview.revenue.this_month).toEqual([
          { currency_code: "eur", amount: 150, conversions: 3 },
          { currency_code: "usd", amount: 10, conversions: 1 },
        ])
        expect(overview.revenue.last_month).toEqual([{ currency_code: "eur", amount: 25, conversions: 1 }])
        expect(overview.top_flows).toEqual([
          { id: flow.id, name: "Welcome series", currency_code: "eur", revenue: 110, conversions: 2 },
          { id: flow.id, name: "Welcome series", currency_code: "usd", revenue: 10, conversions: 1 },
        ])
        expect(overview.top_campaigns).toEqual([
          { id: campaign.id, name: "Spring sale", currency_code: "eur", revenue: 40, conversions: 1 },
        ])
        // The nine sent (the queued one is not), newest first, named after their flow or campaign.
        expect(overview.recent_sends).toHaveLength(9)
        const sentTimes = overview.recent_sends.map((s: any) => new Date(s.sent_at).getTime())
        expect(sentTimes).toEqual([...sentTimes].sort((a, b) => b - a))
        expect(overview.recent_sends[0].reason_name).toMatch(/Welcome series|Spring sale/)
        expect(overview.recent_sends[8].id).toEqual(m7.id)

        expect(overview.daily).toHaveLength(30)
        expect(overview.daily[29].date).toEqual(new Date().toISOString().slice(0, 10))
        const sum = (field: string) => overview.daily.reduce((total: number, day: any) => total + day[field], 0)
        // The 40-day-old send is outside the 30 days; the machine open never counts.
        expect(sum("sent")).toEqual(8)
        expect(sum("opened")).toEqual(5)
        expect(sum("clicked")).toEqual(3)
        const eurByDay = overview.daily.reduce((total: number, day: any) => total + (day.revenue.eur ?? 0), 0)
        const today = new Date(new Date().toISOString().slice(0, 10))
        const seriesStart = today.getTime() - 29 * DAY
        expect(eurByDay).toEqual(150 + (lastMonth.getTime() >= seriesStart ? 25 : 0))
        expect(overview.daily[29].revenue).toEqual({ eur: 150, usd: 10 })

        const berlin = await api.get("/admin/marketing/overview?time_zone=Europe/Berlin", admin)
        expect(berlin.data.overview.time_zone).toEqual("Europe/Berlin")
        const badZone = await api.get("/admin/marketing/overview?time_zone=Mars/Base", {
          ...admin,
          validateStatus: () => true,
        })
        expect(badZone.status).toEqual(400)
        expect(badZone.data.message).toMatch(/time_zone/)
      })
    })
  },
})

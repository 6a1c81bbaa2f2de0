import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { MarketingEvents } from "../../src/types"
import { sweepAbandonedCarts } from "../../src/workflows/carts"
import { activateFlowWorkflow, advanceFlowRuns, createFlowWorkflow } from "../../src/workflows/flows"
import { dispatchDueMessages } from "../../src/workflows/messages"
import { createTemplateWorkflow } from "../../src/workflows/templates"
import { adminHeaders } from "../helpers/auth"
import { checkout, createCartWithItem, storeHeaders } from "../helpers/checkout"
import { useSmtpCapture } from "../helpers/smtp-capture"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"
// The flow subscriber listens to every event, so helpers that wait for one event's subscribers do not wait for it.
import { until } from "../helpers/until"

jest.setTimeout(300_000)

const capture = useSmtpCapture()

const HOUR = 3_600_000

const mjml = (body: string) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${body}</mj-text></mj-column></mj-section></mj-body></mjml>`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fixture: StoreFixture
    let marketing: MarketingModuleService
    let flowId: string

    beforeAll(async () => {
      const container = getContainer()
      const admin = await adminHeaders(api, container)
      // Quiet hours follow the real clock, which CI does not choose.
      await api.post("/admin/marketing/settings", { quiet_hours: { enabled: false } }, admin)
      fixture = await createStoreFixture(container)
      marketing = container.resolve(MARKETING_MODULE)
      const template = async (name: string, subject: string, body: string) =>
        (
          await createTemplateWorkflow(container).run({
            input: { name, content: { subject, mjml: mjml(body) } },
          })
        ).result.template.id as string
      const first = await template(
        "Cart reminder",
        "You left something behind",
        "{% for item in cart.items %}{{ item.title }} {% endfor %}<a href=\"{{ cart.recovery_url }}\">Back to your cart</a>"
      )
      const second = await template(
        "Cart reminder with a code",
        "{{ discount.code }} for your cart",
        "Use {{ discount.code }} ({{ discount.value }}) before {{ discount.expires_at }}. <a href=\"{{ cart.recovery_url }}\">Checkout</a>"
      )
      const { result: flow } = await createFlowWorkflow(container).run({
        input: {
          name: "Abandoned cart",
          definition: {
            trigger: { type: "event", event: MarketingEvents.CART_ABANDONED },
            reentry: "every_time",
            exit_on: [{ event: "order.placed", match: { same: { trigger: "cart_id", event: "cart_id" } } }],
            goal: { event: "order.placed" },
            entry: "reminder",
            steps: {
              reminder: { type: "send_email", template_id: first, next: "wait" },
              wait: { type: "wait", duration: { amount: 23, unit: "hours" }, next: "code" },
              code: { type: "discount", kind: "percentage", value: 10, expires_in_days: 7, next: "last_call" },
              last_call: { type: "send_email", template_id: second },
            },
          },
        },
      })
      flowId = flow.id
      await activateFlowWorkflow(container).run({ input: { id: flowId } })
    })

    /** A subscribed shopper leaves a cart; the sweep an hour later reports it and the flow takes over. */
    const abandon = async (email: string) => {
      const container = getContainer()
      const eventBus = container.resolve(Modules.EVENT_BUS)
      const updated = TestEventUtils.waitSubscribersExecution("cart.updated", eventBus, { timeout: 90_000 })
      const cartId = await createCartWithItem(api, fixture, email)
      await updated
      const [contact] = await marketing.listContacts({ email })
      await marketing.updateConsent({ contact_id: contact.id, status: "subscribed", source: "test" })
      await sweepAbandonedCarts(container, { now: new Date(Date.now() + 61 * 60_000) })
      await until(
        () => marketing.listFlowRuns({ flow_id: flowId, contact_id: contact.id, status: "waiting" }),
        (runs) => runs.length > 0,
        "the abandoned-cart run"
      )
      return { cartId, contactId: contact.id }
    }

    /**
     * Sends what is due at `now`. The app's own dispatch job runs every
     * minute too and may have claimed a reminder first; wait for its send.
     */
    const drain = async (now: Date) => {
      for (let i = 0; i < 20; i++) {
        if ((await dispatchDueMessages(getContainer(), { now, limit: 50 })).claimed === 0) break
      }
      await until(() => marketing.listMessages({ status: "sending" }), (sending) => sending.length === 0, "sends in flight")
    }
    const mailsTo = (email: string) => capture.received.filter((mail) => (mail.to as any).value[0].address === email)
    const runsOf = (contactId: string) => marketing.listFlowRuns({ flow_id: flowId, contact_id: contactId })

    it("reminds at once with the items and a recovery link, then a day later with a code checkout accepts", async () => {
      const { cartId, contactId } = await abandon("left@example.com")
      const [run] = await runsOf(contactId)
      expect(run).toMatchObject({ entry_key: cartId, status: "waiting", current_step: "wait" })

      await drain(new Date(Date.now() + 60_000))
      const [first] = mailsTo("left@example.com")
      expect(first.subject).toEqual("You left something behind")
      expect(first.html).toContain("Linen shirt")
      // The recovery link is tracked: it goes through the click route to the cart.
      const href = /href="([^"]+)"[^>]*>Back to your cart/.exec(first.html as string)![1]
      const click = await api.get(new URL(href).pathname + new URL(href).search, { maxRedirects: 0, validateStatus: () => true })
      expect(click.headers.location).toContain(cartId)

      // Nothing more until the wait is over; a second job tick changes nothing.
      await advanceFlowRuns(getContainer(), { now: new Date(Date.now() + 22 * HOUR) })
      expect(await marketing.listMessages({ reason_id: flowId, contact_id: contactId })).toHaveLength(1)

      const later = new Date(Date.now() + 24 * HOUR)
      await Promise.all([advanceFlowRuns(getContainer(), { now: later }), advanceFlowRuns(getContainer(), { now: later })])
      await drain(new Date(later.getTime() + 60_000))
      const mails = mailsTo("left@example.com")
      expect(mails).toHaveLength(2)
      const code = /^(FLOW-[0-9A-F]+) for your cart$/.exec(mails[1].subject!)![1]
      expect(mails[1].html).toContain(`Use ${code}`)
      const [done] = await runsOf(contactId)
      expect(done.status).toEqual("completed")

      // The code works at checkout: the Promotion module applies it to the cart.
      const { data } = await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: [code] }, storeHeaders(fixture))
      expect(data.cart.promotions.map((p: { code: string }) => p.code)).toContain(code)
      expect(data.cart.discount_total).toBeGreaterThan(0)
    })

    it("an order for the cart ends the run at once: no second email, and the conversion is counted", async () => {
      const { cartId, contactId } = await abandon("buyer@example.com")
      await drain(new Date(Date.now() + 60_000))
      expect(mailsTo("buyer@example.com")).toHaveLength(1)

      await checkout(api, fixture, cartId)
      const [run] = await until(() => runsOf(contactId), (runs) => runs[0]?.status !== "waiting", "the run to end")
      expect(run.status).toEqual("exited")
      expect(run.exit_reason).toContain("exit_event")
      expect(run.converted_at).not.toBeNull()

      const later = new Date(Date.now() + 25 * HOUR)
      await advanceFlowRuns(getContainer(), { now: later })
      await drain(new Date(later.getTime() + 60_000))
      expect(mailsTo("buyer@example.com")).toHaveLength(1)
      expect(await marketing.listMessages({ reason_id: flowId, contact_id: contactId })).toHaveLength(1)
    })
  },
})

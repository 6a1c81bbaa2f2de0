import type { FlowDefinition } from "./definition"

/**
 * Ready-made flows a store gets as drafts: the merchant reviews them, edits
 * what they like and activates them. Each names the starter templates it
 * sends (by starter key) and, for at-risk rescue, the segment it listens to.
 */
export type PlaybookNeeds = {
  /** Template ids by starter key. */
  templates: Record<string, string>
  /** The "At risk" RFM segment's id. */
  atRiskSegmentId: string
}

export type Playbook = {
  key: string
  name: string
  description: string
  templates: string[]
  definition: (needs: PlaybookNeeds) => FlowDefinition
}

const days = (amount: number) => ({ amount, unit: "days" as const })
const ORDER = "order.placed"

export const PLAYBOOKS: Playbook[] = [
  {
    key: "welcome_series",
    name: "Welcome series",
    description: "Three emails over a week for a new customer account, with a first-order gift at the end. Stops at the first order.",
    templates: ["welcome", "new_arrivals"],
    definition: ({ templates }) => ({
      trigger: { type: "event", event: "customer.created" },
      reentry: "once",
      goal: { event: ORDER },
      exit_on: [{ event: ORDER }],
      entry: "welcome",
      steps: {
        welcome: { type: "send_email", label: "Welcome", template_id: templates.welcome, next: "wait_3_days" },
        wait_3_days: { type: "wait", duration: days(3), next: "new_arrivals" },
        new_arrivals: { type: "send_email", label: "What's new", template_id: templates.new_arrivals, next: "wait_4_days" },
        wait_4_days: { type: "wait", duration: days(4), next: "first_order_gift" },
        first_order_gift: { type: "discount", label: "10% first-order gift", kind: "percentage", value: 10, expires_in_days: 14, next: "gift_email" },
        gift_email: { type: "send_email", label: "Welcome gift", template_id: templates.welcome },
      },
    }),
  },
  {
    key: "abandoned_cart",
    name: "Abandoned cart",
    description: "A reminder with the cart's items an hour after it was left, and a day later a 10% code. Ends when the cart is bought.",
    templates: ["abandoned_cart"],
    definition: ({ templates }) => ({
      trigger: { type: "event", event: "marketing.cart_abandoned" },
      reentry: "every_time",
      goal: { event: ORDER },
      exit_on: [{ event: ORDER, match: { same: { trigger: "cart_id", event: "cart_id" } } }],
      entry: "reminder",
      steps: {
        reminder: { type: "send_email", label: "Reminder", template_id: templates.abandoned_cart, next: "wait_a_day" },
        wait_a_day: { type: "wait", duration: { amount: 23, unit: "hours" }, next: "code" },
        code: { type: "discount", label: "10% code", kind: "percentage", value: 10, expires_in_days: 3, next: "last_call" },
        last_call: { type: "send_email", label: "Reminder with a code", template_id: templates.abandoned_cart },
      },
    }),
  },
  {
    key: "post_purchase",
    name: "Post-purchase",
    description: "A thank-you after every order, and a review request a week after it ships.",
    templates: ["post_purchase", "review_request"],
    definition: ({ templates }) => ({
      trigger: { type: "event", event: ORDER },
      reentry: "every_time",
      entry: "thank_you",
      steps: {
        thank_you: { type: "send_email", label: "Thank you", template_id: templates.post_purchase, next: "shipped" },
        shipped: {
          type: "wait_for_event",
          label: "Until it ships",
          event: "order.fulfillment_created",
          match: { same: { trigger: "order_id", event: "order_id" } },
          timeout: days(30),
          on_event: "settle_in",
          on_timeout: "done",
        },
        settle_in: { type: "wait", duration: days(7), next: "review" },
        review: { type: "send_email", label: "Review request", template_id: templates.review_request },
        done: { type: "exit" },
      },
    }),
  },
  {
    key: "win_back",
    name: "Win-back",
    description: "No order in 90 days: we-miss-you email; still none at 120 days: a 15% code. Ends when they order.",
    templates: ["win_back"],
    definition: ({ templates }) => ({
      trigger: { type: "inactivity", days: 90 },
      reentry: { days: 180 },
      goal: { event: ORDER },
      exit_on: [{ event: ORDER }],
      entry: "miss_you",
      steps: {
        miss_you: { type: "send_email", label: "We miss you", template_id: templates.win_back, next: "wait_30_days" },
        wait_30_days: { type: "wait", duration: days(30), next: "offer" },
        offer: { type: "discount", label: "15% to come back", kind: "percentage", value: 15, expires_in_days: 14, next: "offer_email" },
        offer_email: { type: "send_email", label: "Come back offer", template_id: templates.win_back },
      },
    }),
  },
  {
    key: "new_arrivals",
    name: "New arrivals",
    description: "When products are added, subscribed contacts get one round-up on the next Monday morning, at most once a week.",
    templates: ["new_arrivals"],
    definition: ({ templates }) => ({
      trigger: {
        type: "event",
        event: "product.created",
        filter: { contact: { type: "field", field: "consent_status", operator: "eq", value: "subscribed" } },
      },
      reentry: { days: 7 },
      entry: "monday",
      steps: {
        monday: { type: "wait_until", label: "Monday 10:00", time: "10:00", weekdays: [1], next: "round_up" },
        round_up: { type: "send_email", label: "New arrivals", template_id: templates.new_arrivals },
      },
    }),
  },
  {
    key: "birthday",
    name: "Birthday",
    description: "A birthday gift at 9:00 on the day, for contacts whose birth date is known.",
    templates: ["birthday"],
    definition: ({ templates }) => ({
      trigger: { type: "date", field: "birth_date", offset_days: 0, annual: true, hour: 9 },
      reentry: "every_time",
      entry: "gift",
      steps: {
        gift: { type: "discount", label: "20% birthday gift", kind: "percentage", value: 20, expires_in_days: 14, next: "wishes" },
        wishes: { type: "send_email", label: "Happy birthday", template_id: templates.birthday },
      },
    }),
  },
  {
    key: "at_risk_rescue",
    name: "At-risk rescue",
    description: "A personal offer when a good customer slips into the At risk RFM group.",
    templates: ["win_back"],
    definition: ({ templates, atRiskSegmentId }) => ({
      trigger: {
        type: "event",
        event: "marketing.segment_entered",
        filter: { data: [{ path: "segment_id", operator: "eq", value: atRiskSegmentId }] },
      },
      reentry: { days: 90 },
      goal: { event: ORDER },
      exit_on: [{ event: ORDER }],
      entry: "offer",
      steps: {
        offer: { type: "discount", label: "20% personal offer", kind: "percentage", value: 20, expires_in_days: 10, next: "offer_email" },
        offer_email: { type: "send_email", label: "Personal offer", template_id: templates.win_back },
      },
    }),
  },
]

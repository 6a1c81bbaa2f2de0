import { abandonmentWindow, decideAbandonment } from "../abandonment"

const now = new Date("2026-06-01T12:00:00Z")
const { cutoff, floor } = abandonmentWindow(now, 60, 168)
const at = (iso: string) => new Date(iso)

const cart = (activity: string, overrides = {}) => ({
  email: "ana@example.com",
  item_count: 2,
  completed: false,
  activity_at: at(activity),
  ...overrides,
})

describe("abandonmentWindow", () => {
  it("puts the cutoff the idle time before now and the floor the maximum age before now", () => {
    expect(cutoff.toISOString()).toEqual("2026-06-01T11:00:00.000Z")
    expect(floor.toISOString()).toEqual("2026-05-25T12:00:00.000Z")
  })
})

describe("decideAbandonment", () => {
  const tracked = { last_activity_at: at("2026-06-01T10:00:00Z") }

  it("reports a cart with items and an email idle past the cutoff", () => {
    expect(decideAbandonment(tracked, cart("2026-06-01T10:00:00Z"), cutoff, floor)).toEqual({
      status: "abandoned",
      activity_at: at("2026-06-01T10:00:00Z"),
    })
  })

  it("keeps a cart active when the cart shows activity the tracker missed", () => {
    expect(decideAbandonment(tracked, cart("2026-06-01T11:30:00Z"), cutoff, floor)).toEqual({
      status: "active",
      activity_at: at("2026-06-01T11:30:00Z"),
    })
  })

  it("reports at the later missed activity when that too is past the cutoff", () => {
    expect(decideAbandonment(tracked, cart("2026-06-01T10:45:00Z"), cutoff, floor)).toEqual({
      status: "abandoned",
      activity_at: at("2026-06-01T10:45:00Z"),
    })
  })

  it("never moves activity backwards when the cart looks older than the tracker", () => {
    const decision = decideAbandonment(tracked, cart("2026-06-01T09:00:00Z"), cutoff, floor)
    expect(decision.activity_at).toEqual(tracked.last_activity_at)
  })

  it("settles completed and vanished carts as completed", () => {
    expect(
      decideAbandonment(tracked, cart("2026-06-01T10:00:00Z", { completed: true }), cutoff, floor)
        .status
    ).toEqual("completed")
    expect(decideAbandonment(tracked, undefined, cutoff, floor).status).toEqual("completed")
  })

  it("does not report carts without items or without an email", () => {
    expect(
      decideAbandonment(tracked, cart("2026-06-01T10:00:00Z", { item_count: 0 }), cutoff, floor)
        .status
    ).toEqual("empty")
    expect(
      decideAbandonment(tracked, cart("2026-06-01T10:00:00Z", { email: null }), cutoff, floor)
        .status
    ).toEqual("empty")
  })

  it("lets carts idle past the maximum age expire instead of reporting them late", () => {
    const old = { last_activity_at: at("2026-05-20T10:00:00Z") }
    expect(decideAbandonment(old, cart("2026-05-20T10:00:00Z"), cutoff, floor).status).toEqual(
      "expired"
    )
  })

  it("treats activity exactly at the cutoff as idle long enough", () => {
    const exact = { last_activity_at: cutoff }
    expect(decideAbandonment(exact, cart(cutoff.toISOString()), cutoff, floor).status).toEqual(
      "abandoned"
    )
  })
})

import { confirmLinkSubscribes, decideSubscribeRequest } from "../subscribe-request"

const now = new Date("2026-12-01T12:00:00Z")
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000)
const decide = (overrides: Partial<Parameters<typeof decideSubscribeRequest>[0]>) =>
  decideSubscribeRequest({ status: "never", consentAt: null, suppressed: false, doubleOptIn: false, lastConfirmationAt: null, now, ...overrides })

describe("decideSubscribeRequest", () => {
  it("subscribes at once with single opt-in, and asks for confirmation with double opt-in", () => {
    expect(decide({ status: "never" })).toEqual("subscribe")
    expect(decide({ status: "pending" })).toEqual("subscribe")
    expect(decide({ status: "never", doubleOptIn: true })).toEqual("request")
    expect(decide({ status: "pending", doubleOptIn: true, lastConfirmationAt: hoursAgo(25) })).toEqual("request")
  })

  it("never turns an unsubscribe into a subscription: it only sends a confirmation", () => {
    expect(decide({ status: "unsubscribed" })).toEqual("confirm")
    expect(decide({ status: "unsubscribed", doubleOptIn: true })).toEqual("confirm")
  })

  it("sends no second confirmation within a day, and none to a suppressed address", () => {
    expect(decide({ status: "unsubscribed", lastConfirmationAt: hoursAgo(23) })).toEqual("none")
    expect(decide({ status: "pending", doubleOptIn: true, lastConfirmationAt: hoursAgo(1) })).toEqual("none")
    expect(decide({ status: "unsubscribed", suppressed: true })).toEqual("none")
    expect(decide({ status: "pending", doubleOptIn: true, consentAt: hoursAgo(2), lastConfirmationAt: hoursAgo(2) })).toEqual(
      "none"
    )
  })

  it("sends a new confirmation to someone who confirmed and then unsubscribed, the same day", () => {
    expect(decide({ status: "unsubscribed", consentAt: hoursAgo(1), lastConfirmationAt: hoursAgo(3) })).toEqual("confirm")
    expect(decide({ status: "unsubscribed", consentAt: hoursAgo(3), lastConfirmationAt: hoursAgo(1) })).toEqual("none")
    expect(decide({ status: "never", doubleOptIn: true, suppressed: true })).toEqual("none")
  })

  it("leaves a subscribed contact alone", () => {
    expect(decide({ status: "subscribed" })).toEqual("none")
    expect(decide({ status: "subscribed", doubleOptIn: true })).toEqual("none")
  })
})

describe("confirmLinkSubscribes", () => {
  const unsubscribedAt = new Date("2026-12-01T10:00:00.750Z")

  it("confirms a pending contact with any fresh link", () => {
    expect(confirmLinkSubscribes({ status: "pending", consentAt: now, issuedAt: hoursAgo(30) })).toBe(true)
  })

  it("does not let a link sent before an unsubscribe undo it", () => {
    expect(confirmLinkSubscribes({ status: "unsubscribed", consentAt: unsubscribedAt, issuedAt: hoursAgo(5) })).toBe(false)
  })

  it("lets a link sent after the unsubscribe's second resubscribe", () => {
    expect(
      confirmLinkSubscribes({ status: "unsubscribed", consentAt: unsubscribedAt, issuedAt: new Date("2026-12-01T10:00:00Z") })
    ).toBe(false)
    expect(
      confirmLinkSubscribes({ status: "unsubscribed", consentAt: unsubscribedAt, issuedAt: new Date("2026-12-01T10:00:01Z") })
    ).toBe(true)
    expect(confirmLinkSubscribes({ status: "unsubscribed", consentAt: unsubscribedAt, issuedAt: hoursAgo(1) })).toBe(true)
  })

  it("does nothing for a contact already subscribed", () => {
    expect(confirmLinkSubscribes({ status: "subscribed", consentAt: unsubscribedAt, issuedAt: now })).toBe(false)
  })
})

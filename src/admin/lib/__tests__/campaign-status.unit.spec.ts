import { campaignCan, campaignMoment } from "../campaign-status"
import { CAMPAIGN_STATUSES } from "../campaign-types"

const times = {
  scheduled_at: "2027-06-02T09:00:00.000Z",
  local_time: true,
  started_at: "2027-06-01T19:00:00.000Z",
  finished_at: "2027-06-02T21:05:00.000Z",
  cancelled_at: null,
}

describe("campaign status", () => {
  it("offers only what the API accepts in each status", () => {
    const abilities = Object.fromEntries(
      CAMPAIGN_STATUSES.map((status) => [
        status,
        (["edit", "schedule", "cancel", "delete"] as const).filter((ability) => campaignCan(status, ability)),
      ])
    )
    expect(abilities).toEqual({
      draft: ["edit", "schedule", "delete"],
      scheduled: ["edit", "schedule", "cancel"],
      sending: ["cancel"],
      sent: [],
      cancelled: [],
    })
  })

  it("shows the moment that matters for the status", () => {
    expect(campaignMoment({ ...times, status: "scheduled" })).toEqual({
      label: "Sends",
      at: times.scheduled_at,
      localTime: true,
    })
    expect(campaignMoment({ ...times, status: "sending" })).toEqual({ label: "Started", at: times.started_at, localTime: false })
    expect(campaignMoment({ ...times, status: "sent" })).toEqual({ label: "Sent", at: times.finished_at, localTime: false })
    expect(campaignMoment({ ...times, status: "cancelled", cancelled_at: "2027-06-01T20:00:00.000Z" }).at).toEqual(
      "2027-06-01T20:00:00.000Z"
    )
    expect(campaignMoment({ ...times, status: "draft", scheduled_at: null }).at).toBeNull()
  })
})

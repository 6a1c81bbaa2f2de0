import { checkScheduledAt, formatCampaignTime, fromDateTimeInput, toDateTimeInput } from "../campaign-schedule"

const NOW = Date.parse("2027-06-01T12:00:00Z")
const HOUR = 3_600_000

describe("campaign send times", () => {
  it("a local time keeps its digits whatever the admin's zone: 09:00 is 09:00 for every contact", () => {
    for (const zone of ["UTC", "America/New_York", "Asia/Tokyo"]) {
      expect(fromDateTimeInput("2027-06-01T09:00", true, zone)).toEqual("2027-06-01T09:00:00.000Z")
      expect(toDateTimeInput("2027-06-01T09:00:00.000Z", true, zone)).toEqual("2027-06-01T09:00")
    }
  })

  it("an ordinary time is the admin's own clock time, summer or winter", () => {
    // June: New York is UTC−4; January: UTC−5.
    expect(fromDateTimeInput("2027-06-01T09:00", false, "America/New_York")).toEqual("2027-06-01T13:00:00.000Z")
    expect(toDateTimeInput("2027-06-01T13:00:00.000Z", false, "America/New_York")).toEqual("2027-06-01T09:00")
    expect(fromDateTimeInput("2027-01-15T09:00", false, "America/New_York")).toEqual("2027-01-15T14:00:00.000Z")
    expect(fromDateTimeInput("2027-06-01T09:00", false, "Asia/Tokyo")).toEqual("2027-06-01T00:00:00.000Z")
    // The night clocks go forward in Berlin: 01:30 is still winter time, 03:30 summer time.
    expect(fromDateTimeInput("2027-03-28T01:30", false, "Europe/Berlin")).toEqual("2027-03-28T00:30:00.000Z")
    expect(fromDateTimeInput("2027-03-28T03:30", false, "Europe/Berlin")).toEqual("2027-03-28T01:30:00.000Z")
    // Without a zone, the browser's (here the test process's) own.
    const own = fromDateTimeInput("2027-06-01T09:00", false)!
    expect(toDateTimeInput(own, false)).toEqual("2027-06-01T09:00")
  })

  it("refuses values that are not a whole, real date and time", () => {
    expect(fromDateTimeInput("", false)).toBeNull()
    expect(fromDateTimeInput("2027-06-01", true)).toBeNull()
    expect(fromDateTimeInput("2027-06-31T09:00", true)).toBeNull()
    expect(fromDateTimeInput("2027-02-29T09:00", false)).toBeNull()
    expect(toDateTimeInput(null, false)).toEqual("")
  })

  it("says a local time is each contact's, and shows it as written", () => {
    const local = formatCampaignTime("2027-06-01T09:00:00.000Z", true, "Asia/Tokyo")
    expect(local).toMatch(/9:00/)
    expect(local).toMatch(/in each contact's time zone$/)
    // Tokyo is UTC+9: the same instant as an ordinary time reads 18:00.
    expect(formatCampaignTime("2027-06-01T09:00:00.000Z", false, "Asia/Tokyo")).toMatch(/6:00\sPM|18:00/)
    expect(formatCampaignTime(null, false)).toEqual("-")
  })

  it("an ordinary time must lie ahead", () => {
    expect(checkScheduledAt(new Date(NOW + 60_000).toISOString(), false, NOW)).toBeNull()
    expect(checkScheduledAt(new Date(NOW).toISOString(), false, NOW)?.level).toEqual("error")
    expect(checkScheduledAt(null, false, NOW)?.level).toEqual("error")
  })

  it("a local time some zones have passed is allowed with a warning; one every zone has passed is not", () => {
    const at = (hours: number) => new Date(NOW + hours * HOUR).toISOString()
    // UTC+14 reaches a wall-clock time 14 hours before UTC does.
    expect(checkScheduledAt(at(14.5), true, NOW)).toBeNull()
    expect(checkScheduledAt(at(13), true, NOW)?.level).toEqual("warning")
    // UTC−12 reaches it 12 hours after UTC.
    expect(checkScheduledAt(at(-11), true, NOW)?.level).toEqual("warning")
    expect(checkScheduledAt(at(-12), true, NOW)?.level).toEqual("error")
  })
})

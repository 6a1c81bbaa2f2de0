import { anniversaryKeys, dateTextBound, shiftInstant } from "../time"

const at = (iso: string) => new Date(iso)

describe("anniversaryKeys", () => {
  it("runs from today through today + N days across New Year", () => {
    expect(anniversaryKeys(at("2026-12-28T23:59:59.999Z"), 7)).toEqual([
      "01-01", "01-02", "01-03", "01-04", "12-28", "12-29", "12-30", "12-31",
    ])
  })

  it("is today alone for zero days, whatever the time of day", () => {
    expect(anniversaryKeys(at("2026-06-01T00:00:00.000Z"), 0)).toEqual(["06-01"])
    expect(anniversaryKeys(at("2026-06-01T23:59:59.999Z"), 0)).toEqual(["06-01"])
  })

  it("celebrates 29 February on 28 February in years without one", () => {
    expect(anniversaryKeys(at("2027-02-28T10:00:00Z"), 0)).toEqual(["02-28", "02-29"])
    expect(anniversaryKeys(at("2027-02-26T10:00:00Z"), 1)).toEqual(["02-26", "02-27"])
  })

  it("keeps 29 February to its own day in leap years", () => {
    expect(anniversaryKeys(at("2028-02-28T10:00:00Z"), 0)).toEqual(["02-28"])
    expect(anniversaryKeys(at("2028-02-28T10:00:00Z"), 2)).toEqual(["02-28", "02-29", "03-01"])
  })

  it("covers every day of the year for a window of 365 days", () => {
    expect(anniversaryKeys(at("2027-07-01T00:00:00Z"), 365)).toHaveLength(366)
  })
})

describe("shiftInstant", () => {
  it("moves days and weeks by exact 24-hour steps", () => {
    expect(shiftInstant(at("2026-03-29T00:30:00Z"), -1, "days")).toEqual(at("2026-03-28T00:30:00Z"))
    expect(shiftInstant(at("2026-01-01T12:00:00Z"), -2, "weeks")).toEqual(at("2025-12-18T12:00:00Z"))
  })

  it("moves months by the calendar and clamps to the end of a shorter month", () => {
    expect(shiftInstant(at("2026-03-31T08:15:00Z"), -1, "months")).toEqual(at("2026-02-28T08:15:00Z"))
    expect(shiftInstant(at("2028-03-31T08:15:00Z"), -1, "months")).toEqual(at("2028-02-29T08:15:00Z"))
    expect(shiftInstant(at("2026-01-31T00:00:00Z"), 13, "months")).toEqual(at("2027-02-28T00:00:00Z"))
    expect(shiftInstant(at("2027-01-15T00:00:00Z"), -30, "months")).toEqual(at("2024-07-15T00:00:00Z"))
  })
})

describe("dateTextBound", () => {
  const midnight = at("2026-05-10T00:00:00.000Z")
  const noon = at("2026-05-10T12:00:00.000Z")

  it("turns instant bounds into calendar-day comparisons, a date meaning its UTC midnight", () => {
    expect(dateTextBound({ op: "<", at: midnight })).toEqual({ op: "<=", day: "2026-05-09" })
    expect(dateTextBound({ op: "<", at: noon })).toEqual({ op: "<=", day: "2026-05-10" })
    expect(dateTextBound({ op: "<=", at: midnight })).toEqual({ op: "<=", day: "2026-05-10" })
    expect(dateTextBound({ op: ">", at: midnight })).toEqual({ op: ">", day: "2026-05-10" })
    expect(dateTextBound({ op: ">=", at: midnight })).toEqual({ op: ">", day: "2026-05-09" })
    expect(dateTextBound({ op: ">=", at: noon })).toEqual({ op: ">", day: "2026-05-10" })
  })
})

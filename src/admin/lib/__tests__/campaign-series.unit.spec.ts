import { MAX_HOURLY_POINTS, toChartSeries } from "../campaign-series"

const hour = (iso: string, opened: number, clicked: number) => ({ hour: iso, opened, clicked })
const at = (iso: string) => Date.parse(iso)

describe("toChartSeries", () => {
  it("fills the quiet hours between the first and the last with zeros", () => {
    const chart = toChartSeries([
      hour("2027-06-01T12:00:00.000Z", 4, 1),
      hour("2027-06-01T15:00:00.000Z", 2, 2),
    ])
    expect(chart).toEqual({
      unit: "hour",
      points: [
        { at: at("2027-06-01T12:00:00Z"), opened: 4, clicked: 1 },
        { at: at("2027-06-01T13:00:00Z"), opened: 0, clicked: 0 },
        { at: at("2027-06-01T14:00:00Z"), opened: 0, clicked: 0 },
        { at: at("2027-06-01T15:00:00Z"), opened: 2, clicked: 2 },
      ],
    })
  })

  it("puts rows in time order whatever order they came in", () => {
    const chart = toChartSeries([hour("2027-06-01T13:00:00.000Z", 1, 0), hour("2027-06-01T12:00:00.000Z", 3, 0)])
    expect(chart.points.map((point) => point.opened)).toEqual([3, 1])
  })

  it("adds up days once the opens span more than a week of hours", () => {
    const chart = toChartSeries([
      hour("2027-06-01T09:00:00.000Z", 5, 1),
      hour("2027-06-01T20:00:00.000Z", 3, 2),
      hour("2027-06-09T10:00:00.000Z", 1, 0),
    ])
    expect(chart.unit).toEqual("day")
    expect(chart.points).toHaveLength(9)
    expect(chart.points[0]).toEqual({ at: at("2027-06-01T00:00:00Z"), opened: 8, clicked: 3 })
    expect(chart.points[8]).toEqual({ at: at("2027-06-09T00:00:00Z"), opened: 1, clicked: 0 })
    expect(chart.points.slice(1, 8).every((point) => point.opened === 0 && point.clicked === 0)).toBe(true)
  })

  it("keeps hours for exactly a week", () => {
    const first = at("2027-06-01T00:00:00Z")
    const last = new Date(first + (MAX_HOURLY_POINTS - 1) * 3_600_000).toISOString()
    const chart = toChartSeries([hour("2027-06-01T00:00:00.000Z", 1, 0), hour(last, 1, 0)])
    expect(chart.unit).toEqual("hour")
    expect(chart.points).toHaveLength(MAX_HOURLY_POINTS)
  })

  it("has nothing to draw before anyone opens", () => {
    expect(toChartSeries([])).toEqual({ unit: "hour", points: [] })
  })
})

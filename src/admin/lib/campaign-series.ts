/**
 * Opens and clicks over time for the results chart. The API leaves out the
 * hours nobody opened or clicked; a chart needs them as zeros, or the line
 * would jump straight across a quiet night.
 */
import type { CampaignSeriesPoint } from "./campaign-types"

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** Beyond a week of hours the points get too thin to read: the chart then shows days. */
export const MAX_HOURLY_POINTS = 7 * 24

export type ChartUnit = "hour" | "day"

export type ChartPoint = {
  /** The start of the hour or day, UTC, as epoch ms. */
  at: number
  opened: number
  clicked: number
}

export type CampaignChartSeries = { unit: ChartUnit; points: ChartPoint[] }

const sizeOf = (unit: ChartUnit) => (unit === "hour" ? HOUR_MS : DAY_MS)

const startOf = (ms: number, unit: ChartUnit) => Math.floor(ms / sizeOf(unit)) * sizeOf(unit)

/**
 * Every hour from the first open or click to the last (every UTC day when
 * that spans more than a week), with zeros where nothing happened.
 */
export const toChartSeries = (series: CampaignSeriesPoint[]): CampaignChartSeries => {
  const rows = series
    .map((row) => ({ at: new Date(row.hour).getTime(), opened: row.opened, clicked: row.clicked }))
    .filter((row) => Number.isFinite(row.at))
  if (!rows.length) {
    return { unit: "hour", points: [] }
  }
  const first = Math.min(...rows.map((row) => row.at))
  const last = Math.max(...rows.map((row) => row.at))
  const unit: ChartUnit = (last - first) / HOUR_MS + 1 > MAX_HOURLY_POINTS ? "day" : "hour"
  const step = sizeOf(unit)

  const buckets = new Map<number, ChartPoint>()
  for (let at = startOf(first, unit); at <= startOf(last, unit); at += step) {
    buckets.set(at, { at, opened: 0, clicked: 0 })
  }
  for (const row of rows) {
    const bucket = buckets.get(startOf(row.at, unit))!
    bucket.opened += row.opened
    bucket.clicked += row.clicked
  }
  return { unit, points: [...buckets.values()] }
}

/** The axis and tooltip label of a point, in the admin's own time zone for hours. */
export const formatChartTime = (at: number, unit: ChartUnit): string =>
  new Intl.DateTimeFormat(
    undefined,
    unit === "hour"
      ? { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }
      : { month: "short", day: "numeric", timeZone: "UTC" }
  ).format(new Date(at))

import { Text } from "@medusajs/ui"
import { useMemo } from "react"
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import { formatChartTime, toChartSeries } from "../../lib/campaign-series"
import type { CampaignSeriesPoint } from "../../lib/campaign-types"
import { formatCount } from "../../lib/format"

// The admin's theme colours, so the chart follows light and dark mode.
const COLOURS = {
  opened: "var(--tag-blue-icon)",
  clicked: "var(--tag-purple-icon)",
  grid: "var(--border-base)",
  axis: "var(--fg-muted)",
}

/** People's first opens and clicks over time: per hour, or per day once that spans more than a week. */
export const CampaignChart = ({ series }: { series: CampaignSeriesPoint[] }) => {
  const chart = useMemo(() => toChartSeries(series), [series])

  if (!chart.points.length) {
    return (
      <Text size="small" className="text-ui-fg-muted px-6 py-4" data-testid="campaign-chart-empty">
        No one has opened or clicked it yet.
      </Text>
    )
  }

  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <Text size="small" className="text-ui-fg-subtle" data-testid="campaign-chart-unit">
        {chart.unit === "hour" ? "Opens and clicks per hour" : "Opens and clicks per day"}
      </Text>
      <div
        className="h-64 w-full"
        data-testid="campaign-chart"
        data-points={chart.points.length}
        aria-label={chart.unit === "hour" ? "Opens and clicks per hour" : "Opens and clicks per day"}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={chart.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={COLOURS.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={(at: number) => formatChartTime(at, chart.unit)}
              stroke={COLOURS.axis}
              fontSize={12}
              tickLine={false}
              minTickGap={32}
            />
            <YAxis
              stroke={COLOURS.axis}
              fontSize={12}
              tickLine={false}
              allowDecimals={false}
              tickFormatter={(value: number) => formatCount(value)}
              width={40}
            />
            <Tooltip
              labelFormatter={(at) => formatChartTime(Number(at), chart.unit)}
              formatter={(value, name) => [formatCount(value), name]}
              contentStyle={{
                background: "var(--bg-base)",
                border: "1px solid var(--border-base)",
                borderRadius: 8,
                fontSize: 12,
              }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="monotone"
              dataKey="opened"
              name="Opened"
              stroke={COLOURS.opened}
              strokeWidth={2}
              dot={chart.points.length === 1}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="clicked"
              name="Clicked"
              stroke={COLOURS.clicked}
              strokeWidth={2}
              dot={chart.points.length === 1}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  )
}

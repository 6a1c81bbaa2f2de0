import { Container, Heading, Text } from "@medusajs/ui"
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts"
import { formatAmount, formatCount } from "../../lib/format"
import { ChartDay, formatDay } from "./chart-data"

// The admin's theme colours, so the chart follows light and dark mode.
const COLOURS = {
  sent: "var(--tag-neutral-icon)",
  opened: "var(--tag-blue-icon)",
  clicked: "var(--tag-purple-icon)",
  revenue: "var(--tag-green-icon)",
  grid: "var(--border-base)",
  axis: "var(--fg-muted)",
}

const SERIES_NAMES: Record<string, string> = {
  sent: "Sent",
  opened: "Opened",
  clicked: "Clicked",
  revenue: "Revenue",
}

/**
 * The last 30 days: emails sent (bars), opened and clicked (lines) on the
 * left axis, attributed revenue in one currency on the right.
 */
export const ActivityChart = ({ days, currency }: { days: ChartDay[]; currency: string | null }) => {
  const empty = days.every((day) => !day.sent && !day.opened && !day.clicked && !day.revenue)

  return (
    <Container className="flex min-w-0 flex-col gap-y-4 px-6 py-4" data-testid="overview-activity">
      <div>
        <Heading level="h2">Last 30 days</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Marketing emails sent, opened and clicked each day
          {currency ? `, and the revenue they earned in ${currency.toUpperCase()}` : ""}.
        </Text>
      </div>
      {empty && (
        <Text size="small" className="text-ui-fg-muted" data-testid="overview-activity-empty">
          No marketing email went out in the last 30 days.
        </Text>
      )}
      <div className="h-64 w-full" data-testid="overview-activity-chart" aria-label="Email activity over the last 30 days">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={COLOURS.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="date"
              tickFormatter={formatDay}
              stroke={COLOURS.axis}
              fontSize={12}
              tickLine={false}
              minTickGap={24}
            />
            <YAxis
              yAxisId="count"
              stroke={COLOURS.axis}
              fontSize={12}
              tickLine={false}
              allowDecimals={false}
              tickFormatter={(value: number) => formatCount(value)}
              width={40}
            />
            {currency && (
              <YAxis
                yAxisId="revenue"
                orientation="right"
                stroke={COLOURS.axis}
                fontSize={12}
                tickLine={false}
                tickFormatter={(value: number) => formatAmount(value, currency)}
                width={72}
              />
            )}
            <Tooltip
              labelFormatter={(label) => formatDay(String(label))}
              formatter={(value, name) => [
                name === SERIES_NAMES.revenue ? formatAmount(value, currency) : formatCount(value),
                name,
              ]}
              contentStyle={{
                background: "var(--bg-base)",
                border: "1px solid var(--border-base)",
                borderRadius: 8,
                fontSize: 12,
              }}
            />
            {/* In the order the series are drawn, not alphabetical. */}
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            <Bar yAxisId="count" dataKey="sent" name={SERIES_NAMES.sent} fill={COLOURS.sent} radius={[2, 2, 0, 0]} />
            <Line
              yAxisId="count"
              type="monotone"
              dataKey="opened"
              name={SERIES_NAMES.opened}
              stroke={COLOURS.opened}
              strokeWidth={2}
              dot={false}
            />
            <Line
              yAxisId="count"
              type="monotone"
              dataKey="clicked"
              name={SERIES_NAMES.clicked}
              stroke={COLOURS.clicked}
              strokeWidth={2}
              dot={false}
            />
            {currency && (
              <Line
                yAxisId="revenue"
                type="monotone"
                dataKey="revenue"
                name={SERIES_NAMES.revenue}
                stroke={COLOURS.revenue}
                strokeWidth={2}
                dot={false}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </Container>
  )
}

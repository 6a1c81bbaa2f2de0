import { Container, Heading, Text } from "@medusajs/ui"
import type { ScoreSummary } from "../../hooks/api/scores"
import { formatCount } from "../../lib/format"

const SCORES = [1, 2, 3, 4, 5]

/**
 * Buyers by recency (columns, most recent on the right) and frequency
 * (rows, most frequent on top), the darker the more buyers: where the
 * customer base sits at a glance.
 */
export const RfmHeatGrid = ({ summary }: { summary: ScoreSummary }) => {
  const counts = new Map(summary.grid.map((cell) => [`${cell.recency}:${cell.frequency}`, cell.contacts]))
  const max = Math.max(1, ...summary.grid.map((cell) => cell.contacts))

  return (
    <Container className="divide-y p-0" data-testid="rfm-grid">
      <div className="px-6 py-4">
        <Heading level="h2">Recency × frequency</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Buyers by their recency and frequency scores, 1 (least) to 5 (most), relative to your
          other buyers.
        </Text>
      </div>
      <div className="overflow-x-auto px-6 py-4">
        <table className="w-full table-fixed border-separate border-spacing-1" aria-label="Buyers by recency and frequency score">
          <thead>
            <tr>
              <th className="w-24" />
              {SCORES.map((recency) => (
                <th key={recency} scope="col" className="txt-compact-xsmall text-ui-fg-muted font-normal">
                  R {recency}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...SCORES].reverse().map((frequency) => (
              <tr key={frequency}>
                <th scope="row" className="txt-compact-xsmall text-ui-fg-muted text-left font-normal">
                  F {frequency}
                </th>
                {SCORES.map((recency) => {
                  const count = counts.get(`${recency}:${frequency}`) ?? 0
                  return (
                    <td
                      key={recency}
                      className="relative h-12 overflow-hidden rounded-md border text-center"
                      data-testid="rfm-grid-cell"
                      data-recency={recency}
                      data-frequency={frequency}
                      title={`Recency ${recency}, frequency ${frequency}: ${formatCount(count)} buyers`}
                    >
                      <div
                        className="bg-ui-fg-interactive absolute inset-0"
                        style={{ opacity: count ? 0.1 + 0.7 * (count / max) : 0 }}
                        aria-hidden
                      />
                      <span
                        className={`txt-compact-small-plus relative ${count / max > 0.5 ? "text-ui-fg-on-color" : "text-ui-fg-base"}`}
                      >
                        {formatCount(count)}
                      </span>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <Text size="xsmall" className="text-ui-fg-muted mt-2">
          R 5: bought most recently. F 5: bought most often.
        </Text>
      </div>
    </Container>
  )
}

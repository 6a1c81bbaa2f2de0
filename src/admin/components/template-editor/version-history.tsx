import { Badge, clx, Container, Heading, Text } from "@medusajs/ui"
import { formatDateTime } from "../../lib/format"
import type { TemplateVersion } from "../../lib/types"
import { RelativeTime } from "../relative-time"

type VersionHistoryProps = {
  /** Newest first. */
  versions: TemplateVersion[]
  /** The past version on screen; null while editing. */
  viewing: number | null
  onSelect: (version: number | null) => void
}

/**
 * Every saved version, newest first. Choosing an older one shows it, read
 * only, in the editor and the preview.
 */
export const VersionHistory = ({
  versions,
  viewing,
  onSelect,
}: VersionHistoryProps) => {
  const latest = versions[0]?.version

  return (
    <Container className="divide-y p-0" data-testid="template-versions">
      <div className="px-6 py-4">
        <Heading level="h2">Version history</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Select a version to see it. Saved versions never change.
        </Text>
      </div>
      <ul className="flex flex-col p-2">
        {versions.map((version) => {
          const isLatest = version.version === latest
          const selected = isLatest ? viewing === null : viewing === version.version
          return (
            <li key={version.id}>
              <button
                type="button"
                className={clx(
                  "hover:bg-ui-bg-base-hover focus-visible:shadow-borders-focus flex w-full items-start justify-between gap-x-4 rounded-md px-4 py-2 text-left outline-none",
                  { "bg-ui-bg-base-pressed": selected }
                )}
                aria-current={selected ? "true" : undefined}
                onClick={() => onSelect(isLatest ? null : version.version)}
                data-testid="template-version"
                data-version={version.version}
              >
                <div className="flex min-w-0 flex-col">
                  <Text size="small" leading="compact" weight="plus">
                    Version {version.version}
                  </Text>
                  <Text
                    size="small"
                    leading="compact"
                    className="text-ui-fg-subtle truncate"
                  >
                    {version.subject}
                  </Text>
                </div>
                <div className="flex shrink-0 flex-col items-end gap-y-1">
                  {isLatest && (
                    <Badge size="2xsmall" color="green">
                      Current
                    </Badge>
                  )}
                  <Text
                    size="xsmall"
                    className="text-ui-fg-subtle"
                    title={formatDateTime(version.created_at)}
                  >
                    <RelativeTime date={version.created_at} />
                  </Text>
                </div>
              </button>
            </li>
          )
        })}
      </ul>
    </Container>
  )
}

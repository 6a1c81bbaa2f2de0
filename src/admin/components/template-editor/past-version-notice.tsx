import { Button, Text } from "@medusajs/ui"
import { formatDateTime } from "../../lib/format"
import type { TemplateVersion } from "../../lib/types"

type PastVersionNoticeProps = {
  version: TemplateVersion
  onBack: () => void
  onRestore: () => void
}

/** Says the editor shows an old version, read only, and how to get out. */
export const PastVersionNotice = ({
  version,
  onBack,
  onRestore,
}: PastVersionNoticeProps) => (
  <div
    className="bg-ui-bg-subtle flex flex-col gap-3 px-6 py-4 md:flex-row md:items-center md:justify-between"
    role="status"
    data-testid="template-past-version-notice"
  >
    <Text size="small" className="text-ui-fg-subtle">
      You are looking at version {version.version}, saved{" "}
      {formatDateTime(version.created_at)}. It is read only.
    </Text>
    <div className="flex shrink-0 gap-x-2">
      <Button size="small" variant="secondary" onClick={onBack}>
        Back to editing
      </Button>
      <Button size="small" variant="secondary" onClick={onRestore}>
        Copy into editor
      </Button>
    </div>
  </div>
)

import { Container, Heading, Text } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { useTemplatePreview } from "../../hooks/api/templates"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import type { PreviewTemplatePayload, RenderedEmail } from "../../lib/types"
import { EmailPreview } from "../email-preview"
import { ContactPicker, PickedContact } from "./contact-picker"

/** Long enough not to render on every keystroke, short enough to feel live. */
const PREVIEW_DEBOUNCE_MS = 600

type PreviewPanelProps = {
  templateId: string
  /** Unsaved content, or a saved version to show as it is. */
  source: Omit<PreviewTemplatePayload, "contact_id">
  /** Reports the server's complaint about the content (null when it renders). */
  onProblem: (message: string | null) => void
}

/**
 * The email as it will look, re-rendered by the server shortly after each
 * change, with sample data or a chosen contact's.
 */
export const PreviewPanel = ({
  templateId,
  source,
  onProblem,
}: PreviewPanelProps) => {
  const [contact, setContact] = useState<PickedContact | null>(null)
  const debouncedSource = useDebouncedValue(source, PREVIEW_DEBOUNCE_MS)
  const payload = useMemo(
    () => ({
      ...debouncedSource,
      ...(contact ? { contact_id: contact.id } : {}),
    }),
    [debouncedSource, contact]
  )
  const { preview, error, isError, isFetching, isPlaceholderData } =
    useTemplatePreview(templateId, payload)

  // The last good render stays on screen, dimmed, while the content has a
  // mistake: the merchant keeps their place while fixing it.
  const [shown, setShown] = useState<RenderedEmail | null>(null)
  useEffect(() => {
    if (preview && !isPlaceholderData) {
      setShown(preview)
    }
  }, [preview, isPlaceholderData])

  const problem = isError ? (error?.message ?? "The preview failed") : null
  useEffect(() => {
    onProblem(problem)
  }, [problem, onProblem])

  const isTyping = source !== debouncedSource
  const isStale = isError || isFetching || isTyping

  return (
    <Container className="divide-y p-0" data-testid="template-preview">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Preview</Heading>
          <Text
            size="small"
            className="text-ui-fg-subtle"
            role="status"
            aria-live="polite"
            data-testid="template-preview-status"
            data-state={isError ? "error" : isStale ? "updating" : "ready"}
          >
            {isError
              ? "Fix the problem under the editor to update the preview."
              : isStale
                ? "Updating…"
                : contact
                  ? `As ${contact.email} would get it`
                  : "With sample data"}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Text size="small" className="text-ui-fg-subtle whitespace-nowrap">
            Preview as
          </Text>
          <ContactPicker value={contact} onChange={setContact} />
        </div>
      </div>
      {!shown && isError ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-8">
          No preview yet: the content has a problem.
        </Text>
      ) : (
        <EmailPreview email={shown} isLoading={!shown} isStale={isStale} />
      )}
    </Container>
  )
}

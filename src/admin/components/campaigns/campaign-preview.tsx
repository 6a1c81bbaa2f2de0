import { Text } from "@medusajs/ui"
import { useMemo } from "react"
import { useTemplate, useTemplatePreview } from "../../hooks/api/templates"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import type { PreviewTemplatePayload } from "../../lib/types"
import { EmailPreview } from "../email-preview"

/** Long enough not to render on every keystroke of the subject, short enough to feel live. */
const PREVIEW_DEBOUNCE_MS = 600

type CampaignPreviewProps = {
  templateId: string
  /** Replaces the template's subject; empty keeps it. */
  subject: string
}

/**
 * The template's current version with sample data, as the campaign would
 * send it: with the subject override in place of the template's subject.
 */
export const CampaignPreview = ({ templateId, subject }: CampaignPreviewProps) => {
  const override = useDebouncedValue(subject.trim(), PREVIEW_DEBOUNCE_MS)
  const { template } = useTemplate(templateId)
  const latest = template?.versions[0]

  const payload = useMemo<PreviewTemplatePayload>(() => {
    if (!override || !latest) {
      return {}
    }
    // A subject override renders as unsaved content: the version's own, with the new subject.
    return {
      content: {
        subject: override,
        preheader: latest.preheader,
        mjml: latest.mjml,
        text: latest.text,
        from_name: latest.from_name,
        from_email: latest.from_email,
        reply_to: latest.reply_to,
      },
    }
  }, [override, latest])

  const waitsForVersion = !!override && !latest
  const { preview, isPending, isFetching, isError, error } = useTemplatePreview(templateId, payload, {
    enabled: !waitsForVersion,
  })

  return (
    <div className="flex flex-col" data-testid="campaign-preview">
      {isError && (
        <Text size="small" className="text-ui-fg-error px-4 pt-3" role="alert" data-testid="campaign-preview-error">
          {error?.message ?? "The preview failed"}
        </Text>
      )}
      <EmailPreview
        email={preview}
        isLoading={isPending}
        isStale={isError || isFetching || subject.trim() !== override}
        height={520}
      />
    </div>
  )
}

import { Button, Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type SettingsSectionProps = {
  id: string
  title: string
  description: ReactNode
  children: ReactNode
  onSave: () => void
  onDiscard: () => void
  isDirty: boolean
  isSaving: boolean
  /** The server's answer to a failed save, shown until the next edit. */
  error: string | null
}

/**
 * One block of the settings page: what it is for, its fields, and a Save
 * that sends only this block's part of the settings.
 */
export const SettingsSection = ({
  id,
  title,
  description,
  children,
  onSave,
  onDiscard,
  isDirty,
  isSaving,
  error,
}: SettingsSectionProps) => (
  <Container
    className="divide-y p-0"
    data-testid={`settings-${id}`}
    aria-labelledby={`settings-${id}-title`}
    role="region"
  >
    <div className="px-6 py-4">
      <Heading level="h2" id={`settings-${id}-title`}>
        {title}
      </Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
    <form
      onSubmit={(event) => {
        event.preventDefault()
        onSave()
      }}
    >
      <div className="flex flex-col gap-y-4 px-6 py-4">{children}</div>
      <div className="flex flex-col gap-y-2 border-t px-6 py-4">
        {error && (
          <Text
            size="small"
            className="text-ui-fg-error break-words"
            role="alert"
            data-testid={`settings-${id}-error`}
          >
            {error}
          </Text>
        )}
        <div className="flex items-center justify-end gap-x-2">
          {isDirty && (
            <Button
              type="button"
              size="small"
              variant="secondary"
              onClick={onDiscard}
              disabled={isSaving}
            >
              Discard
            </Button>
          )}
          <Button
            type="submit"
            size="small"
            isLoading={isSaving}
            disabled={!isDirty || isSaving}
            data-testid={`settings-${id}-save`}
          >
            Save
          </Button>
        </div>
      </div>
    </form>
  </Container>
)

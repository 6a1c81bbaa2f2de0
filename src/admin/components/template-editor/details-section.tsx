import { Container, Heading, Input, Select, Text, Textarea } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useSettings } from "../../hooks/api/settings"
import type { TemplateDraft } from "../../lib/template-draft"
import { FormField, SwitchField } from "../form-field"

/** Radix Select has no empty value: this one stands for "no topic". */
const NO_TOPIC = "__none__"

type DetailsSectionProps = {
  draft: TemplateDraft
  onChange: (patch: Partial<TemplateDraft>) => void
  disabled?: boolean
}

/** Name, description, preference topic and whether the email is transactional. */
export const DetailsSection = ({
  draft,
  onChange,
  disabled,
}: DetailsSectionProps) => {
  const { settings, isPending } = useSettings()
  const topics = settings?.topics ?? []
  // A topic removed from Settings since it was chosen still shows by its key.
  const unknownTopic =
    draft.topic && !topics.some((topic) => topic.key === draft.topic)
      ? draft.topic
      : null

  return (
    <Container className="divide-y p-0" data-testid="template-details">
      <div className="px-6 py-4">
        <Heading level="h2">Details</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Only you and your team see the name and description.
        </Text>
      </div>
      <div className="flex flex-col gap-y-4 px-6 py-4">
        <FormField
          id="template-name"
          label="Name"
          error={draft.name.trim() ? null : "Give the template a name"}
        >
          <Input
            id="template-name"
            value={draft.name}
            onChange={(event) => onChange({ name: event.target.value })}
            disabled={disabled}
            data-testid="template-name"
          />
        </FormField>
        <FormField id="template-description" label="Description" optional>
          <Textarea
            id="template-description"
            value={draft.description}
            rows={2}
            onChange={(event) => onChange({ description: event.target.value })}
            disabled={disabled}
            placeholder="When this email is sent and to whom"
          />
        </FormField>
        <FormField
          id="template-topic"
          label="Topic"
          hint={
            <>
              Contacts can unsubscribe from one topic and keep the others.
              Manage topics in{" "}
              <Link
                to="/marketing/settings"
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
              >
                Email settings
              </Link>
              .
            </>
          }
        >
          <Select
            value={draft.topic ?? NO_TOPIC}
            onValueChange={(value) =>
              onChange({ topic: value === NO_TOPIC ? null : value })
            }
            disabled={disabled || isPending}
          >
            <Select.Trigger id="template-topic" data-testid="template-topic">
              <Select.Value placeholder="No topic" />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={NO_TOPIC}>No topic</Select.Item>
              {topics.map((topic) => (
                <Select.Item key={topic.key} value={topic.key}>
                  {topic.name}
                </Select.Item>
              ))}
              {unknownTopic && (
                <Select.Item value={unknownTopic}>
                  {unknownTopic} (no longer in Settings)
                </Select.Item>
              )}
            </Select.Content>
          </Select>
        </FormField>
        <SwitchField
          id="template-transactional"
          label="Transactional"
          description="For emails a customer needs, such as a subscription confirmation. They go out without marketing consent and ignore quiet hours and the frequency cap; the suppression list still applies. Never use it for promotions."
          checked={draft.transactional}
          onCheckedChange={(transactional) => onChange({ transactional })}
          disabled={disabled}
        />
      </div>
    </Container>
  )
}

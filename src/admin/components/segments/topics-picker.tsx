import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useSettings } from "../../hooks/api/settings"
import { CheckboxGroup } from "./checkbox-group"

type TopicsPickerProps = {
  id: string
  value: string[]
  onChange: (value: string[]) => void
  "data-testid"?: string
}

/**
 * The preference topics of Email settings, ticked by name. A key the rule
 * holds that Settings no longer lists stays shown, so it can be unticked.
 */
export const TopicsPicker = ({ id, value, onChange, ...rest }: TopicsPickerProps) => {
  const { settings, isPending } = useSettings()
  const topics = settings?.topics ?? []
  const removed = value.filter((key) => !topics.some((topic) => topic.key === key))
  const choices = [
    ...topics.map((topic) => ({ key: topic.key, label: topic.name })),
    ...removed.map((key) => ({ key, label: `${key} (no longer in Email settings)` })),
  ]

  if (isPending) {
    return null
  }
  if (!choices.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle" data-testid={rest["data-testid"]}>
        No topics yet. Add them in{" "}
        <Link to="/marketing/settings" className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
          Email settings
        </Link>
        .
      </Text>
    )
  }

  return (
    <CheckboxGroup
      id={id}
      label="Topics"
      choices={choices}
      value={value}
      onChange={onChange}
      data-testid={rest["data-testid"]}
    />
  )
}

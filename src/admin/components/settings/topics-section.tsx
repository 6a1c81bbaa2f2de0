import { Plus, Trash } from "@medusajs/icons"
import { Button, IconButton, Input, Label, Text } from "@medusajs/ui"
import { useSettingsForm } from "../../hooks/use-settings-form"
import type { MarketingSettings, Topic } from "../../lib/types"
import { SettingsSection } from "./settings-section"

/** The server allows 20; the add button stops there too. */
const MAX_TOPICS = 20

/** "Back in stock" → "back-in-stock": a key suggested from the name. */
const keyFromName = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)

type Row = Topic & {
  /** Rows added here follow their name until their key is edited by hand. */
  suggestKey?: boolean
}

export const TopicsSection = ({
  settings,
}: {
  settings: MarketingSettings
}) => {
  const form = useSettingsForm<{ topics: Row[] }>({
    title: "Topics",
    settings,
    read: ({ topics }) => ({ topics: topics.map((topic) => ({ ...topic })) }),
    toPatch: (value) => {
      const topics = value.topics.map(({ key, name, description }) => ({
        key: key.trim(),
        name: name.trim(),
        description: description.trim(),
      }))
      const missing = topics.findIndex((topic) => !topic.key || !topic.name)
      if (missing >= 0) {
        return { problem: `Topic ${missing + 1}: enter a name and a key` }
      }
      return { topics }
    },
  })

  const rows = form.value.topics

  const updateRow = (index: number, patch: Partial<Row>) =>
    form.change({
      topics: rows.map((row, i) => {
        if (i !== index) return row
        const next = { ...row, ...patch }
        if (row.suggestKey && patch.name !== undefined) {
          next.key = keyFromName(patch.name)
        }
        return next
      }),
    })

  const addRow = () =>
    form.change({
      topics: [...rows, { key: "", name: "", description: "", suggestKey: true }],
    })

  const removeRow = (index: number) =>
    form.change({ topics: rows.filter((_, i) => i !== index) })

  return (
    <SettingsSection
      id="topics"
      title="Topics"
      description="The kinds of email people can choose on their preferences page, so someone tired of offers can keep getting news. A template with a topic is not sent to contacts who left it."
      onSave={form.save}
      onDiscard={form.discard}
      isDirty={form.isDirty}
      isSaving={form.isSaving}
      error={form.error}
    >
      {rows.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle" data-testid="topics-empty">
          No topics: people can only unsubscribe from all marketing email.
        </Text>
      ) : (
        <div className="flex flex-col gap-y-3">
          <div className="text-ui-fg-subtle hidden grid-cols-[1fr_1fr_2fr_28px] gap-x-3 md:grid">
            <Label size="xsmall" weight="plus">Name</Label>
            <Label size="xsmall" weight="plus">Key</Label>
            <Label size="xsmall" weight="plus">Description</Label>
          </div>
          {rows.map((row, index) => (
            <div
              key={index}
              className="grid grid-cols-1 items-start gap-3 md:grid-cols-[1fr_1fr_2fr_28px]"
              data-testid="topic-row"
            >
              <Input
                size="small"
                aria-label={`Topic ${index + 1} name`}
                placeholder="Back in stock"
                value={row.name}
                onChange={(event) => updateRow(index, { name: event.target.value })}
              />
              <Input
                size="small"
                aria-label={`Topic ${index + 1} key`}
                placeholder="back-in-stock"
                className="font-mono"
                value={row.key}
                onChange={(event) =>
                  updateRow(index, { key: event.target.value, suggestKey: false })
                }
              />
              <Input
                size="small"
                aria-label={`Topic ${index + 1} description`}
                placeholder="What people get when they keep this topic"
                value={row.description}
                onChange={(event) =>
                  updateRow(index, { description: event.target.value })
                }
              />
              <IconButton
                type="button"
                size="small"
                variant="transparent"
                aria-label={`Remove topic ${row.name || index + 1}`}
                onClick={() => removeRow(index)}
              >
                <Trash />
              </IconButton>
            </div>
          ))}
          <Text size="xsmall" className="text-ui-fg-subtle">
            Keys are lower-case letters, digits, - or _. Templates refer to a
            topic by its key: changing a key leaves those templates without
            a topic.
          </Text>
        </div>
      )}
      <div>
        <Button
          type="button"
          size="small"
          variant="secondary"
          onClick={addRow}
          disabled={rows.length >= MAX_TOPICS}
        >
          <Plus />
          Add topic
        </Button>
      </div>
    </SettingsSection>
  )
}

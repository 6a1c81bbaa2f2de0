import { ChevronDownMini, MagnifyingGlassMini } from "@medusajs/icons"
import { Button, clx, Input, Popover, Text } from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useState } from "react"
import { useContacts } from "../../hooks/api/contacts"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import { fullName } from "../../lib/format"

export type PickedContact = { id: string; email: string; name: string }

type ContactPickerProps = {
  value: PickedContact | null
  onChange: (contact: PickedContact | null) => void
}

const RESULTS = 10

/**
 * Chooses whose data a preview uses: the sample data (the default) or a
 * real contact found by email or name.
 */
export const ContactPicker = ({ value, onChange }: ContactPickerProps) => {
  const [open, setOpen] = useState(false)
  const [search, setSearch] = useState("")
  const q = useDebouncedValue(search.trim(), 300)
  const { contacts, isPending, isError } = useContacts(
    { q: q || undefined, limit: RESULTS, order: "-created_at" },
    { enabled: open, placeholderData: keepPreviousData }
  )

  const choose = (contact: PickedContact | null) => {
    onChange(contact)
    setOpen(false)
    setSearch("")
  }

  const optionClass =
    "txt-compact-small hover:bg-ui-bg-base-hover focus-visible:bg-ui-bg-base-hover flex w-full flex-col items-start rounded-md px-2 py-1.5 text-left outline-none"

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button
          variant="secondary"
          size="small"
          className="max-w-[260px] justify-between"
          data-testid="preview-contact-picker"
        >
          <span className="truncate">
            {value ? value.name || value.email : "Sample data"}
          </span>
          <ChevronDownMini className="text-ui-fg-muted shrink-0" />
        </Button>
      </Popover.Trigger>
      <Popover.Content align="end" className="w-[320px] p-2">
        <div className="relative mb-2">
          <MagnifyingGlassMini className="text-ui-fg-muted pointer-events-none absolute left-2 top-1/2 -translate-y-1/2" />
          <Input
            size="small"
            className="pl-8"
            placeholder="Search contacts by email or name"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            autoFocus
            aria-label="Search contacts"
          />
        </div>
        <div className="flex max-h-[280px] flex-col overflow-y-auto" role="listbox">
          <button
            type="button"
            role="option"
            aria-selected={!value}
            className={clx(optionClass, { "bg-ui-bg-base-pressed": !value })}
            onClick={() => choose(null)}
          >
            <span>Sample data</span>
            <span className="text-ui-fg-subtle txt-compact-xsmall">
              A made-up contact with a cart, an order and products
            </span>
          </button>
          {isError ? (
            <Text size="small" className="text-ui-fg-error px-2 py-1.5">
              Contacts could not be loaded.
            </Text>
          ) : isPending ? (
            <Text size="small" className="text-ui-fg-subtle px-2 py-1.5">
              Loading contacts…
            </Text>
          ) : contacts?.length ? (
            contacts.map((contact) => {
              const name = fullName(contact)
              const selected = value?.id === contact.id
              return (
                <button
                  key={contact.id}
                  type="button"
                  role="option"
                  aria-selected={selected}
                  className={clx(optionClass, {
                    "bg-ui-bg-base-pressed": selected,
                  })}
                  onClick={() =>
                    choose({ id: contact.id, email: contact.email, name })
                  }
                >
                  <span className="w-full truncate">{name || contact.email}</span>
                  {name && (
                    <span className="text-ui-fg-subtle txt-compact-xsmall w-full truncate">
                      {contact.email}
                    </span>
                  )}
                </button>
              )
            })
          ) : (
            <Text size="small" className="text-ui-fg-subtle px-2 py-1.5">
              {q ? `No contact matches “${q}”.` : "No contacts yet."}
            </Text>
          )}
        </div>
      </Popover.Content>
    </Popover>
  )
}

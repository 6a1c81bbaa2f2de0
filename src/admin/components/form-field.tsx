import { Hint, Label, Switch, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type FormFieldProps = {
  id: string
  label: string
  /** Says what the field does, under the input. */
  hint?: ReactNode
  error?: string | null
  optional?: boolean
  children: ReactNode
}

/** A labelled input with its help text, laid out as the admin's forms are. */
export const FormField = ({
  id,
  label,
  hint,
  error,
  optional,
  children,
}: FormFieldProps) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
      {optional && (
        <span className="text-ui-fg-muted font-normal"> (optional)</span>
      )}
    </Label>
    {children}
    {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
    {error && (
      <Hint variant="error" id={`${id}-error`} role="alert">
        {error}
      </Hint>
    )}
  </div>
)

type SwitchFieldProps = {
  id: string
  label: string
  description: ReactNode
  checked: boolean
  onCheckedChange: (checked: boolean) => void
  disabled?: boolean
}

/** An on/off setting: what it is and what it does, with the switch beside. */
export const SwitchField = ({
  id,
  label,
  description,
  checked,
  onCheckedChange,
  disabled,
}: SwitchFieldProps) => (
  <div className="flex items-start justify-between gap-x-4">
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
      </Label>
      <Text size="small" className="text-ui-fg-subtle" id={`${id}-hint`}>
        {description}
      </Text>
    </div>
    <Switch
      id={id}
      checked={checked}
      onCheckedChange={onCheckedChange}
      disabled={disabled}
      aria-describedby={`${id}-hint`}
      // A long description must not squeeze the switch.
      className="shrink-0"
      data-testid={id}
    />
  </div>
)

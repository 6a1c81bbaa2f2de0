import { Checkbox, Label } from "@medusajs/ui"

type CheckboxGroupProps = {
  id: string
  label: string
  choices: { key: string; label: string }[]
  value: string[]
  onChange: (value: string[]) => void
  "data-testid"?: string
}

/** A row of labelled checkboxes that picks any number of keys. */
export const CheckboxGroup = ({ id, label, choices, value, onChange, ...rest }: CheckboxGroupProps) => (
  <div className="flex flex-wrap gap-x-4 gap-y-2" role="group" aria-label={label} data-testid={rest["data-testid"]}>
    {choices.map((choice) => {
      const inputId = `${id}-${choice.key}`
      return (
        <div key={choice.key} className="flex items-center gap-x-2">
          <Checkbox
            id={inputId}
            checked={value.includes(choice.key)}
            onCheckedChange={(checked) =>
              onChange(checked === true ? [...value, choice.key] : value.filter((item) => item !== choice.key))
            }
          />
          <Label htmlFor={inputId} size="small">
            {choice.label}
          </Label>
        </div>
      )
    })}
  </div>
)

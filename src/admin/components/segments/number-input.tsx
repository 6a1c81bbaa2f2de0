import { Input } from "@medusajs/ui"
import { useEffect, useState, type ComponentPropsWithoutRef } from "react"

type NumberInputProps = Omit<
  ComponentPropsWithoutRef<typeof Input>,
  "value" | "onChange" | "type"
> & {
  value?: number
  /** `undefined` while the box is empty or holds no number yet. */
  onChange: (value: number | undefined) => void
}

const parse = (text: string) => {
  if (text.trim() === "") {
    return undefined
  }
  const number = Number(text)
  return Number.isFinite(number) ? number : undefined
}

/**
 * A number box that keeps what is typed ("1.", "-") while it is not a
 * number yet, and reports the number once it is one.
 */
export const NumberInput = ({ value, onChange, ...props }: NumberInputProps) => {
  const [text, setText] = useState(value === undefined ? "" : String(value))

  useEffect(() => {
    // Follows changes made elsewhere (a new operator resets the value).
    if (parse(text) !== value) {
      setText(value === undefined ? "" : String(value))
    }
    // Only an outside change of `value` rewrites the text, never typing.
  }, [value])

  return (
    <Input
      {...props}
      type="number"
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setText(event.target.value)
        onChange(parse(event.target.value))
      }}
    />
  )
}

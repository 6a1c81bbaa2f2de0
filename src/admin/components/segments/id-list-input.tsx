import { Badge, Input } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { parseIdList } from "../../lib/segment-conditions"

type IdListInputProps = {
  id?: string
  value: string[]
  onChange: (value: string[]) => void
  placeholder?: string
  "aria-label"?: string
  "data-testid"?: string
}

/**
 * Values typed or pasted as a comma- or space-separated list, shown back as
 * tags so a stray comma or duplicate is easy to see.
 */
export const IdListInput = ({
  id,
  value,
  onChange,
  placeholder = "One or more, separated by commas",
  ...rest
}: IdListInputProps) => {
  const [text, setText] = useState(value.join(", "))

  useEffect(() => {
    // Rewrites the text only when the list changed elsewhere.
    if (parseIdList(text).join(",") !== value.join(",")) {
      setText(value.join(", "))
    }
  }, [value])

  return (
    <div className="flex min-w-0 flex-1 flex-col gap-y-1.5">
      <Input
        id={id}
        size="small"
        value={text}
        placeholder={placeholder}
        onChange={(event) => {
          setText(event.target.value)
          onChange(parseIdList(event.target.value))
        }}
        aria-label={rest["aria-label"]}
        data-testid={rest["data-testid"]}
      />
      {value.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {value.map((item) => (
            <Badge key={item} size="2xsmall" className="font-mono">
              {item}
            </Badge>
          ))}
        </div>
      )}
    </div>
  )
}

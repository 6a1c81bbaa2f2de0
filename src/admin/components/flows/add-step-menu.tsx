import { Plus } from "@medusajs/icons"
import { Button, DropdownMenu, Text } from "@medusajs/ui"
import { Fragment } from "react"
import type { CatalogStepType, StepKind } from "../../lib/flow-types"
import { StepIcon } from "./step-icon"

const KIND_LABELS: Record<StepKind, string> = {
  action: "Actions",
  wait: "Waits",
  control: "Control",
}

const KIND_ORDER: StepKind[] = ["action", "wait", "control"]

type AddStepMenuProps = {
  stepTypes: CatalogStepType[]
  onAdd: (type: string) => void
  /** What the new step goes after, when a step or the trigger is selected. */
  afterTitle?: string | null
  disabled?: boolean
}

/** Every step type the store offers, its own registered ones included, by kind. */
export const AddStepMenu = ({ stepTypes, onAdd, afterTitle, disabled }: AddStepMenuProps) => {
  const groups = KIND_ORDER.map((kind) => ({ kind, types: stepTypes.filter((type) => type.kind === kind) })).filter(
    (group) => group.types.length > 0
  )
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <Button size="small" variant="secondary" disabled={disabled} data-testid="add-step">
          <Plus />
          {afterTitle ? `Add step after “${afterTitle}”` : "Add step"}
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="start" className="max-h-[480px] w-[320px] overflow-y-auto">
        {groups.map((group, index) => (
          <Fragment key={group.kind}>
            {index > 0 && <DropdownMenu.Separator />}
            <DropdownMenu.Label>{KIND_LABELS[group.kind]}</DropdownMenu.Label>
            {group.types.map((type) => (
              <DropdownMenu.Item
                key={type.type}
                onClick={() => onAdd(type.type)}
                className="flex items-start gap-x-2"
                data-testid={`add-step-${type.type}`}
              >
                <span className="text-ui-fg-subtle mt-0.5">
                  <StepIcon type={type.type} />
                </span>
                <span className="flex flex-col">
                  <Text size="small" weight="plus" leading="compact">
                    {type.label}
                    {!type.builtin && <span className="text-ui-fg-muted font-normal"> · {type.type}</span>}
                  </Text>
                  <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                    {type.description}
                  </Text>
                </span>
              </DropdownMenu.Item>
            ))}
          </Fragment>
        ))}
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}

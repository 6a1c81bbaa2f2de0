import { toast } from "@medusajs/ui"
import { useEffect, useRef, useState } from "react"
import { useUpdateSettings } from "./api/settings"
import type { MarketingSettings, MarketingSettingsPatch } from "../lib/types"

type SettingsFormOptions<T> = {
  /** The section's name, for the toast: "Quiet hours saved". */
  title: string
  settings: MarketingSettings
  /** The section's values as its inputs hold them. */
  read: (settings: MarketingSettings) => T
  /**
   * The patch to save, or a message when the input cannot be sent (a
   * number field left empty, for example).
   */
  toPatch: (value: T) => MarketingSettingsPatch | { problem: string }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The local state of one settings section: what the merchant typed, whether
 * it differs from what is saved, and saving just this section's part.
 */
export const useSettingsForm = <T>({
  title,
  settings,
  read,
  toPatch,
}: SettingsFormOptions<T>) => {
  const saved = read(settings)
  const [value, setValue] = useState<T>(saved)
  const [error, setError] = useState<string | null>(null)
  const { mutate, isPending } = useUpdateSettings()

  // Another section's save re-reads the settings; a section with no edits
  // of its own follows, so it never shows a stale value.
  const savedRef = useRef(saved)
  useEffect(() => {
    const previous = savedRef.current
    if (!same(previous, saved)) {
      setValue((current) => (same(current, previous) ? saved : current))
      savedRef.current = saved
    }
  }, [saved])

  const change = (patch: Partial<T>) => {
    setError(null)
    setValue((current) => ({ ...current, ...patch }))
  }

  const save = () => {
    const patch = toPatch(value)
    if ("problem" in patch) {
      setError(String(patch.problem))
      return
    }
    mutate(patch as MarketingSettingsPatch, {
      onSuccess: ({ settings: next }) => {
        const stored = read(next)
        savedRef.current = stored
        setValue(stored)
        setError(null)
        toast.success(`${title} saved`)
      },
      onError: (failure) => {
        setError(failure.message)
        toast.error(`${title} not saved`, { description: failure.message })
      },
    })
  }

  const discard = () => {
    setError(null)
    setValue(saved)
  }

  return {
    value,
    change,
    save,
    discard,
    error,
    isSaving: isPending,
    isDirty: !same(value, saved),
  }
}

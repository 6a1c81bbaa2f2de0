import { useEffect, useState } from "react"

/**
 * The width of an element's content box, kept current as the element
 * resizes (the window, a sidebar folding); 0 until it is mounted.
 */
export const useContentWidth = (element: HTMLElement | null): number => {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    if (!element) {
      return
    }
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width))
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return width
}

/**
 * A deterministic stand-in for randomness: the same key always gives the
 * same number in [0, 1), and different keys spread evenly. A split or a
 * holdout decided this way needs nothing stored to give the same answer
 * when a crashed job asks again.
 *
 * @example
 * const env = { …, random: keyedRandom(flow.id) }
 */
export function keyedRandom(seed = ""): (key: string) => number {
  return (key: string) => hash53(`${seed}\u0000${key}`) / 2 ** 53
}

/** cyrb53: a fast 53-bit string hash with good spread (public domain). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ char, 2654435761)
    h2 = Math.imul(h2 ^ char, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

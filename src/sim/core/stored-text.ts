/**
 * Texts the simulator keeps for a long time (stored step replies, status infos, event details).
 *
 * V8 returns `JSON.stringify` results and concatenations as trees of parts ("cons strings"); kept as they are,
 * a 300-byte reply can cost three times its length. Flattening once, when the text is stored, keeps one
 * contiguous copy. Texts that many hosts share (the same DNS answers, NTP sources and free addresses for every
 * host of a cluster, the same status info) are also kept once: a bounded table of recent texts maps each text
 * to its first copy. bench/sim.ts measures the effect.
 */

const SHARED_LIMIT = 8192
const recent = new Map<string, string>()

/** Makes V8 flatten `text` in place (number conversion reads the string as one sequence); costs one copy. */
function flatten(text: string): void {
  void Number(text)
}

/** A text that is kept but rarely equal to another (an inventory, a connectivity report): flattened. */
export function keptText(text: string): string {
  if (text.length > 0) flatten(text)
  return text
}

/** A text that is kept and often equal to other hosts' (DNS, NTP, free addresses, status info): shared. */
export function sharedText(text: string): string {
  if (text.length === 0) return text
  const hit = recent.get(text)
  if (hit !== undefined) return hit
  flatten(text)
  if (recent.size >= SHARED_LIMIT) recent.delete(recent.keys().next().value!)
  recent.set(text, text)
  return text
}

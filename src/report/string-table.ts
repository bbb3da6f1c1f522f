/**
 * Interns strings as small integers. Host statuses, stage names and status infos repeat across 100,000 hosts;
 * the per-host tables keep an integer and the text is stored once.
 */
export class StringTable {
  private readonly ids = new Map<string, number>()
  private readonly texts: string[] = []

  id(text: string): number {
    let id = this.ids.get(text)
    if (id === undefined) {
      id = this.texts.length
      this.ids.set(text, id)
      this.texts.push(text)
    }
    return id
  }

  /** The id of a text already interned, or -1. */
  find(text: string): number {
    return this.ids.get(text) ?? -1
  }

  text(id: number): string | undefined {
    return id < 0 ? undefined : this.texts[id]
  }

  get size(): number {
    return this.texts.length
  }

  /** Every text, by id (for moving state between threads). */
  all(): readonly string[] {
    return this.texts
  }
}

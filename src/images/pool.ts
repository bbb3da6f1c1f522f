/**
 * Runs `task` for every item with at most `limit` running at once, keeping the results in item order. Every
 * task runs even when some fail; the first failure is then thrown (the others are in `settled`).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const settled: PromiseSettledResult<R>[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      try {
        settled[index] = { status: 'fulfilled', value: await task(items[index]!, index) }
      } catch (reason) {
        settled[index] = { status: 'rejected', reason }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) throw failed.reason
  return settled.map(s => (s as PromiseFulfilledResult<R>).value)
}

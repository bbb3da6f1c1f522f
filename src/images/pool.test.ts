import { describe, expect, it } from '@jest/globals'
import { mapBounded } from './pool.js'

describe('mapBounded', () => {
  it('keeps at most `limit` tasks running and the results in order', async () => {
    let running = 0
    let peak = 0
    const results = await mapBounded([30, 10, 20, 5, 15], 2, async (ms, index) => {
      running++
      peak = Math.max(peak, running)
      await new Promise(r => setTimeout(r, ms))
      running--
      return index * 10
    })
    expect(results).toEqual([0, 10, 20, 30, 40])
    expect(peak).toBe(2)
  })

  it('runs every task, then throws the first failure', async () => {
    const done: number[] = []
    await expect(
      mapBounded([1, 2, 3], 1, async n => {
        if (n === 2) throw new Error('two failed')
        done.push(n)
        return n
      })
    ).rejects.toThrow('two failed')
    expect(done).toEqual([1, 3])
  })
})

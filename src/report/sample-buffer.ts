import { percentileOfSorted, type TrendSource } from './percentile.js'

/**
 * A growable array of doubles: one number per sample (8 bytes), so a trend over 100,000 hosts costs 800 kB.
 * `freeze()` sorts once; percentiles are then exact (k6 interpolation).
 */
export class SampleBuffer implements TrendSource {
  private values: Float64Array
  private length = 0
  private sum = 0
  private sorted = false

  constructor(initialCapacity = 64) {
    this.values = new Float64Array(initialCapacity)
  }

  get count(): number {
    return this.length
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
    this.sum += value
    this.sorted = false
  }

  /** The samples in ascending order (a view; valid until the next push). */
  freeze(): Float64Array {
    const view = this.values.subarray(0, this.length)
    if (!this.sorted) {
      view.sort()
      this.sorted = true
    }
    return view
  }

  min(): number | undefined {
    return this.length ? this.freeze()[0] : undefined
  }

  max(): number | undefined {
    return this.length ? this.freeze()[this.length - 1] : undefined
  }

  avg(): number | undefined {
    return this.length ? this.sum / this.length : undefined
  }

  percentile(p: number): number | undefined {
    return percentileOfSorted(this.freeze(), p)
  }
}

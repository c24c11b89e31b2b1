// Frames for one stream, coalesced: every frame queued during one event-loop turn goes out in
// a single stream send (each send costs a yamux frame, a Noise message and a syscall). The
// queue is bounded; frames above the bound are dropped and counted by the caller.
import type { Stream } from '@libp2p/interface'
import { encodeFrames, sendWithBackpressure } from './frames.js'

export class CoalescingSender {
  private queue: Uint8Array[] = []
  private queueBytes = 0
  private scheduled = false
  private sending = false

  constructor (private readonly stream: Stream, private readonly maxQueueBytes: number, private readonly onError: () => void = () => {}) {}

  /** Queues a frame; false (not queued) when the stream is closed or the queue is full. */
  send (frame: Uint8Array): boolean {
    if (this.stream.status !== 'open' || this.queueBytes + frame.byteLength > this.maxQueueBytes) return false
    this.queue.push(frame)
    this.queueBytes += frame.byteLength
    if (!this.scheduled && !this.sending) {
      this.scheduled = true
      setImmediate(() => { this.scheduled = false; void this.flush() })
    }
    return true
  }

  private async flush (): Promise<void> {
    this.sending = true
    try {
      while (this.queue.length > 0 && this.stream.status === 'open') {
        const frames = this.queue
        this.queue = []
        this.queueBytes = 0
        await sendWithBackpressure(this.stream, encodeFrames(frames))
      }
    } catch {
      this.onError()
    } finally {
      this.sending = false
    }
  }
}

/**
 * Idempotency by webhook delivery id within one process (a warm Lambda container, the dev server, an Actions
 * job): a redelivered or concurrently repeated id gets the first run's result and runs nothing again.
 * Across processes the sticky comment's marker remembers the last delivery id (see evaluate-pull-request.ts)
 * and push deliveries look up existing deployments, so a redelivery to a fresh container writes nothing twice.
 */
export class DeliveryLedger<T> {
  private readonly runs = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 1000) {}

  /** Runs `work` once per id; later calls with the same id share its promise. */
  run(id: string, work: () => Promise<T>): Promise<T> {
    const seen = this.runs.get(id);
    if (seen !== undefined) return seen;
    const p = work();
    this.runs.set(id, p);
    // A failed run may be retried by a later redelivery.
    p.catch(() => this.runs.delete(id));
    while (this.runs.size > this.capacity) {
      const oldest = this.runs.keys().next().value as string;
      this.runs.delete(oldest);
    }
    return p;
  }

  has(id: string): boolean {
    return this.runs.has(id);
  }

  result(id: string): Promise<T> | undefined {
    return this.runs.get(id);
  }
}

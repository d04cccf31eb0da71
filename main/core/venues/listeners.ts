/**
 * A listener set for adapter and feed events. A listener that throws must neither stop the
 * others nor unwind into the socket handler that delivered the message, so it is caught and
 * reported on stderr.
 */
export class Listeners<E> {
  private readonly set = new Set<(event: E) => void>();

  add(listener: (event: E) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(event: E): void {
    for (const listener of this.set) {
      try {
        listener(event);
      } catch (error) {
        console.error('event listener failed', error);
      }
    }
  }
}

/**
 * Block hashes for the simulated Starknet RPC. A block's hash depends on its height and on how
 * many rollbacks went below it, so re-produced heights after a rollback get new hashes while
 * the blocks kept by the rollback keep theirs.
 */
import { createHash } from 'node:crypto';

export class ChainForks {
  private readonly rollbackTargets: number[] = [];

  rolledBackTo(height: number): void {
    this.rollbackTargets.push(height);
  }

  blockHash(height: number): string {
    const fork = this.rollbackTargets.filter((t) => t < height).length;
    return `0x${createHash('sha256').update(`blackbox-sim:${fork}:${height}`).digest('hex').slice(0, 62)}`;
  }
}

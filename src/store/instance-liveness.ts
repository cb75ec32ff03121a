import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from './ports.js';

const key = (id: string) => `instance:${id}`;

/**
 * A heartbeat per process: a key with a short TTL, renewed well before it runs out and deleted on shutdown.
 * A claim stamped with this process's id can then be told apart: left by a process that is gone (ask the
 * platform at once) or held by one still at work (wait for it).
 */
export class InstanceLiveness {
  readonly id = randomBytes(6).toString('hex');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly ttlMs = 5000,
  ) {}

  start(): void {
    const beat = () => {
      this.store.set(key(this.id), '1', { ttlMs: this.ttlMs }).catch((err: Error) => this.logger.debug({ err: err.message }, 'instance heartbeat not written'));
    };
    beat();
    this.timer = setInterval(beat, Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.store.del(key(this.id)).catch(() => undefined);
  }

  /** Whether the process with this id still beats (this process always does). */
  async isAlive(id: string): Promise<boolean> {
    return id === this.id || this.store.exists(key(id));
  }
}

import type { Logger } from 'pino';
import { BullMqQueue } from './bullmq-queue.js';
import { MemoryQueue } from './memory-queue.js';
import type { JobQueue, JobQueueOptions } from './queue.js';

export interface CreateQueueConfig {
  /** REDIS_URL; unset means the in-process queue (jobs are lost on restart). */
  redisUrl?: string;
  /** REDIS_PREFIX */
  prefix: string;
  options: JobQueueOptions;
  logger: Logger;
  connectTimeoutMs?: number;
}

/** A durable BullMQ queue when Redis is configured, else the in-process one. */
export function createQueue<T>(config: CreateQueueConfig): JobQueue<T> {
  if (config.redisUrl) {
    return new BullMqQueue<T>({ url: config.redisUrl, prefix: config.prefix, options: config.options, logger: config.logger, connectTimeoutMs: config.connectTimeoutMs });
  }
  return new MemoryQueue<T>(config.options, config.logger);
}

import { describe, expect, it } from 'vitest';
import { createServerController } from './server-controller.js';

describe('server controller', () => {
  it('counts runs; drain waits for them to finish on their own', async () => {
    const controller = createServerController();
    const release = controller.track({ shutdown: () => undefined });
    expect(controller.activeRuns).toBe(1);
    const drained = controller.drain({ timeoutMs: 5000 });
    expect(controller.shuttingDown).toBe(true);
    setTimeout(release, 20);
    expect(await drained).toEqual({ completed: 1, cancelled: 0, abandoned: 0 });
    expect(controller.activeRuns).toBe(0);
  });

  it('after the grace period the remaining runs are shut down; hung ones are reported', async () => {
    const controller = createServerController();
    const shutdowns: string[] = [];
    const releaseA = controller.track({
      shutdown: () => {
        shutdowns.push('a');
        releaseA();
      },
    });
    controller.track({ shutdown: () => shutdowns.push('hung') });
    const result = await controller.drain({ timeoutMs: 10, cancelGraceMs: 10 });
    expect(shutdowns).toEqual(['a', 'hung']);
    expect(result).toEqual({ completed: 0, cancelled: 2, abandoned: 1 });
    const late: string[] = [];
    controller.track({ shutdown: () => late.push('late') });
    expect(late).toEqual(['late']);
  });

  it('release is idempotent', () => {
    const controller = createServerController();
    const release = controller.track({ shutdown: () => undefined });
    controller.track({ shutdown: () => undefined });
    release();
    release();
    expect(controller.activeRuns).toBe(1);
  });
});

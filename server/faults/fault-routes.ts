import { Hono } from 'hono';
import { parseFaultList, type FaultPlan } from './fault-plan.ts';

/**
 * The test-only control of the fault plan, mounted at /parley/test/faults:
 * GET lists the faults (with `remaining` and `applied` counts), POST replaces the list,
 * DELETE clears it. Every answer is the resulting `{ faults, pending }`, `pending` being
 * the requests a latency or hang fault holds at that moment.
 */
export function createFaultRoutes(plan: FaultPlan): Hono {
  const app = new Hono();
  const current = () => ({ faults: plan.list(), pending: plan.pending });

  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/', (c) => c.json(current()));

  app.post('/', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'Body must be JSON: { faults: [{ match, kind, … }] }' }, 400);
    }
    const parsed = parseFaultList(body);
    if (!parsed.ok) return c.json({ error: parsed.errors.join('; '), errors: parsed.errors }, 422);
    plan.replace(parsed.value);
    return c.json(current());
  });

  app.delete('/', (c) => {
    plan.clear();
    return c.json(current());
  });

  return app;
}

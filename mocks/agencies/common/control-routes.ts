import type { FastifyInstance } from 'fastify';
import { parseControlPatch, type AgencyControl } from './control.ts';

/** `/__control` and `/__control/stats`: no API key, never faulted (see isControlRequest). */
export function registerControlRoutes(app: FastifyInstance, control: AgencyControl): void {
  app.get('/__control', async () => control.state);
  app.put('/__control', async (request) => control.set(parseControlPatch(request.body)));
  app.delete('/__control', async () => control.reset());
  app.get('/__control/stats', async () => control.stats());
  app.delete('/__control/stats', async () => {
    control.resetStats();
    return control.stats();
  });
}

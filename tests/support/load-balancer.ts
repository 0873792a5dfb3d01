import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy in front of several gateway instances, as nginx is in docker-compose.yml,
 * except that the test chooses which instance serves each request.
 */
export class TestLoadBalancer {
  readonly #server: Server;
  readonly #backends = new Map<string, URL>();
  readonly served: string[] = [];
  target = '';
  url = '';

  constructor() {
    this.#server = createServer((incoming, outgoing) => {
      const backend = this.#backends.get(this.target);
      if (!backend) return void outgoing.writeHead(502).end(`no backend ${this.target}`);
      this.served.push(this.target);
      const forwarded = request(
        { host: backend.hostname, port: backend.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.writeHead(502).end());
      incoming.pipe(forwarded);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  add(name: string, url: string): void {
    this.#backends.set(name, new URL(url));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}

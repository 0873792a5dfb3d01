import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of a real server (Redis, PostgreSQL, the provider), so a test can take
 * that dependency down and bring it back without touching it: `cut()` closes every connection
 * and refuses new ones, `stall()` keeps them open but carries nothing more, `restore()` brings
 * the dependency back on the same port.
 */
export class TcpRelay {
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #port = 0;
  #stalled = false;

  constructor(
    private readonly targetHost: string,
    public targetPort: number,
  ) {}

  get port(): number {
    return this.#port;
  }

  async start(port = this.#port): Promise<this> {
    const track = (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => undefined);
    };
    const server = createServer((client) => {
      track(client);
      // A hanging server accepts the connection and never answers.
      if (this.#stalled) return;
      const upstream = connect(this.targetPort, this.targetHost);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this;
  }

  /** The dependency is down: open connections are reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#stalled = false;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  /** The dependency hangs: open connections stay open but carry nothing, new ones are accepted and never answered. */
  stall(): void {
    this.#stalled = true;
    for (const socket of this.#sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  /** The dependency is back, on the same port. Connections that hung are closed, as a restarted server's would be. */
  async restore(): Promise<void> {
    if (this.#stalled) {
      this.#stalled = false;
      for (const socket of this.#sockets) socket.destroy();
    }
    if (!this.#server) await this.start(this.#port);
  }

  close(): Promise<void> {
    return this.cut();
  }
}

/** A port that was free a moment ago (for a server that must know another's port before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

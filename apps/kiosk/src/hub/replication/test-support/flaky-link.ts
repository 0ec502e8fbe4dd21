import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between one kiosk and the server that a test can cut and restore, like a hub's network going
 * down: cutting destroys the open connections (requests in flight fail half way) and refuses new ones.
 */
export interface FlakyLink {
  url: string;
  online: boolean;
  setOnline(online: boolean): void;
  close(): Promise<void>;
}

export async function startFlakyLink(target: string): Promise<FlakyLink> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let online = true;
  const server: Server = createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  const link: FlakyLink = {
    url: `http://127.0.0.1:${address.port}`,
    get online() {
      return online;
    },
    setOnline(value: boolean) {
      online = value;
      if (!value) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        online = false;
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return link;
}

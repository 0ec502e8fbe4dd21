import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { availableOrSkip } from './requirements.ts';
import { tempDir } from './tmp.ts';

/** Debian's nginx (`apt-get install nginx`), or NGINX_PATH. */
export function nginxPath(): string | undefined {
  const candidates = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/bin/nginx'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

export interface RunningNginx {
  /** the proxy's address, e.g. http://127.0.0.1:41234 */
  url: string;
  /** nginx's error log so far, for a failing test's message */
  errors(): string;
  stop(): Promise<void>;
}

/**
 * A real nginx in front of `upstream` (one server, or several as one nginx `upstream` group, round robin), with
 * nginx's DEFAULT proxy settings (buffering on, HTTP/1.0 upstream,
 * 60 s read timeout) unless `locationDirectives` adds some: a minimal nginx.conf whose location is a plain
 * `proxy_pass`, in a temporary prefix, on a free port, as a foreground child (no daemon, one process, so it runs
 * as the test's user and never touches the system's nginx or port 80). Throws when nginx is not installed.
 */
export async function startNginx(
  upstream: string | string[],
  locationDirectives = '',
  tls?: TlsFiles,
): Promise<RunningNginx> {
  const binary = nginxPath();
  if (!binary) throw new Error('nginx is not installed (apt-get install nginx, or set NGINX_PATH)');
  const prefix = tempDir('vigevano-nginx-');
  const port = await freePort();
  const servers = (Array.isArray(upstream) ? upstream : [upstream]).map((u) => new URL(u).host);
  const errorLog = join(prefix.path, 'error.log');
  writeFileSync(
    join(prefix.path, 'nginx.conf'),
    `daemon off;
master_process off;
pid ${join(prefix.path, 'nginx.pid')};
error_log ${errorLog} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${join(prefix.path, 'client_body')};
  proxy_temp_path ${join(prefix.path, 'proxy')};
  fastcgi_temp_path ${join(prefix.path, 'fastcgi')};
  uwsgi_temp_path ${join(prefix.path, 'uwsgi')};
  scgi_temp_path ${join(prefix.path, 'scgi')};
  upstream city {
    ${servers.map((host) => `server ${host};`).join('\n    ')}
  }
  server {
    listen 127.0.0.1:${port}${tls ? ` ssl;\n    ssl_certificate ${tls.certificate};\n    ssl_certificate_key ${tls.key}` : ''};
    location / {
      proxy_pass http://city;
      ${locationDirectives}
    }
  }
}
`,
  );
  const child = spawn(binary, ['-p', prefix.path, '-e', errorLog, '-c', join(prefix.path, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const errors = () => `${stderr}${existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    prefix.remove();
  };
  const url = `${tls ? 'https' : 'http'}://${tls ? 'localhost' : '127.0.0.1'}:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const log = errors();
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}: ${log}`);
    }
    try {
      // Node's fetch does not know the test's own authority: a TCP connection is enough to say nginx listens.
      if (tls) await canConnect(port);
      else await fetch(`${url}/health`);
      return { url, errors, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = errors();
  await stop();
  throw new Error(`nginx did not listen on ${url} within 20 s: ${log}`);
}

/**
 * A real nginx as a city would put one in front of the sync server, with a request body limit (nginx's
 * `client_max_body_size`, e.g. '8k'; its default is 1m): a larger body is answered 413 by nginx itself. Streams
 * pass unbuffered. Returns undefined and prints why when nginx is missing (fails in CI: VIGEVANO_REQUIRE_NGINX=1).
 */
export async function startNginxProxy(
  upstream: string | string[],
  clientMaxBodySize: string,
): Promise<RunningNginx | undefined> {
  if (!availableOrSkip('NGINX', nginxPath() !== undefined, 'nginx not installed (apt-get install nginx)'))
    return undefined;
  return startNginx(
    upstream,
    `client_max_body_size ${clientMaxBodySize};
      proxy_http_version 1.1;
      proxy_buffering off;
      proxy_read_timeout 1h;`,
  );
}

/** A TLS certificate and its key, as PEM files. */
export interface TlsFiles {
  certificate: string;
  key: string;
}

function canConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve();
    });
    socket.once('error', reject);
  });
}

/**
 * A self-signed certificate for `localhost` and 127.0.0.1 made with the openssl command (Debian: openssl, which the
 * postgresql and ca-certificates packages already pull in), valid one day, in `folder`. Processes that must trust it
 * take the certificate file as NODE_EXTRA_CA_CERTS; Chromium takes --ignore-certificate-errors.
 */
export function selfSignedCertificate(folder: string): TlsFiles {
  const files = { certificate: join(folder, 'localhost.crt'), key: join(folder, 'localhost.key') };
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      files.key,
      '-out',
      files.certificate,
    ],
    { stdio: 'ignore' },
  );
  return files;
}

/**
 * nginx as a city runs it in production: HTTPS on `localhost` with a self-signed certificate (selfSignedCertificate
 * in a temp folder), telling the server the original scheme and address (X-Forwarded-Proto, X-Forwarded-For) so
 * it sets Secure cookies; streams pass unbuffered. Returns undefined and prints why when nginx or openssl is
 * missing (fails in CI: VIGEVANO_REQUIRE_NGINX=1).
 */
export async function startHttpsProxy(
  upstream: string,
): Promise<(RunningNginx & { certificate: string }) | undefined> {
  const openssl = ['/usr/bin/openssl', '/bin/openssl'].some((p) => existsSync(p));
  if (
    !availableOrSkip(
      'NGINX',
      nginxPath() !== undefined && openssl,
      'nginx or openssl not installed (apt-get install nginx openssl)',
    )
  )
    return undefined;
  const folder = tempDir('vigevano-tls-');
  const tls = selfSignedCertificate(folder.path);
  const nginx = await startNginx(
    upstream,
    `proxy_http_version 1.1;
      proxy_buffering off;
      proxy_read_timeout 1h;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-For $remote_addr;`,
    tls,
  );
  return {
    ...nginx,
    certificate: tls.certificate,
    stop: async () => {
      await nginx.stop();
      folder.remove();
    },
  };
}

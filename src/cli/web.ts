import type { App } from '../main.ts';
import type { WebOptions, WebServer } from '../web/server.ts';

/** The dashboard, /healthz and /metrics, when WEB_PORT is set (the web code loads only then). */
export async function startWebIfConfigured(app: App, options: WebOptions, stderr: NodeJS.WritableStream = process.stderr): Promise<WebServer | undefined> {
  if (!app.config.web) return undefined;
  const { startWebServer } = await import('../web/server.ts');
  const web = await startWebServer(app, options);
  stderr.write(`Mentor dashboard, /healthz and /metrics at ${web.url}${app.config.web.publicUrl ? ` (links use ${app.config.web.publicUrl})` : ''}.\n`);
  if (!app.config.web.publicUrl && ['0.0.0.0', '::'].includes(app.config.web.host)) {
    stderr.write('Set PUBLIC_URL to the address mentors open: sign-in links cannot point at an address that listens on every interface.\n');
  }
  return web;
}

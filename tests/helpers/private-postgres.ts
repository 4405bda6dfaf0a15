// A throwaway PostgreSQL cluster of its own (initdb into a temp dir, pg_ctl on a free port, trust
// auth), so a fault run can stop and restart the database without touching the shared one on 5432.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb and postgres refuse to run as root: run them as the postgres user then. */
function asPostgres(command: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args];
}

function run(command: string, args: string[]): string {
  const [bin, ...rest] = asPostgres(command, args);
  return execFileSync(bin, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export class PrivatePostgres {
  readonly dir: string;
  private readonly dataDir: string;

  private constructor(readonly port: number) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixline-pg-'));
    this.dataDir = path.join(this.dir, 'data');
  }

  /** Creates the cluster and starts it. */
  static async create(port: number): Promise<PrivatePostgres> {
    const pg = new PrivatePostgres(port);
    fs.chmodSync(pg.dir, 0o777);
    run(path.join(BIN, 'initdb'), ['-D', pg.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    fs.appendFileSync(
      path.join(pg.dataDir, 'postgresql.conf'),
      `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${pg.dir}'\nfsync = off\nmax_connections = 200\nshared_buffers = 64MB\n`,
    );
    await pg.start();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    run(path.join(BIN, 'pg_ctl'), ['-D', this.dataDir, '-l', path.join(this.dir, 'log'), '-w', '-t', '60', 'start']);
  }

  /** mode 'immediate' is a crash (no checkpoint); 'fast' a clean shutdown that ends the sessions. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    run(path.join(BIN, 'pg_ctl'), ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  get running(): boolean {
    const [bin, ...rest] = asPostgres(path.join(BIN, 'pg_ctl'), ['-D', this.dataDir, 'status']);
    return spawnSync(bin, rest, { stdio: 'ignore' }).status === 0;
  }

  /** Stops the cluster and removes its files. */
  async destroy(): Promise<void> {
    if (this.running) await this.stop('immediate').catch(() => {});
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

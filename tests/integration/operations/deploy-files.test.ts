import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/server/config';
import { REPO_ROOT } from '../../helpers/scale-env';

/*
 * The runbook's files (deploy/, docs/deploy.md): the systemd unit runs the compiled server with its settings file
 * and the hardening options; the nginx site terminates TLS, proxies to the app on the loopback, accepts the
 * largest attachment and keeps /metrics private. Parsed here, so a careless edit fails the suite.
 */

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');

/** A systemd unit file: section → key → every value given (keys may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!kv || !current) throw new Error(`line ${i + 1} is not "Key=value" inside a section: ${raw}`);
    current.set(kv[1]!, [...(current.get(kv[1]!) ?? []), kv[2]!]);
  }
  return sections;
}

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

/** nginx configuration syntax: directives end with ";", blocks are balanced; comments and quotes understood. */
function parseNginx(text: string): Directive[] {
  const tokens: string[] = [];
  const re = /#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};#"']+)/g;
  for (const m of text.matchAll(re)) {
    if (m[0].startsWith('#')) continue;
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
  }
  let pos = 0;
  const parseBlock = (nested: boolean): Directive[] => {
    const out: Directive[] = [];
    let words: string[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++]!;
      if (t === ';') {
        if (words.length === 0) throw new Error('empty directive');
        out.push({ name: words[0]!, args: words.slice(1) });
        words = [];
      } else if (t === '{') {
        if (words.length === 0) throw new Error('block without a name');
        out.push({ name: words[0]!, args: words.slice(1), block: parseBlock(true) });
        words = [];
      } else if (t === '}') {
        if (!nested) throw new Error('unbalanced "}"');
        if (words.length > 0) throw new Error(`directive "${words.join(' ')}" lacks its ";"`);
        return out;
      } else words.push(t);
    }
    if (nested) throw new Error('unclosed block');
    if (words.length > 0) throw new Error(`directive "${words.join(' ')}" lacks its ";"`);
    return out;
  };
  return parseBlock(false);
}

const all = (ds: Directive[], name: string) => ds.filter((d) => d.name === name);
const one = (ds: Directive[], name: string) => {
  const found = all(ds, name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

describe('deploy/sme-platform.service', () => {
  const unit = parseUnit(read('deploy/sme-platform.service'));
  const service = unit.get('Service')!;
  const value = (key: string) => {
    const v = service.get(key);
    expect(v, key).toHaveLength(1);
    return v![0]!;
  };

  it('has the three sections and starts after the network and the database', () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install']);
    expect(unit.get('Unit')!.get('After')![0]).toContain('network-online.target');
    expect(unit.get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('runs the compiled entry with node, in production, with the settings file, as an unprivileged user', () => {
    const exec = value('ExecStart').split(/\s+/);
    expect(exec[0]).toMatch(/^\/.*\/node$/);
    expect(exec[1]).toMatch(/\/dist\/server\/main\.js$/);
    expect(exec).toHaveLength(2);
    expect(value('ExecStart')).not.toMatch(/tsx|\.ts\b|npm/);
    // The compiled entry really is where `npm run build` writes it, relative to the working directory.
    expect(path.relative(value('WorkingDirectory'), exec[1]!)).toBe('dist/server/main.js');
    expect(value('EnvironmentFile')).toMatch(/^\/etc\/sme-platform\/.+\.env$/);
    expect(service.get('Environment')).toContain('APP_MODE=production');
    expect(value('User')).not.toBe('root');
    expect(value('Type')).toBe('simple');
  });

  it('stops with SIGTERM (graceful shutdown) and restarts on failure', () => {
    expect(value('KillSignal')).toBe('SIGTERM');
    expect(Number(value('TimeoutStopSec'))).toBeGreaterThanOrEqual(10);
    expect(value('Restart')).toBe('on-failure');
  });

  it('carries the hardening options, writing only its state directory', () => {
    const expected: Record<string, string> = {
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes',
      ProtectControlGroups: 'yes',
      RestrictSUIDSGID: 'yes',
      RestrictNamespaces: 'yes',
      LockPersonality: 'yes',
      SystemCallArchitectures: 'native',
      CapabilityBoundingSet: '',
      StateDirectory: 'sme-platform',
      ReadWritePaths: '/var/lib/sme-platform',
    };
    for (const [k, v] of Object.entries(expected)) expect([k, value(k)]).toEqual([k, v]);
    expect(value('RestrictAddressFamilies').split(' ').sort()).toEqual(['AF_INET', 'AF_INET6', 'AF_UNIX']);
    // V8's JIT needs writable executable memory: this option would kill node at start.
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
  });

  it('its example settings name only variables the platform reads, and keep the state under the unit directory', () => {
    const env = Object.fromEntries(
      read('deploy/sme-platform.env.example')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^'(.*)'$/, '$1')]),
    );
    // Every name is one the server's configuration code reads.
    const sources = ['src/server/config.ts', 'src/server/services/sms-providers/config.ts']
      .map(read)
      .join('\n');
    for (const key of Object.keys(env)) expect(sources, key).toMatch(new RegExp(`\\b${key}\\b`));
    expect(env).toMatchObject({ APP_MODE: 'production', HOST: '127.0.0.1', TRUST_PROXY: 'true' });
    // A real SMS gateway, not the outbox dry run.
    expect(env.SMS_PROVIDER).toMatch(/^(aliyun|tencent|http)$/);
    expect(env.SMS_ALLOW_OUTBOX_IN_PRODUCTION).toBeUndefined();
    expect(env.STORAGE_DIR!.startsWith('/var/lib/sme-platform/')).toBe(true);
    expect(env.DATA_DIR!.startsWith('/var/lib/sme-platform/')).toBe(true);
    // The settings load (the placeholders are long enough to pass the production checks).
    expect(() => loadConfig(env)).not.toThrow();
  });
});

describe('deploy/nginx-sme-platform.conf', () => {
  const conf = parseNginx(read('deploy/nginx-sme-platform.conf'));
  const servers = all(conf, 'server');
  const tls = servers.find((s) => all(s.block!, 'listen').some((l) => l.args.includes('ssl')))!;

  it('parses: balanced blocks, every directive closed', () => {
    expect(() => parseNginx('server { listen 80 }')).toThrow(/lacks its ";"/);
    expect(() => parseNginx('server { listen 80;')).toThrow(/unclosed/);
    expect(conf.map((d) => d.name)).toEqual(['upstream', 'server', 'server']);
  });

  it('sends plain HTTP to HTTPS and terminates TLS with a certificate', () => {
    const plain = servers.find((s) => s !== tls)!;
    expect(all(plain.block!, 'listen').map((l) => l.args[0])).toContain('80');
    expect(one(plain.block!, 'return').args).toEqual(['301', 'https://$host$request_uri']);
    expect(all(tls.block!, 'listen').map((l) => l.args[0])).toContain('443');
    expect(one(tls.block!, 'ssl_certificate').args[0]).toMatch(/^\/.+\.crt$/);
    expect(one(tls.block!, 'ssl_certificate_key').args[0]).toMatch(/^\/.+\.key$/);
    expect(one(tls.block!, 'ssl_protocols').args).toEqual(['TLSv1.2', 'TLSv1.3']);
  });

  it('proxies to the app on 127.0.0.1:3000, replacing the client address header', () => {
    const upstream = one(conf, 'upstream');
    expect(all(upstream.block!, 'server').map((s) => s.args[0])).toEqual(['127.0.0.1:3000']);
    const root = all(tls.block!, 'location').find((l) => l.args.join(' ') === '/')!;
    expect(one(root.block!, 'proxy_pass').args).toEqual([`http://${upstream.args[0]}`]);
    const headers = Object.fromEntries(
      all(root.block!, 'proxy_set_header').map((h) => [h.args[0], h.args[1]]),
    );
    expect(headers).toMatchObject({
      'X-Forwarded-For': '$remote_addr',
      'X-Forwarded-Proto': '$scheme',
      Host: '$host',
    });
  });

  it('accepts a body of ATTACHMENT_MAX_MB plus 1 MB for the multipart envelope', () => {
    const [size] = one(tls.block!, 'client_max_body_size').args;
    const attachmentMb = loadConfig({}).attachmentMaxBytes / 1024 / 1024;
    expect(size).toBe(`${attachmentMb + 1}m`);
    const example = read('deploy/sme-platform.env.example');
    expect(example).toContain(`ATTACHMENT_MAX_MB=${attachmentMb}\n`);
  });

  it('never exposes /metrics', () => {
    const metrics = all(tls.block!, 'location').find((l) => l.args.join(' ') === '= /metrics')!;
    expect(metrics.block!.map((d) => [d.name, ...d.args])).toEqual([['return', '404']]);
  });
});

describe('docs/deploy.md', () => {
  const doc = read('docs/deploy.md');

  it('references the deploy files and has a sizing table with measured figures only', () => {
    expect(doc).toContain('deploy/sme-platform.service');
    expect(doc).toContain('deploy/nginx-sme-platform.conf');
    expect(doc).toContain('deploy/sme-platform.env.example');
    const sizing = doc.slice(
      doc.indexOf('## 9. Sizing'),
      doc.indexOf('\n## ', doc.indexOf('## 9. Sizing') + 5),
    );
    const rows = sizing.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('|---'));
    expect(rows.length).toBeGreaterThan(3);
    expect(sizing).not.toMatch(/见 docs\/performance\.md|TBD|TODO|待定|\?\?/);
  });

  it('has the first-day-in-production checklist', () => {
    const start = doc.search(/^## .*上线第一天/m);
    expect(start).toBeGreaterThan(0);
    const end = doc.indexOf('\n## ', start + 5);
    const list = doc.slice(start, end > 0 ? end : undefined);
    for (const needle of ['create-admin', '测试短信', 'backup', '/metrics', '/api/ready']) {
      expect(list, needle).toContain(needle);
    }
  });
});

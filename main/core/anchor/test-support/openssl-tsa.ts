/**
 * A real RFC 3161 time-stamp authority on loopback for tests: `openssl ts -reply` behind a small
 * HTTP handler, with its own root CA made by openssl in a temp folder. Besides an honest TSA it
 * can answer garbage, refuse, or stamp a different hash than the one asked about.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TsaBehaviour = 'honest' | 'garbage' | 'refuse' | 'other-hash';

const CONFIG = `
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = .
serial = ./serial
crypto_device = builtin
signer_cert = ./tsa.crt
signer_key = ./tsa.key
certs = ./root.crt
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
[ tsa_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
`;

export interface TestTsa {
  url: string;
  /** The TSA's root certificate (PEM file) and its folder. */
  rootPem: string;
  dir: string;
  behaviour: TsaBehaviour;
  requests: number;
  close(): Promise<void>;
}

function openssl(dir: string, args: string[]): Buffer {
  return execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A root CA and a TSA certificate under it (critical EKU timeStamping, as RFC 3161 asks). */
export function makeTsaPki(dir: string, rootName = 'Blackbox Test TSA Root'): void {
  writeFileSync(join(dir, 'tsa.cnf'), CONFIG);
  writeFileSync(join(dir, 'serial'), '01\n');
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'root.key', '-out', 'root.crt', '-days', '3650', '-subj', `/CN=${rootName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Blackbox Test TSA']);
  openssl(dir, ['x509', '-req', '-in', 'tsa.csr', '-CA', 'root.crt', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'tsa.crt', '-days', '3650',
    '-extfile', 'tsa.cnf', '-extensions', 'tsa_ext']);
}

/** `openssl ts -reply` for a query file; the reply (TimeStampResp DER). */
function reply(dir: string, query: Buffer): Buffer {
  writeFileSync(join(dir, 'q.tsq'), query);
  openssl(dir, ['ts', '-reply', '-queryfile', 'q.tsq', '-config', 'tsa.cnf', '-section', 'tsa_config', '-out', 'r.tsr']);
  return readFileSync(join(dir, 'r.tsr'));
}

function otherHashQuery(dir: string): Buffer {
  openssl(dir, ['ts', '-query', '-digest', 'ab'.repeat(32), '-sha256', '-cert', '-out', 'other.tsq']);
  return readFileSync(join(dir, 'other.tsq'));
}

export async function startTestTsa(behaviour: TsaBehaviour = 'honest'): Promise<TestTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'bb-tsa-'));
  makeTsaPki(dir);
  const tsa: TestTsa = { url: '', rootPem: join(dir, 'root.crt'), dir, behaviour, requests: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      tsa.requests += 1;
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(415).end();
        return;
      }
      if (behaviour === 'refuse') {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
        return;
      }
      const body = behaviour === 'garbage' ? Buffer.from('this is not a time-stamp response')
        : reply(dir, behaviour === 'other-hash' ? otherHashQuery(dir) : Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tsa.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsr`;
  tsa.close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  return tsa;
}

/** A URL where nothing listens: a TSA that is down. */
export async function downTsaUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/tsr`;
}

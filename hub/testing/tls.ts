import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Certificates for HTTPS tests, made on the spot with the `openssl` command (Node can sign nothing itself):
 * a private CA, a hub certificate it signs for 127.0.0.1 / localhost, and an unrelated second CA. openssl comes with
 * Debian's postgresql package (postgresql-common → ssl-cert → openssl), which .ci/run installs.
 */
export interface TestCertificates {
  dir: string;
  /** PEM file of the private CA that signed the hub certificate. */
  caFile: string;
  /** PEM file of a CA that signed nothing here (trusting it must not help). */
  otherCaFile: string;
  certFile: string;
  keyFile: string;
  ca: string;
  cert: string;
  key: string;
}

export function opensslAvailable(): boolean {
  return spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
}

function openssl(dir: string, args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr || r.error?.message}`);
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCa(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '3', '-subj', `/CN=${name} test CA`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

export function makeTestCertificates(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyts-tls-'))): TestCertificates {
  makeCa(dir, 'ca');
  makeCa(dir, 'other');
  openssl(dir, ['req', ...EC, '-keyout', 'hub.key', '-out', 'hub.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(
    path.join(dir, 'hub.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  openssl(dir, ['x509', '-req', '-in', 'hub.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'hub.pem', '-days', '2', '-extfile', 'hub.ext']);
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    otherCaFile: path.join(dir, 'other.pem'),
    certFile: path.join(dir, 'hub.pem'),
    keyFile: path.join(dir, 'hub.key'),
    ca: read('ca.pem'),
    cert: read('hub.pem'),
    key: read('hub.key'),
  };
}

/** As a process (tests of other layers): `tsx hub/testing/tls.ts <dir>` writes the files and prints their paths. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: tls.ts <dir>');
  fs.mkdirSync(dir, { recursive: true });
  const { ca: _ca, cert: _cert, key: _key, ...files } = makeTestCertificates(dir);
  process.stdout.write(`${JSON.stringify(files)}\n`);
}

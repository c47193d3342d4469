// Runs real third-party libraries against Turnpike's Bifrost tokens. One command per call:
//   node bifrost.mjs <command>   with a JSON request on stdin, a JSON answer on stdout.
// A library that rejects our input throws; the error goes to stderr and the exit code is 1,
// so the Java test that drives this script sees the library's own message.
import nacl from 'tweetnacl';
import bs58 from 'bs58';
import * as jose from 'jose';
import { createHash } from 'node:crypto';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const utf8 = (text) => new Uint8Array(Buffer.from(text, 'utf8'));

const commands = {
  // A JavaScript wallet: tweetnacl keys from a seed, bs58 public keys, the document's payload,
  // header and payload base64url-encoded and signed with nacl.sign.detached.
  'wallet-sign': ({ seed, delegatedKey, attributes, createdMillis, expirationMillis }) => {
    const keys = nacl.sign.keyPair.fromSeed(Buffer.from(seed, 'hex'));
    const issuer = bs58.encode(keys.publicKey);
    const header = b64url(utf8(JSON.stringify({ alg: 'Ed25519', typ: 'JWT' })));
    const payload = b64url(utf8(JSON.stringify({
      created: new Date(createdMillis).toISOString(),
      expiration: new Date(expirationMillis).toISOString(),
      issuer,
      delegatedKey,
      attributes,
    })));
    const signature = nacl.sign.detached(utf8(`${header}.${payload}`), keys.secretKey);
    return { issuer, token: `${header}.${payload}.${b64url(signature)}` };
  },

  // jose imports the issuer's key as an OKP JWK and verifies the token as a JWT under its own alg.
  'jose-verify': async ({ token, issuer }) => {
    const { alg } = jose.decodeProtectedHeader(token);
    const key = await jose.importJWK({ kty: 'OKP', crv: 'Ed25519', x: b64url(bs58.decode(issuer)) }, alg);
    const { payload, protectedHeader } = await jose.jwtVerify(token, key, { algorithms: [alg] });
    return { protectedHeader, payload };
  },

  // jose signs a token of its own with the wallet's key (seed and public key as an OKP JWK).
  'jose-sign': async ({ seed, alg, payload }) => {
    const keys = nacl.sign.keyPair.fromSeed(Buffer.from(seed, 'hex'));
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: b64url(keys.publicKey), d: b64url(Buffer.from(seed, 'hex')) };
    const key = await jose.importJWK(jwk, alg);
    const token = await new jose.CompactSign(utf8(JSON.stringify(payload)))
      .setProtectedHeader({ alg, typ: 'JWT' })
      .sign(key);
    return { token };
  },

  // An app in JavaScript calls the API: jose signs an RFC 9449 DPoP proof with the delegated key (its public key as
  // the header's OKP jwk; htm, htu, iat, jti, ath) and node's fetch sends it with the token.
  'jose-dpop-fetch': async ({ seed, alg, method, url, token }) => {
    const keys = nacl.sign.keyPair.fromSeed(Buffer.from(seed, 'hex'));
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: b64url(keys.publicKey) };
    const key = await jose.importJWK({ ...jwk, d: b64url(Buffer.from(seed, 'hex')) }, alg);
    const ath = b64url(createHash('sha256').update(token, 'ascii').digest());
    const proof = await new jose.SignJWT({ htm: method, htu: url, ath, jti: crypto.randomUUID() })
      .setProtectedHeader({ alg, typ: 'dpop+jwt', jwk })
      .setIssuedAt()
      .sign(key);
    const response = await fetch(url, { method, headers: { authorization: `DPoP ${token}`, dpop: proof } });
    return { status: response.status, body: await response.text() };
  },

  // jose verifies a DPoP proof as a resource server would: the key embedded in its header, typ dpop+jwt, and the
  // ath it works out itself from the token.
  'jose-dpop-verify': async ({ proof, token }) => {
    const { alg } = jose.decodeProtectedHeader(proof);
    const { payload, protectedHeader } = await jose.jwtVerify(proof, jose.EmbeddedJWK,
      { typ: 'dpop+jwt', algorithms: [alg] });
    const ath = b64url(createHash('sha256').update(token, 'ascii').digest());
    return { protectedHeader, payload, athMatches: payload.ath === ath };
  },

  // The raw check a wallet or app would do: Ed25519 over "header.payload" with the base58 key.
  'nacl-verify': ({ token, issuer }) => {
    const [header, payload, signature] = token.split('.');
    const valid = nacl.sign.detached.verify(utf8(`${header}.${payload}`),
      new Uint8Array(Buffer.from(signature, 'base64url')), bs58.decode(issuer));
    return { valid };
  },

  // bs58 encodes byte arrays (hex) and decodes texts, to compare with our Base58.
  'bs58': ({ hex, texts }) => ({
    encoded: hex.map((h) => bs58.encode(Buffer.from(h, 'hex'))),
    decoded: texts.map((t) => Buffer.from(bs58.decode(t)).toString('hex')),
  }),
};

const name = process.argv[2];
const command = commands[name];
if (!command) {
  process.stderr.write(`unknown command: ${name}; known: ${Object.keys(commands).join(', ')}\n`);
  process.exit(2);
}
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
try {
  const answer = await command(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  process.stdout.write(JSON.stringify(answer));
} catch (e) {
  process.stderr.write(`${name}: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
}

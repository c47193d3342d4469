'use strict';
// Runs real third-party libraries against Turnpike's bytes. One command per call:
//   node interop.js <command>   with a JSON request on stdin, a JSON answer on stdout.
// A library that rejects our input throws; the error goes to stderr and the exit code is 1,
// so the Java test that drives this script sees the library's own message.
const bolt11 = require('bolt11');
const macaroon = require('macaroon');
const { Lsat, Identifier } = require('lsat-js');
const { fetchWithL402 } = require('@getalby/lightning-tools/402/l402');

const hex = (bytes) => Buffer.from(bytes).toString('hex');

const commands = {
  // bolt11 decodes our invoice and recovers the payee key from the signature.
  'bolt11-decode': ({ invoice }) => {
    const d = bolt11.decode(invoice);
    const tag = (name) => {
      const t = d.tags.find((x) => x.tagName === name);
      return t === undefined ? null : t.data;
    };
    return {
      network: d.network.bech32,
      millisatoshis: d.millisatoshis,
      timestamp: d.timestamp,
      payeeNodeKey: d.payeeNodeKey,
      signature: d.signature,
      recoveryFlag: d.recoveryFlag,
      paymentHash: tag('payment_hash'),
      paymentSecret: tag('payment_secret'),
      description: tag('description'),
      expireTime: tag('expire_time'),
      minFinalCltvExpiry: tag('min_final_cltv_expiry'),
    };
  },

  // macaroon imports our V2 bytes, verifies the HMAC chain with the root key, and exports
  // the same bytes again.
  'macaroon-verify': ({ macaroon: b64, rootKey }) => {
    const m = macaroon.importMacaroon(b64);
    const seen = [];
    m.verify(Buffer.from(rootKey, 'hex'), (caveat) => {
      seen.push(Buffer.from(caveat).toString('utf8'));
      return null; // accept every first-party caveat: only the signature chain is under test
    });
    return {
      version: m._version, // no public getter; 2 means the V2 binary format was read
      location: m.location,
      identifier: hex(m.identifier),
      signature: hex(m.signature),
      caveats: seen,
      exported: Buffer.from(m.exportBinary()).toString('base64'),
    };
  },

  // macaroon mints a V2 macaroon of its own, for our decoder and verifier to accept.
  'macaroon-new': ({ identifier, location, rootKey, caveats }) => {
    const m = macaroon.newMacaroon({
      identifier: Buffer.from(identifier, 'hex'),
      location,
      rootKey: Buffer.from(rootKey, 'hex'),
      version: 2,
    });
    for (const c of caveats) m.addFirstPartyCaveat(c);
    return { macaroon: Buffer.from(m.exportBinary()).toString('base64') };
  },

  // lsat-js parses our WWW-Authenticate challenge, checks that invoice and macaroon belong
  // together, takes the preimage (it checks its hash) and builds the Authorization token.
  'lsat-token': ({ challenge, preimage }) => {
    const lsat = Lsat.fromHeader(challenge);
    const id = Identifier.fromString(lsat.id);
    if (hex(id.paymentHash) !== lsat.paymentHash) {
      throw new Error(`macaroon payment hash ${hex(id.paymentHash)} != invoice payment hash ${lsat.paymentHash}`);
    }
    lsat.setPreimage(preimage);
    return {
      paymentHash: lsat.paymentHash,
      tokenId: hex(id.tokenId),
      invoiceAmountSats: lsat.invoiceAmount,
      satisfied: lsat.isSatisfied(),
      token: lsat.toToken(),
    };
  },

  // Alby's fetchWithL402 against a running gateway, paying through the dev wallet API; then a
  // second request with the credential it returned, which must not pay again.
  'alby-fetch': async ({ url, wallet }) => {
    const payer = devWallet(wallet);
    const first = await fetchWithL402(url, {}, { wallet: payer });
    const firstBody = await first.text();
    const second = await fetchWithL402(url, {}, { wallet: payer, credentials: first.payment.credentials });
    return {
      status: first.status,
      body: firstBody,
      paid: first.payment.paid,
      amountSat: first.payment.amountSat,
      secondStatus: second.status,
      secondPaid: Boolean(second.payment && second.payment.paid),
      payments: payer.payments,
    };
  },

  // lsat-js has no HTTP client: node's fetch gets the 402, lsat-js reads the challenge and builds
  // the token after the dev wallet paid, and the retry carries it.
  'lsat-js-fetch': async ({ url, wallet }) => {
    const challenged = await fetch(url);
    const header = challenged.headers.get('www-authenticate'); // LSAT and L402 values, comma-joined
    const lsat = Lsat.fromHeader(header);
    const { preimage } = await devWallet(wallet).payInvoice({ invoice: lsat.invoice });
    lsat.setPreimage(preimage);
    const paid = await fetch(url, { headers: { Authorization: lsat.toToken() } });
    return { challengeStatus: challenged.status, status: paid.status, body: await paid.text() };
  },
};

// A WebLN-style wallet over the LNbits wallet API that the gateway serves for its dev wallets.
function devWallet({ base, key }) {
  const wallet = {
    payments: 0,
    async payInvoice({ invoice }) {
      const res = await fetch(`${base}/api/v1/payments`, {
        method: 'POST',
        headers: { 'X-Api-Key': key, 'Content-Type': 'application/json' },
        body: JSON.stringify({ out: true, bolt11: invoice }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(`dev wallet refused the payment (${res.status}): ${JSON.stringify(body)}`);
      wallet.payments += 1;
      return { preimage: body.preimage };
    },
  };
  return wallet;
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

(async () => {
  const name = process.argv[2];
  const command = commands[name];
  if (!command) {
    process.stderr.write(`unknown command: ${name}; known: ${Object.keys(commands).join(', ')}\n`);
    process.exit(2);
  }
  try {
    const answer = await command(JSON.parse(await readStdin()));
    process.stdout.write(JSON.stringify(answer));
  } catch (e) {
    process.stderr.write(`${name}: ${e && e.message ? e.message : e}\n`);
    process.exit(1);
  }
})();

// Input: a JSON array of {url, method, body, secret, iat, exp, tenantIdentifier, alg?}. Output: the
// array of tokens signed the way Crystallize's client tests sign them (jose SignJWT, HS256), with the
// hmac claim computed in JavaScript from JSON.stringify({url, method, body: JSON.parse(body)}).
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { readStdinJson, writeStdoutJson } from './read-stdin.mjs';

const cases = await readStdinJson();
const tokens = [];
for (const { url, method, body, secret, iat, exp, tenantIdentifier } of cases) {
    const challenge = JSON.stringify({ url, method, body: body ? JSON.parse(body) : null });
    const hmac = createHash('sha256').update(challenge, 'utf8').digest('hex');
    tokens.push(
        await new SignJWT({
            aud: 'webhook',
            sub: 'signature',
            iss: 'crystallize',
            userId: 'user-1',
            tenantId: 'tenant-1',
            tenantIdentifier,
            hmac,
        })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuedAt(iat)
            .setExpirationTime(exp)
            .sign(new TextEncoder().encode(secret)),
    );
}
writeStdoutJson(tokens);

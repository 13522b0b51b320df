// Input: a JSON array of {token, url, method, body, secret}. Output: for each case
// {valid: true, tenantIdentifier} or {valid: false, error}, as Crystallize's own verifier decides.
import { createSignatureVerifier } from '@crystallize/js-api-client';
import { readStdinJson, writeStdoutJson } from './read-stdin.mjs';

const cases = await readStdinJson();
const results = [];
for (const { token, url, method, body, secret } of cases) {
    try {
        const claims = await createSignatureVerifier({ secret })(token, { url, method, body });
        results.push({ valid: true, tenantIdentifier: claims.tenantIdentifier ?? null });
    } catch (error) {
        results.push({ valid: false, error: error instanceof Error ? error.message : String(error) });
    }
}
writeStdoutJson(results);

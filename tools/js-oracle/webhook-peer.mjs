// The ingest bench's peer: a plain Node.js HTTP server that does what a JavaScript receiver of
// Crystallize webhooks does with Crystallize's own client: reads the body, verifies
// X-Crystallize-Signature with createSignatureVerifier and answers 202 (401 when it does not verify).
// Input on stdin: {secret, path}. Writes {port} on stdout once it listens on 127.0.0.1 (a free port);
// runs until the process is killed.
import http from 'node:http';
import { createSignatureVerifier } from '@crystallize/js-api-client';
import { readStdinJson } from './read-stdin.mjs';

const { secret, path } = await readStdinJson();
const verify = createSignatureVerifier({ secret });

const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
        if (req.method !== 'POST' || req.url !== path) {
            res.writeHead(404).end();
            return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        const url = `http://127.0.0.1:${server.address().port}${req.url}`;
        try {
            await verify(req.headers['x-crystallize-signature'] ?? '', { url, method: 'POST', body });
            res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
        } catch {
            res.writeHead(401).end();
        }
    });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));

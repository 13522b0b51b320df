// Every oracle script takes one JSON document on stdin, so a test makes one process call per batch.
export async function readStdinJson() {
    const chunks = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function writeStdoutJson(value) {
    process.stdout.write(JSON.stringify(value));
}

// Input: a JSON array of raw JSON texts. Output: the array of JSON.stringify(JSON.parse(text)),
// with null where JSON.parse throws. This is V8's own answer for the C# canonicaliser.
import { readStdinJson, writeStdoutJson } from './read-stdin.mjs';

const texts = await readStdinJson();
writeStdoutJson(
    texts.map((text) => {
        try {
            return JSON.stringify(JSON.parse(text));
        } catch {
            return null;
        }
    }),
);

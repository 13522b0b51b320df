// Input: {baseUrl, tenantIdentifier, accessTokenId, accessTokenSecret, steps: [...]}, where a step is
//   {op: "update", order: {id, meta: [{key, value}]}}              -> createOrderManager(client).update
//   {op: "putInPipelineStage", id, pipelineId, stageId}             -> createOrderManager(client).putInPipelineStage
//   {op: "pageByCustomer", customerIdentifier, first, filter?}      -> createOrderFetcher(client).byCustomerIdentifier,
//                                                                      following pageInfo.endCursor to the last page
//   {op: "nextPimApi", query, variables?}                            -> client.nextPimApi (the Core API caller)
// Output: {results: [one per step: {value} or {error, code}], requests: [{url, query, variables}]}.
// The client always calls https://api.crystallize.com/@{tenant}; fetch is redirected to baseUrl, so the
// client's own queries, headers and parsing run unchanged against the emulator.
import { createClient, createOrderFetcher, createOrderManager } from '@crystallize/js-api-client';
import { readStdinJson, writeStdoutJson } from './read-stdin.mjs';

const input = await readStdinJson();
const crystallizeApi = 'https://api.crystallize.com/';
const requests = [];
const realFetch = globalThis.fetch;
globalThis.fetch = (url, init) => {
    const target = String(url);
    if (!target.startsWith(crystallizeApi)) {
        throw new Error(`Unexpected call to ${target}`);
    }
    const { query, variables } = JSON.parse(init.body);
    requests.push({ url: target, query, variables: variables ?? null });
    return realFetch(new URL(target.substring(crystallizeApi.length), input.baseUrl), init);
};

const client = createClient({
    tenantIdentifier: input.tenantIdentifier,
    accessTokenId: input.accessTokenId,
    accessTokenSecret: input.accessTokenSecret,
});
const manager = createOrderManager(client);
const fetcher = createOrderFetcher(client);

async function pageByCustomer({ customerIdentifier, first, filter }) {
    const pages = [];
    let after;
    do {
        // json-to-graphql-query writes an undefined value as the name `undefined`, so leave keys out instead.
        const page = await fetcher.byCustomerIdentifier(customerIdentifier, {
            first,
            ...(after ? { after } : {}),
            ...(filter ? { filter } : {}),
        });
        pages.push({ orders: page.orders, pageInfo: page.pageInfo });
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after && pages.length < 1000);
    return pages;
}

const results = [];
for (const step of input.steps) {
    try {
        switch (step.op) {
            case 'update':
                results.push({ value: await manager.update(step.order) });
                break;
            case 'putInPipelineStage':
                results.push({ value: await manager.putInPipelineStage(step) });
                break;
            case 'pageByCustomer':
                results.push({ value: await pageByCustomer(step) });
                break;
            case 'nextPimApi':
                results.push({ value: await client.nextPimApi(step.query, step.variables) });
                break;
            default:
                throw new Error(`Unknown step ${step.op}`);
        }
    } catch (error) {
        results.push({ error: error instanceof Error ? error.message : String(error), code: error?.code ?? null });
    }
}
client.close?.();
writeStdoutJson({ results, requests });
